"""Retrieval of coded segments with context and attribution."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from stemmen.store import documents as dc
from stemmen.store import retrieval

if TYPE_CHECKING:
    from stemmen.project import Project

ROLE_ATTRIBUTES = ("role", "rol", "rôle")


@dataclass(frozen=True)
class Segment:
    """A coded stretch of text, ready to quote: text, context and attribution."""

    coding_id: int
    document: str
    case: str | None
    code: str
    coder: str
    start: int
    end: int
    text: str
    paragraphs: tuple[int, int]
    before: str
    after: str
    role: str | None

    @property
    def attribution(self) -> str:
        """"(Eindgebruiker, OCMW Antwerpen)": role and case, as the study attributes quotes."""
        parts = [p for p in (self.role, self.case) if p] or [self.document]
        return "(" + ", ".join(parts) + ")"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "attribution": self.attribution}


class Segments:
    """Coded segments for codes, filtered by case, attribute, coder and document."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def retrieve(self, codes: list[str] | None = None, cases: list[str] | None = None,
                 coders: list[str] | None = None, documents: list[str] | None = None,
                 attributes: dict[str, Any] | None = None, context: int = 0) -> list[Segment]:
        """Segments matching all filters; ``context`` paragraphs before and after each."""
        with self._p.store.reading() as conn:
            if codes:
                for code in codes:  # a clear error for an unknown code
                    from stemmen.store.codebook import code_id

                    code_id(conn, code)
            rows = retrieval.segments(conn, codes, cases, coders, documents, attributes)
            texts = dc.document_texts(conn, sorted({r.document_id for r in rows}))
            roles = _roles(dc.list_documents(conn)) if rows else {}
        units = {doc_id: _Paragraphs(text) for doc_id, text in texts.items()}
        return [_segment(r, texts[r.document_id], units[r.document_id], roles, context)
                for r in rows]


_PARAGRAPH = re.compile(r"^[^\S\n]*(\S[^\n]*)", re.MULTILINE)


class _Paragraphs:
    """A document's paragraph units, as ``model.text.paragraphs`` gives them, as two lists of
    bounds: found with one regular expression and by bisection (no Unit per paragraph)."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [m.span(1) for m in _PARAGRAPH.finditer(text)]  # lines with non-whitespace
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """First and last unit number (from 1) sharing a code point with [start, end)."""
        first = bisect_right(self.ends, start)  # first unit ending after start
        last = bisect_left(self.starts, end)  # units before this one start before end
        return (first + 1, last) if first < last else None

    def joined(self, lo: int, hi: int) -> str:
        """The text of units[lo:hi] (0-based), one per line."""
        return "\n".join(self.text[s:e] for s, e in zip(self.starts[lo:hi], self.ends[lo:hi],
                                                        strict=True))


def _roles(docs: list) -> dict[str, str]:  # noqa: ANN001
    roles = {}
    for doc in docs:
        for key in ROLE_ATTRIBUTES:
            if doc.attributes.get(key):
                roles[doc.name] = str(doc.attributes[key])
                break
    return roles


def _segment(row: Any, text: str, units: _Paragraphs, roles: dict, context: int) -> Segment:
    first, last = units.span(row.start, row.end) or (1, 1)
    return Segment(
        coding_id=row.coding_id, document=row.document, case=row.case, code=row.code,
        coder=row.coder, start=row.start, end=row.end, text=text[row.start:row.end],
        paragraphs=(first, last),
        before=units.joined(max(0, first - 1 - context), first - 1) if context else "",
        after=units.joined(last, last + context) if context else "",
        role=roles.get(row.document),
    )
