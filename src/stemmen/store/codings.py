"""Rows of codings: insert one or many, remove, list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, insert, select, true, update

from stemmen.errors import NotFound
from stemmen.model.codings import Coding
from stemmen.store import codebook as cb
from stemmen.store import documents as dc
from stemmen.store.codebook import new_guid
from stemmen.store.journal import now
from stemmen.store.prepared import Prepared, new_id
from stemmen.store.schema import coders, codes, codings, documents

# Statements of the per-coding hot path, built once (apply runs them once per coding).
_CODER = select(coders.c.id).where(coders.c.name == bindparam("name"))
_FIND = select(codings.c.id).where(
    codings.c.document_id == bindparam("document_id"), codings.c.code_id == bindparam("code_id"),
    codings.c.coder_id == bindparam("coder_id"), codings.c.start == bindparam("start"),
    codings.c.end == bindparam("end"),
)
_INSERT = insert(codings)


# One statement for the document, the code and the coder of a coding (the happy path).
_LOOKUP = Prepared(
    select(documents.c.id, documents.c.length, codes.c.id, coders.c.id)
    .select_from(documents.join(codes, true())
                 .outerjoin(coders, coders.c.name == bindparam("coder")))
    .where(documents.c.name == bindparam("document"), codes.c.name == bindparam("code"))
)
_FIND_ONE = Prepared(_FIND)
_ADD = Prepared(insert(codings).values(
    guid=bindparam("guid"), document_id=bindparam("document_id"), code_id=bindparam("code_id"),
    coder_id=bindparam("coder_id"), start=bindparam("start"), end=bindparam("end"),
    created_at=bindparam("created_at"),
))


def lookup(conn: Connection, document: str, code: str, coder: str) -> tuple[int, int, int, int]:
    """(document id, document length, code id, coder id); a new coder is added on first use."""
    row = _LOOKUP.first(conn, {"document": document, "code": code, "coder": coder})
    if row is None:  # say which one is missing
        doc_id, length = dc.document_ref(conn, document)
        return doc_id, length, cb.code_id(conn, code), coder_id(conn, coder)
    doc_id, length, code_id_, coder_ = row
    return doc_id, length, code_id_, coder_ if coder_ is not None else coder_id(conn, coder)


def add_once(conn: Connection, document: str, code: str, coder: str,
             ids: tuple[int, int, int], start: int, end: int) -> tuple[Coding, bool]:
    """Add a coding unless the same coder has the same code on the same span already.

    Returns the coding and whether it is new.
    """
    doc_id, code_id_, coder_ = ids
    params: dict[str, Any] = {"document_id": doc_id, "code_id": code_id_, "coder_id": coder_,
                              "start": start, "end": end}
    found = _FIND_ONE.first(conn, params)
    if found is not None:
        return get(conn, found[0]), False
    guid, at = params["guid"], params["created_at"] = new_guid(), now()
    coding_id = _ADD.insert(conn, params)
    return Coding(document=document, start=start, end=end, code=code, coder=coder,
                  created_at=at, guid=guid, id=coding_id), True


def coder_id(conn: Connection, name: str, create: bool = True) -> int:
    found = conn.execute(_CODER, {"name": name}).scalar()
    if found is not None:
        return found
    if not create:
        raise NotFound("There is no coder {name!r}.", name=name)
    return new_id(conn.execute(insert(coders).values(name=name, guid=new_guid())))


def coder_ids(conn: Connection) -> dict[str, int]:
    return {r.name: r.id for r in conn.execute(select(coders.c.name, coders.c.id))}


def list_coders(conn: Connection) -> list[str]:
    return list(conn.execute(select(coders.c.name).order_by(coders.c.name)).scalars())


def insert_many(conn: Connection, rows: Iterable[dict[str, Any]], batch: int = 20_000) -> int:
    """Insert codings given as dicts of document_id, code_id, coder_id, start, end (fast path:
    the driver's executemany on SQLite, see :meth:`Prepared.insert_many`)."""
    stamp = now()
    total = 0
    chunk: list[dict[str, Any]] = []
    for row in rows:
        row.setdefault("guid", new_guid())
        row.setdefault("created_at", stamp)
        chunk.append(row)
        if len(chunk) >= batch:
            _ADD.insert_many(conn, chunk)
            total += len(chunk)
            chunk = []
    if chunk:
        _ADD.insert_many(conn, chunk)
        total += len(chunk)
    return total


def add(conn: Connection, document_id: int, code_id: int, coder: int, start: int, end: int,
        created_at: dt.datetime | None = None, guid: str = "") -> int:
    return new_id(conn.execute(_INSERT, {
        "guid": guid or new_guid(), "document_id": document_id, "code_id": code_id,
        "coder_id": coder, "start": start, "end": end, "created_at": created_at or now(),
    }))


def _query():  # noqa: ANN202
    return (
        select(
            codings.c.id,
            codings.c.guid,
            codings.c.start,
            codings.c.end,
            codings.c.created_at,
            documents.c.name.label("document"),
            codes.c.name.label("code"),
            coders.c.name.label("coder"),
        )
        .join(documents, documents.c.id == codings.c.document_id)
        .join(codes, codes.c.id == codings.c.code_id)
        .join(coders, coders.c.id == codings.c.coder_id)
    )


def _coding(r: Any) -> Coding:
    return Coding(
        document=r.document, start=r.start, end=r.end, code=r.code, coder=r.coder,
        created_at=r.created_at, guid=r.guid, id=r.id,
    )


def list_codings(conn: Connection, document: str | None = None, code: str | None = None,
                 coders_: list[str] | None = None) -> list[Coding]:
    query = _query()
    if document:
        query = query.where(documents.c.name == document)
    if code:
        query = query.where(codes.c.name == code)
    if coders_:
        query = query.where(coders.c.name.in_(coders_))
    query = query.order_by(documents.c.name, codings.c.start, codings.c.end, codings.c.id)
    names: dict[str, str] = {}  # one string object per name, not one per row (memory)
    name = names.setdefault
    return [
        Coding(document=name(doc, doc), start=start, end=end, code=name(code, code),
               coder=name(coder, coder), created_at=at, guid=guid, id=id_)
        for id_, guid, start, end, at, doc, code, coder in conn.execute(query)
    ]


_GET = _query().where(codings.c.id == bindparam("id"))


def get(conn: Connection, coding_id: int) -> Coding:
    row = conn.execute(_GET, {"id": coding_id}).first()
    if row is None:
        raise NotFound("There is no coding #{id}.", id=coding_id)
    return _coding(row)


def remove(conn: Connection, coding_id: int) -> None:
    get(conn, coding_id)
    conn.execute(delete(codings).where(codings.c.id == coding_id))


def get_many(conn: Connection, coding_ids: list[int]) -> list[Coding]:
    """Codings by id, in the order asked; NotFound names the first id that does not exist."""
    found: dict[int, Coding] = {}
    for i in range(0, len(coding_ids), 500):
        chunk = coding_ids[i:i + 500]
        for row in conn.execute(_query().where(codings.c.id.in_(chunk))):
            found[row.id] = _coding(row)
    for coding_id in coding_ids:
        if coding_id not in found:
            raise NotFound("There is no coding #{id}.", id=coding_id)
    return [found[i] for i in coding_ids]


def remove_many(conn: Connection, coding_ids: list[int]) -> None:
    """Delete codings by id (the caller has checked they exist)."""
    for i in range(0, len(coding_ids), 500):
        conn.execute(delete(codings).where(codings.c.id.in_(coding_ids[i:i + 500])))


def overlapping(conn: Connection, document_id: int, code_ids: list[int], coder: int,
                start: int, end: int) -> list[Coding]:
    """Codings of any of ``code_ids`` by one coder in one document that overlap [start, end)."""
    query = _query().where(
        codings.c.document_id == document_id, codings.c.code_id.in_(code_ids),
        codings.c.coder_id == coder, codings.c.start < end, codings.c.end > start,
    ).order_by(codings.c.start, codings.c.end, codings.c.id)
    return [_coding(row) for row in conn.execute(query)]


def find(conn: Connection, document_id: int, code_id: int, coder: int,
         start: int, end: int) -> int | None:
    return conn.execute(_FIND, {"document_id": document_id, "code_id": code_id,
                                "coder_id": coder, "start": start, "end": end}).scalar()


def move(conn: Connection, coding_id: int, code_id: int) -> None:
    """Give one coding another code."""
    get(conn, coding_id)
    conn.execute(update(codings).where(codings.c.id == coding_id).values(code_id=code_id))


def merge_code(conn: Connection, source_id: int, target_id: int) -> int:
    """Move every coding of one code to another; exact duplicates collapse. Returns moved."""
    target = codings.alias("target")
    duplicate = exists().where(
        target.c.code_id == target_id,
        target.c.document_id == codings.c.document_id,
        target.c.coder_id == codings.c.coder_id,
        target.c.start == codings.c.start,
        target.c.end == codings.c.end,
    )
    conn.execute(delete(codings).where(codings.c.code_id == source_id, duplicate))
    return conn.execute(
        update(codings).where(codings.c.code_id == source_id).values(code_id=target_id)
    ).rowcount
