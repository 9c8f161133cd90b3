"""Segment arithmetic on sorted, non-overlapping units: which units a segment touches, unions
of segments, and whether segment boundaries differ between coders. All vectorised."""

from __future__ import annotations

import numpy as np

from stemmen.stats.arrays import Bools, Ints


def unit_ranges(
    unit_start: Ints, unit_end: Ints, start: Ints, end: Ints
) -> tuple[Ints, Ints]:
    """For each segment, the units it shares a code point with: rows first..stop-1.

    Units must be sorted and not overlap (so their ends are sorted too).
    """
    first = np.searchsorted(unit_end, start, side="right")
    stop = np.maximum(np.searchsorted(unit_start, end, side="left"), first)
    return first, stop


def expand(first: Ints, stop: Ints) -> tuple[Ints, Ints]:
    """(segment row, unit row) pairs for unit ranges first..stop-1."""
    n = stop - first
    segment = np.repeat(np.arange(first.size), n)
    offset = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    return segment, np.repeat(first, n) + offset


def overlapping_pairs(
    unit_start: Ints, unit_end: Ints, start: Ints, end: Ints
) -> tuple[Ints, Ints]:
    """(segment row, unit row) for every segment and unit sharing a code point."""
    return expand(*unit_ranges(unit_start, unit_end, start, end))


def linked_units(
    array: Bools, first: Ints, stop: Ints, code: Ints, coder: Ints
) -> Bools:
    """units x codes x coders: another coder's segment with this code covers the unit and also
    reaches another unit where this coder applied the code, or, when this coder marked nothing
    in the unit, another unit where this coder applied any code (the segment boundaries
    differ: this coder's segment stops short or starts late).

    ``first``/``stop``/``code``/``coder`` describe the segments (see :func:`unit_ranges`).
    One code at a time: a running count over the units of one column, not of all of them.
    """
    n_units, n_codes, n_coders = array.shape
    linked = np.zeros_like(array)
    segment, unit = expand(first, stop)
    order = np.argsort(code, kind="stable")
    bounds = np.searchsorted(code[order], np.arange(n_codes + 1))
    running = np.zeros(n_units + 1, dtype=np.int64)
    for g in range(n_coders):
        reaches = np.zeros(first.size, dtype=bool)
        for j in range(n_codes):
            rows = order[bounds[j] : bounds[j + 1]]
            if rows.size:
                np.cumsum(array[:, j, g], out=running[1:])
                reaches[rows] = running[stop[rows]] > running[first[rows]]
        marked = (np.asarray(array[:, :, g].any(axis=1)) if n_codes
                  else np.zeros(n_units, dtype=bool))
        np.cumsum(marked, out=running[1:])
        elsewhere = running[stop[segment]] - running[first[segment]] > 0
        take = (coder[segment] != g) & (reaches[segment] | (elsewhere & ~marked[unit]))
        linked[unit[take], code[segment[take]], g] = True
    return linked


def merge_segments(
    group: Ints, start: Ints, end: Ints
) -> tuple[Ints, Ints, Ints]:
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


def global_offsets(doc: Ints, offset: Ints, stride: int) -> Ints:
    """Offsets on one line for all documents: document d starts at d * stride."""
    return doc * stride + offset


def covered_cells(
    shape: tuple[int, int, int],
    unit: Ints,
    code: Ints,
    coder: Ints,
    start: Ints,
    end: Ints,
    unit_start: Ints,
    unit_end: Ints,
    min_coverage: float,
) -> Bools:
    """Presence where a coder's (merged, so disjoint) segments with a code cover at least
    ``min_coverage`` of the unit together."""
    overlap = np.minimum(end, unit_end[unit]) - np.maximum(start, unit_start[unit])
    key = (unit * shape[1] + code) * shape[2] + coder
    cells, inverse = np.unique(key, return_inverse=True)
    total = np.bincount(inverse.ravel(), weights=overlap, minlength=cells.size)
    cell_unit = cells // (shape[1] * shape[2])
    needed = min_coverage * (unit_end[cell_unit] - unit_start[cell_unit])
    array = np.zeros(shape, dtype=bool)
    array.reshape(-1)[cells[total >= needed - 1e-9]] = True
    return array


_MIX = np.uint64(0x9E3779B97F4A7C15)


def extent_fingerprints(
    n_units: int,
    n_coders: int,
    unit: Ints,
    coder: Ints,
    start: Ints,
    end: Ints,
    unit_start: Ints,
    unit_end: Ints,
) -> Ints:
    """units x coders: a fingerprint of the stretch of each unit that each coder marked (with
    any code): 0 where the coder marked nothing, equal where two coders marked the same stretch.

    ``unit``/``coder``/``start``/``end`` are (segment, unit) pairs as :func:`expand` gives
    them. The pieces inside a unit are merged per coder, then each piece (its offsets from the
    unit's start) is hashed (splitmix64) and the hashes are summed modulo 2**64: different
    stretches share a fingerprint only by a 64-bit hash collision.
    """
    found = np.zeros((n_units, n_coders), dtype=np.uint64)
    if unit.size == 0:
        return found
    s = np.maximum(start, unit_start[unit]) - unit_start[unit]
    e = np.minimum(end, unit_end[unit]) - unit_start[unit]
    group, s, e = merge_segments(unit * n_coders + coder, s, e)
    with np.errstate(over="ignore"):
        key = (s.astype(np.uint64) << np.uint64(32)) ^ e.astype(np.uint64)
        key = (key + _MIX) * np.uint64(0xBF58476D1CE4E5B9)
        key = (key ^ (key >> np.uint64(31))) * np.uint64(0x94D049BB133111EB)
        key = key ^ (key >> np.uint64(29)) | np.uint64(1)  # never 0: 0 means nothing marked
        np.add.at(found.reshape(-1), group, key)
    return found
