"""Rows of memos: one memo by id, a document's memos, edit and delete (adding and listing
every memo live in :mod:`stemmen.store.snapshots`, which the project dump shares)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, select, update

from stemmen.errors import NotFound
from stemmen.model.codings import Memo
from stemmen.store.schema import codes, documents, memos


def _query():  # noqa: ANN202
    return (
        select(memos, documents.c.name.label("document_name"), codes.c.name.label("code_name"))
        .outerjoin(documents, documents.c.id == memos.c.document_id)
        .outerjoin(codes, codes.c.id == memos.c.code_id)
    )


def _memo(r: Any) -> Memo:
    return Memo(text=r.text, author=r.author, title=r.title, document=r.document_name,
                start=r.start, end=r.end, code=r.code_name, created_at=r.created_at,
                guid=r.guid, id=r.id)


def get(conn: Connection, memo_id: int) -> Memo:
    row = conn.execute(_query().where(memos.c.id == memo_id)).first()
    if row is None:
        raise NotFound("There is no memo #{id}.", id=memo_id)
    return _memo(row)


def of_document(conn: Connection, document_id: int) -> list[Memo]:
    """The memos of one document (on the whole document or on a span of it), oldest first."""
    query = _query().where(memos.c.document_id == document_id).order_by(memos.c.id)
    return [_memo(row) for row in conn.execute(query)]


def update_memo(conn: Connection, memo_id: int, **values: Any) -> None:
    """Change some columns (text, title) of one memo; NotFound if it does not exist."""
    get(conn, memo_id)
    conn.execute(update(memos).where(memos.c.id == memo_id).values(**values))


def delete_memo(conn: Connection, memo_id: int) -> Memo:
    """Delete one memo; returns it as it was."""
    memo = get(conn, memo_id)
    conn.execute(delete(memos).where(memos.c.id == memo_id))
    return memo
