"""Versions of a document's text, and codings that follow edits.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "text_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_text_versions_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_versions")),
        sa.UniqueConstraint("document_id", "number",
                            name="document_number"),
    )
    op.create_table(
        "text_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("coding_id", sa.Integer(), nullable=True),
        sa.Column("memo_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("made_on", sa.Integer(), nullable=False),
        sa.Column("since", sa.Integer(), nullable=False),
        sa.Column("old_start", sa.Integer(), nullable=False),
        sa.Column("old_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.CheckConstraint("state IN ('flagged', 'detached')",
                           name=op.f("ck_text_reviews_state_known")),
        sa.CheckConstraint("(coding_id IS NULL) <> (memo_id IS NULL)",
                           name=op.f("ck_text_reviews_one_anchor")),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_text_reviews_document_id_documents")),
        sa.ForeignKeyConstraint(["coding_id"], ["codings.id"], ondelete="CASCADE",
                                name=op.f("fk_text_reviews_coding_id_codings")),
        sa.ForeignKeyConstraint(["memo_id"], ["memos.id"], ondelete="CASCADE",
                                name=op.f("fk_text_reviews_memo_id_memos")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_reviews")),
    )
    op.create_index("ix_text_reviews_document", "text_reviews", ["document_id"])
    op.create_index("ix_text_reviews_coding", "text_reviews", ["coding_id"], unique=True)
    op.create_index("ix_text_reviews_memo", "text_reviews", ["memo_id"], unique=True)
    op.create_table(
        "version_anchors",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("coding_id", sa.Integer(), nullable=True),
        sa.Column("memo_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=True),
        sa.Column("made_on", sa.Integer(), nullable=True),
        sa.Column("since", sa.Integer(), nullable=True),
        sa.Column("old_start", sa.Integer(), nullable=True),
        sa.Column("old_end", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["version_id"], ["text_versions.id"], ondelete="CASCADE",
                                name=op.f("fk_version_anchors_version_id_text_versions")),
        sa.ForeignKeyConstraint(["coding_id"], ["codings.id"], ondelete="CASCADE",
                                name=op.f("fk_version_anchors_coding_id_codings")),
        sa.ForeignKeyConstraint(["memo_id"], ["memos.id"], ondelete="CASCADE",
                                name=op.f("fk_version_anchors_memo_id_memos")),
    )
    op.create_index("ix_version_anchors_version", "version_anchors", ["version_id"])
    op.create_index("ix_version_anchors_coding", "version_anchors", ["coding_id"])
    op.create_index("ix_version_anchors_memo", "version_anchors", ["memo_id"])


def downgrade() -> None:
    op.drop_table("version_anchors")
    op.drop_table("text_reviews")
    op.drop_table("text_versions")
