"""Rows of text versions, of codings and memos waiting for review after an edit, and of where
each coding and memo was when a version was left (:mod:`stemmen.store.schema_versions`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from stemmen.errors import NotFound
from stemmen.model.text_edits import Anchor, TextVersion
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import coders, codes, codings, documents, memos, suggestions
from stemmen.store.schema_media import document_turns
from stemmen.store.schema_versions import text_reviews, text_versions, version_anchors

_REVIEW_COLUMNS = ("state", "made_on", "since", "old_start", "old_end", "quote")


def _first_row(conn: Connection, document_id: int) -> dict[str, Any]:
    doc = conn.execute(select(documents.c.text, documents.c.imported_at)
                       .where(documents.c.id == document_id)).one()
    return {"document_id": document_id, "number": 1, "text": doc.text,
            "length": len(doc.text), "author": "", "created_at": doc.imported_at,
            "reason": "", "kind": "import"}


def current(conn: Connection, document_id: int) -> tuple[int, int]:
    """(number, row id) of the document's current version; the first edit writes the
    imported text as version 1 first."""
    row = conn.execute(
        select(text_versions.c.number, text_versions.c.id)
        .where(text_versions.c.document_id == document_id)
        .order_by(text_versions.c.number.desc()).limit(1)).first()
    if row is not None:
        return row.number, row.id
    return 1, new_id(conn.execute(insert(text_versions), _first_row(conn, document_id)))


def current_numbers(conn: Connection, document_ids: Iterable[int]) -> dict[int, int]:
    """Document id -> its current version number (1 for a text never edited)."""
    ids = list(document_ids)
    found = dict.fromkeys(ids, 1)
    for i in range(0, len(ids), 500):
        query = (select(text_versions.c.document_id, func.max(text_versions.c.number))
                 .where(text_versions.c.document_id.in_(ids[i:i + 500]))
                 .group_by(text_versions.c.document_id))
        found.update({doc_id: number for doc_id, number in conn.execute(query)})
    return found


def add_version(conn: Connection, document_id: int, number: int, text: str, author: str,
                reason: str, kind: str) -> int:
    return new_id(conn.execute(insert(text_versions).values(
        document_id=document_id, number=number, text=text, length=len(text), author=author,
        created_at=now(), reason=reason, kind=kind)))


def list_versions(conn: Connection, document_id: int) -> list[TextVersion]:
    rows = conn.execute(
        select(text_versions.c.number, text_versions.c.length, text_versions.c.author,
               text_versions.c.created_at, text_versions.c.reason, text_versions.c.kind)
        .where(text_versions.c.document_id == document_id)
        .order_by(text_versions.c.number)).all()
    if not rows:
        first = _first_row(conn, document_id)
        return [TextVersion(1, first["length"], "", first["created_at"], "", "import", True)]
    last = rows[-1].number
    return [TextVersion(r.number, r.length, r.author, r.created_at, r.reason, r.kind,
                        r.number == last) for r in rows]


def version_text(conn: Connection, document_id: int, number: int) -> tuple[str, int | None]:
    """The text of one version and its row id (None: version 1 of a never-edited text)."""
    row = conn.execute(select(text_versions.c.text, text_versions.c.id).where(
        text_versions.c.document_id == document_id, text_versions.c.number == number)).first()
    if row is not None:
        return row.text, row.id
    if number == 1 and current_numbers(conn, [document_id])[document_id] == 1:
        return _first_row(conn, document_id)["text"], None
    raise NotFound("There is no version {number} of this document's text.", number=number)


def set_text(conn: Connection, document_id: int, text: str) -> None:
    conn.execute(update(documents).where(documents.c.id == document_id)
                 .values(text=text, length=len(text)))


def anchors(conn: Connection, document_id: int) -> list[Anchor]:
    """Every coding and every memo on a span of the document, with review states."""
    found: list[Anchor] = []
    for kind, table, key in (("coding", codings, text_reviews.c.coding_id),
                             ("memo", memos, text_reviews.c.memo_id)):
        query = (select(table.c.id, table.c.start, table.c.end,
                        *(text_reviews.c[c] for c in _REVIEW_COLUMNS))
                 .outerjoin(text_reviews, key == table.c.id)
                 .where(table.c.document_id == document_id, table.c.start.is_not(None),
                        table.c.end.is_not(None))
                 .order_by(table.c.id))
        found += [Anchor(kind, r.id, r.start, r.end, *(r[3:]))  # type: ignore[arg-type]
                  for r in conn.execute(query)]
    return found


def save_anchors(conn: Connection, version_id: int, found: Sequence[Anchor]) -> None:
    """Remember where each coding and memo is on the version being left."""
    conn.execute(delete(version_anchors).where(version_anchors.c.version_id == version_id))
    rows = [{"version_id": version_id,
             "coding_id": a.id if a.kind == "coding" else None,
             "memo_id": a.id if a.kind == "memo" else None,
             "start": a.start, "end": a.end, **{c: getattr(a, c) for c in _REVIEW_COLUMNS}}
            for a in found]
    if rows:
        conn.execute(insert(version_anchors), rows)


def anchors_at(conn: Connection, version_id: int) -> dict[tuple[str, int], Anchor]:
    """(kind, id) -> where that coding or memo was when the version was left."""
    query = select(version_anchors).where(version_anchors.c.version_id == version_id)
    return {("coding" if r.coding_id is not None else "memo", r.coding_id or r.memo_id):
            Anchor("coding" if r.coding_id is not None else "memo", r.coding_id or r.memo_id,
                   r.start, r.end, *(r[c] for c in _REVIEW_COLUMNS))
            for r in conn.execute(query).mappings()}


_MOVE = {kind: update(table).where(table.c.id == bindparam("key"))
         .values(start=bindparam("new_start"), end=bindparam("new_end"))
         for kind, table in (("coding", codings), ("memo", memos))}


def place(conn: Connection, document_id: int, placed: Sequence[Anchor]) -> None:
    """Write new spans and review states of codings and memos (state None: no review)."""
    for kind in ("coding", "memo"):
        mine = [a for a in placed if a.kind == kind]
        if not mine:
            continue
        conn.execute(_MOVE[kind], [{"key": a.id, "new_start": a.start, "new_end": a.end}
                                   for a in mine])
        key = text_reviews.c.coding_id if kind == "coding" else text_reviews.c.memo_id
        ids = [a.id for a in mine]
        for i in range(0, len(ids), 500):
            conn.execute(delete(text_reviews).where(key.in_(ids[i:i + 500])))
        rows = [{"document_id": document_id, "coding_id": a.id if kind == "coding" else None,
                 "memo_id": a.id if kind == "memo" else None,
                 **{c: getattr(a, c) for c in _REVIEW_COLUMNS}}
                for a in mine if a.state]
        if rows:
            conn.execute(insert(text_reviews), rows)


def review_rows(conn: Connection, document_id: int | None = None) -> list[dict[str, Any]]:
    """Codings and memos waiting for review, with their document, code, coder or title."""
    query = (
        select(text_reviews, documents.c.name.label("document"),
               codes.c.name.label("code"), coders.c.name.label("coder"),
               func.coalesce(codings.c.start, memos.c.start).label("start"),
               func.coalesce(codings.c.end, memos.c.end).label("end"),
               memos.c.title.label("memo_title"), memos.c.text.label("memo_text"))
        .join(documents, documents.c.id == text_reviews.c.document_id)
        .outerjoin(codings, codings.c.id == text_reviews.c.coding_id)
        .outerjoin(codes, codes.c.id == codings.c.code_id)
        .outerjoin(coders, coders.c.id == codings.c.coder_id)
        .outerjoin(memos, memos.c.id == text_reviews.c.memo_id)
        .order_by(documents.c.name, text_reviews.c.id))
    if document_id is not None:
        query = query.where(text_reviews.c.document_id == document_id)
    return [dict(r) for r in conn.execute(query).mappings()]


def review_of(conn: Connection, kind: str, item_id: int) -> dict[str, Any] | None:
    key = text_reviews.c.coding_id if kind == "coding" else text_reviews.c.memo_id
    row = conn.execute(select(text_reviews).where(key == item_id)).mappings().first()
    return dict(row) if row else None


def clear_review(conn: Connection, kind: str, item_id: int) -> None:
    key = text_reviews.c.coding_id if kind == "coding" else text_reviews.c.memo_id
    conn.execute(delete(text_reviews).where(key == item_id))


def move_one(conn: Connection, kind: str, item_id: int, start: int, end: int) -> None:
    conn.execute(_MOVE[kind], {"key": item_id, "new_start": start, "new_end": end})


def delete_item(conn: Connection, kind: str, item_id: int) -> None:
    table = codings if kind == "coding" else memos
    conn.execute(delete(table).where(table.c.id == item_id))


def item_document(conn: Connection, kind: str, item_id: int) -> tuple[int, int, int]:
    """(document id, start, end) of a coding or a memo on a span."""
    table = codings if kind == "coding" else memos
    row = conn.execute(select(table.c.document_id, table.c.start, table.c.end)
                       .where(table.c.id == item_id)).first()
    if row is None or row.document_id is None or row.start is None:
        raise NotFound("There is no {kind} #{id} on a span of a document.", kind=kind,
                       id=item_id)
    return row.document_id, row.start, row.end


def mixed_versions(conn: Connection, document_ids: Sequence[int], coder_ids: Sequence[int]
                   ) -> list[tuple[str, str, int, int]]:
    """(document, coder, version its codings' words were made on, current version) for
    codings of these coders on these documents made on an older text (flagged or detached
    by an edit and not reviewed yet), first by document and coder."""
    if not document_ids or not coder_ids:
        return []
    query = (select(documents.c.name, coders.c.name, func.min(text_reviews.c.made_on),
                    documents.c.id)
             .select_from(text_reviews.join(codings, codings.c.id == text_reviews.c.coding_id)
                          .join(documents, documents.c.id == codings.c.document_id)
                          .join(coders, coders.c.id == codings.c.coder_id))
             .where(codings.c.document_id.in_(list(document_ids)),
                    codings.c.coder_id.in_(list(coder_ids)))
             .group_by(documents.c.name, coders.c.name, documents.c.id)
             .order_by(documents.c.name, coders.c.name))
    rows = conn.execute(query).all()
    numbers = current_numbers(conn, {r[3] for r in rows})
    return [(doc, coder, made_on, numbers[doc_id]) for doc, coder, made_on, doc_id in rows]


def pending_suggestions(conn: Connection, document_id: int) -> list[tuple[int, int, int]]:
    query = select(suggestions.c.id, suggestions.c.start, suggestions.c.end).where(
        suggestions.c.document_id == document_id, suggestions.c.state == "pending")
    return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def move_suggestions(conn: Connection, moved: Sequence[tuple[int, int, int]],
                     dropped: Sequence[int]) -> None:
    """Pending suggestions follow an edit; those whose words changed are dropped."""
    if moved:
        conn.execute(update(suggestions).where(suggestions.c.id == bindparam("key"))
                     .values(start=bindparam("new_start"), end=bindparam("new_end")),
                     [{"key": k, "new_start": s, "new_end": e} for k, s, e in moved])
    for i in range(0, len(dropped), 500):
        conn.execute(delete(suggestions).where(suggestions.c.id.in_(dropped[i:i + 500])))


def turn_spans(conn: Connection, document_id: int) -> list[tuple[int, int, int]]:
    """(id, start, end) of the timed turns of a document (``document_turns``)."""
    query = select(document_turns.c.id, document_turns.c.start, document_turns.c.end).where(
        document_turns.c.document_id == document_id)
    return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def move_turns(conn: Connection, moved: Sequence[tuple[int, int, int]],
               dropped: Sequence[int]) -> None:
    """Timed turns follow an edit (their times stay); a turn whose text is gone is dropped."""
    if moved:
        conn.execute(update(document_turns).where(document_turns.c.id == bindparam("key"))
                     .values(start=bindparam("new_start"), end=bindparam("new_end")),
                     [{"key": k, "new_start": s, "new_end": e} for k, s, e in moved])
    for i in range(0, len(dropped), 500):
        conn.execute(delete(document_turns).where(document_turns.c.id.in_(dropped[i:i + 500])))
