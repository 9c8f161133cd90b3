"""Statements compiled once and, on SQLite, run straight on the driver (the hot paths)."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql import Executable

Compiled = tuple[str, list[str], dict[str, Callable[[Any], Any]]]


class Prepared:
    """One statement with named bind parameters.

    On SQLite it is compiled once to the driver's SQL and run on the driver connection of the
    same transaction, with every parameter converted by its column type's own bind processor
    (the stored values are the ones SQLAlchemy would store); elsewhere it runs through Core.
    SQLAlchemy's per-statement overhead is most of the cost of a single coding on SQLite.
    """

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._sqlite: Compiled | None = None

    def _compiled(self, conn: Connection) -> Compiled:
        if self._sqlite is None:
            dialect = conn.dialect
            compiled = self.statement.compile(dialect=dialect)
            order = list(compiled.positiontup or [])
            processors = {}
            for name in order:
                kind = compiled.binds[name].type.dialect_impl(dialect)
                convert = kind.bind_processor(dialect)
                if convert is not None:
                    processors[name] = convert
            self._sqlite = (str(compiled), order, processors)
        return self._sqlite

    def _driver(self, conn: Connection, params: dict[str, Any]) -> Any:
        sql, order, processors = self._compiled(conn)
        values = [processors[k](params[k]) if k in processors else params[k] for k in order]
        return conn.connection.driver_connection.execute(sql, values)

    def first(self, conn: Connection, params: dict[str, Any]) -> tuple | None:
        """The first row, as a tuple, or None."""
        if conn.dialect.name == "sqlite":
            return self._driver(conn, params).fetchone()
        row = conn.execute(self.statement, params).first()
        return None if row is None else tuple(row)

    def insert(self, conn: Connection, params: dict[str, Any]) -> int:
        """Run an INSERT; returns the new row's id."""
        if conn.dialect.name == "sqlite":
            return self._driver(conn, params).lastrowid
        return conn.execute(self.statement, params).inserted_primary_key[0]

    def insert_many(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Run an INSERT for every row: the driver's ``executemany`` on SQLite, where each
        column's conversion is memoised (rows written together mostly share a timestamp)."""
        if conn.dialect.name != "sqlite":
            conn.execute(self.statement, rows)
            return
        sql, order, processors = self._compiled(conn)
        pick = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
        converts = [(i, processors[k], {}) for i, k in enumerate(order) if k in processors]

        def values(row: dict[str, Any]) -> Any:
            out = list(pick(row))
            for i, convert, memo in converts:
                value = out[i]
                try:
                    out[i] = memo[value]
                except KeyError:
                    out[i] = memo[value] = convert(value)
            return out

        conn.connection.driver_connection.executemany(
            sql, map(values, rows) if converts else map(pick, rows))

    def all(self, conn: Connection, params: dict[str, Any]) -> list[tuple]:
        """Every row, as tuples."""
        if conn.dialect.name == "sqlite":
            return self._driver(conn, params).fetchall()
        return [tuple(row) for row in conn.execute(self.statement, params)]


def bind_padded(params: dict[str, Any], prefix: str, values: list[Any]) -> int:
    """Put ``values`` in ``params`` as ``prefix0``, ``prefix1``... padded to the next power of
    two with the last value (an IN list then has few shapes); returns the padded count."""
    if not values:
        return 0
    size = 1 << (len(values) - 1).bit_length()
    last = len(values) - 1
    for k in range(size):
        params[f"{prefix}{k}"] = values[min(k, last)]
    return size
