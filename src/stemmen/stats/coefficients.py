"""Agreement coefficients on a ratings table (units x coders), with missing ratings.

Every function takes a :class:`~stemmen.stats.ratings.Ratings` (or a plain units x coders
matrix, None = missing) and returns a float, or None where the coefficient is undefined:

* no unit was rated by two coders (nothing to compare);
* chance agreement p_e = 1 (every rating in one category: kappa-type coefficients are 0/0);
* Cohen's kappa and Scott's pi with other than two coders;
* Gwet's AC1/AC2 and Brennan-Prediger with fewer than two categories (q - 1 = 0).

``weights`` (None, "linear", "quadratic" or a q x q matrix) gives partial credit to near
misses; every coefficient then uses the weighted percent agreement (Gwet 2014, ch. 3), so
weighted Cohen's kappa is the classical weighted kappa and Gwet's AC1 becomes AC2.

Formulas with missing ratings follow Gwet, *Handbook of Inter-Rater Reliability*, 4th ed.
(2014): percent agreement over units rated by two or more coders; category shares over all
rated units. The one exception is Cohen's kappa, which uses only the units both coders rated
(listwise, as SPSS, statsmodels and scikit-learn do, and as studies report it); Conger's kappa
with two coders is Gwet's missing-data version of Cohen's kappa and equals it on complete data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from stemmen.stats.arrays import Array, Floats, Ints
from stemmen.stats.parts import (
    chance_corrected,
    coder_distribution,
    quadratic_form,
    unit_parts,
    weight_total,
)
from stemmen.stats.ratings import Ratings, as_ratings
from stemmen.stats.weights import Weights, weight_matrix

RatingsLike = Ratings | Sequence[Sequence[Any]] | Array


def percent_agreement(ratings: RatingsLike, weights: Weights = None) -> float | None:
    """Share of agreeing coder pairs per unit, averaged over units rated at least twice."""
    r = as_ratings(ratings)
    parts = unit_parts(r, weight_matrix(weights, r))
    return None if parts is None else parts.percent_agreement


def fleiss_kappa(ratings: RatingsLike, weights: Weights = None) -> float | None:
    """Fleiss' (1971) kappa, generalised to missing ratings and weights (Gwet 2014, 5.2).

    p_e = sum_kl w_kl pi_k pi_l with pi_k = (1/n) sum_i r_ik / r_i.
    """
    r = as_ratings(ratings)
    parts = unit_parts(r, weight_matrix(weights, r))
    if parts is None:
        return None
    return chance_corrected(parts.percent_agreement, quadratic_form(parts.pi, parts.w, parts.pi))


def gwet_ac1(ratings: RatingsLike, weights: Weights = None) -> float | None:
    """Gwet's AC1 (no weights) or AC2 (with weights): p_e = T_w / (q(q-1)) sum_k pi_k (1 - pi_k)."""
    r = as_ratings(ratings)
    q = r.n_categories
    parts = unit_parts(r, weight_matrix(weights, r))
    if parts is None or q < 2:
        return None
    pe = weight_total(parts.w, q) / (q * (q - 1)) * float((parts.pi * (1 - parts.pi)).sum())
    return chance_corrected(parts.percent_agreement, pe)


def gwet_ac2(ratings: RatingsLike, weights: Weights = "quadratic") -> float | None:
    """Gwet's AC2: AC1 with agreement weights (quadratic by default)."""
    return gwet_ac1(ratings, weights)


def brennan_prediger(ratings: RatingsLike, weights: Weights = None) -> float | None:
    """Brennan & Prediger (1981): chance agreement T_w / q^2 (1/q without weights)."""
    r = as_ratings(ratings)
    q = r.n_categories
    parts = unit_parts(r, weight_matrix(weights, r))
    if parts is None or q < 2:
        return None
    return chance_corrected(parts.percent_agreement, weight_total(parts.w, q) / q**2)


def conger_kappa(ratings: RatingsLike, weights: Weights = None) -> float | None:
    """Conger's (1980) kappa: p_e = sum_kl w_kl (pbar_k pbar_l - s2_kl / r) (Gwet 2014, 5.3).

    p_gk is the share of coder g's rated units in category k, s2_kl their covariance over the
    r coders. With two coders this is Cohen's kappa with Gwet's treatment of missing ratings.
    """
    r = as_ratings(ratings)
    w = weight_matrix(weights, r)
    parts = unit_parts(r, w)
    p = coder_distribution(r)
    if parts is None or p is None:
        return None
    n_coders, mean = p.shape[0], p.mean(axis=0)
    between = quadratic_form(mean, w, mean)
    within = sum(quadratic_form(row, w, row) for row in p)
    pe = between - (within - n_coders * between) / (n_coders * (n_coders - 1))
    return chance_corrected(parts.percent_agreement, pe)


def scott_pi(ratings: RatingsLike, weights: Weights = None) -> float | None:
    """Scott's (1955) pi for two coders: p_e = sum_kl w_kl pi_k pi_l, pi_k = (p_Ak + p_Bk) / 2.

    Shares p_gk are taken over the units each coder rated (Gwet 2014). With three or more
    coders use :func:`fleiss_kappa`, Fleiss' generalisation of pi; this returns None.
    """
    r = as_ratings(ratings)
    if r.n_coders != 2:
        return None
    w = weight_matrix(weights, r)
    parts = unit_parts(r, w)
    p = coder_distribution(r)
    if parts is None or p is None:
        return None
    pi = p.mean(axis=0)
    return chance_corrected(parts.percent_agreement, quadratic_form(pi, w, pi))


@dataclass(frozen=True)
class CohenParts:
    """Two coders, the units both rated: codes a and b, multiplicities, marginals, p_o, p_e."""

    a: Ints
    b: Ints
    weight: Floats
    total: float
    row: Floats  # p_k. (first coder)
    col: Floats  # p_.k (second coder)
    w: Floats | None
    po: float
    pe: float

    def credit(self) -> Floats:
        """w(a, b) per unit."""
        if self.w is None:
            exact: Floats = (self.a == self.b).astype(float)
            return exact
        credit: Floats = self.w[self.a, self.b]
        return credit


def cohen_parts(ratings: Ratings, w: Floats | None) -> CohenParts | None:
    """The pieces of Cohen's kappa, or None with no unit rated by both coders."""
    a, b = ratings.codes[:, 0], ratings.codes[:, 1]
    both = (a >= 0) & (b >= 0)
    a, b, weight = a[both], b[both], ratings.weight[both]
    total = float(weight.sum())
    if total <= 0:
        return None
    q = ratings.n_categories
    row = np.bincount(a, weights=weight, minlength=q) / total
    col = np.bincount(b, weights=weight, minlength=q) / total
    parts = CohenParts(a, b, weight, total, row, col, w, 0.0, quadratic_form(row, w, col))
    po = float((weight * parts.credit()).sum() / total)
    return CohenParts(a, b, weight, total, row, col, w, po, parts.pe)


def cohen_kappa(ratings: RatingsLike, weights: Weights = None) -> float | None:
    """Cohen's (1960) kappa, or weighted kappa (Cohen 1968), on the units both coders rated.

    None with other than two coders, no unit rated by both, or chance agreement 1.
    """
    r = as_ratings(ratings)
    if r.n_coders != 2:
        return None
    parts = cohen_parts(r, weight_matrix(weights, r))
    return None if parts is None else chance_corrected(parts.po, parts.pe)
