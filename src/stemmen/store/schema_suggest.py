"""Cached unit vectors for code suggestions; migration 0015.

``suggest_embeddings`` keeps, per document, embedder and kind of unit (``p`` paragraphs, ``t``
speaker turns), the vectors of its units as one little-endian float32 matrix (``count`` rows
of ``dim``), keyed by the fingerprint of the text and the unit spans
(:func:`stemmen.store.units.fingerprint`): when a text or its units change, the fingerprint
does too and the vectors are computed again. A cache only: deleting rows loses nothing.
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

suggest_embeddings = Table(
    "suggest_embeddings", metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("embedder", String(100), nullable=False),
    Column("kind", String(1), nullable=False),
    Column("fingerprint", String(32), nullable=False),
    Column("count", Integer, nullable=False),
    Column("dim", Integer, nullable=False),
    Column("vectors", LargeBinary, nullable=False),
    PrimaryKeyConstraint("document_id", "embedder", "kind", name="pk_suggest_embeddings"),
)
