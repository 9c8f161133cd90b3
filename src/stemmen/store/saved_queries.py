"""Saved queries (table ``saved_queries``, migration 0005): a name, a kind and its parameters.

Parameters are stored as JSON text; names are unique, compared without regard to case so
that "Matrix" and "matrix" cannot both exist.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from stemmen.errors import AlreadyExists, NotFound
from stemmen.store.keys import new_id
from stemmen.store.schema import saved_queries


@dataclass(frozen=True)
class SavedQuery:
    """A query kept under a name, to run again later."""

    name: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    author: str = ""
    created_at: dt.datetime | None = None
    id: int | None = None


def _row(row: Any) -> SavedQuery:
    created = row.created_at
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    return SavedQuery(row.name, row.kind, json.loads(row.params or "{}"), row.author, created,
                      row.id)


def _same_name(name: str) -> Any:
    return func.lower(saved_queries.c.name) == name.lower()


def list_saved(conn: Connection) -> list[SavedQuery]:
    """Every saved query, by name."""
    query = select(saved_queries).order_by(func.lower(saved_queries.c.name), saved_queries.c.id)
    return [_row(r) for r in conn.execute(query)]


def get_saved(conn: Connection, name: str) -> SavedQuery:
    """The saved query of that name (any case), or NotFound."""
    row = conn.execute(select(saved_queries).where(_same_name(name))).first()
    if row is None:
        raise NotFound("There is no saved query {name!r}.", name=name)
    return _row(row)


def add_saved(conn: Connection, query: SavedQuery) -> int:
    """Store a new saved query; AlreadyExists when the name is taken (in any case)."""
    if conn.execute(select(saved_queries.c.id).where(_same_name(query.name))).first():
        raise AlreadyExists("A saved query {name!r} already exists.", name=query.name)
    created = query.created_at or dt.datetime.now(dt.UTC)
    result = conn.execute(insert(saved_queries).values(
        name=query.name, kind=query.kind, author=query.author, created_at=created,
        params=json.dumps(query.params, ensure_ascii=False, sort_keys=True, default=str)))
    return new_id(result)


def delete_saved(conn: Connection, name: str) -> SavedQuery:
    """Remove a saved query and return what it was, or NotFound."""
    found = get_saved(conn, name)
    conn.execute(delete(saved_queries).where(saved_queries.c.id == found.id))
    return found
