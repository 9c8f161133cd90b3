"""Codings (a code on a span of a document, by a coder), memos and the audit trail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from stemmen.errors import Invalid


@dataclass(frozen=True)
class Coding:
    """One code applied to [start, end) of a document by one coder."""

    document: str
    start: int
    end: int
    code: str
    coder: str
    created_at: dt.datetime | None = None
    guid: str = ""
    id: int | None = None

    def overlaps(self, other: Coding) -> bool:
        return self.document == other.document and self.start < other.end and other.start < self.end


def check_span(start: int, end: int, length: int) -> None:
    """Raise Invalid unless 0 <= start < end <= length."""
    if not (0 <= start < end <= length):
        raise Invalid(
            "Span {start}-{end} is not inside the document (0-{length}).",
            start=start,
            end=end,
            length=length,
        )


@dataclass(frozen=True)
class Memo:
    """A free-text note, on the project, a document, a segment or a code."""

    text: str
    author: str = ""
    title: str = ""
    document: str | None = None
    start: int | None = None
    end: int | None = None
    code: str | None = None
    created_at: dt.datetime | None = None
    guid: str = ""
    id: int | None = None


@dataclass(frozen=True)
class AuditEntry:
    """Who did what, when: one line of the project's audit log."""

    actor: str
    action: str
    details: dict[str, Any] = field(default_factory=dict)
    at: dt.datetime | None = None
    id: int | None = None
