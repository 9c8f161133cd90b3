"""From codings on texts to a presence array: units x codes x coders (numpy bool).

Codings are plain tuples ``(document, start, end, code, coder)`` (or objects with those
attributes, such as :class:`stemmen.model.codings.Coding`); offsets are code points, [start, end).

* :func:`unit_presence` uses given units per document (paragraphs, sentences: anything with
  ``start``/``end``, e.g. :func:`stemmen.model.text.paragraphs`). A coding counts for a unit if
  it overlaps it at all (``min_coverage=0``) or if the coder's segments with that code cover at
  least that share of the unit (``min_coverage=0.5``: half of it).
* :func:`character_presence` measures agreement over characters without one row per character:
  all segment boundaries cut the text into spans inside which nothing changes, and each span
  carries its length as multiplicity.

Everything is vectorised (searchsorted over global offsets), so 100,000 units and several
hundred thousand codings take well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import numpy as np

from stemmen.errors import Invalid


@dataclass(frozen=True, eq=False)
class Presence:
    """Which coder applied which code in which unit, plus where the units are."""

    array: np.ndarray  # units x codes x coders, bool
    codes: tuple[str, ...]
    coders: tuple[str, ...]
    documents: tuple[str, ...]
    unit_document: np.ndarray  # index into documents, per unit
    unit_index: np.ndarray  # the unit's number in its document (Unit.index; spans: 1, 2, ...)
    unit_start: np.ndarray
    unit_end: np.ndarray
    multiplicity: np.ndarray | None = None  # characters per span for character units
    touched: np.ndarray | None = None  # any overlap at all, when min_coverage > 0
    kind: str = "units"  # "units" or "characters"
    min_coverage: float = 0.0

    @property
    def n_units(self) -> int:
        return int(self.array.shape[0])

    def coded_units(self) -> np.ndarray:
        """True for units at least one coder applied some code to."""
        return self.array.any(axis=(1, 2))

    def select(self, rows: np.ndarray) -> Presence:
        """The same presence restricted to some units (boolean mask or indices)."""

        def cut(values: np.ndarray | None) -> np.ndarray | None:
            return None if values is None else values[rows]

        return Presence(
            self.array[rows],
            self.codes,
            self.coders,
            self.documents,
            self.unit_document[rows],
            self.unit_index[rows],
            self.unit_start[rows],
            self.unit_end[rows],
            cut(self.multiplicity),
            cut(self.touched),
            self.kind,
            self.min_coverage,
        )


@dataclass(frozen=True)
class CodingArrays:
    """Codings as parallel integer arrays; -1 marks a document, code or coder left out."""

    document: np.ndarray
    start: np.ndarray
    end: np.ndarray
    code: np.ndarray
    coder: np.ndarray


def read_codings(
    codings: Iterable[Any],
    documents: Sequence[str],
    codes: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
) -> tuple[CodingArrays, tuple[str, ...], tuple[str, ...]]:
    """Codings as arrays, with the code and coder lists (sorted when not given)."""
    items = list(codings)
    if items and not isinstance(items[0], tuple | list):
        items = [attrgetter("document", "start", "end", "code", "coder")(c) for c in items]
    columns = list(zip(*items, strict=False))[:5] if items else [(), (), (), (), ()]
    doc_names, starts, ends, code_names, coder_names = columns
    codes = tuple(codes) if codes is not None else tuple(sorted(set(code_names)))
    coders = tuple(coders) if coders is not None else tuple(sorted(set(coder_names)))
    arrays = CodingArrays(
        _ids(doc_names, documents),
        np.asarray(starts, dtype=np.int64).reshape(-1),
        np.asarray(ends, dtype=np.int64).reshape(-1),
        _ids(code_names, codes),
        _ids(coder_names, coders),
    )
    return arrays, codes, coders


def _ids(names: Sequence[Any], vocabulary: Sequence[str]) -> np.ndarray:
    index = {name: i for i, name in enumerate(vocabulary)}
    return np.fromiter((index.get(n, -1) for n in names), dtype=np.int64, count=len(names))


def read_units(
    units_by_document: Mapping[str, Any],
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Documents, and per unit: document index, unit number, start, end (sorted by start)."""
    documents = tuple(units_by_document)
    parts = []
    for d, name in enumerate(documents):
        index, start, end = _unit_columns(units_by_document[name])
        order = np.argsort(start, kind="stable")
        index, start, end = index[order], start[order], end[order]
        if np.any(end <= start) or np.any(start[1:] < end[:-1]):
            raise Invalid("The units of {document} are empty or overlap.", document=name)
        parts.append((np.full(start.size, d, dtype=np.int64), index, start, end))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return documents, empty, empty, empty, empty
    doc, index, start, end = (np.concatenate(column) for column in zip(*parts, strict=True))
    return documents, doc, index, start, end


def _unit_columns(units: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if isinstance(units, np.ndarray):
        table = units.astype(np.int64).reshape(len(units), -1)
    else:
        units = list(units)
        if units and hasattr(units[0], "start"):
            table = np.array([(u.index, u.start, u.end) for u in units], dtype=np.int64)
        else:
            table = np.array(units, dtype=np.int64).reshape(len(units), -1)
    if table.shape[1] == 2:
        table = np.column_stack([np.arange(1, len(table) + 1), table])
    if table.size and table.shape[1] != 3:
        raise Invalid("Units must be (start, end) or (index, start, end).")
    table = table.reshape(-1, 3)
    return table[:, 0], table[:, 1], table[:, 2]


def overlapping_pairs(
    unit_start: np.ndarray, unit_end: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(segment row, unit row) for every segment and unit sharing a code point.

    Units must be sorted and not overlap (so their ends are sorted too).
    """
    first = np.searchsorted(unit_end, start, side="right")
    stop = np.searchsorted(unit_start, end, side="left")
    n = np.maximum(stop - first, 0)
    segment = np.repeat(np.arange(start.size), n)
    offset = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    return segment, np.repeat(first, n) + offset


def merge_segments(
    group: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Union of overlapping or touching segments within each group (vectorised)."""
    if start.size == 0:
        return group, start, end
    order = np.lexsort((start, group))
    group, start, end = group[order], start[order], end[order]
    stride = int(max(end.max(), start.max())) + 1
    reach = np.maximum.accumulate(group * stride + end)
    new = np.ones(start.size, dtype=bool)
    new[1:] = group[1:] * stride + start[1:] > reach[:-1]
    heads = np.nonzero(new)[0]
    return group[heads], start[heads], np.maximum.reduceat(end, heads)


def _global(doc: np.ndarray, offset: np.ndarray, stride: int) -> np.ndarray:
    return doc * stride + offset


def unit_presence(
    units_by_document: Mapping[str, Any],
    codings: Iterable[Any],
    *,
    codes: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
    min_coverage: float = 0.0,
) -> Presence:
    """Presence of each code per unit and coder.

    ``units_by_document`` maps a document name to its units: objects with index/start/end (such
    as :class:`stemmen.model.text.Unit`), (start, end) or (index, start, end) tuples, or an n x 2 /
    n x 3 integer array. Codings on other documents, codes or coders are ignored. ``codes`` and
    ``coders`` fix which ones count and their order (default: all, sorted).
    """
    if not 0.0 <= min_coverage <= 1.0:
        raise Invalid("The minimum coverage must be between 0 and 1.")
    documents, unit_doc, unit_index, unit_start, unit_end = read_units(units_by_document)
    arrays, codes, coders = read_codings(codings, documents, codes, coders)
    keep = (arrays.document >= 0) & (arrays.code >= 0) & (arrays.coder >= 0)
    n_codes, n_coders = len(codes), len(coders)
    group = (arrays.document * n_codes + arrays.code) * n_coders + arrays.coder
    group, start, end = group[keep], arrays.start[keep], arrays.end[keep]
    if min_coverage > 0:
        group, start, end = merge_segments(group, start, end)
    doc = group // (n_codes * n_coders) if n_codes * n_coders else group
    stride = int(max(unit_end.max(initial=0), end.max(initial=0))) + 1
    segment, unit = overlapping_pairs(
        _global(unit_doc, unit_start, stride),
        _global(unit_doc, unit_end, stride),
        _global(doc, start, stride),
        _global(doc, end, stride),
    )
    code = (group[segment] // n_coders) % max(n_codes, 1)
    coder = group[segment] % max(n_coders, 1)
    shape = (unit_start.size, n_codes, n_coders)
    touched = np.zeros(shape, dtype=bool)
    touched[unit, code, coder] = True
    array, touched_out = touched, None
    if min_coverage > 0:
        overlap = np.minimum(end[segment], unit_end[unit]) - np.maximum(
            start[segment], unit_start[unit]
        )
        needed = min_coverage * (unit_end[unit] - unit_start[unit])
        covered = overlap >= needed - 1e-9
        array = np.zeros(shape, dtype=bool)
        array[unit[covered], code[covered], coder[covered]] = True
        touched_out = touched
    return Presence(
        array,
        codes,
        coders,
        documents,
        unit_doc,
        unit_index,
        unit_start,
        unit_end,
        None,
        touched_out,
        "units",
        float(min_coverage),
    )


def character_presence(
    codings: Iterable[Any],
    document_lengths: Mapping[str, int] | None = None,
    *,
    codes: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
) -> Presence:
    """Presence over characters, as spans between segment boundaries weighted by their length.

    ``document_lengths`` gives each document's length (so uncoded text counts too); without it
    every document runs from 0 to its last coded character.
    """
    items = list(codings)
    if document_lengths is None:
        lengths: dict[str, int] = {}
        for row in items:
            doc, end = (
                (row[0], row[2]) if isinstance(row, tuple | list) else (row.document, row.end)
            )
            lengths[doc] = max(lengths.get(doc, 0), int(end))
        document_lengths = dict(sorted(lengths.items()))
    documents = tuple(document_lengths)
    arrays, codes, coders = read_codings(items, documents, codes, coders)
    length = np.asarray([document_lengths[d] for d in documents], dtype=np.int64)
    keep = (arrays.document >= 0) & (arrays.code >= 0) & (arrays.coder >= 0)
    doc = arrays.document[keep]
    start = np.clip(arrays.start[keep], 0, length[doc] if doc.size else 0)
    end = np.clip(arrays.end[keep], 0, length[doc] if doc.size else 0)
    stride = int(length.max(initial=0)) + 1
    doc_ids = np.arange(len(documents), dtype=np.int64)
    cuts = np.unique(
        np.concatenate(
            [
                _global(doc_ids, 0 * length, stride),
                _global(doc_ids, length, stride),
                _global(doc, start, stride),
                _global(doc, end, stride),
            ]
        )
    )
    same_doc = cuts[:-1] // stride == cuts[1:] // stride
    span_start, span_end = cuts[:-1][same_doc], cuts[1:][same_doc]
    span_doc = span_start // stride
    segment, unit = overlapping_pairs(
        span_start, span_end, _global(doc, start, stride), _global(doc, end, stride)
    )
    array = np.zeros((span_start.size, len(codes), len(coders)), dtype=bool)
    array[unit, arrays.code[keep][segment], arrays.coder[keep][segment]] = True
    first = np.searchsorted(span_doc, span_doc, side="left")
    return Presence(
        array,
        codes,
        coders,
        documents,
        span_doc,
        np.arange(span_doc.size) - first + 1,
        span_start - span_doc * stride,
        span_end - span_doc * stride,
        span_end - span_start,
        None,
        "characters",
        0.0,
    )
