"""Pseudonymisation: candidates, decisions and the encrypted mapping; migration 0012.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.

- ``privacy_entities``: one person as the project numbers them (``[Naam hulpverlener 2]``):
  role and number; ``key`` (the person's name folded) is cleared once every mention is applied.
- ``privacy_candidates``: an identifier found (or added by hand) in a document, its kind,
  language and decision; ``text`` is cleared when it is applied.
- ``privacy_mappings``: what each apply replaced, as one Fernet token (only the key reads it).
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, String, Table, Text

from stemmen.store.schema import UTCDateTime, metadata


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


privacy_entities = Table(
    "privacy_entities", metadata, _id(),
    Column("key", String(300), nullable=True),
    Column("role", String(100), nullable=True),
    Column("number", Integer, nullable=False),
)

privacy_candidates = Table(
    "privacy_candidates", metadata, _id(),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=True),
    Column("kind", String(20), nullable=False),
    Column("lang", String(5), nullable=False, default="nl"),
    Column("entity_id", Integer, ForeignKey("privacy_entities.id", ondelete="SET NULL"),
           nullable=True),
    Column("label", String(300), nullable=True),
    Column("source", String(20), nullable=False, default="rules"),
    Column("state", String(10), nullable=False, default="pending"),
    Column("decided_by", String(200), nullable=True),
    Column("decided_at", UTCDateTime(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    CheckConstraint("state IN ('pending', 'accepted', 'rejected', 'applied')",
                    name="state_known"),
)

privacy_mappings = Table(
    "privacy_mappings", metadata, _id(),
    Column("actor", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("count", Integer, nullable=False),
    Column("token", Text, nullable=False),
)

Index("ix_privacy_candidates_document_state", privacy_candidates.c.document_id,
      privacy_candidates.c.state)
