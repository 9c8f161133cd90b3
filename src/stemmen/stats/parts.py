"""Per-unit pieces shared by the percent-agreement family (Gwet 2014, ch. 2 and 5).

Notation follows Gwet's Handbook of Inter-Rater Reliability (4th ed.): r_ik coders put unit i
in category k, r_i coders rated unit i, r*_ik = sum_l w_kl r_il. Units rated by nobody are left
out; units rated by one coder count for the category distribution but not for agreement.

Everything is computed from the codes (units x coders) without a units x categories matrix,
and exact-agreement weights are never built as a matrix (``w is None``): a table whose
categories are code sets can have thousands of categories.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stemmen.stats.arrays import Bools, Floats, Ints
from stemmen.stats.ratings import Ratings


@dataclass(frozen=True)
class UnitParts:
    """What the coefficients and Gwet's variance formulas need, per rated unit."""

    codes: Ints  # rated units x coders, -1 missing
    raters: Floats  # r_i
    weight: Floats  # multiplicity m_i
    paired: Bools  # r_i >= 2
    agreement: Floats  # p_a|i (0 where r_i < 2)
    n_rated: float  # n: sum of m_i over rated units
    n_paired: float  # n': sum of m_i over units rated at least twice
    percent_agreement: float  # p_a
    pi: Floats  # pi_k = (1/n) sum_i m_i r_ik / r_i
    w: Floats | None  # agreement weights; None = identity

    def per_unit(self, values: Floats) -> Floats:
        """sum_k r_ik values_k / r_i for each rated unit (a category value averaged per unit)."""
        picked = np.where(self.codes >= 0, values[np.maximum(self.codes, 0)], 0.0)
        averaged: Floats = picked.sum(axis=1) / self.raters
        return averaged


def pair_credit(codes: Ints, w: Floats | None) -> Floats:
    """sum over ordered pairs of distinct coders g != h rating the unit of w(c_g, c_h)."""
    total = np.zeros(codes.shape[0])
    for g in range(codes.shape[1]):
        for h in range(g + 1, codes.shape[1]):
            a, b = codes[:, g], codes[:, h]
            both = (a >= 0) & (b >= 0)
            if w is None:
                total += 2.0 * (both & (a == b))
            else:
                ia, ib = np.maximum(a, 0), np.maximum(b, 0)
                total += np.where(both, w[ia, ib] + w[ib, ia], 0.0)
    return total


def unit_parts(ratings: Ratings, w: Floats | None) -> UnitParts | None:
    """The per-unit pieces, or None when no unit was rated by two coders."""
    valid_all = ratings.codes >= 0
    raters_all = valid_all.sum(axis=1).astype(float)
    rated = raters_all >= 1
    codes, raters, weight = ratings.codes[rated], raters_all[rated], ratings.weight[rated]
    paired = raters >= 2
    n_paired = float(weight[paired].sum())
    if n_paired <= 0:
        return None
    pairs = np.where(paired, raters * (raters - 1), 1.0)
    agreement = np.where(paired, pair_credit(codes, w) / pairs, 0.0)
    pa = float((weight * agreement).sum() / n_paired)
    n_rated = float(weight.sum())
    valid = codes >= 0
    share = np.broadcast_to((weight / raters)[:, None], codes.shape)[valid]
    pi = np.bincount(codes[valid], weights=share, minlength=ratings.n_categories) / n_rated
    return UnitParts(codes, raters, weight, paired, agreement, n_rated, n_paired, pa, pi, w)


def quadratic_form(x: Floats, w: Floats | None, y: Floats) -> float:
    """sum_kl w_kl x_k y_l (identity weights: sum_k x_k y_k)."""
    return float(x @ y) if w is None else float(x @ w @ y)


def weight_total(w: Floats | None, q: int) -> float:
    """T_w = sum_kl w_kl (q for identity weights)."""
    return float(q) if w is None else float(w.sum())


def chance_corrected(pa: float, pe: float) -> float | None:
    """(p_a - p_e) / (1 - p_e), or None when chance agreement is total (p_e = 1)."""
    if not np.isfinite(pe) or 1.0 - pe < 1e-12:
        return None
    return float((pa - pe) / (1.0 - pe))


def coder_distribution(ratings: Ratings) -> Floats | None:
    """p_gk: share of the units coder g rated that g put in category k (coders who rated nothing
    are left out); None when fewer than two coders rated anything."""
    r, q = ratings.n_coders, ratings.n_categories
    table = np.zeros((r, q))
    for g in range(r):
        column = ratings.codes[:, g]
        valid = column >= 0
        table[g] = np.bincount(column[valid], weights=ratings.weight[valid], minlength=q)
    totals = table.sum(axis=1)
    table = table[totals > 0]
    if table.shape[0] < 2:
        return None
    shares: Floats = table / table.sum(axis=1, keepdims=True)
    return shares
