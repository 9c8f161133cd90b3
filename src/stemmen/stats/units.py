"""From codings on texts to a presence array: units x codes x coders (numpy bool).

Codings are plain tuples ``(document, start, end, code, coder)`` (or objects with those
attributes, such as :class:`stemmen.model.codings.Coding`), or :class:`CodingArrays` already
indexed (:func:`index_codings` builds them from integer-keyed rows, as a database gives them);
offsets are code points, [start, end).

* :func:`unit_presence` uses given units per document (paragraphs, sentences: anything with
  ``start``/``end``, e.g. :func:`stemmen.model.text.paragraphs`). A coding counts for a unit if
  it overlaps it at all (``min_coverage=0``) or if the coder's segments with that code cover at
  least that share of the unit (``min_coverage=0.5``: half of it).
* :func:`stemmen.stats.characters.character_presence` does the same over characters.

Everything is vectorised (searchsorted over global offsets), so 100,000 units and several
hundred thousand codings take well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.model.text import paragraph_spans
from stemmen.stats.arrays import Array, Bools, Ints
from stemmen.stats.segments import (
    covered_cells,
    expand,
    extent_fingerprints,
    global_offsets,
    linked_units,
    merge_segments,
    unit_ranges,
)


@dataclass(frozen=True, eq=False)
class Presence:
    """Which coder applied which code in which unit, plus where the units are."""

    array: Bools  # units x codes x coders
    codes: tuple[str, ...]
    coders: tuple[str, ...]
    documents: tuple[str, ...]
    unit_document: Ints  # index into documents, per unit
    unit_index: Ints  # the unit's number in its document (Unit.index; spans: 1, 2, ...)
    unit_start: Ints
    unit_end: Ints
    multiplicity: Ints | None = None  # characters per span for character units
    touched: Bools | None = None  # any overlap at all, when min_coverage > 0
    linked: Bools | None = None  # see linked_units
    kind: str = "units"  # "units" or "characters"
    min_coverage: float = 0.0
    extent: Ints | None = None  # units x coders: fingerprint of the stretch each marked

    @property
    def n_units(self) -> int:
        return int(self.array.shape[0])

    def coded_units(self) -> Bools:
        """True for units at least one coder applied some code to."""
        coded: Bools = np.asarray(self.array.any(axis=(1, 2)))
        return coded

    def select(self, rows: Ints | Bools) -> Presence:
        """The same presence restricted to some units (boolean mask or indices)."""

        def cut(values: Array | None) -> Array | None:
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
            cut(self.linked),
            self.kind,
            self.min_coverage,
            cut(self.extent),
        )


    def with_coders(self, coders: Sequence[str]) -> Presence:
        """The same presence for some of its coders only (a pair, say), in the order given."""
        missing = [c for c in coders if c not in self.coders]
        if missing:
            raise Invalid("There is no coder {coder} in these codings.", coder=missing[0])
        k = [self.coders.index(c) for c in coders]

        def cut(values: Array | None) -> Array | None:
            return None if values is None else values[..., k]

        return replace(self, array=self.array[:, :, k], coders=tuple(coders),
                       touched=cut(self.touched), linked=cut(self.linked),
                       extent=cut(self.extent))


@dataclass(frozen=True)
class CodingArrays:
    """Codings as parallel integer arrays; -1 marks a document, code or coder left out."""

    document: Ints
    start: Ints
    end: Ints
    code: Ints
    coder: Ints


def read_codings(
    codings: Iterable[Any] | CodingArrays,
    documents: Sequence[str],
    codes: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
) -> tuple[CodingArrays, tuple[str, ...], tuple[str, ...]]:
    """Codings as arrays, with the code and coder lists (sorted when not given).

    :class:`CodingArrays` pass through as they are: their indices must refer to ``documents``,
    ``codes`` and ``coders``, which must then be given.
    """
    if isinstance(codings, CodingArrays):
        if codes is None or coders is None:
            raise Invalid("Indexed codings need their codes and coders.")
        return codings, tuple(codes), tuple(coders)
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


def index_codings(
    batches: Iterable[Sequence[tuple[int, int, int, int, int]]],
    documents: Mapping[int, int],
    codes: Mapping[int, int],
    coders: Mapping[int, int],
) -> CodingArrays:
    """:class:`CodingArrays` from batches of integer rows ``(document, start, end, code,
    coder)`` (database ids), mapped to positions by the three mappings (id → index).

    Rows whose document, code or coder is not mapped are left out as each batch arrives, so
    only the codings that count are ever held (as five integers each).
    """
    lookups = [_lookup(documents), _lookup(codes), _lookup(coders)]
    parts = []
    for batch in batches:
        table = np.asarray(batch, dtype=np.int64).reshape(-1, 5)
        mapped = [_mapped(lookup, table[:, k]) for lookup, k in zip(lookups, (0, 3, 4),
                                                                     strict=True)]
        keep = (mapped[0] >= 0) & (mapped[1] >= 0) & (mapped[2] >= 0)
        parts.append((mapped[0][keep], table[keep, 1], table[keep, 2], mapped[1][keep],
                      mapped[2][keep]))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return CodingArrays(empty, empty, empty, empty, empty)
    doc, start, end, code, coder = (np.concatenate(c) for c in zip(*parts, strict=True))
    return CodingArrays(doc, start, end, code, coder)


def select_codings(codings: CodingArrays, documents: Sequence[int],
                   coders: Sequence[int]) -> CodingArrays:
    """The codings renumbered: document index i becomes ``documents[i]``, coder index k
    ``coders[k]``; those mapped to -1 (or left out before) go."""
    doc_map = np.asarray(documents, dtype=np.int64).reshape(-1)
    coder_map = np.asarray(coders, dtype=np.int64).reshape(-1)
    doc = _mapped(doc_map, codings.document)
    coder = _mapped(coder_map, codings.coder)
    keep = (doc >= 0) & (coder >= 0) & (codings.code >= 0)
    return CodingArrays(doc[keep], codings.start[keep], codings.end[keep], codings.code[keep],
                        coder[keep])


def _lookup(index: Mapping[int, int]) -> Ints:
    """An array whose entry ``key`` is ``index[key]`` (-1 elsewhere); keys are ids, >= 0."""
    table = np.full(max(index, default=-1) + 1, -1, dtype=np.int64)
    if index:
        table[np.fromiter(index.keys(), dtype=np.int64, count=len(index))] = np.fromiter(
            index.values(), dtype=np.int64, count=len(index))
    return table


def _mapped(lookup: Ints, keys: Ints) -> Ints:
    inside = (keys >= 0) & (keys < lookup.size)
    return np.where(inside, lookup[np.where(inside, keys, 0)] if lookup.size else -1, -1)


def paragraph_bounds(text: str) -> Ints:
    """The paragraph units of a text as an n x 2 array of (start, end): the units of
    :func:`stemmen.model.text.paragraphs` (non-blank lines from their first non-space
    character), found with one regular expression instead of a Unit per line."""
    bounds = paragraph_spans(text)
    return np.array(bounds, dtype=np.int64).reshape(-1, 2)


def _ids(names: Sequence[Any], vocabulary: Sequence[str]) -> Ints:
    """Position of each name in the vocabulary, -1 if absent (vectorised for text names)."""
    index = {name: i for i, name in enumerate(vocabulary)}
    array = np.asarray(names)
    if array.dtype.kind == "U" and array.ndim == 1:
        distinct, inverse = np.unique(array, return_inverse=True)
        lookup = np.fromiter((index.get(n, -1) for n in distinct.tolist()), dtype=np.int64)
        return lookup[inverse].reshape(-1) if array.size else np.zeros(0, dtype=np.int64)
    return np.fromiter((index.get(n, -1) for n in names), dtype=np.int64, count=len(names))


def read_units(
    units_by_document: Mapping[str, Any],
) -> tuple[tuple[str, ...], Ints, Ints, Ints, Ints]:
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


def _unit_columns(units: Any) -> tuple[Ints, Ints, Ints]:
    if not isinstance(units, np.ndarray):
        units = list(units)
    if len(units) == 0:  # a document without units (a blank text)
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    if isinstance(units, np.ndarray):
        table = units.astype(np.int64).reshape(len(units), -1)
    elif hasattr(units[0], "start"):
        table = np.array([(u.index, u.start, u.end) for u in units], dtype=np.int64)
    else:
        table = np.array(units, dtype=np.int64).reshape(len(units), -1)
    if table.shape[1] == 2:
        table = np.column_stack([np.arange(1, len(table) + 1), table])
    if table.size and table.shape[1] != 3:
        raise Invalid("Units must be (start, end) or (index, start, end).")
    table = table.reshape(-1, 3)
    return table[:, 0], table[:, 1], table[:, 2]


def unit_presence(
    units_by_document: Mapping[str, Any],
    codings: Iterable[Any] | CodingArrays,
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
    group: Ints = (arrays.document * n_codes + arrays.code) * n_coders + arrays.coder
    group, start, end = group[keep], arrays.start[keep], arrays.end[keep]
    if min_coverage > 0:
        group, start, end = merge_segments(group, start, end)
    doc = group // (n_codes * n_coders) if n_codes * n_coders else group
    stride = int(max(unit_end.max(initial=0), end.max(initial=0))) + 1
    first, stop = unit_ranges(
        global_offsets(unit_doc, unit_start, stride),
        global_offsets(unit_doc, unit_end, stride),
        global_offsets(doc, start, stride),
        global_offsets(doc, end, stride),
    )
    segment, unit = expand(first, stop)
    seg_code = (group // n_coders) % max(n_codes, 1)
    seg_coder = group % max(n_coders, 1)
    code, coder = seg_code[segment], seg_coder[segment]
    shape = (unit_start.size, n_codes, n_coders)
    touched = np.zeros(shape, dtype=bool)
    touched[unit, code, coder] = True
    array, touched_out = touched, None
    if min_coverage > 0:
        ends = (start[segment], end[segment])
        array = covered_cells(shape, unit, code, coder, *ends, unit_start, unit_end, min_coverage)
        touched_out = touched
    linked = linked_units(array, first, stop, seg_code, seg_coder)
    extent = extent_fingerprints(unit_start.size, n_coders, unit, coder, start[segment],
                                 end[segment], unit_start, unit_end)
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
        linked,
        "units",
        float(min_coverage),
        extent,
    )
