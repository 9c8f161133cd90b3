"""The audit log and memos."""

from __future__ import annotations

import datetime as dt
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
             size: int = 100, since: dt.date | None = None,
             until: dt.date | None = None) -> LogPage:
        """One page of the audit log, newest first, filtered by exact action and actor and
        by day (``since`` and ``until`` included, UTC days)."""
        start, end = _days(since, until)
        with self._p.store.reading() as conn:
            first = journal.audit_page(conn, action, actor, 0, 0, start, end)
            pages = max(1, -(-first[1] // size))
            page = min(max(page, 1), pages)
            entries, total, actions, actors = journal.audit_page(
                conn, action, actor, (page - 1) * size, size, start, end)
        return LogPage(entries, page, pages, total, actions, actors)

    def filtered(self, action: str = "", actor: str = "", since: dt.date | None = None,
                 until: dt.date | None = None) -> list[AuditEntry]:
        """Every audit entry, oldest first, filtered as :meth:`page` filters."""
        start, end = _days(since, until)
        with self._p.store.reading() as conn:
            return journal.audit_filtered(conn, action, actor, start, end)

    def export(self, fmt: str = "csv", action: str = "", actor: str = "",
               since: dt.date | None = None, until: dt.date | None = None) -> str:
        """The (filtered) audit log as CSV (columns id, at, actor, action, details as JSON) or
        as JSON (a list of objects with the same keys), oldest first."""
        import csv
        import io
        import json

        fmt = (fmt or "").strip().lower()
        if fmt not in ("csv", "json"):
            raise Invalid("Unknown format {format!r}: use csv or json.", format=fmt)
        rows = [{"id": e.id, "at": _iso(e.at), "actor": e.actor, "action": e.action,
                 "details": e.details} for e in self.filtered(action, actor, since, until)]
        if fmt == "json":
            return json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n"
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "at", "actor", "action", "details"])
        for row in rows:
            writer.writerow([row["id"], row["at"], row["actor"], row["action"],
                             json.dumps(row["details"], ensure_ascii=False, default=str)])
        return out.getvalue()


def _days(since: dt.date | None, until: dt.date | None
          ) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Whole UTC days: from the start of ``since`` to the end of ``until``."""
    if since and until and until < since:
        raise Invalid("The end day {until} is before the start day {since}.",
                      since=since.isoformat(), until=until.isoformat())
    start = dt.datetime.combine(since, dt.time(), dt.UTC) if since else None
    end = (dt.datetime.combine(until, dt.time(), dt.UTC) + dt.timedelta(days=1)
           if until else None)
    return start, end


def _iso(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).isoformat()


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
