"""Blind double-coding rounds; migration 0011.

A round names documents and coders; while it is open, each of its coders sees only their own
codings in its documents. Coders are kept by name (a coder named in a round may not have
coded yet). Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, String, Table, UniqueConstraint

from stemmen.store.schema import UTCDateTime, metadata

rounds = Table(
    "rounds", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("state", String(10), nullable=False, default="open"),
    Column("opened_at", UTCDateTime(), nullable=False),
    Column("opened_by", String(200), nullable=False),
    Column("closed_at", UTCDateTime(), nullable=True),
    Column("closed_by", String(200), nullable=True),
    CheckConstraint("state IN ('open', 'closed')", name="state_known"),
)

round_documents = Table(
    "round_documents", metadata,
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    UniqueConstraint("round_id", "document_id", name="round_document"),
)

round_coders = Table(
    "round_coders", metadata,
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("coder", String(200), nullable=False),
    UniqueConstraint("round_id", "coder", name="round_coder"),
)
