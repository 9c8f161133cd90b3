"""The full-text index: one row per paragraph, searched by words, phrases and prefixes.

SQLite: an FTS5 virtual table ``fulltext`` (tokenizer ``unicode61 remove_diacritics 2``).
PostgreSQL: a table ``fulltext`` with a ``tsvector`` per paragraph and a GIN index. Both hold
the paragraph *folded* (``model.text.fold``: lower case, accents removed, code point for code
point), so "reunion" finds "réunion" on both databases whatever extensions are installed; the
``simple`` text search configuration is used so that both databases find the same words (no
stemming). The index lives outside the SQLAlchemy metadata (migration 0007 creates it in raw
SQL); :data:`TABLES` names what schema comparisons should leave aside.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from stemmen.model.text import QueryPart, fold

TABLES = ("fulltext",)
"""Tables of the index (SQLite also makes ``fulltext_data``, ``fulltext_idx``... for it)."""

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE fulltext USING fts5(body, document_id UNINDEXED, "
    "paragraph UNINDEXED, start UNINDEXED, \"end\" UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 2')",
)
POSTGRES_DDL = (
    "CREATE TABLE fulltext (document_id INTEGER NOT NULL REFERENCES documents (id) "
    "ON DELETE CASCADE, paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "
    "\"end\" INTEGER NOT NULL, body TSVECTOR NOT NULL, "
    "PRIMARY KEY (document_id, paragraph))",
    "CREATE INDEX ix_fulltext_body ON fulltext USING GIN (body)",
)


def is_index_table(name: str | None) -> bool:
    """True for the index's tables (``fulltext`` and SQLite's ``fulltext_*`` shadow tables)."""
    return bool(name) and any(name == t or name.startswith(t + "_")  # type: ignore[union-attr]
                              for t in TABLES)


def create(conn: Connection) -> None:
    """Create the (empty) index."""
    ddl = SQLITE_DDL if conn.dialect.name == "sqlite" else POSTGRES_DDL
    for statement in ddl:
        conn.execute(text(statement))


def drop(conn: Connection) -> None:
    conn.execute(text("DROP TABLE IF EXISTS fulltext"))


ROWS_PER_DOCUMENT = 1 << 24
"""SQLite: paragraph ``n`` of document ``d`` is row ``d * ROWS_PER_DOCUMENT + n`` of the FTS5
table, so a document's rows are one range of rowids (FTS5 does not index ``document_id``:
deleting by it would read the whole index for every document imported)."""


def delete(conn: Connection, document_id: int) -> None:
    """Remove a document's paragraphs from the index."""
    if conn.dialect.name == "sqlite":
        first = document_id * ROWS_PER_DOCUMENT
        conn.execute(text("DELETE FROM fulltext WHERE rowid >= :a AND rowid < :b"),
                     {"a": first, "b": first + ROWS_PER_DOCUMENT})
    else:
        conn.execute(text("DELETE FROM fulltext WHERE document_id = :d"), {"d": document_id})


def write(conn: Connection, document_id: int, text_: str,
          spans: Iterable[tuple[int, int]]) -> None:
    """(Re)index a document's paragraphs (``spans`` in code points of ``text_``)."""
    delete(conn, document_id)
    rows = [{"d": document_id, "p": n, "s": s, "e": e, "b": fold(text_[s:e]),
             "r": document_id * ROWS_PER_DOCUMENT + n}
            for n, (s, e) in enumerate(spans, start=1)]
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        sql = ("INSERT INTO fulltext (rowid, body, document_id, paragraph, start, \"end\") "
               "VALUES (:r, :b, :d, :p, :s, :e)")
    else:
        sql = ("INSERT INTO fulltext (document_id, paragraph, start, \"end\", body) "
               "VALUES (:d, :p, :s, :e, to_tsvector('simple', :b))")
    conn.execute(text(sql), rows)


@dataclass(frozen=True)
class Found:
    """A paragraph that matches: its document, number, span and text."""

    document: str
    case: str | None
    paragraph: int
    start: int
    end: int
    text: str


def _fts5(parts: list[QueryPart]) -> str:
    return " ".join('"' + " ".join(p.words) + '"' + (" *" if p.prefix else "") for p in parts)


def _tsquery(parts: list[QueryPart]) -> str:
    return " & ".join("(" + " <-> ".join(p.words) + (":*" if p.prefix else "") + ")"
                      for p in parts)


def search(conn: Connection, parts: list[QueryPart], case_id: int | None = None,
           code_id: int | None = None, limit: int = 200) -> tuple[list[Found], int]:
    """Paragraphs where every part occurs, in the order documents were added and by paragraph
    (at most ``limit``), and how many paragraphs match in all; ``case_id``: documents of that
    case only; ``code_id``: paragraphs that a coding of that code (any coder) touches."""
    if not parts:
        return [], 0
    params: dict[str, object] = {"limit": limit}
    if conn.dialect.name == "sqlite":  # FTS5 gives rows in rowid order: no sorting
        where = ["f.fulltext MATCH :q"]
        params["q"] = _fts5(parts)
        order = "f.rowid"
    else:
        where = ["f.body @@ to_tsquery('simple', :q)"]
        params["q"] = _tsquery(parts)
        order = "f.document_id, f.paragraph"
    if case_id is not None:
        where.append("f.document_id IN (SELECT id FROM documents WHERE case_id = :case_id)")
        params["case_id"] = case_id
    if code_id is not None:
        where.append("EXISTS (SELECT 1 FROM codings c WHERE c.code_id = :code_id "
                     "AND c.document_id = f.document_id AND c.start < f.\"end\" "
                     "AND c.\"end\" > f.start)")
        params["code_id"] = code_id
    body = f"FROM fulltext f WHERE {' AND '.join(where)}"
    rows = conn.execute(text(
        "SELECT d.name, k.name AS case_name, h.paragraph, h.start, h.\"end\", "
        "substr(d.text, h.start + 1, h.\"end\" - h.start) AS body FROM ("
        f"SELECT f.document_id, f.paragraph, f.start, f.\"end\" {body} ORDER BY {order} "
        "LIMIT :limit) h JOIN documents d ON d.id = h.document_id "
        "LEFT JOIN cases k ON k.id = d.case_id ORDER BY h.document_id, h.paragraph"),
        params).all()
    total = len(rows)
    if total >= limit:
        total = conn.execute(text(f"SELECT count(*) {body}"), params).scalar_one()
    return [Found(r.name, r.case_name, int(r.paragraph), int(r.start), int(r.end), r.body)
            for r in rows], total
