"""What tells a reader that the project changed: a mark read in one cheap query, the commits
of this process counted as they happen, and each text's identity without reading the text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, event, func, select
from sqlalchemy.engine import Engine

from stemmen.store.schema import audit_log, codings, documents

_MARK = select(
    select(func.max(audit_log.c.id)).scalar_subquery(),
    select(func.max(codings.c.id)).scalar_subquery(),
    select(func.max(documents.c.id)).scalar_subquery(),
)


def change_mark(conn: Connection) -> tuple[Any, ...]:
    """The newest audit entry, coding and document (each an index lookup): every action of
    the project writes an audit entry, so a change by another program moves this mark."""
    return tuple(conn.execute(_MARK).one())


def watch_commits(engine: Engine, callback: Callable[[], None]) -> None:
    """Call ``callback`` after every commit made through ``engine`` (this process's writes,
    journaled or not)."""

    def committed(_conn: Any) -> None:
        callback()

    event.listen(engine, "commit", committed)


def text_keys(conn: Connection) -> dict[int, tuple[str, int]]:
    """Document id → (guid, length): who a text is, without reading it."""
    query = select(documents.c.id, documents.c.guid, documents.c.length)
    return {doc_id: (guid, length) for doc_id, guid, length in conn.execute(query)}
