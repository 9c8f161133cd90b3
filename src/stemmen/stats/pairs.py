"""Agreement of every pair of coders, beside the figures of all coders together.

With three or more coders a study reports both: one coefficient for everyone (Fleiss' kappa,
Conger's kappa, Krippendorff's alpha, Gwet's AC1) and Cohen's kappa for each pair, so a coder
who reads the codebook differently stands out.
"""

from __future__ import annotations

from itertools import combinations
from typing import TypedDict

from stemmen.stats.code_agreement import Figures, code_agreement, code_ratings, code_set_ratings
from stemmen.stats.intervals import estimate
from stemmen.stats.ratings import Ratings, compress
from stemmen.stats.units import Presence

PAIR_INTERVALS = ("cohen_kappa", "percent_agreement")

Interval = dict[str, object]
"""An :class:`~stemmen.stats.intervals.Estimate` as JSON-ready data."""


class PairReport(TypedDict):
    """Two of the coders compared (JSON-ready; the keys are the JSON keys)."""

    coders: list[str]
    n_units: int | float
    n_disagreements: int | float
    code_sets: Figures
    pooled: Figures
    per_code: dict[str, Figures]
    intervals: dict[str, Interval]
    intervals_code_sets: dict[str, Interval]


def interval_table(ratings: Ratings, names: tuple[str, ...],
                   confidence: float = 0.95) -> dict[str, Interval]:
    """Confidence intervals of some coefficients on one ratings table (Cohen's kappa only
    with two coders), as JSON-ready dicts."""
    if ratings.n_coders != 2:
        names = tuple(n for n in names if n != "cohen_kappa")
    ratings = compress(ratings)  # once, not once per coefficient (the same figures)
    return {name: estimate(ratings, name, confidence=confidence).to_dict() for name in names}


def pair_agreement(presence: Presence, *, drop_uncoded: bool = False,
                   confidence: float = 0.95) -> list[PairReport]:
    """For each pair of coders: units, differing units, Cohen's kappa and percent agreement on
    code sets and pooled (with intervals), and Cohen's kappa per code."""
    found: list[PairReport] = []
    for a, b in combinations(presence.coders, 2):
        pair = presence.with_coders([a, b])
        kept = pair.select(pair.coded_units()) if drop_uncoded else pair
        report = code_agreement(kept)
        found.append({
            "coders": [a, b],
            "n_units": report["n_units"],
            "n_disagreements": report["n_disagreements"],
            "code_sets": report["code_sets"],
            "pooled": report["pooled"],
            "per_code": {code: {"cohen_kappa": entry["cohen_kappa"],
                                "n_units_coded": entry["n_units_coded"],
                                "n_disagreements": entry["n_disagreements"]}
                         for code, entry in report["per_code"].items()},
            "intervals": interval_table(code_ratings(kept), PAIR_INTERVALS, confidence),
            "intervals_code_sets": interval_table(code_set_ratings(kept), PAIR_INTERVALS,
                                                  confidence),
        })
    return found
