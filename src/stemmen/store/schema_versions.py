"""Versions of a document's text and the state of codings after an edit; migration 0008.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.

- ``text_versions``: every text a document has had, numbered from 1 (the imported text is
  written as version 1 on the first edit), with who, when and why.
- ``text_reviews``: a coding or a memo whose words an edit changed (``flagged``) or deleted
  (``detached``), until a coder decides; ``made_on`` is the version whose words it was made
  on, ``quote`` those words and ``old_start``/``old_end`` where they were. A coding without
  a row here is on the document's current text.
- ``version_anchors``: where every coding and memo was (and its review state) when a version
  was left, so that restoring that version puts each one back exactly.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from stemmen.store.schema import UTCDateTime, metadata


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _fk(name: str, target: str, nullable: bool = True) -> Column:
    return Column(name, Integer, ForeignKey(f"{target}.id", ondelete="CASCADE"),
                  nullable=nullable)


text_versions = Table(
    "text_versions", metadata, _id(),
    _fk("document_id", "documents", nullable=False),
    Column("number", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("length", Integer, nullable=False),
    Column("author", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("kind", String(20), nullable=False, default="edit"),
    UniqueConstraint("document_id", "number", name="document_number"),
)

text_reviews = Table(
    "text_reviews", metadata, _id(),
    _fk("document_id", "documents", nullable=False),
    _fk("coding_id", "codings"),
    _fk("memo_id", "memos"),
    Column("state", String(10), nullable=False),
    Column("made_on", Integer, nullable=False),
    Column("since", Integer, nullable=False),
    Column("old_start", Integer, nullable=False),
    Column("old_end", Integer, nullable=False),
    Column("quote", Text, nullable=False, default=""),
    CheckConstraint("state IN ('flagged', 'detached')", name="state_known"),
    CheckConstraint("(coding_id IS NULL) <> (memo_id IS NULL)", name="one_anchor"),
)
Index("ix_text_reviews_document", text_reviews.c.document_id)
Index("ix_text_reviews_coding", text_reviews.c.coding_id, unique=True)
Index("ix_text_reviews_memo", text_reviews.c.memo_id, unique=True)

version_anchors = Table(
    "version_anchors", metadata,
    _fk("version_id", "text_versions", nullable=False),
    _fk("coding_id", "codings"),
    _fk("memo_id", "memos"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("state", String(10), nullable=True),
    Column("made_on", Integer, nullable=True),
    Column("since", Integer, nullable=True),
    Column("old_start", Integer, nullable=True),
    Column("old_end", Integer, nullable=True),
    Column("quote", Text, nullable=True),
)
Index("ix_version_anchors_version", version_anchors.c.version_id)
Index("ix_version_anchors_coding", version_anchors.c.coding_id)
Index("ix_version_anchors_memo", version_anchors.c.memo_id)
