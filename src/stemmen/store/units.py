"""A document's stored units (paragraphs and sentences with their code-point spans) and its
rows in the full-text index, written whenever its text is written.

Whoever writes or changes a document's text calls :func:`refresh_units` in the same
transaction; readers use :func:`paragraph_spans` instead of splitting texts again.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select

from stemmen.model import text as tx
from stemmen.store import fulltext
from stemmen.store.schema_units import text_units

PARAGRAPH = "p"
SENTENCE = "s"

Spans = list[tuple[int, int]]


def refresh_units(conn: Connection, document_id: int, text: str) -> None:
    """(Re)write the paragraphs and sentences of document ``document_id`` (whose text is now
    ``text``) and its rows in the full-text index."""
    paragraphs = tx.paragraph_spans(text)
    sentences = tx.sentence_spans(text)
    conn.execute(delete(text_units).where(text_units.c.document_id == document_id))
    rows = [{"document_id": document_id, "kind": kind, "number": n, "start": s, "end": e}
            for kind, spans in ((PARAGRAPH, paragraphs), (SENTENCE, sentences))
            for n, (s, e) in enumerate(spans, start=1)]
    if rows:
        conn.execute(insert(text_units), rows)
    fulltext.write(conn, document_id, text, paragraphs)


def forget_units(conn: Connection, document_id: int) -> None:
    """Remove a document's units and index rows (before the document itself is deleted)."""
    conn.execute(delete(text_units).where(text_units.c.document_id == document_id))
    fulltext.delete(conn, document_id)


def unit_spans(conn: Connection, kind: str = PARAGRAPH,
               ids: Iterable[int] | None = None) -> dict[int, Spans]:
    """Document id → its stored spans of ``kind`` in order, for ``ids`` or every document
    (a document with no units, e.g. none yet, is absent)."""
    query = (select(text_units.c.document_id, text_units.c.start, text_units.c.end)
             .where(text_units.c.kind == kind)
             .order_by(text_units.c.document_id, text_units.c.number))
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return {}
        query = query.where(text_units.c.document_id.in_(wanted))
    found: dict[int, Spans] = {}
    for doc_id, start, end in conn.execute(query):
        found.setdefault(doc_id, []).append((start, end))
    return found


def paragraph_spans(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, Spans]:
    """Document id → its paragraph spans (as ``model.text.paragraph_spans`` gives them)."""
    return unit_spans(conn, PARAGRAPH, ids)


def sentence_spans(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, Spans]:
    """Document id → its sentence spans (as ``model.text.sentences`` gives them)."""
    return unit_spans(conn, SENTENCE, ids)
