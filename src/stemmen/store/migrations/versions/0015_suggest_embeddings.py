"""Cached unit vectors for code suggestions (suggest_embeddings).

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggest_embeddings",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("embedder", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vectors", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_suggest_embeddings_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "embedder", "kind",
                                name="pk_suggest_embeddings"),
    )


def downgrade() -> None:
    op.drop_table("suggest_embeddings")
