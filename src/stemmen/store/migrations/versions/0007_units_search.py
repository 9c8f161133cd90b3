"""Stored text units and the full-text index.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from stemmen.store import fulltext
    from stemmen.store.units import refresh_units

    op.create_table(
        "text_units",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("spans", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_text_units_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "kind", name="pk_text_units"),
    )
    conn = op.get_bind()
    fulltext.create(conn)
    docs = sa.table("documents", sa.column("id", sa.Integer), sa.column("text", sa.Text))
    ids = [row.id for row in conn.execute(sa.select(docs.c.id).order_by(docs.c.id))]
    for doc_id in ids:  # one text at a time: a large project is never read whole
        text = conn.execute(sa.select(docs.c.text).where(docs.c.id == doc_id)).scalar_one()
        refresh_units(conn, doc_id, text)


def downgrade() -> None:
    from stemmen.store import fulltext

    fulltext.drop(op.get_bind())
    op.drop_table("text_units")
