"""The audit log and memos."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.model.codings import AuditEntry, Memo, check_span
from stemmen.store import documents as dc
from stemmen.store import journal, memos, snapshots

if TYPE_CHECKING:
    from stemmen.project import Project


class Journal:
    """Who changed what, when."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def record(self, action: str, **details: Any) -> None:
        with self._p.store.transaction() as tx:
            journal.record(tx, self._p.actor, action, **details)

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        with self._p.store.reading() as conn:
            return journal.audit_entries(conn, limit)

    def page(self, action: str = "", actor: str = "", page: int = 1,
             size: int = 100) -> LogPage:
        """One page of the audit log, newest first, filtered by exact action and actor."""
        with self._p.store.reading() as conn:
            first = journal.audit_page(conn, action, actor, 0, 0)
            pages = max(1, -(-first[1] // size))
            page = min(max(page, 1), pages)
            entries, total, actions, actors = journal.audit_page(
                conn, action, actor, (page - 1) * size, size)
        return LogPage(entries, page, pages, total, actions, actors)


@dataclass(frozen=True)
class LogPage:
    """One page of the filtered audit log and what the filters can offer."""

    entries: list[AuditEntry]
    page: int
    pages: int
    total: int
    actions: list[str]
    actors: list[str]


class Memos:
    """Free-text notes on the project, a document, a segment or a code."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, text: str, title: str = "", document: str | None = None,
            start: int | None = None, end: int | None = None, code: str | None = None,
            author: str | None = None) -> Memo:
        """Write a memo; on a segment when ``document``, ``start`` and ``end`` are given."""
        text = _memo_text(text)
        memo = Memo(text=text, title=(title or "").strip(), author=author or self._p.actor,
                    document=document, start=start, end=end, code=code)
        with self._p.store.transaction() as tx:
            if document and start is not None and end is not None:
                check_span(start, end, len(dc.get_document(tx, document).text))
            memo_id = snapshots.add_memo(tx, memo)
            journal.record(tx, memo.author, "memo.add", id=memo_id, document=document)
            return memos.get(tx, memo_id)

    def edit(self, memo_id: int, text: str | None = None, title: str | None = None,
             author: str | None = None) -> Memo:
        """Change a memo's text and/or title (its place stays); returns the memo as it is now."""
        values: dict[str, str] = {}
        if text is not None:
            values["text"] = _memo_text(text)
        if title is not None:
            values["title"] = title.strip()
        if not values:
            raise Invalid("Give a new text or title for the memo.")
        with self._p.store.transaction() as tx:
            memos.update_memo(tx, memo_id, **values)
            journal.record(tx, author or self._p.actor, "memo.edit", id=memo_id,
                           fields=sorted(values))
            return memos.get(tx, memo_id)

    def remove(self, memo_id: int, author: str | None = None) -> Memo:
        """Delete a memo; returns what was deleted."""
        with self._p.store.transaction() as tx:
            memo = memos.delete_memo(tx, memo_id)
            journal.record(tx, author or self._p.actor, "memo.remove", id=memo_id,
                           document=memo.document, title=memo.title)
        return memo

    def get(self, memo_id: int) -> Memo:
        with self._p.store.reading() as conn:
            return memos.get(conn, memo_id)

    def list(self, document: str | None = None) -> list[Memo]:
        with self._p.store.reading() as conn:
            if document is not None:
                return memos.of_document(conn, dc.document_id(conn, document))
            return snapshots.list_memos(conn)


def _memo_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Invalid("A memo needs some text.")
    return text
