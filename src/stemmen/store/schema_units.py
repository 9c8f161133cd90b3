"""Stored text units (paragraphs, sentences) and the full-text index; migration 0007.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.

``text_units`` keeps each document's paragraphs (kind ``p``) and sentences (kind ``s``) as
code-point spans: one row per document and kind, the spans packed as little-endian 32-bit
(start, end) pairs (a row per sentence made importing a large project 40 times slower), with
how many there are and a fingerprint (what caches key on). They are written whenever a
document's text is written (:func:`stemmen.store.units.refresh_units`). The full-text index
itself (an FTS5 virtual table on SQLite, a table with a ``tsvector`` on PostgreSQL) is created
by migration 0007 in raw SQL and kept out of this metadata: see :mod:`stemmen.store.fulltext`.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
)

from stemmen.store.schema import metadata

text_units = Table(
    "text_units", metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("kind", String(1), nullable=False),
    Column("count", Integer, nullable=False),
    Column("spans", LargeBinary, nullable=False),
    Column("fingerprint", String(32), nullable=False),
    PrimaryKeyConstraint("document_id", "kind", name="pk_text_units"),
)
