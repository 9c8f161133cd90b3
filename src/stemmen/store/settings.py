"""Project settings: text values by key in the ``settings`` table (absent: the default)."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from stemmen.store.prepared import Prepared
from stemmen.store.schema import settings

_ALL = Prepared(select(settings.c.key, settings.c.value))


def read_all(conn: Connection) -> dict[str, str]:
    """Every setting the project holds, by key (one small query)."""
    return dict(_ALL.all(conn, {}))


def write(conn: Connection, key: str, value: str) -> None:
    """Set ``key`` to ``value``, adding it or replacing what it was."""
    changed = conn.execute(update(settings).where(settings.c.key == bindparam("k"))
                           .values(value=bindparam("v")), {"k": key, "v": value}).rowcount
    if not changed:
        conn.execute(insert(settings).values(key=key, value=value))


def remove(conn: Connection, key: str) -> bool:
    """Forget ``key`` (its default applies again); True if it was set."""
    return bool(conn.execute(delete(settings).where(settings.c.key == key)).rowcount)
