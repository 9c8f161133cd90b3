"""Retrieval of coded segments with context and attribution, and their CSV export."""

from __future__ import annotations

import csv
import re
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from stemmen.store import documents as dc
from stemmen.store import retrieval
from stemmen.store.codebook import code_id

if TYPE_CHECKING:
    from stemmen.project import Project

ROLE_ATTRIBUTES = ("role", "rol", "rôle")
CSV_COLUMNS = ("coding_id", "document", "case", "role", "code", "category", "coder", "start",
               "end", "first_paragraph", "last_paragraph", "text", "before", "after",
               "attribution")
"""The columns of :meth:`Segments.export_csv`, in order."""
TEXT_BATCH = 64  # documents whose texts are read in one query while segments stream out


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
        """Every field and the attribution, as plain JSON-ready values."""
        return {"coding_id": self.coding_id, "document": self.document, "case": self.case,
                "code": self.code, "coder": self.coder, "start": self.start, "end": self.end,
                "text": self.text, "paragraphs": self.paragraphs, "before": self.before,
                "after": self.after, "role": self.role, "attribution": self.attribution}


class Segments:
    """Coded segments for codes, filtered by case, attribute, coder and document."""

    def __init__(self, project: Project) -> None:
        self._p = project
        self._texts = _TextCache()

    def retrieve(self, codes: list[str] | None = None, cases: list[str] | None = None,
                 coders: list[str] | None = None, documents: list[str] | None = None,
                 attributes: dict[str, Any] | None = None, context: int = 0) -> list[Segment]:
        """Segments matching all filters; ``context`` paragraphs before and after each."""
        with self._p.store.reading() as conn:
            return list(self._stream(conn, codes, cases, coders, documents, attributes,
                                     context))

    def export_csv(self, path: str | Path | IO[str], codes: list[str] | None = None,
                   cases: list[str] | None = None, coders: list[str] | None = None,
                   documents: list[str] | None = None, attributes: dict[str, Any] | None = None,
                   context: int = 0) -> int:
        """Write the segments ``retrieve`` would return as CSV, one row at a time.

        UTF-8 with a byte order mark (Excel then reads accents right), comma-separated, CRLF
        line ends, columns :data:`CSV_COLUMNS`; ``before``/``after`` are empty without
        ``context``. ``path`` may be an open text file (written as it is: no BOM added).
        Returns the number of rows written.
        """
        categories = {c.name: c.category or "" for c in self._p.codebook.codes()}
        with self._p.store.reading() as conn:
            stream = self._stream(conn, codes, cases, coders, documents, attributes, context)
            if isinstance(path, (str, Path)):
                with Path(path).open("w", encoding="utf-8", newline="") as fp:
                    fp.write("\ufeff")  # the BOM ("utf-8-sig" would encode row by row in Python)
                    return _write_csv(fp, stream, categories)
            return _write_csv(path, stream, categories)

    def _stream(self, conn: Any, codes: list[str] | None, cases: list[str] | None,
                coders: list[str] | None, documents: list[str] | None,
                attributes: dict[str, Any] | None, context: int) -> Iterator[Segment]:
        """Segments in document order, cut out lazily; the filters are checked and the rows
        read at once, so an unknown code fails before anything is written."""
        for code in codes or ():  # a clear error for an unknown code
            code_id(conn, code)
        rows = retrieval.segments(conn, codes, cases, coders, documents, attributes)
        return self._cut(conn, rows, context)

    def _cut(self, conn: Any, rows: list[Any], context: int) -> Iterator[Segment]:
        """Text and paragraphs of each row; texts are read a batch of documents at a time."""
        if not rows:
            return
        docs = dc.list_documents(conn)
        roles = _roles(docs)
        versions = {d.id: d.guid for d in docs}
        start = 0
        while start < len(rows):
            batch: list[int] = []
            stop = start
            while stop < len(rows) and (len(batch) < TEXT_BATCH
                                        or rows[stop].document_id == batch[-1]):
                if not batch or rows[stop].document_id != batch[-1]:
                    batch.append(rows[stop].document_id)
                stop += 1
            units = self._texts.get(conn, {i: versions.get(i, "") for i in batch})
            for row in rows[start:stop]:
                yield _segment(row, units[row.document_id], roles, context)
            start = stop


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


class _TextCache:
    """Documents' texts and paragraph bounds, kept between calls (least recently used first
    out, at most ``limit`` code points in all).

    An entry is keyed by the document's id *and* GUID: a document's text never changes once
    added, and a document added again gets a new GUID, so a stale entry is never used.
    """

    def __init__(self, limit: int = 32_000_000) -> None:
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict[tuple[int, str], _Paragraphs] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, conn: Any, wanted: dict[int, str]) -> dict[int, _Paragraphs]:
        """``{document id: paragraphs}`` for ``{document id: guid}``; missing texts are read."""
        found: dict[int, _Paragraphs] = {}
        with self.lock:
            for doc_id, guid in wanted.items():
                entry = self.entries.get((doc_id, guid))
                if entry is not None:
                    self.entries.move_to_end((doc_id, guid))
                    found[doc_id] = entry
        missing = [doc_id for doc_id in wanted if doc_id not in found]
        if missing:
            fresh = {doc_id: _Paragraphs(text)
                     for doc_id, text in dc.document_texts(conn, missing).items()}
            found.update(fresh)
            with self.lock:
                for doc_id, units in fresh.items():
                    self._put((doc_id, wanted[doc_id]), units)
        return found

    def _put(self, key: tuple[int, str], units: _Paragraphs) -> None:
        if not key[1] or len(units.text) > self.limit // 4 or key in self.entries:
            return
        self.entries[key] = units
        self.size += len(units.text)
        while self.size > self.limit:
            _, old = self.entries.popitem(last=False)
            self.size -= len(old.text)


def _roles(docs: list) -> dict[str, str]:  # noqa: ANN001
    roles = {}
    for doc in docs:
        for key in ROLE_ATTRIBUTES:
            if doc.attributes.get(key):
                roles[doc.name] = str(doc.attributes[key])
                break
    return roles


def _segment(row: Any, units: _Paragraphs, roles: dict, context: int) -> Segment:
    first, last = units.span(row.start, row.end) or (1, 1)
    segment = _new(Segment)  # filled in directly: a frozen dataclass's __init__ costs 3x more
    segment.__dict__.update(
        coding_id=row.coding_id, document=row.document, case=row.case, code=row.code,
        coder=row.coder, start=row.start, end=row.end, text=units.text[row.start:row.end],
        paragraphs=(first, last),
        before=units.joined(max(0, first - 1 - context), first - 1) if context else "",
        after=units.joined(last, last + context) if context else "",
        role=roles.get(row.document),
    )
    return segment


_new = object.__new__


def _write_csv(fp: IO[str], segments: Iterator[Segment], categories: dict[str, str]) -> int:
    count = 0

    def rows() -> Iterator[tuple[Any, ...]]:
        nonlocal count
        for s in segments:
            count += 1
            yield (s.coding_id, s.document, s.case or "", s.role or "", s.code,
                   categories.get(s.code, ""), s.coder, s.start, s.end, s.paragraphs[0],
                   s.paragraphs[1], s.text, s.before, s.after, s.attribution)

    writer = csv.writer(fp)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows())
    return count
