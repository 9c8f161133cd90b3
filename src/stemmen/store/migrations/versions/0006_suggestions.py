"""Code suggestions: trained models with their trust report, and suggestions on paragraphs.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestion_models",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("coder", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("model", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_models")),
    )
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("coding_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'accepted', 'rejected')",
                           name=op.f("ck_suggestions_state_known")),
        sa.ForeignKeyConstraint(["model_id"], ["suggestion_models.id"],
                                name=op.f("fk_suggestions_model_id_suggestion_models"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_suggestions_document_id_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["code_id"], ["codes.id"],
                                name=op.f("fk_suggestions_code_id_codes"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coding_id"], ["codings.id"],
                                name=op.f("fk_suggestions_coding_id_codings"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestions")),
    )
    op.create_index("ix_suggestions_document_state", "suggestions", ["document_id", "state"])


def downgrade() -> None:
    op.drop_index("ix_suggestions_document_state", table_name="suggestions")
    op.drop_table("suggestions")
    op.drop_table("suggestion_models")
