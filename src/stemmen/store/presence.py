"""Reads for agreement at scale: codings as plain integer rows and document texts a few at a
time, so a million codings and paragraphs never sit in memory as objects."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, select

from stemmen.store import documents as dc
from stemmen.store.schema import codings

BATCH = 50_000  # coding rows per batch
TEXTS = 200  # documents per text query


def coding_rows(conn: Connection, coder_ids: Sequence[int],
                batch: int = BATCH) -> Iterator[Sequence[tuple[int, int, int, int, int]]]:
    """Batches of ``(document_id, start, end, code_id, coder_id)`` of some coders' codings,
    as the database reads them (no order: agreement does not need one).

    The rows come straight from the driver's cursor as plain tuples, five times faster than
    through result rows; on PostgreSQL a server-side cursor, so no more than one batch is held.
    """
    if not coder_ids:
        return
    query = (select(codings.c.document_id, codings.c.start, codings.c.end, codings.c.code_id,
                    codings.c.coder_id)
             .where(codings.c.coder_id.in_([int(i) for i in sorted(set(coder_ids))])))
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    raw = conn.connection.dbapi_connection  # the driver's, inside this connection's transaction
    if raw is None:  # only after the connection was closed or invalidated: a bug, not input
        raise RuntimeError("The database connection is closed.")
    server = conn.dialect.name == "postgresql"
    cursor = raw.cursor(name="stemmen_coding_rows") if server else raw.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        cursor.close()


def texts(conn: Connection, ids: Sequence[int], chunk: int = TEXTS) -> Iterator[tuple[int, str]]:
    """(id, text) of some documents in the order of ``ids``, ``chunk`` texts read at a time."""
    for at in range(0, len(ids), chunk):
        part = list(ids[at:at + chunk])
        found = dc.document_texts(conn, part)
        for doc in part:
            if doc in found:
                yield doc, found.pop(doc)
