"""The audit log and memos."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stemmen.model.codings import AuditEntry, Memo, check_span
from stemmen.store import documents as dc
from stemmen.store import journal, snapshots

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


class Memos:
    """Free-text notes on the project, a document, a segment or a code."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, text: str, title: str = "", document: str | None = None,
            start: int | None = None, end: int | None = None, code: str | None = None) -> Memo:
        memo = Memo(text=text, title=title, author=self._p.actor, document=document,
                    start=start, end=end, code=code)
        with self._p.store.transaction() as tx:
            if document and start is not None and end is not None:
                check_span(start, end, len(dc.get_document(tx, document).text))
            memo_id = snapshots.add_memo(tx, memo)
            journal.record(tx, self._p.actor, "memo.add", id=memo_id, document=document)
        return self.list()[-1]

    def list(self, document: str | None = None) -> list[Memo]:
        with self._p.store.reading() as conn:
            memos = snapshots.list_memos(conn)
        return [m for m in memos if document is None or m.document == document]
