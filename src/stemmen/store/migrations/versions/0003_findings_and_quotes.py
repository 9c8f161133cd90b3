"""Findings, their evidence (finding ↔ coding) and quotes chosen for reports.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("level", sa.String(length=100), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_findings_case_id_cases"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_table(
        "finding_evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("coding_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["finding_id"], ["findings.id"],
                                name=op.f("fk_finding_evidence_finding_id_findings"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coding_id"], ["codings.id"],
                                name=op.f("fk_finding_evidence_coding_id_codings"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_evidence")),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("coding_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["coding_id"], ["codings.id"],
                                name=op.f("fk_quotes_coding_id_codings"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["finding_id"], ["findings.id"],
                                name=op.f("fk_quotes_finding_id_findings"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
        sa.UniqueConstraint("coding_id", name=op.f("uq_quotes_coding_id")),
    )
    op.create_index("ix_finding_evidence_link", "finding_evidence", ["finding_id", "coding_id"],
                    unique=True)
    op.create_index("ix_finding_evidence_coding", "finding_evidence", ["coding_id"])
    op.create_index("ix_findings_case", "findings", ["case_id"])
    op.create_index("ix_quotes_finding", "quotes", ["finding_id"])


def downgrade() -> None:
    op.drop_index("ix_quotes_finding", "quotes")
    op.drop_index("ix_findings_case", "findings")
    op.drop_index("ix_finding_evidence_coding", "finding_evidence")
    op.drop_index("ix_finding_evidence_link", "finding_evidence")
    op.drop_table("quotes")
    op.drop_table("finding_evidence")
    op.drop_table("findings")
