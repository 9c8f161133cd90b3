"""The report outline, narrative sections, quote translations and labels.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def _fk(column: str, table: str, owner: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{table}.id"],
                                   name=op.f(f"fk_{owner}_{column}_{table}"), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "case_objectives", _id(),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        _fk("case_id", "cases", "case_objectives"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_objectives")),
    )
    op.create_table(
        "report_sections", _id(),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=100), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("parent_id", "report_sections", "report_sections"),
        _fk("case_id", "cases", "report_sections"),
        _fk("objective_id", "case_objectives", "report_sections", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_sections")),
    )
    op.create_table(
        "report_section_texts", _id(),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=10), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        _fk("section_id", "report_sections", "report_section_texts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_section_texts")),
    )
    op.create_table(
        "report_pins", _id(),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("ref", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _fk("section_id", "report_sections", "report_pins"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_pins")),
    )
    op.create_table(
        "case_descriptions", _id(),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _fk("case_id", "cases", "case_descriptions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_descriptions")),
    )
    op.create_table(
        "quote_translations", _id(),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("translator", sa.String(length=200), nullable=False),
        sa.Column("machine", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("quote_id", "quotes", "quote_translations"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_translations")),
    )
    op.create_table(
        "labels", _id(),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("lang", sa.String(length=10), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labels")),
    )
    op.create_index("ix_report_sections_parent", "report_sections", ["parent_id"])
    op.create_index("ix_report_section_texts_lang", "report_section_texts",
                    ["section_id", "lang"], unique=True)
    op.create_index("ix_report_pins_ref", "report_pins", ["section_id", "kind", "ref"],
                    unique=True)
    op.create_index("ix_case_descriptions_lang", "case_descriptions", ["case_id", "lang"],
                    unique=True)
    op.create_index("ix_case_objectives_name", "case_objectives", ["case_id", "name"],
                    unique=True)
    op.create_index("ix_quote_translations_lang", "quote_translations", ["quote_id", "lang"],
                    unique=True)
    op.create_index("ix_labels_name", "labels", ["kind", "name", "lang"], unique=True)


def downgrade() -> None:
    for index, table in (("ix_labels_name", "labels"),
                         ("ix_quote_translations_lang", "quote_translations"),
                         ("ix_case_objectives_name", "case_objectives"),
                         ("ix_case_descriptions_lang", "case_descriptions"),
                         ("ix_report_pins_ref", "report_pins"),
                         ("ix_report_section_texts_lang", "report_section_texts"),
                         ("ix_report_sections_parent", "report_sections")):
        op.drop_index(index, table_name=table)
    for table in ("labels", "quote_translations", "case_descriptions", "report_pins",
                  "report_section_texts", "report_sections", "case_objectives"):
        op.drop_table(table)
