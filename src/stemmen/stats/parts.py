"""Per-unit pieces shared by the percent-agreement family (Gwet 2014, ch. 2 and 5).

Notation follows Gwet's Handbook of Inter-Rater Reliability (4th ed.): r_ik coders put unit i
in category k, r_i coders rated unit i, r*_ik = sum_l w_kl r_il. Units rated by nobody are left
out; units rated by one coder count for the category distribution but not for agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stemmen.stats.ratings import Ratings


@dataclass(frozen=True)
class UnitParts:
    """What the coefficients and Gwet's variance formulas need, per rated unit."""

    counts: np.ndarray  # r_ik, rated units x categories
    raters: np.ndarray  # r_i
    weight: np.ndarray  # multiplicity m_i
    paired: np.ndarray  # r_i >= 2
    agreement: np.ndarray  # p_a|i (0 where r_i < 2)
    n_rated: float  # n: sum of m_i over rated units
    n_paired: float  # n': sum of m_i over units rated at least twice
    percent_agreement: float  # p_a
    pi: np.ndarray  # pi_k = (1/n) sum_i m_i r_ik / r_i
    w: np.ndarray  # agreement weights


def unit_parts(ratings: Ratings, w: np.ndarray) -> UnitParts | None:
    """The per-unit pieces, or None when no unit was rated by two coders."""
    counts_all = ratings.counts
    raters_all = counts_all.sum(axis=1)
    rated = raters_all >= 1
    counts, raters, weight = counts_all[rated], raters_all[rated], ratings.weight[rated]
    paired = raters >= 2
    n_paired = float(weight[paired].sum())
    if n_paired <= 0:
        return None
    weighted = counts @ w.T
    pairs = np.where(paired, raters * (raters - 1), 1.0)
    agreement = np.where(paired, (counts * (weighted - 1)).sum(axis=1) / pairs, 0.0)
    pa = float((weight * agreement).sum() / n_paired)
    n_rated = float(weight.sum())
    pi = (weight[:, None] * counts / raters[:, None]).sum(axis=0) / n_rated
    return UnitParts(counts, raters, weight, paired, agreement, n_rated, n_paired, pa, pi, w)


def chance_corrected(pa: float, pe: float) -> float | None:
    """(p_a - p_e) / (1 - p_e), or None when chance agreement is total (p_e = 1)."""
    if not np.isfinite(pe) or 1.0 - pe < 1e-12:
        return None
    return float((pa - pe) / (1.0 - pe))


def coder_distribution(ratings: Ratings) -> np.ndarray | None:
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
    return table / table.sum(axis=1, keepdims=True)
