"""Timed speaker turns and media linked to documents; migration 0009.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

from stemmen.store.schema import UTCDateTime, metadata

# One row per paragraph of a timed transcript (.vtt, .srt, timed .txt): its code-point span,
# speaker and times in milliseconds (NULL when the file does not give them).
document_turns = Table(
    "document_turns", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker", String(200), nullable=True),
    Column("start_ms", Integer, nullable=True),
    Column("end_ms", Integer, nullable=True),
)

# The audio or video file of a document (at most one): an absolute path when referenced where
# it is, or a file name inside the project's media folder when copied.
document_media = Table(
    "document_media", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("copied", Boolean, nullable=False),
    Column("mime_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("linked_by", String(200), nullable=False, default=""),
    Column("linked_at", UTCDateTime(), nullable=False),
)

Index("ix_document_turns_document", document_turns.c.document_id, document_turns.c.start)
