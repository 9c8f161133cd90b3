"""The tables of a Stemmen project (SQLAlchemy Core). Migrations in ``migrations/`` build them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment stored in UTC and read back aware, in UTC, on every database.

    A naive value given to it is taken as UTC; an aware one is converted. SQLite keeps the
    UTC wall time as text (the format SQLAlchemy has always written there, so no migration),
    PostgreSQL a ``timestamp with time zone``; both read back as aware UTC datetimes.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"A timestamp must be a datetime, not {type(value).__name__}.")
        utc = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite: the UTC wall time
            return value.replace(tzinfo=dt.UTC)
        return value if value.tzinfo is dt.UTC else value.astimezone(dt.UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        """On SQLite, the stored text parsed straight to an aware datetime (a sixth of the
        cost of SQLAlchemy's parser followed by :meth:`process_result_value`)."""
        general = super().result_processor(dialect, coltype)
        if dialect.name != "sqlite" or general is None:
            return general
        parse = dt.datetime.fromisoformat

        def process(value: Any) -> dt.datetime | None:
            if value is None:
                return None
            try:
                return parse(value + "+00:00")
            except (TypeError, ValueError):  # not the text SQLAlchemy writes
                return general(value)

        return process


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _fk(name: str, target: str, nullable: bool = True, ondelete: str = "CASCADE") -> Column:
    return Column(name, Integer, ForeignKey(f"{target}.id", ondelete=ondelete), nullable=nullable)


settings = Table(
    "settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

coders = Table(
    "coders", metadata, _id(),
    Column("name", String(200), nullable=False, unique=True),
    Column("guid", String(36), nullable=False),
)

attributes = Table(
    "attributes", metadata, _id(),
    Column("name", String(200), nullable=False),
    Column("type", String(20), nullable=False),
    Column("choices", Text, nullable=False, default="[]"),
    Column("applies_to", String(20), nullable=False),
    Column("description", Text, nullable=False, default=""),
    UniqueConstraint("name", "applies_to", name="name_applies_to"),
)

cases = Table(
    "cases", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("name", String(300), nullable=False, unique=True),
    Column("description", Text, nullable=False, default=""),
)

case_values = Table(
    "case_values", metadata,
    _fk("case_id", "cases", nullable=False),
    _fk("attribute_id", "attributes", nullable=False),
    Column("value", Text),
    UniqueConstraint("case_id", "attribute_id", name="case_attribute"),
)

documents = Table(
    "documents", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("name", String(300), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("length", Integer, nullable=False),
    _fk("case_id", "cases", ondelete="SET NULL"),
    Column("source_format", String(20), nullable=False, default="txt"),
    Column("source_path", Text, nullable=False, default=""),
    Column("imported_at", UTCDateTime(), nullable=False),
)

document_values = Table(
    "document_values", metadata,
    _fk("document_id", "documents", nullable=False),
    _fk("attribute_id", "attributes", nullable=False),
    Column("value", Text),
    UniqueConstraint("document_id", "attribute_id", name="document_attribute"),
)

participants = Table(
    "participants", metadata, _id(),
    Column("pseudonym", String(200), nullable=False, unique=True),
    _fk("case_id", "cases", ondelete="SET NULL"),
    Column("demographics", Text, nullable=False, default="{}"),
)

participant_documents = Table(
    "participant_documents", metadata,
    _fk("participant_id", "participants", nullable=False),
    _fk("document_id", "documents", nullable=False),
    Column("speaker", String(200)),  # migration 0005: the label of their turns in the text
    UniqueConstraint("participant_id", "document_id", name="participant_document"),
)

categories = Table(
    "categories", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("name", String(300), nullable=False, unique=True),
    Column("description", Text, nullable=False, default=""),
    _fk("parent_id", "categories", ondelete="SET NULL"),
    Column("position", Integer, nullable=False, default=0),
)

codes = Table(
    "codes", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("name", String(300), nullable=False, unique=True),
    _fk("category_id", "categories", ondelete="SET NULL"),
    Column("definition", Text, nullable=False, default=""),
    Column("colour", String(7), nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    # migration 0005: codes nest under codes (any depth), definitions carry criteria
    _fk("parent_id", "codes", ondelete="SET NULL"),
    Column("inclusion", Text, nullable=False, default="", server_default=""),
    Column("exclusion", Text, nullable=False, default="", server_default=""),
    Column("example", Text, nullable=False, default="", server_default=""),
    # migration 0011: raised by every edit, checked by the next (optimistic concurrency)
    Column("version", Integer, nullable=False, default=1, server_default="1"),
)

codings = Table(
    "codings", metadata, _id(),
    Column("guid", String(36), nullable=False),
    _fk("document_id", "documents", nullable=False),
    _fk("code_id", "codes", nullable=False),
    _fk("coder_id", "coders", nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    CheckConstraint('"start" >= 0', name="start_not_negative"),
    CheckConstraint('"start" < "end"', name="start_before_end"),
)

memos = Table(
    "memos", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("title", String(300), nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False, default=""),
    _fk("document_id", "documents"),
    Column("start", Integer),
    Column("end", Integer),
    _fk("code_id", "codes"),
    Column("created_at", UTCDateTime(), nullable=False),
)

code_sets = Table(
    "code_sets", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("name", String(300), nullable=False, unique=True),
    Column("description", Text, nullable=False, default=""),
)

set_members = Table(
    "set_members", metadata,
    _fk("set_id", "code_sets", nullable=False),
    _fk("document_id", "documents"),
    _fk("code_id", "codes"),
)

external_files = Table(
    "external_files", metadata, _id(),
    Column("guid", String(36), nullable=False),
    Column("name", String(300), nullable=False),
    Column("path", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("selections", Integer, nullable=False, default=0),
)

codebook_history = Table(
    "codebook_history", metadata, _id(),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("details", Text, nullable=False),
)

saved_queries = Table(  # migration 0005: a query's kind and parameters, to re-run by name
    "saved_queries", metadata, _id(),
    Column("name", String(300), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("params", Text, nullable=False, default="{}"),
    Column("author", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
)

audit_log = Table(
    "audit_log", metadata, _id(),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False),
    Column("details", Text, nullable=False),
)

# Covering (migration 0004): a code's distinct spans and coders, a document's spans.
Index("ix_codings_code_document", codings.c.code_id, codings.c.document_id, codings.c.start,
      codings.c.end, codings.c.coder_id)
Index("ix_codings_document_start", codings.c.document_id, codings.c.start, codings.c.end)
Index("ix_documents_case", documents.c.case_id)
Index("ix_document_values_attribute", document_values.c.attribute_id, document_values.c.value)

# migration 0006: code suggestions. A trained model (joblib bytes of a scikit-learn pipeline,
# loaded only from the project's own database) with its trust report (JSON), and suggestions
# on paragraphs, pending until a person accepts or rejects them.
suggestion_models = Table(
    "suggestion_models", metadata, _id(),
    Column("coder", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("report", Text, nullable=False),
    Column("model", LargeBinary, nullable=False),
)

suggestions = Table(
    "suggestions", metadata, _id(),
    _fk("model_id", "suggestion_models", nullable=False),
    _fk("document_id", "documents", nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    _fk("code_id", "codes", nullable=False),
    Column("probability", Float, nullable=False),
    Column("state", String(10), nullable=False, default="pending"),
    Column("decided_by", String(200), nullable=True),
    Column("decided_at", UTCDateTime(), nullable=True),
    _fk("coding_id", "codings", ondelete="SET NULL"),
    CheckConstraint("state IN ('pending', 'accepted', 'rejected')", name="state_known"),
)
Index("ix_suggestions_document_state", suggestions.c.document_id, suggestions.c.state)
