"""Codes nest under codes (codes.parent_id) and carry inclusion and exclusion criteria and an
example; a participant's link to a document names their speaker label; queries can be saved.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CRITERIA = ("inclusion", "exclusion", "example")


def upgrade() -> None:
    with op.batch_alter_table("codes") as batch:
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        for name in CRITERIA:
            batch.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
        batch.create_foreign_key(op.f("fk_codes_parent_id_codes"), "codes", ["parent_id"],
                                 ["id"], ondelete="SET NULL")
    with op.batch_alter_table("participant_documents") as batch:
        batch.add_column(sa.Column("speaker", sa.String(length=200), nullable=True))
    op.create_table(
        "saved_queries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_queries")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_queries_name")),
    )


def downgrade() -> None:
    op.drop_table("saved_queries")
    with op.batch_alter_table("participant_documents") as batch:
        batch.drop_column("speaker")
    with op.batch_alter_table("codes") as batch:
        batch.drop_constraint(op.f("fk_codes_parent_id_codes"), type_="foreignkey")
        batch.drop_column("parent_id")
        for name in CRITERIA:
            batch.drop_column(name)
