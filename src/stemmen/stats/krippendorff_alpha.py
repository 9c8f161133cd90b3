"""Krippendorff's alpha for nominal, ordinal, interval and ratio data, with missing ratings.

Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": a coincidence
matrix o_ck over the pairable values (units with two or more ratings), the marginals n_c, and
alpha = 1 - (n - 1) sum o_ck delta2_ck / sum n_c n_k delta2_ck.

Why not the ``krippendorff`` package at run time: it cannot take unit multiplicities, which the
pooled presence tables (millions of unit x code rows, a handful of distinct patterns) and the
bootstrap rely on, and it needs about a second per 4 million rows. The tests check this code
against the package and against Krippendorff's published example on every level.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.arrays import Array, Floats, Ints
from stemmen.stats.ratings import Ratings, as_ratings

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")


def coincidences(ratings: Ratings) -> Floats:
    """o_ck = sum_u m_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1) over pairable units (q x q)."""
    q = ratings.n_categories
    codes, share = _pairable(ratings)
    flat = np.zeros(q * q)
    for g, h in _ordered_pairs(codes.shape[1]):
        both = (codes[:, g] >= 0) & (codes[:, h] >= 0)
        index = codes[both, g].astype(np.int64) * q + codes[both, h]
        flat += np.bincount(index, weights=share[both], minlength=q * q)
    matrix: Floats = flat.reshape(q, q)
    return matrix


def _pairable(ratings: Ratings) -> tuple[Ints, Floats]:
    """Codes of units with two or more values, and m_u / (m_u - 1) for each."""
    raters = (ratings.codes >= 0).sum(axis=1)
    keep = raters >= 2
    return ratings.codes[keep], ratings.weight[keep] / (raters[keep] - 1)


def _ordered_pairs(r: int) -> list[tuple[int, int]]:
    return [(g, h) for g in range(r) for h in range(r) if g != h]


def _nominal_parts(ratings: Ratings) -> tuple[Floats, float]:
    """Marginals n_c and the matching coincidences sum_c o_cc, without a q x q matrix."""
    codes, share = _pairable(ratings)
    valid = codes >= 0
    multiplicity = np.broadcast_to((share * (valid.sum(axis=1) - 1))[:, None], codes.shape)
    marginals = np.bincount(
        codes[valid], weights=multiplicity[valid], minlength=ratings.n_categories
    )
    matching = 0.0
    for g, h in _ordered_pairs(codes.shape[1]):
        same = valid[:, g] & valid[:, h] & (codes[:, g] == codes[:, h])
        matching += float(share[same].sum())
    return marginals, matching


def distances(level: str, ratings: Ratings, marginals: Floats) -> Floats:
    """delta^2 between categories for the level of measurement (Krippendorff 2011, p. 5-6)."""
    q = ratings.n_categories
    if level == "nominal":
        return 1.0 - np.eye(q)
    if level == "ordinal":
        cumulative = np.concatenate([[0.0], np.cumsum(marginals)])
        low, high = (
            np.minimum.outer(np.arange(q), np.arange(q)),
            np.maximum.outer(np.arange(q), np.arange(q)),
        )
        between: Floats = cumulative[high + 1] - cumulative[low]
        squared: Floats = (between - (marginals[low] + marginals[high]) / 2) ** 2
        return squared
    values = ratings.values
    if values is None:
        raise Invalid("The {level} level needs numeric labels.", level=level)
    diff: Floats = values[:, None] - values[None, :]
    if level == "interval":
        return diff**2
    total: Floats = values[:, None] + values[None, :]
    return np.divide(diff, total, out=np.zeros_like(diff), where=total != 0) ** 2


def krippendorff_alpha(
    ratings: Ratings | Array | Sequence[Sequence[Any]], level: Level | str = "nominal"
) -> float | None:
    """Krippendorff's alpha; None with fewer than two pairable values or no variation at all."""
    if level not in LEVELS:
        raise Invalid(
            "Unknown level {level}: use nominal, ordinal, interval or ratio.", level=level
        )
    r = as_ratings(ratings)
    if level == "nominal":
        marginals, matching = _nominal_parts(r)
        n = float(marginals.sum())
        expected = n * n - float((marginals**2).sum())
        if n <= 1 or expected <= 1e-12 * n * n:
            return None
        return float(1.0 - (n - 1) * (n - matching) / expected)
    o = coincidences(r)
    marginals = o.sum(axis=1)
    n = float(marginals.sum())
    if n <= 1:
        return None
    delta = distances(level, r, marginals)
    expected = float((np.outer(marginals, marginals) * delta).sum())
    if expected <= 1e-12 * n * n * float(delta.max(initial=0.0)):
        return None
    return float(1.0 - (n - 1) * float((o * delta).sum()) / expected)
