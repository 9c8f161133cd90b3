"""Running a query by kind and parameters (as a saved query holds them), coding progress, the
codes on each paragraph (co-occurrence) and the filtered text search;
:class:`stemmen.project.queries.Queries` exposes them. Paragraphs are the stored units, read
through the project's paragraph cache (``project.cache``), never split again here."""

from __future__ import annotations

import inspect
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.model.codes import Category, Code
from stemmen.project import query_results as qr
from stemmen.project.cache import cache_of
from stemmen.stats.crosstabs import CrossTab
from stemmen.store import codebook as cb
from stemmen.store import documents as dc
from stemmen.store import spans as sp
from stemmen.store import units as su
from stemmen.store import workspace_queries as wq
from stemmen.store.analysis import NONE, Span, label

if TYPE_CHECKING:
    from stemmen.project import Project

KINDS = ("matrix", "cooccurrence", "progress", "waves", "sampling", "profiles", "interviews",
         "codebook", "search")
"""The kinds of query that can be run by name and saved (each a method of Queries)."""


def checked_params(method: Callable[..., Any], kind: str,
                   params: dict[str, Any] | None) -> dict[str, Any]:
    """The parameters of a ``kind`` query without empty values, or Invalid when one is unknown
    or not text, a number, a list of text or a mapping."""
    if kind not in KINDS:
        raise Invalid("There is no query kind {kind!r}: use one of {kinds}.", kind=kind,
                      kinds=", ".join(KINDS))
    if params is not None and not isinstance(params, dict):
        raise Invalid("The parameters of a query are a mapping of names to values.")
    clean = {k: v for k, v in (params or {}).items() if v not in (None, "", [], {})}
    allowed = [n for n in inspect.signature(method).parameters if n != "self"]
    for name, value in clean.items():
        if name not in allowed:
            raise Invalid("A {kind} query has no parameter {name!r} (it takes {names}).",
                          kind=kind, name=name, names=", ".join(allowed) or "-")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise Invalid("The parameter {name} is a list of names.", name=name)
        if not isinstance(value, (str, int, float, list, dict)) or isinstance(value, bool):
            raise Invalid("The parameter {name} must be text, a number or a list.", name=name)
    return clean


def code_groups(m: CrossTab, codes: list[Code], categories: list[Category]
                ) -> tuple[list[qr.RowGroup], list[int], dict[str, str | None]]:
    """Rows of a code matrix grouped by category, in the codebook's category order (codes
    without a category last); the row order that follows; each code's category."""
    category_of = {c.name: c.category for c in codes}
    order = {c.name: i for i, c in enumerate(categories)}
    found: dict[str | None, list[int]] = {}
    for i, row in enumerate(m.rows):
        found.setdefault(category_of.get(row), []).append(i)
    names = sorted(found, key=lambda c: (c is None, order.get(c or "", len(order))))
    groups = [qr.RowGroup(name, found[name]) for name in names]
    return groups, [i for g in groups for i in g.rows], category_of


def tables_of(kind: str, value: Any, params: dict[str, Any],
              codebook: Callable[[], tuple[list[Code], list[Category]]]
              ) -> tuple[list[Any], list[qr.RowGroup]]:
    """The tables of one query's answer and, for a code matrix, its category groups."""
    if kind in ("matrix", "waves"):
        rows = params.get("rows", "code")
        matrices = {"": value} if kind == "matrix" else value.matrices
        groups: list[qr.RowGroup] = []
        tables = []
        for wave, m in matrices.items():
            if rows == "code":
                groups, order, category_of = code_groups(m, *codebook())
                table = qr.matrix_table(m, rows, wave or "matrix", wave, category_of, order)
            else:
                table = qr.matrix_table(m, rows, wave or "matrix", wave)
            tables.append(table)
        if kind == "waves":
            tables.append(qr.evolution_table(value.people))
        return tables, groups
    makers: dict[str, Callable[[Any], Any]] = {
        "cooccurrence": qr.cooccurrence_table, "progress": qr.progress_table,
        "sampling": qr.sampling_table, "profiles": qr.profile_tables,
        "interviews": qr.interview_table, "codebook": qr.codebook_table,
        "search": qr.search_table}
    made = makers[kind](value)
    return (made if isinstance(made, list) else [made]), []


def progress(project: Project, coders: list[str] | None = None,
             cases: list[str] | None = None) -> list[qr.ProgressRow]:
    """Per document and coder: the paragraphs touched by the coder's codings, of all of them.
    Every known coder (or every coder asked for) has a row per document, coded or not."""
    with project.store.reading() as conn:
        docs = [d for d in dc.list_documents(conn) if not cases or d.case in cases]
        ids = wq.document_ids(conn)
        stored = cache_of(project).paragraphs(conn, [ids[d.name] for d in docs])
        spans = wq.coding_spans(conn)
    by_doc: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for doc_id, coder, start, end in spans:
        by_doc.setdefault(doc_id, {}).setdefault(coder, []).append((start, end))
    everyone: list[str | None] = [*(coders or sorted({coder for _, coder, _, _ in spans}))]
    rows = []
    for doc in sorted(docs, key=lambda d: (d.case is None, d.case or "", d.name)):
        units = stored.get(ids[doc.name], [])
        ends = [end for _, end in units]
        mine = by_doc.get(ids[doc.name], {})
        for who in everyone or [None]:
            touched: set[int] = set()
            for start, end in mine.get(who or "", []):
                i = bisect_right(ends, start)
                while i < len(units) and units[i][0] < end:
                    touched.add(i)
                    i += 1
            rows.append(qr.ProgressRow(doc.name, doc.case, who, len(touched), len(units)))
    return rows


def paragraph_codes(project: Project, spans: list[Span]) -> list[set[str]]:
    """The codes on each paragraph that carries at least one of ``spans`` (the units of
    co-occurrence by paragraph), found with NumPy over the stored paragraphs of every
    document at once (``ProjectCache.paragraph_index``)."""
    if not spans:
        return []
    cache = cache_of(project)
    with project.store.reading() as conn:
        ids = wq.document_ids(conn)
        index = cache.paragraph_index(conn)
    codes = sorted({s.code for s in spans})
    code_ix = {c: i for i, c in enumerate(codes)}
    rows = np.array([(ids[s.document], code_ix[s.code], s.start, s.end) for s in spans
                     if s.document in ids], dtype=np.int64).reshape(-1, 4)
    doc_ix = np.searchsorted(index.documents, rows[:, 0])
    known = doc_ix < len(index.documents)
    known[known] = index.documents[doc_ix[known]] == rows[known, 0]
    rows, doc_ix = rows[known], doc_ix[known]
    base = index.base[doc_ix]
    first = np.searchsorted(index.ends, base + rows[:, 2], side="right")
    last = np.searchsorted(index.starts, base + rows[:, 3], side="left") - 1
    valid = first <= last
    first, last, code = first[valid], last[valid], rows[valid, 1]
    count = last - first + 1
    step = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    pairs = np.unique((np.repeat(first, count) + step) * len(codes) + np.repeat(code, count))
    found: list[set[str]] = []
    previous = -1
    for unit, c in zip((pairs // len(codes)).tolist(), (pairs % len(codes)).tolist(),
                       strict=True):
        if unit != previous:
            found.append(set())
            previous = unit
        found[-1].add(codes[c])
    return found


def paragraph_cooccurrence(project: Project, codes: list[str] | None = None,
                           coders: list[str] | None = None,
                           cases: list[str] | None = None) -> CrossTab:
    """Codes x codes: how many stored paragraphs carry both (the diagonal: the paragraphs with
    that code), over the codings of ``coders`` in the documents of ``cases`` (all when None);
    ``codes`` default to the codes used there, in codebook order. Counted with NumPy from the
    codings' integer rows and the paragraph index (no text is read, no span object made)."""
    cache = cache_of(project)
    with project.store.reading() as conn:
        index = cache.paragraph_index(conn)
        # (code, document, start, end[, coder]) rows, columns as in the covering index
        rows = np.array(su.coding_rows(conn, bool(coders)), dtype=np.int64).reshape(
            -1, 5 if coders else 4)
        code_list = cb.list_codes(conn)
        code_id = cb.code_ids(conn)
        if coders:
            names = sp.coder_names(conn)
            wanted = [i for i, name in names.items() if name in set(coders)]
            rows = rows[np.isin(rows[:, 4], wanted)]
        if cases:
            docs = [d.id for d in dc.list_documents(conn) if d.case in cases]
            rows = rows[np.isin(rows[:, 1], np.array(docs, dtype=np.int64))]
    rows = rows[:, [1, 0, 0, 2, 3]]  # document, code, (unused), start, end
    used = set(np.unique(rows[:, 1]).tolist())
    chosen = codes or [c.name for c in code_list if code_id.get(c.name) in used]
    column = {code_id[c]: k for k, c in enumerate(chosen) if c in code_id}
    lookup = np.full(max([*code_id.values(), 0]) + 1, -1, dtype=np.int64)
    for cid, k in column.items():
        lookup[cid] = k
    rows = rows[lookup[rows[:, 1]] >= 0]
    doc_ix = np.searchsorted(index.documents, rows[:, 0])
    known = doc_ix < len(index.documents)
    known[known] = index.documents[doc_ix[known]] == rows[known, 0]
    rows, doc_ix = rows[known], doc_ix[known]
    base = index.base[doc_ix]
    first = np.searchsorted(index.ends, base + rows[:, 3], side="right")
    last = np.searchsorted(index.starts, base + rows[:, 4], side="left") - 1
    valid = first <= last
    first, last, code = first[valid], last[valid], lookup[rows[valid, 1]]
    count = last - first + 1
    step = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    k = max(len(chosen), 1)
    pairs = np.unique((np.repeat(first, count) + step) * k + np.repeat(code, count))
    # pairs are sorted by unit: each unit's codes are one run; count every pair in a run
    unit, carried = pairs // k, pairs % k
    starts = np.flatnonzero(np.r_[True, unit[1:] != unit[:-1]]) if len(unit) else unit
    size = np.diff(np.r_[starts, len(unit)])
    run = np.repeat(np.arange(len(starts)), size)  # the run of each (unit, code)
    left = np.repeat(np.arange(len(unit)), size[run])
    offset = np.arange(len(left)) - np.repeat(np.cumsum(size[run]) - size[run], size[run])
    right = starts[run[left]] + offset
    both = np.bincount(carried[left] * k + carried[right], minlength=k * k).reshape(k, k)
    cells = both[:len(chosen), :len(chosen)].tolist()
    units = starts
    diagonal = [cells[i][i] for i in range(len(chosen))]
    return CrossTab(list(chosen), list(chosen), cells, diagonal, diagonal, len(units),
                    "paragraphs")


def _substring_hits(project: Project, text: str, limit: int) -> list[qr.SearchHit]:
    """Case-insensitive occurrences of ``text`` anywhere in the texts (inside words too: the
    query kind "search" of saved queries has always matched so), with stored paragraphs."""
    text = text.strip()
    if not text:
        return []
    pattern = re.compile(re.escape(text), re.IGNORECASE)
    with project.store.reading() as conn:
        ids = wq.document_ids(conn)
        texts = dc.document_texts(conn)
        stored = cache_of(project).paragraphs(conn)
    hits: list[qr.SearchHit] = []
    for name in sorted(ids):
        body = texts[ids[name]]
        units = stored.get(ids[name], [])
        ends = [end for _, end in units]
        for match in pattern.finditer(body):
            start, end = match.span()
            i = min(bisect_right(ends, start), len(units) - 1)
            u_start, u_end = units[i]
            left, right = max(u_start, start - 80), min(u_end, end + 80)
            hits.append(qr.SearchHit(
                name, None, i + 1, start, end,
                ("…" if left > u_start else "") + body[left:start], body[start:end],
                body[end:right] + ("…" if right < u_end else "")))
            if len(hits) >= limit:
                return hits
    return hits


def search(project: Project, text: str, codes: list[str] | None = None,
           cases: list[str] | None = None, coders: list[str] | None = None,
           attributes: dict[str, list[str]] | None = None,
           limit: int = 500) -> list[qr.SearchHit]:
    """Matches of ``text`` (any case, inside words too) in the documents of some cases and
    attribute values; with codes or coders, only matches inside a segment of those codes by
    those coders. (The word search of the full-text index is ``Workspace.search``.)"""
    docs = project.documents.list()
    known = {a for d in docs for a in d.attributes}
    for name in attributes or {}:
        if name not in known:
            raise Invalid("There is no attribute {name!r} on any document.", name=name)
    allowed = {d.name: d.case for d in docs
               if (not cases or d.case in cases)
               and all(label(d.attributes.get(k)) in {str(v) for v in values}
                       for k, values in (attributes or {}).items())}
    filtered = len(allowed) < len(docs) or codes or coders
    hits = [h for h in _substring_hits(project, text, 20_000 if filtered else limit)
            if h.document in allowed]
    if codes or coders:
        segments = project.segments.retrieve(codes or None, coders=coders,
                                             documents=sorted(allowed) or [NONE])
        inside = _Spans([(s.document, s.start, s.end) for s in segments])
        hits = [h for h in hits if inside.overlaps(h.document, h.start, h.end)]
    return [qr.SearchHit(h.document, allowed[h.document], h.paragraph, h.start, h.end,
                         h.before, h.match, h.after) for h in hits[:limit]]


class _Spans:
    """Spans per document, sorted by start with a running maximum of ends (O(log n) test)."""

    def __init__(self, spans: list[tuple[str, int, int]]) -> None:
        self._starts: dict[str, list[int]] = {}
        self._ends: dict[str, list[int]] = {}
        for doc, start, end in sorted(spans):
            last = self._ends.get(doc, [0])[-1]
            self._starts.setdefault(doc, []).append(start)
            self._ends.setdefault(doc, []).append(max(last, end))

    def overlaps(self, doc: str, start: int, end: int) -> bool:
        starts = self._starts.get(doc)
        if not starts:
            return False
        i = bisect_left(starts, max(end, start + 1))
        return i > 0 and self._ends[doc][i - 1] > start
