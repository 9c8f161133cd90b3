"""Statements compiled once and, on SQLite, run straight on the driver (the hot paths)."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.sql import ClauseElement, Executable

Compiled = tuple[str, list[str], dict[str, Callable[[Any], Any]],
                 list[tuple[int, Callable[[Any], Any]]]]


class Prepared:
    """One statement with named bind parameters.

    On SQLite it is compiled once to the driver's SQL and run on the driver connection of the
    same transaction, with every parameter converted by its column type's own bind processor
    (the stored values are the ones SQLAlchemy would store), and every selected column that
    has a result processor (timestamps: aware UTC datetimes, not the driver's text) read
    through it; elsewhere it runs through Core. SQLAlchemy's per-statement overhead is most
    of the cost of a single coding on SQLite.
    """

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._sqlite: Compiled | None = None

    def _compiled(self, conn: Connection) -> Compiled:
        if self._sqlite is None:
            dialect = conn.dialect
            compiled: Any = cast(ClauseElement, self.statement).compile(dialect=dialect)
            order = list(compiled.positiontup or [])
            processors: dict[str, Callable[[Any], Any]] = {}
            for name in order:
                kind = compiled.binds[name].type.dialect_impl(dialect)
                convert = kind.bind_processor(dialect)
                if convert is not None:
                    processors[name] = convert
            readers: list[tuple[int, Callable[[Any], Any]]] = []
            for i, column in enumerate(getattr(self.statement, "selected_columns", ())):
                read = column.type.dialect_impl(dialect).result_processor(dialect, None)
                if read is not None:
                    readers.append((i, read))
            self._sqlite = (str(compiled), order, processors, readers)
        return self._sqlite

    def _driver(self, conn: Connection, params: dict[str, Any]) -> Any:
        sql, order, processors, _ = self._compiled(conn)
        values = [processors[k](params[k]) if k in processors else params[k] for k in order]
        return _driver_connection(conn).execute(sql, values)

    def _read(self, conn: Connection, row: tuple) -> tuple:
        """A driver row with its columns converted as Core would convert them."""
        readers = self._compiled(conn)[3]
        if not readers:
            return row
        out = list(row)
        for i, read in readers:
            out[i] = read(out[i])
        return tuple(out)

    def first(self, conn: Connection, params: dict[str, Any]) -> tuple | None:
        """The first row, as a tuple, or None."""
        if conn.dialect.name == "sqlite":
            row = self._driver(conn, params).fetchone()
            return None if row is None else self._read(conn, row)
        row = conn.execute(self.statement, params).first()
        return None if row is None else tuple(row)

    def insert(self, conn: Connection, params: dict[str, Any]) -> int:
        """Run an INSERT; returns the new row's id."""
        if conn.dialect.name == "sqlite":
            return self._driver(conn, params).lastrowid
        return new_id(conn.execute(self.statement, params))

    def insert_many(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Run an INSERT for every row: the driver's ``executemany`` on SQLite, where each
        column's conversion is memoised (rows written together mostly share a timestamp)."""
        if conn.dialect.name != "sqlite":
            conn.execute(self.statement, rows)
            return
        sql, order, processors, _ = self._compiled(conn)
        pick = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
        converts: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = [
            (i, processors[k], {}) for i, k in enumerate(order) if k in processors]

        def values(row: dict[str, Any]) -> Any:
            out = list(pick(row))
            for i, convert, memo in converts:
                value = out[i]
                try:
                    out[i] = memo[value]
                except KeyError:
                    out[i] = memo[value] = convert(value)
            return out

        _driver_connection(conn).executemany(
            sql, map(values, rows) if converts else map(pick, rows))

    def all(self, conn: Connection, params: dict[str, Any]) -> list[tuple]:
        """Every row, as tuples."""
        if conn.dialect.name == "sqlite":
            rows = self._driver(conn, params).fetchall()
            if self._compiled(conn)[3]:
                rows = [self._read(conn, row) for row in rows]
            return rows
        return [tuple(row) for row in conn.execute(self.statement, params)]


def new_id(result: Any) -> int:
    """The primary key of the row an INSERT through Core added."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("The INSERT gave no primary key.")
    return int(key[0])


def _driver_connection(conn: Connection) -> Any:
    """The DBAPI connection under ``conn`` (sqlite3's, on SQLite)."""
    return conn.connection.driver_connection


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
