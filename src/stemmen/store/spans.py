"""Every coding's place as plain integer rows, read fast (the driver's own rows on SQLite):
what progress and unit counts need over 100,000 codings, without a row object per coding."""

from __future__ import annotations

from sqlalchemy import Connection, select

from stemmen.store.prepared import Prepared
from stemmen.store.schema import coders, codings

_SPANS = Prepared(select(codings.c.document_id, codings.c.coder_id, codings.c.start,
                         codings.c.end))


def coder_spans(conn: Connection) -> list[tuple[int, int, int, int]]:
    """(document id, coder id, start, end) of every coding (in no particular order)."""
    return _SPANS.all(conn, {})


def coder_names(conn: Connection) -> dict[int, str]:
    """Coder id → name."""
    return {coder_id: name for coder_id, name in conn.execute(select(coders.c.id, coders.c.name))}
