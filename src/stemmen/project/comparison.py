"""What :meth:`stemmen.project.reliability.Reliability.compare` and ``nvivo`` return.

Frozen and typed for library users and the faces; :meth:`Comparison.as_dict` gives the JSON
that ``stemmen agreement --json`` prints and ``/api/reliability`` answers (the field names are
its keys, in the same order).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the faces import this module: no numpy or scipy until a comparison runs
    from stemmen.stats.bands import Interpretation
    from stemmen.stats.code_agreement import Figures
    from stemmen.stats.pairs import Interval, PairReport

__all__ = ["Comparison", "NvivoComparison"]


@dataclass(frozen=True)
class Comparison:
    """Agreement of the coders: per code, pooled over codes and on each unit's set of codes,
    with confidence intervals, how to read the headline figures, and every pair of coders
    when there are three or more."""

    unit_kind: str  # "units" or "characters"
    n_units: int | float
    n_coders: int
    n_codes: int
    coders: list[str]
    codes: list[str]
    min_coverage: float
    dropped_uncoded: bool
    n_units_dropped: int | float
    n_disagreements: int | float  # units where the coders' code sets differ
    unit_agreement: float | None
    code_sets: Figures
    pooled: Figures
    per_code: dict[str, Figures]
    documents: list[str]
    threshold: float
    intervals: dict[str, Interval]  # pooled presence, by coefficient
    intervals_code_sets: dict[str, Interval]
    pairs: list[PairReport]  # empty with two coders
    interpretation: dict[str, dict[str, Interpretation]]  # view -> coefficient -> reading
    flagged_codes: list[str]  # coded codes under the threshold

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, with the keys and order the CLI and web API always had."""
        return asdict(self)


@dataclass(frozen=True)
class NvivoComparison:
    """NVivo's coding comparison for each pair of coders: kappa per code per document on
    characters, and their averages (see :func:`stemmen.stats.nvivo.nvivo_summary`)."""

    coders: list[str]
    documents: list[str]
    pairs: list[dict[str, Any]]  # {"coders": [a, b], "rows": ..., "overall": ..., ...}
    method: str = "nvivo"
    unit_kind: str = "characters"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, with the keys and order the CLI and web API always had."""
        return {"method": self.method, "unit_kind": self.unit_kind, "coders": self.coders,
                "documents": self.documents, "pairs": self.pairs}
