"""All coefficients of one ratings table at once, as a JSON-ready dict."""

from __future__ import annotations

from collections.abc import Callable

from stemmen.stats.coefficients import (
    RatingsLike,
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    percent_agreement,
    scott_pi,
)
from stemmen.stats.krippendorff_alpha import krippendorff_alpha
from stemmen.stats.ratings import Ratings, as_ratings, compress
from stemmen.stats.weights import Weights, resolve_weights

COEFFICIENTS: tuple[str, ...] = (
    "percent_agreement",
    "cohen_kappa",
    "scott_pi",
    "fleiss_kappa",
    "conger_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
    "brennan_prediger",
)

_WEIGHTED: dict[str, Callable[[Ratings, Weights], float | None]] = {
    "percent_agreement": percent_agreement,
    "cohen_kappa": cohen_kappa,
    "scott_pi": scott_pi,
    "fleiss_kappa": fleiss_kappa,
    "conger_kappa": conger_kappa,
    "gwet_ac1": gwet_ac1,
    "brennan_prediger": brennan_prediger,
}


def coefficient(
    name: str, ratings: RatingsLike, *, weights: Weights = None, level: str = "nominal",
    weights_by: str = "values",
) -> float | None:
    """One coefficient by its key in :data:`COEFFICIENTS`; alpha follows ``level``, the rest
    follow ``weights`` (positioned by ``weights_by``: category values or ranks)."""
    r = as_ratings(ratings)
    weights = resolve_weights(weights, r, weights_by)
    if name == "krippendorff_alpha":
        return krippendorff_alpha(r, level)
    if name not in _WEIGHTED:
        raise KeyError(name)
    return _WEIGHTED[name](r, weights)


def summarise(
    ratings: RatingsLike, *, weights: Weights = None, level: str = "nominal",
    weights_by: str = "values",
) -> dict[str, float | int | None]:
    """n_units, n_units_paired and every coefficient of :data:`COEFFICIENTS`.

    n_units counts units rated by at least one coder; n_units_paired those rated by two or
    more (the ones agreement is measured on). With multiplicities both are totals.
    """
    r = compress(as_ratings(ratings))
    weights = resolve_weights(weights, r, weights_by)
    raters = (r.codes >= 0).sum(axis=1)
    out: dict[str, float | int | None] = {
        "n_units": _count(r.weight.sum()),
        "n_units_paired": _count(r.weight[raters >= 2].sum()),
    }
    for name in COEFFICIENTS:
        out[name] = coefficient(name, r, weights=weights, level=level)
    return out


def _count(total: float) -> int | float:
    """Unit totals as int when whole (they always are unless multiplicities are fractions)."""
    return int(round(total)) if abs(total - round(total)) < 1e-9 else float(total)
