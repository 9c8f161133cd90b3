"""Tables of the analysis: findings, the codings that back them, and quotes chosen for reports.

Defined on the same ``metadata`` as :mod:`stemmen.store.schema`; migration 0003 creates them.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from stemmen.store.schema import UTCDateTime, metadata


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


findings = Table(
    "findings", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("statement", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("level", String(100), nullable=False, default=""),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=True),
    Column("description", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    Column("author", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
)

finding_evidence = Table(
    "finding_evidence", metadata, _id(),
    Column("finding_id", Integer, ForeignKey("findings.id", ondelete="CASCADE"), nullable=False),
    Column("coding_id", Integer, ForeignKey("codings.id", ondelete="CASCADE"), nullable=False),
)

quotes = Table(
    "quotes", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("coding_id", Integer, ForeignKey("codings.id", ondelete="CASCADE"), nullable=False,
           unique=True),
    Column("finding_id", Integer, ForeignKey("findings.id", ondelete="SET NULL"), nullable=True),
    Column("text", Text, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    Column("author", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
)

Index("ix_finding_evidence_link", finding_evidence.c.finding_id, finding_evidence.c.coding_id,
      unique=True)
Index("ix_finding_evidence_coding", finding_evidence.c.coding_id)
Index("ix_findings_case", findings.c.case_id)
Index("ix_quotes_finding", quotes.c.finding_id)
