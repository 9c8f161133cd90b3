"""Confidence intervals for the coefficients: analytic where a variance formula is known,
a bootstrap over units otherwise.

* ``"fleiss-cohen-everitt-1969"``: Cohen's kappa (plain or weighted), the large-sample variance
  of Fleiss, Cohen & Everitt (1969) (the formula statsmodels uses); normal quantiles.
* ``"gwet-2014"``: percent agreement, Fleiss' kappa, Gwet's AC1/AC2 and Brennan-Prediger, with
  Gwet's (2008; Handbook 4th ed., ch. 5) linearised variances, missing ratings included, no
  finite-population correction, t quantiles with n - 1 degrees of freedom (as irrCAC does).
* ``"bootstrap-percentile"``: Scott's pi, Conger's kappa, Krippendorff's alpha (and any
  coefficient when asked): units are resampled with replacement ``n_boot`` times from a seeded
  generator, and the interval is the percentile interval of the defined replicates.

Upper bounds are capped at 1 (percent agreement also floored at 0). Intervals treat units as
independent; on character units (characters of one text are not) they are too narrow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from statistics import NormalDist

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.arrays import Floats
from stemmen.stats.coefficients import CohenParts, RatingsLike, cohen_parts
from stemmen.stats.parts import UnitParts, quadratic_form, unit_parts, weight_total
from stemmen.stats.ratings import Ratings, as_ratings, compress
from stemmen.stats.summary import COEFFICIENTS, coefficient
from stemmen.stats.weights import Weights, resolve_weights, weight_matrix

ANALYTIC = ("percent_agreement", "cohen_kappa", "fleiss_kappa", "gwet_ac1", "brennan_prediger")


@dataclass(frozen=True)
class Estimate:
    """A coefficient with its confidence interval (bounds None when they cannot be computed)."""

    coefficient: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    method: str
    se: float | None = None
    confidence: float = 0.95
    n_boot: int | None = None
    seed: int | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def estimate(
    ratings: RatingsLike,
    name: str,
    *,
    weights: Weights = None,
    level: str = "nominal",
    confidence: float = 0.95,
    method: str = "auto",
    n_boot: int = 1000,
    seed: int = 0,
    weights_by: str = "values",
) -> Estimate:
    """The coefficient ``name`` with a confidence interval.

    ``method="auto"`` uses the analytic interval where one is known, else the bootstrap;
    ``method="bootstrap"`` forces the bootstrap.
    """
    if name not in COEFFICIENTS:
        raise Invalid("Unknown coefficient {name}.", name=name)
    if not 0.5 <= confidence < 1:
        raise Invalid("The confidence level must be between 0.5 and 1.")
    if method not in ("auto", "bootstrap"):
        raise Invalid("Unknown interval method {method}.", method=method)
    r = compress(as_ratings(ratings))
    weights = resolve_weights(weights, r, weights_by)
    value = coefficient(name, r, weights=weights, level=level)
    if method == "auto" and name in ANALYTIC:
        if name == "cohen_kappa":
            return _cohen_interval(r, value, weights, confidence)
        return _gwet_interval(r, name, value, weights, confidence)

    def statistic(sample: Ratings) -> float | None:
        return coefficient(name, sample, weights=weights, level=level)

    low, high = bootstrap_interval(r, statistic, n_boot=n_boot, seed=seed, confidence=confidence)
    return Estimate(name, value, low, high, "bootstrap-percentile", None, confidence, n_boot, seed)


def estimate_all(ratings: RatingsLike, **options: object) -> dict[str, Estimate]:
    """:func:`estimate` for every coefficient of :data:`~stemmen.stats.summary.COEFFICIENTS`."""
    r = compress(as_ratings(ratings))
    return {name: estimate(r, name, **options) for name in COEFFICIENTS}  # type: ignore[arg-type]


def bootstrap_interval(
    ratings: Ratings,
    statistic: Callable[[Ratings], float | None],
    *,
    n_boot: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float | None, float | None]:
    """Percentile interval of ``statistic`` over ``n_boot`` resamples of the units.

    Identical units are folded first, so a resample is one multinomial draw of pattern counts.
    Replicates where the statistic is undefined are dropped; with fewer than two defined
    replicates there is no interval.
    """
    if n_boot < 1:
        raise Invalid("The bootstrap needs at least one replicate.")
    r = compress(ratings)
    counts = np.rint(r.weight)
    if not np.allclose(counts, r.weight) or counts.sum() < 1:
        raise Invalid("The bootstrap needs whole numbers of units.")
    total = int(counts.sum())
    rng = np.random.default_rng(seed)
    replicates = []
    for _ in range(n_boot):
        draw = rng.multinomial(total, counts / total)
        keep = draw > 0
        value = statistic(Ratings(r.codes[keep], r.categories, r.coders, draw[keep]))
        if value is not None and np.isfinite(value):
            replicates.append(value)
    if len(replicates) < 2:
        return None, None
    tail = (1 - confidence) / 2
    low, high = np.quantile(replicates, [tail, 1 - tail])
    return float(low), float(high)


def _cohen_interval(
    r: Ratings, value: float | None, weights: Weights, confidence: float
) -> Estimate:
    method = "fleiss-cohen-everitt-1969"
    if value is None:
        return Estimate("cohen_kappa", None, None, None, method, confidence=confidence)
    parts = cohen_parts(r, weight_matrix(weights, r))
    se = float(np.sqrt(cohen_variance(parts, value))) if parts is not None else 0.0
    z = NormalDist().inv_cdf((1 + confidence) / 2)
    return Estimate(
        "cohen_kappa", value, value - z * se, min(1.0, value + z * se), method, se, confidence
    )


def _gwet_interval(
    r: Ratings, name: str, value: float | None, weights: Weights, confidence: float
) -> Estimate:
    method = "gwet-2014"
    parts = unit_parts(r, weight_matrix(weights, r))
    if value is None or parts is None or parts.n_rated <= 1:
        return Estimate(name, value, None, None, method, confidence=confidence)
    se = float(np.sqrt(gwet_variance(parts, name, value)))
    from scipy import stats as sps  # 0.3 s to import: only when a Gwet interval is asked for

    t = float(sps.t.ppf((1 + confidence) / 2, df=parts.n_rated - 1))
    low, high = value - t * se, min(1.0, value + t * se)
    if name == "percent_agreement":
        low = max(0.0, low)
    return Estimate(name, value, low, high, method, se, confidence)


def gwet_variance(parts: UnitParts, name: str, value: float) -> float:
    """Gwet's variance of percent agreement, Fleiss' kappa, AC1/AC2 or Brennan-Prediger.

    v = 1 / (n (n - 1)) sum_i (c*_i - c)^2, with c*_i = c_i - 2 (1 - c) (p_e|i - p_e) / (1 - p_e)
    and c_i = (n / n') (p_a|i - p_e [r_i >= 2]) / (1 - p_e) (Gwet 2008; Handbook 4th ed., ch. 5).
    """
    n, scale = parts.n_rated, parts.n_rated / parts.n_paired
    if name == "percent_agreement":
        terms = scale * parts.agreement
    else:
        pe, pe_unit = _chance_terms(parts, name)
        unit = scale * (parts.agreement - pe * parts.paired) / (1 - pe)
        terms = unit - 2 * (1 - value) * (pe_unit - pe) / (1 - pe)
    return float((parts.weight * (terms - value) ** 2).sum() / (n * (n - 1)))


def _chance_terms(parts: UnitParts, name: str) -> tuple[float, Floats]:
    """p_e and its per-unit counterpart p_e|i for the coefficient ``name``."""
    w, pi, q = parts.w, parts.pi, parts.pi.size
    if name == "fleiss_kappa":
        symmetric = pi if w is None else (w @ pi + w.T @ pi) / 2
        return quadratic_form(pi, w, pi), parts.per_unit(symmetric)
    if name == "gwet_ac1":
        factor = weight_total(w, q) / (q * (q - 1))
        return factor * float((pi * (1 - pi)).sum()), factor * parts.per_unit(1 - pi)
    pe = weight_total(w, q) / q**2
    return pe, np.full(parts.raters.shape, pe)


def cohen_variance(parts: CohenParts, kappa: float) -> float:
    """Large-sample variance of (weighted) kappa, Fleiss, Cohen & Everitt (1969):

    [sum_ij p_ij (w_ij - (wbar_i. + wbar_.j)(1 - k))^2 - (k - p_e (1 - k))^2] / (n (1 - p_e)^2),
    wbar_i. = sum_j p_.j w_ij, wbar_.j = sum_i p_i. w_ij; summed over units, not over a q x q table.
    """
    if parts.w is None:
        row_mean, col_mean = parts.col, parts.row
    else:
        row_mean, col_mean = parts.w @ parts.col, parts.w.T @ parts.row
    spread = parts.credit() - (row_mean[parts.a] + col_mean[parts.b]) * (1 - kappa)
    first = float((parts.weight * spread**2).sum() / parts.total)
    last = (kappa - parts.pe * (1 - kappa)) ** 2
    return max(first - last, 0.0) / (parts.total * (1 - parts.pe) ** 2)
