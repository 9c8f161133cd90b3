"""Ratings tables: units x coders, each cell one category or missing.

A :class:`Ratings` keeps the categories as integer indices (``-1`` = missing) so every
coefficient is plain numpy. ``multiplicity`` lets one row stand for several identical units:
character spans carry their length, and :func:`compress` folds identical rows together, which
is what makes 100,000 units x 40 codes cheap (a binary two-coder table has at most 9 patterns).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.arrays import Array, Bools, Floats, Ints, Numbers

MISSING = -1


def parse_number(label: Any) -> float | None:
    """The label as a finite number, or None if it is not one ("3", 3, "2.5" are numbers)."""
    if isinstance(label, bool):
        return float(label)
    if isinstance(label, int | float | np.integer | np.floating):
        value = float(label)
    elif isinstance(label, str):
        try:
            value = float(label.strip())
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) else None


def order_labels(labels: Iterable[Hashable]) -> tuple[Hashable, ...]:
    """Distinct labels in scale order: by value if every label is a number, else sorted as text."""
    distinct = list(dict.fromkeys(labels))
    numbers = [parse_number(label) for label in distinct]
    if distinct and all(n is not None for n in numbers):
        pairs = sorted(zip(numbers, map(str, distinct), range(len(distinct)), strict=True))
        return tuple(distinct[i] for _, _, i in pairs)
    return tuple(sorted(distinct, key=str))


def is_missing(value: Any) -> bool:
    """None and float NaN mark a missing rating."""
    return value is None or (isinstance(value, float | np.floating) and math.isnan(value))


@dataclass(frozen=True, eq=False)
class Ratings:
    """Units x coders. ``codes[i, g]`` indexes ``categories`` (or is -1: coder g skipped unit i).

    ``multiplicity[i]`` is how many identical units row i stands for (None: one each).
    """

    codes: Ints
    categories: tuple[Hashable, ...]
    coders: tuple[str, ...] = ()
    multiplicity: Numbers | None = None

    @property
    def n_rows(self) -> int:
        return int(self.codes.shape[0])

    @property
    def n_coders(self) -> int:
        return int(self.codes.shape[1])

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    @cached_property
    def weight(self) -> Floats:
        """Multiplicity of each row as floats (ones when not given)."""
        if self.multiplicity is None:
            return np.ones(self.n_rows)
        return np.asarray(self.multiplicity, dtype=float)

    @cached_property
    def values(self) -> Floats | None:
        """Categories as numbers, or None when one of them is not a number."""
        numbers = [parse_number(c) for c in self.categories]
        if any(n is None for n in numbers):
            return None
        return np.asarray(numbers, dtype=float)

    def subset(self, rows: Ints | Bools) -> Ratings:
        """The ratings of the selected rows (boolean mask or indices)."""
        mult = None if self.multiplicity is None else np.asarray(self.multiplicity)[rows]
        return Ratings(self.codes[rows], self.categories, self.coders, mult)


def ratings_from_matrix(
    matrix: Sequence[Sequence[Any]] | Array,
    categories: Sequence[Hashable] | None = None,
    coders: Sequence[str] | None = None,
) -> Ratings:
    """Build ratings from a units x coders matrix of labels; None or NaN marks a missing rating.

    ``categories`` fixes the category list and its order (useful when some category was never
    used); by default the observed labels in :func:`order_labels` order.
    """
    array = np.asarray(matrix, dtype=object)
    if array.ndim != 2:
        raise Invalid("A ratings table needs units as rows and coders as columns.")
    flat = array.ravel()
    missing = np.fromiter((is_missing(v) for v in flat), dtype=bool, count=flat.size)
    observed = flat[~missing]
    cats = order_labels(observed.tolist()) if categories is None else tuple(categories)
    index = {label: k for k, label in enumerate(cats)}
    unknown = {v for v in observed.tolist() if v not in index}
    if unknown:
        raise Invalid(
            "Labels {labels} are not among the categories.", labels=sorted(map(str, unknown))
        )
    codes = np.full(flat.size, MISSING, dtype=np.int32)
    codes[~missing] = [index[v] for v in observed.tolist()]
    names = (
        tuple(coders)
        if coders is not None
        else tuple(f"coder {g + 1}" for g in range(array.shape[1]))
    )
    return Ratings(codes.reshape(array.shape), cats, names)


def as_ratings(data: Ratings | Sequence[Sequence[Any]] | Array) -> Ratings:
    """Accept a :class:`Ratings` or a plain units x coders matrix."""
    return data if isinstance(data, Ratings) else ratings_from_matrix(data)


def compress(ratings: Ratings) -> Ratings:
    """Fold identical rows into one row whose multiplicity is their total; rows nobody rated go."""
    codes = ratings.codes
    rated = (codes >= 0).any(axis=1)
    codes, weight = codes[rated], ratings.weight[rated]
    base = ratings.n_categories + 1
    if codes.shape[0] == 0:
        return Ratings(
            codes.reshape(0, ratings.n_coders), ratings.categories, ratings.coders, weight
        )
    if base**ratings.n_coders <= 1 << 20:
        powers = base ** np.arange(ratings.n_coders, dtype=np.int64)
        keys = (codes.astype(np.int64) + 1) @ powers
        totals = np.bincount(keys, weights=weight, minlength=base**ratings.n_coders)
        present = np.nonzero(totals)[0]
        patterns = (present[:, None] // powers[None, :]) % base - 1
        return Ratings(
            patterns.astype(np.int32), ratings.categories, ratings.coders, totals[present]
        )
    if base**ratings.n_coders < 1 << 62:  # one integer per row, coder 0 most significant:
        powers = base ** np.arange(ratings.n_coders - 1, -1, -1, dtype=np.int64)
        keys, inverse = np.unique((codes.astype(np.int64) + 1) @ powers, return_inverse=True)
        patterns = (keys[:, None] // powers[None, :]) % base - 1  # rows in np.unique's order
    else:
        patterns, inverse = np.unique(codes, axis=0, return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=weight, minlength=patterns.shape[0])
    return Ratings(patterns.astype(np.int32), ratings.categories, ratings.coders, totals)


PATTERN_ROWS = 1 << 20  # rows of a presence table turned into pattern keys at a time


def presence_patterns(present: Bools, multiplicity: Numbers | None = None) -> Numbers:
    """Pattern counts of a complete presence table (units x coders, bool): entry p counts the
    units whose coders' yes/no answers spell p in binary (coder g is bit g).

    Any leading shape (units x codes x coders: every (unit, code) is a row) is counted in
    slices of :data:`PATTERN_ROWS` rows, so the keys never take eight bytes per cell of a
    large table; float weights are counted in one go (the same sums, bit for bit).
    """
    n_coders = present.shape[-1]
    rows = present.reshape(-1, n_coders)
    weights = None if multiplicity is None else np.asarray(multiplicity).reshape(-1)
    exact = weights is None or weights.dtype.kind in "biu"  # sums of integers: any order
    if rows.shape[0] == 0:  # numpy's own answer for no rows (integer zeros, weights or not)
        return np.bincount(np.zeros(0, dtype=np.int64), weights=weights, minlength=1 << n_coders)
    step = PATTERN_ROWS if exact else rows.shape[0]
    totals = np.zeros(1 << n_coders, dtype=np.int64 if weights is None else np.float64)
    for at in range(0, rows.shape[0], step):
        part = rows[at : at + step]
        keys = np.zeros(part.shape[0], dtype=np.int64)
        for g in range(n_coders):
            keys |= part[:, g].astype(np.int64) << g
        counts = np.bincount(keys, weights=None if weights is None else weights[at : at + step],
                             minlength=1 << n_coders)
        np.add(totals, counts, out=totals)
    return totals


def ratings_from_patterns(totals: Numbers, coders: Sequence[str]) -> Ratings:
    """Compressed presence ratings from :func:`presence_patterns` counts."""
    n_coders = len(coders)
    present = np.nonzero(totals)[0]
    bits = (present[:, None] >> np.arange(n_coders)[None, :]) & 1
    return Ratings(bits.astype(np.int32), (0, 1), tuple(coders), totals[present].astype(float))


def binary_ratings(
    present: Bools | Ints, multiplicity: Numbers | None = None, coders: Sequence[str] = ()
) -> Ratings:
    """Presence/absence ratings: ``present`` is units x coders bool (or 0/1 with -1 missing)."""
    codes = np.asarray(present).astype(np.int32)
    return Ratings(codes, (0, 1), tuple(coders), multiplicity)
