"""Reading a coefficient: benchmark bands and the team's pass/fail threshold.

Keys are English identifiers; the faces translate them.

* Landis & Koch (1977) for kappa-type coefficients: < 0 "poor", .00-.20 "slight", .21-.40
  "fair", .41-.60 "moderate", .61-.80 "substantial", .81-1.00 "almost_perfect". Their table is
  written in two decimals, so the value is rounded to two decimals first: 0.8022 (reported as
  0.80, like the AMIF-42 kappa) reads "substantial".
* Krippendorff (2004, p. 241) for alpha, on the value rounded to three decimals: >= .800
  "reliable", >= .667 "tentative" (draw only tentative conclusions), below "unreliable".
* Percent agreement is not chance-corrected and gets no band.
* The team threshold (default 0.60, the AMIF-42 rule) gives "pass" or "fail".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

LANDIS_KOCH: tuple[tuple[float, str], ...] = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
)
KRIPPENDORFF_RELIABLE = 0.800
KRIPPENDORFF_TENTATIVE = 0.667
DEFAULT_THRESHOLD = 0.60
_EPS = 1e-9


def landis_koch(value: float | None) -> str | None:
    """The Landis & Koch (1977) label of a kappa-type value (None stays None)."""
    if value is None:
        return None
    value = round(value, 2)
    if value < 0:
        return "poor"
    for upper, label in LANDIS_KOCH:
        if value <= upper + _EPS:
            return label
    return "almost_perfect"


def krippendorff_band(value: float | None) -> str | None:
    """Krippendorff's reading of alpha: "reliable", "tentative" or "unreliable"."""
    if value is None:
        return None
    value = round(value, 3)
    if value >= KRIPPENDORFF_RELIABLE - _EPS:
        return "reliable"
    if value >= KRIPPENDORFF_TENTATIVE - _EPS:
        return "tentative"
    return "unreliable"


def verdict(value: float | None, threshold: float = DEFAULT_THRESHOLD) -> str | None:
    """ "pass" when the value reaches the team's threshold, "fail" below it, None if undefined."""
    if value is None:
        return None
    return "pass" if value >= threshold - _EPS else "fail"


@dataclass(frozen=True)
class Interpretation:
    """How to read one coefficient: its scale, band and the verdict against the threshold."""

    coefficient: str
    value: float | None
    scale: str | None
    band: str | None
    threshold: float
    verdict: str | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def interpret(
    coefficient: str, value: float | None, threshold: float = DEFAULT_THRESHOLD
) -> Interpretation:
    """Band and verdict for a coefficient key (as in the summaries) and its value."""
    if coefficient == "krippendorff_alpha":
        scale, band = "krippendorff", krippendorff_band(value)
    elif coefficient == "percent_agreement":
        scale, band = None, None
    else:
        scale, band = "landis_koch", landis_koch(value)
    return Interpretation(coefficient, value, scale, band, threshold, verdict(value, threshold))
