"""The study around the coding: sampling plan, guides, fieldwork, consent, codebook versions.

Migration 0013 creates them.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from stemmen.store.schema import UTCDateTime, metadata


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


codebook_versions = Table(
    "codebook_versions", metadata, _id(),
    Column("name", String(200), nullable=False, unique=True),
    Column("note", Text, nullable=False, default=""),
    Column("actor", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    # the last codebook_history entry the version includes (0: none yet)
    Column("history_id", Integer, nullable=False, default=0),
    Column("content", Text, nullable=False),  # JSON: categories and codes as they were
)

sampling_plans = Table(
    "sampling_plans", metadata, _id(),
    Column("source", String(400), nullable=False, default=""),
    Column("actor", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("content", Text, nullable=False),  # JSON of the plan; the newest row holds
)

planned_interviews = Table(
    "planned_interviews", metadata, _id(),
    Column("name", String(200), nullable=False, unique=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="SET NULL"), nullable=True),
    Column("type", String(200), nullable=False, default=""),
    Column("wave", String(50), nullable=False, default=""),
    Column("date", Date, nullable=True),
    Column("participants", Text, nullable=False, default="[]"),  # JSON: planned pseudonyms
    # the document that holds it once held (None: matched by case, type and wave, if any)
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="SET NULL"),
           nullable=True),
    Column("note", Text, nullable=False, default=""),
)

consents = Table(
    "consents", metadata, _id(),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           nullable=False, unique=True),
    Column("given_on", Date, nullable=True),
    Column("form_version", String(100), nullable=False, default=""),
    Column("withdrawn_on", Date, nullable=True),
    Column("note", Text, nullable=False, default=""),
)

topic_guides = Table(
    "topic_guides", metadata, _id(),
    Column("type", String(200), nullable=False),
    Column("wave", String(50), nullable=False),
    Column("version", Integer, nullable=False),
    Column("derived_from_id", Integer, ForeignKey("topic_guides.id", ondelete="SET NULL"),
           nullable=True),
    Column("source", String(400), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("actor", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("content", Text, nullable=False),  # JSON: the topics
    UniqueConstraint("type", "wave", "version", name="guide_version"),
)
