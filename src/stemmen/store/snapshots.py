"""A whole project in and out as a ProjectSnapshot: for demo, REFI-QDA exchange and copies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from sqlalchemy import Connection, bindparam, func, insert, select

from stemmen.model.codes import colour_for
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import Document
from stemmen.model.snapshot import CodeSet, ExternalFile, ProjectSnapshot
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import (
    code_sets,
    coders,
    codes,
    codings,
    documents,
    external_files,
    memos,
    set_members,
)

Progress = Callable[[str, int], None]


def _noop(_stage: str, _n: int) -> None:
    return None


def load(conn: Connection, snap: ProjectSnapshot, progress: Progress = _noop) -> dict[str, int]:
    """Add every part of ``snap`` to the project; names must not clash with what exists."""
    for attr in snap.attributes:
        dc.ensure_attribute(conn, attr)
    for case in snap.cases:
        cid = dc.add_case(conn, case)
        for name, value in case.attributes.items():
            dc.set_value(conn, "case", cid, name, value)
    for category in _parents_first(snap.categories):
        cb.add_category(conn, category)
    for i, code in enumerate(snap.codes):
        cb.add_code(conn, code if code.colour else replace(code, colour=colour_for(i)))
    doc_ids: dict[str, int] = {}
    for doc in snap.documents:
        doc_ids[doc.name] = dc.add_document(conn, doc)
        for name, value in doc.attributes.items():
            dc.set_value(conn, "document", doc_ids[doc.name], name, value)
        progress("documents", 1)
    for person in snap.participants:
        dc.add_participant(conn, person)
    for coder in snap.coders:
        cd.coder_id(conn, coder)
    code_ids = cb.code_ids(conn)
    coder_ids = {c: cd.coder_id(conn, c) for c in {c.coder for c in snap.codings}}
    rows = (
        {
            "document_id": doc_ids[c.document], "code_id": code_ids[c.code],
            "coder_id": coder_ids[c.coder], "start": c.start, "end": c.end,
            **({"created_at": c.created_at} if c.created_at else {}),
            **({"guid": c.guid} if c.guid else {}),
        }
        for c in snap.codings
    )
    n_codings = cd.insert_many(conn, rows)
    progress("codings", n_codings)
    for memo in snap.memos:
        add_memo(conn, memo)
    for code_set in snap.sets:
        _add_set(conn, code_set, doc_ids, code_ids)
    for file in snap.files:
        conn.execute(insert(external_files).values(
            guid=file.guid or cb.new_guid(), name=file.name, path=file.path, kind=file.kind,
            data=file.data, selections=file.selections,
        ))
    return {
        "documents": len(snap.documents), "codes": len(snap.codes), "codings": n_codings,
        "cases": len(snap.cases), "participants": len(snap.participants),
        "memos": len(snap.memos), "sets": len(snap.sets), "files": len(snap.files),
    }


def _parents_first(categories: list) -> list:  # noqa: ANN001
    done: set[str] = set()
    ordered = []
    pending = list(categories)
    while pending:
        progressed = [c for c in pending if not c.parent or c.parent in done]
        if not progressed:  # a cycle or a missing parent: add the rest flat
            progressed = pending
        for category in progressed:
            ordered.append(category)
            done.add(category.name)
        pending = [c for c in pending if c not in progressed]
    return ordered


def add_memo(conn: Connection, memo: Memo) -> int:
    return new_id(conn.execute(insert(memos).values(
        guid=memo.guid or cb.new_guid(), title=memo.title, text=memo.text, author=memo.author,
        document_id=dc.document_id(conn, memo.document) if memo.document else None,
        start=memo.start, end=memo.end,
        code_id=cb.code_id(conn, memo.code) if memo.code else None,
        created_at=memo.created_at or now(),
    )))


def _add_set(conn: Connection, code_set: CodeSet, doc_ids: dict, code_ids: dict) -> None:
    sid = new_id(conn.execute(insert(code_sets).values(
        guid=code_set.guid or cb.new_guid(), name=code_set.name,
        description=code_set.description,
    )))
    for name in code_set.documents:
        conn.execute(insert(set_members).values(set_id=sid, document_id=doc_ids[name]))
    for name in code_set.codes:
        conn.execute(insert(set_members).values(set_id=sid, code_id=code_ids[name]))


def list_memos(conn: Connection) -> list[Memo]:
    query = (
        select(memos, documents.c.name.label("document_name"), codes.c.name.label("code_name"))
        .outerjoin(documents, documents.c.id == memos.c.document_id)
        .outerjoin(codes, codes.c.id == memos.c.code_id)
        .order_by(memos.c.id)
    )
    return [
        Memo(text=r.text, author=r.author, title=r.title, document=r.document_name,
             start=r.start, end=r.end, code=r.code_name, created_at=r.created_at,
             guid=r.guid, id=r.id)
        for r in conn.execute(query)
    ]


def dump(conn: Connection, name: str = "", *, sources: bool = True) -> ProjectSnapshot:
    """The whole project as a snapshot (documents with their text).

    With ``sources=False`` the documents come without text and the codings are left out:
    read them one document at a time with :func:`document_sources`.
    """
    files = [
        ExternalFile(name=r.name, path=r.path, kind=r.kind, data=r.data, guid=r.guid,
                     selections=r.selections)
        for r in conn.execute(select(external_files).order_by(external_files.c.id))
    ]
    return ProjectSnapshot(
        name=name,
        coders=cd.list_coders(conn),
        categories=cb.list_categories(conn),
        codes=cb.list_codes(conn),
        attributes=dc.attribute_defs(conn),
        cases=dc.list_cases(conn),
        documents=dc.list_documents(conn, with_text=sources),
        participants=dc.list_participants(conn),
        codings=cd.list_codings(conn) if sources else [],
        memos=list_memos(conn),
        sets=list_sets(conn),
        files=files,
    )


def list_sets(conn: Connection) -> list[CodeSet]:
    """Every set of documents and codes, with its members' names."""
    sets: dict[int, CodeSet] = {}
    for r in conn.execute(select(code_sets).order_by(code_sets.c.id)):
        sets[r.id] = CodeSet(name=r.name, guid=r.guid, description=r.description)
    member_query = (
        select(set_members.c.set_id, documents.c.name.label("doc"), codes.c.name.label("code"))
        .outerjoin(documents, documents.c.id == set_members.c.document_id)
        .outerjoin(codes, codes.c.id == set_members.c.code_id)
    )
    for r in conn.execute(member_query):
        if r.doc:
            sets[r.set_id].documents.append(r.doc)
        if r.code:
            sets[r.set_id].codes.append(r.code)
    return list(sets.values())


_TEXT = select(documents.c.text).where(documents.c.id == bindparam("id"))
_DOCUMENT_CODINGS = (
    select(codings.c.id, codings.c.guid, codings.c.start, codings.c.end, codings.c.created_at,
           codes.c.name, coders.c.name)
    .join(codes, codes.c.id == codings.c.code_id)
    .join(coders, coders.c.id == codings.c.coder_id)
    .where(codings.c.document_id == bindparam("id"))
    .order_by(codings.c.start, codings.c.end, codings.c.id)
)


def consistent(conn: Connection) -> Connection:
    """``conn`` reading one state of the project across many queries (PostgreSQL: REPEATABLE
    READ, set before its first query; SQLite: one process writes at a time anyway)."""
    if conn.dialect.name == "postgresql" and not conn.in_transaction():
        conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def count_codings(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(codings)).scalar_one()


def document_sources(conn: Connection, docs: list[Document],
                     with_codings: bool) -> Iterator[tuple[Document, list[Coding]]]:
    """Each of ``docs`` (as listed by :func:`dump` without sources) with its text and, when
    asked, its codings ordered by start, end and id: one document in memory at a time."""
    names: dict[str, str] = {}  # one string object per code and coder name
    name = names.setdefault
    for doc in docs:
        text = conn.execute(_TEXT, {"id": doc.id}).scalar_one()
        found = []
        if with_codings:
            found = [
                Coding(document=doc.name, start=start, end=end, code=name(code, code),
                       coder=name(coder, coder), created_at=at, guid=guid, id=id_)
                for id_, guid, start, end, at, code, coder
                in conn.execute(_DOCUMENT_CODINGS, {"id": doc.id})
            ]
        yield replace(doc, text=text), found
