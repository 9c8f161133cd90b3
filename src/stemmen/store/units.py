"""A document's stored units (paragraphs and sentences with their code-point spans) and its
rows in the full-text index, written whenever its text is written.

Whoever writes or changes a document's text calls :func:`refresh_units` in the same
transaction; readers use :func:`paragraph_spans` instead of splitting texts again, and
:func:`unit_keys` tells them when a document's units changed (a fingerprint of its spans).
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select

from stemmen.model import text as tx
from stemmen.store import fulltext
from stemmen.store.prepared import Prepared
from stemmen.store.schema import codings, documents
from stemmen.store.schema_units import text_units

PARAGRAPH = "p"
SENTENCE = "s"

Spans = list[tuple[int, int]]


def _ints() -> array[int]:
    for code in ("i", "l"):
        if array(code).itemsize == 4:
            return array(code)
    raise RuntimeError("no 32-bit integer array on this platform")  # pragma: no cover


def pack(spans: Spans) -> bytes:
    """Spans as little-endian 32-bit (start, end) pairs."""
    flat = _ints()
    flat.extend(x for span in spans for x in span)
    if sys.byteorder != "little":  # pragma: no cover
        flat.byteswap()
    return flat.tobytes()


def unpack(data: bytes) -> Spans:
    """The spans :func:`pack` packed."""
    flat = _ints()
    flat.frombytes(data)
    if sys.byteorder != "little":  # pragma: no cover
        flat.byteswap()
    values = flat.tolist()
    return list(zip(values[0::2], values[1::2], strict=True))


def fingerprint(text: str, spans: Spans) -> str:
    """Who a text's units are: a hash of the text and the spans (the text too: an edit that
    keeps every length, "kat" -> "rat", must not leave a cached text in use)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass") + pack(spans),
                           digest_size=16).hexdigest()


def refresh_units(conn: Connection, document_id: int, text: str) -> None:
    """(Re)write the paragraphs and sentences of document ``document_id`` (whose text is now
    ``text``) and its rows in the full-text index."""
    paragraphs = tx.paragraph_spans(text)
    sentences = tx.sentence_spans(text)
    conn.execute(delete(text_units).where(text_units.c.document_id == document_id))
    conn.execute(insert(text_units), [
        {"document_id": document_id, "kind": kind, "count": len(spans), "spans": pack(spans),
         "fingerprint": fingerprint(text, spans)}
        for kind, spans in ((PARAGRAPH, paragraphs), (SENTENCE, sentences))])
    fulltext.write(conn, document_id, text, paragraphs)


def forget_units(conn: Connection, document_id: int) -> None:
    """Remove a document's units and index rows (before the document itself is deleted)."""
    conn.execute(delete(text_units).where(text_units.c.document_id == document_id))
    fulltext.delete(conn, document_id)


def unit_keys(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, tuple[str, int]]:
    """Document id → (fingerprint of its paragraphs, length of its text), without reading
    texts or spans: a cache of units or texts is stale when the key changed."""
    query = (select(documents.c.id, text_units.c.fingerprint, documents.c.length)
             .join(text_units, text_units.c.document_id == documents.c.id)
             .where(text_units.c.kind == PARAGRAPH))
    if ids is not None:
        query = query.where(documents.c.id.in_(list(ids)))
    return {doc_id: (key, length) for doc_id, key, length in conn.execute(query)}


def paragraph_counts(conn: Connection) -> dict[int, int]:
    """Document id → how many paragraphs it has."""
    query = select(text_units.c.document_id, text_units.c.count).where(
        text_units.c.kind == PARAGRAPH)
    return {doc_id: n for doc_id, n in conn.execute(query)}


def unit_spans(conn: Connection, kind: str = PARAGRAPH,
               ids: Iterable[int] | None = None) -> dict[int, Spans]:
    """Document id → its stored spans of ``kind`` in order, for ``ids`` or every document
    (a document with no units is absent)."""
    query = select(text_units.c.document_id, text_units.c.spans).where(text_units.c.kind == kind)
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return {}
        query = query.where(text_units.c.document_id.in_(wanted))
    return {doc_id: unpack(data) for doc_id, data in conn.execute(query)}


def paragraph_spans(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, Spans]:
    """Document id → its paragraph spans (as ``model.text.paragraph_spans`` gives them)."""
    return unit_spans(conn, PARAGRAPH, ids)


def sentence_spans(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, Spans]:
    """Document id → its sentence spans (as ``model.text.sentences`` gives them)."""
    return unit_spans(conn, SENTENCE, ids)


_CODED = Prepared(select(codings.c.code_id, codings.c.document_id, codings.c.start,
                         codings.c.end, codings.c.coder_id))
_CODED_SPANS = Prepared(select(codings.c.code_id, codings.c.document_id, codings.c.start,
                               codings.c.end).distinct())  # the covering index's order


def coding_rows(conn: Connection, with_coder: bool = True) -> list[tuple[int, ...]]:
    """(code id, document id, start, end, coder id) of every coding, or the distinct
    (code id, document id, start, end) without coders, as plain integer rows (the driver's
    own rows on SQLite): what counting codes per stored unit needs."""
    return (_CODED if with_coder else _CODED_SPANS).all(conn, {})
