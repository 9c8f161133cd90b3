"""Read models for the web workspace (documents with their codings in one call, progress).

The page data are plain, JSON-ready dicts; a text search answers :class:`TextHit` objects
(``as_dict()`` for JSON). Offsets are Unicode code points, as everywhere in Stemmen.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.model.codes import Category, Code
from stemmen.model.codings import Memo
from stemmen.model.text import Unit
from stemmen.project.cache import cache_of
from stemmen.project.rounds import hidden
from stemmen.project.search import SearchResults, TextHit
from stemmen.project.search import search as search_text
from stemmen.store import codebook as cb
from stemmen.store import documents as dc
from stemmen.store import memos as ms
from stemmen.store import spans as sp
from stemmen.store import workspace_queries as wq

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.retrieval import Segment



_SPEAKER = re.compile(r"([^\s:.!?][^:\n.!?]{0,38}):\s")


class Workspace:
    """What the coding workspace shows, gathered in as few queries as possible."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def document_view(self, name: str, coders: list[str] | None = None) -> dict[str, Any]:
        """A document ready to paint: text, paragraphs with speakers, codings, codes, memos.

        ``coders`` limits the codings to those coders (None: every coder, as the page shows
        them at first). ``coder_counts`` always counts every coder's codings in the document,
        so a face can offer the others.
        """
        with self._p.store.reading() as conn:
            doc = dc.get_document(conn, name)
            rows = wq.document_codings(conn, doc.id, coders)  # type: ignore[arg-type]
            counts = wq.coder_counts(conn, doc.id)  # type: ignore[arg-type]
            blind = hidden(self._p, conn)  # a blind round: other coders' codings stay out
            if blind.covers(doc.name):
                rows = [r for r in rows if not blind.hides(doc.name, r.coder)]
                counts = {c: n for c, n in counts.items() if not blind.hides(doc.name, c)}
            codes = cb.list_codes(conn)
            memos = ms.of_document(conn, doc.id)  # type: ignore[arg-type]
            units = stored_units(self._p, conn, doc.id)  # type: ignore[arg-type]
        return {
            "name": doc.name, "case": doc.case, "attributes": _plain(doc.attributes),
            "text": doc.text, "length": len(doc.text),
            "paragraphs": _with_speakers(doc.text, units),
            "codings": [{"id": r.id, "code": r.code, "coder": r.coder, "start": r.start,
                         "end": r.end, "at": _iso(r.created_at)} for r in rows],
            "codes": [{"name": c.name, "category": c.category, "colour": c.colour,
                       "definition": c.definition} for c in codes],
            "coder_counts": counts,
            "memos": [memo_json(m) for m in memos],
        }

    def progress(self) -> dict[str, dict[str, float]]:
        """Share of paragraphs (0..1) each coder has coded, per document name (kept until the
        project changes; the texts are split into paragraphs once)."""
        found = cache_of(self._p).remember(("workspace.progress",), self._progress)
        return self._blind_progress(found)

    def _blind_progress(self, found: dict[str, dict[str, float]]
                        ) -> dict[str, dict[str, float]]:
        """``found`` without the other coders' progress in the viewer's blind rounds."""
        with self._p.store.reading() as conn:
            blind = hidden(self._p, conn)
        if not blind:
            return found
        return {doc: {c: v for c, v in shares.items() if not blind.hides(doc, c)}
                for doc, shares in found.items()}

    def _progress(self) -> dict[str, dict[str, float]]:
        cache = cache_of(self._p)
        with self._p.store.reading() as conn:
            ids = wq.document_ids(conn)
            index = cache.paragraph_index(conn)
            sizes = {i: len(u) for i, u in cache.paragraphs(conn).items()}
            coders = sp.coder_names(conn)
            touched = index.touched(np.array(sp.coder_spans(conn), dtype=np.int64))
        return {name: {coders[c]: round(n / sizes[doc_id], 4)
                       for c, n in sorted(touched.get(doc_id, {}).items(),
                                          key=lambda item: coders[item[0]])}
                if sizes.get(doc_id) else {} for name, doc_id in ids.items()}

    def overview(self) -> dict[str, Any]:
        """Documents grouped by case, with attributes, progress and a codebook summary (kept
        until the project changes)."""
        found = cache_of(self._p).remember(("workspace.overview",), self._overview)
        progress = self._blind_progress({d["name"]: d["progress"]
                                         for c in found["cases"] for d in c["documents"]})
        if all(progress[d["name"]] is d["progress"] for c in found["cases"]
               for d in c["documents"]):
            return found
        return {**found, "cases": [{**c, "documents": [{**d, "progress": progress[d["name"]]}
                                                       for d in c["documents"]]}
                                   for c in found["cases"]]}

    def _overview(self) -> dict[str, Any]:
        with self._p.store.reading() as conn:
            docs = dc.list_documents(conn)
            cases = dc.list_cases(conn)
            defs = dc.attribute_defs(conn, "document")
            categories = cb.list_categories(conn)
            codes = cb.list_codes(conn)
            counts = cb.coding_counts(conn)
        progress = self.progress()
        groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for doc in docs:
            groups[doc.case].append({"name": doc.name, "attributes": _plain(doc.attributes),
                                     "progress": progress.get(doc.name, {})})
        case_attrs = {c.name: _plain(c.attributes) for c in cases}
        ordered = sorted(groups, key=lambda c: (c is None, c or ""))
        coders = sorted({c for p in progress.values() for c in p})
        return {
            "cases": [{"name": c, "attributes": case_attrs.get(c, {}) if c else {},
                       "documents": groups[c]} for c in ordered],
            "attributes": [a.name for a in defs],
            "coders": coders,
            "codebook": _codebook_summary(categories, codes, counts),
            "totals": {"documents": len(docs), "codes": len(codes),
                       "codings": sum(counts.values()), "cases": len(cases)},
        }

    def search(self, query: str, limit: int = 200, case: str | None = None,
               code: str | None = None) -> list[TextHit]:
        """Paragraphs matching ``query`` in the full-text index (words, "phrases", prefix*;
        accents and case ignored), at most ``limit``; see :mod:`stemmen.project.search`."""
        return search_text(self._p, query, case, code, limit).hits

    def search_all(self, query: str, case: str | None = None, code: str | None = None,
                   limit: int = 200) -> SearchResults:
        """:meth:`search` with how many paragraphs match in all."""
        return search_text(self._p, query, case, code, limit)

    def retrieve_combined(self, codes: list[str], mode: str = "or",
                          cases: list[str] | None = None, coders: list[str] | None = None,
                          documents: list[str] | None = None,
                          attributes: dict[str, Any] | None = None) -> list[Segment]:
        """Segments of any of ``codes`` ("or"), or of the first code that overlap a segment
        of every other code in the same document ("and"); filters apply to all codes."""
        if mode not in ("or", "and"):
            raise Invalid("Combine codes with 'or' or 'and', not {mode!r}.", mode=mode)
        retrieve = self._p.segments.retrieve
        if mode == "or" or len(codes) < 2:
            return retrieve(codes or None, cases, coders, documents, attributes)
        found = retrieve(codes[:1], cases, coders, documents, attributes)
        for other in codes[1:]:
            if not found:
                break
            index = _IntervalIndex(retrieve([other], cases, coders, documents, attributes))
            found = [s for s in found if index.overlaps(s.document, s.start, s.end)]
        return found

    def context(self, document: str, start: int, end: int, around: int = 2) -> dict[str, Any]:
        """The paragraphs of a span and ``around`` paragraphs before and after it."""
        with self._p.store.reading() as conn:
            doc = dc.get_document(conn, document)
            units = stored_units(self._p, conn, doc.id)  # type: ignore[arg-type]
        text = doc.text
        touched = [u for u in units if u.start < end and start < u.end] or units[:1]
        first, last = touched[0].index, touched[-1].index

        def part(chosen: list[Unit]) -> list[dict[str, Any]]:
            return [{"index": u.index, "text": text[u.start:u.end]} for u in chosen]

        return {"document": document, "first": first, "last": last,
                "before": part(units[max(0, first - 1 - around):first - 1]),
                "after": part(units[last:last + around])}


class _IntervalIndex:
    """Segments per document, sorted by start with a running maximum of ends."""

    def __init__(self, segments: list[Segment]) -> None:
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for s in segments:
            spans[s.document].append((s.start, s.end))
        self._starts: dict[str, list[int]] = {}
        self._max_end: dict[str, list[int]] = {}
        for doc, items in spans.items():
            items.sort()
            self._starts[doc] = [a for a, _ in items]
            running, ends = 0, []
            for _, b in items:
                running = max(running, b)
                ends.append(running)
            self._max_end[doc] = ends

    def overlaps(self, document: str, start: int, end: int) -> bool:
        """True if a span starting before ``end`` ends after ``start`` (O(log n))."""
        starts = self._starts.get(document)
        if not starts:
            return False
        i = bisect_left(starts, end)  # spans [0, i) start before end
        return i > 0 and self._max_end[document][i - 1] > start


def stored_units(project: Project, conn: Any, document_id: int) -> list[Unit]:
    """A document's paragraph units as stored (``store.units``), through the project's cache."""
    spans = cache_of(project).paragraphs(conn, [document_id]).get(document_id, [])
    return [Unit(i, start, end) for i, (start, end) in enumerate(spans, start=1)]


def _with_speakers(text: str, units: list[Unit]) -> list[dict[str, Any]]:
    """Paragraph units with the length of a speaker label ("Deelnemer 1:") when present.

    A label counts as a speaker only when it opens at least two paragraphs, so a sentence
    such as "Ik zei: ja" is not mistaken for a speaker turn.
    """
    found: list[tuple[str, int] | None] = []
    for u in units:
        match = _SPEAKER.match(text, u.start, u.end)
        found.append((match.group(1).strip(), match.end(1) + 1) if match else None)
    seen = Counter(f[0] for f in found if f)
    out = []
    for u, f in zip(units, found, strict=True):
        speaker = f[0] if f and seen[f[0]] >= 2 else None
        out.append({"index": u.index, "start": u.start, "end": u.end, "speaker": speaker,
                    "label_end": f[1] if speaker and f else u.start})
    return out


def _codebook_summary(categories: list[Category], codes: list[Code],
                      counts: dict[str, int]) -> list[dict[str, Any]]:
    rows: dict[str | None, dict[str, Any]] = {
        c.name: {"name": c.name, "codes": 0, "codings": 0} for c in categories}
    for code in codes:
        row = rows.setdefault(code.category, {"name": code.category, "codes": 0, "codings": 0})
        row["codes"] += 1
        row["codings"] += counts.get(code.name, 0)
    return list(rows.values())


def memo_json(m: Memo) -> dict[str, Any]:
    """A memo as the document page knows it."""
    return {"id": m.id, "title": m.title, "text": m.text, "author": m.author,
            "start": m.start, "end": m.end, "at": _iso(m.created_at)}


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Attribute values made JSON-ready (dates as ISO text)."""
    return {k: _iso(v) if hasattr(v, "isoformat") else v for k, v in values.items()}


def _iso(value: Any) -> str | None:
    """ISO text; a naive timestamp from the store is UTC and says so."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat() if value is not None else None
