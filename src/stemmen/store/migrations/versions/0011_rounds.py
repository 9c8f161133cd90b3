"""Blind double-coding rounds (rounds, their documents and coders), and a version on codes
for optimistic concurrency of codebook edits.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=200), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint("state IN ('open', 'closed')", name=op.f("ck_rounds_state_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("name", name=op.f("uq_rounds_name")),
    )
    op.create_table(
        "round_documents",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"],
                                name=op.f("fk_round_documents_round_id_rounds"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_round_documents_document_id_documents"),
                                ondelete="CASCADE"),
        sa.UniqueConstraint("round_id", "document_id", name="round_document"),
    )
    op.create_table(
        "round_coders",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("coder", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"],
                                name=op.f("fk_round_coders_round_id_rounds"),
                                ondelete="CASCADE"),
        sa.UniqueConstraint("round_id", "coder", name="round_coder"),
    )
    with op.batch_alter_table("codes") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("codes") as batch:
        batch.drop_column("version")
    op.drop_table("round_coders")
    op.drop_table("round_documents")
    op.drop_table("rounds")
