"""Reading coefficients: Landis & Koch, Krippendorff's thresholds, the team's threshold."""

from __future__ import annotations

import pytest

from stemmen.stats import interpret, krippendorff_band, landis_koch, verdict


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (-0.05, "poor"),
        (0.0, "slight"),
        (0.20, "slight"),
        (0.21, "fair"),
        (0.40, "fair"),
        (0.55, "moderate"),
        (0.60, "moderate"),
        (0.61, "substantial"),
        (0.80, "substantial"),
        (0.8000000000001, "substantial"),
        (0.8022, "substantial"),
        (0.806, "almost_perfect"),
        (0.81, "almost_perfect"),
        (1.0, "almost_perfect"),
        (None, None),
    ],
)
def test_landis_koch_bands(value, label):
    """Landis & Koch (1977), Biometrics 33, p. 165: <0 poor, .00-.20 slight, .21-.40 fair,
    .41-.60 moderate, .61-.80 substantial, .81-1.00 almost perfect (two decimals)."""
    assert landis_koch(value) == label


@pytest.mark.parametrize(
    ("value", "label"),
    [(0.85, "reliable"), (0.800, "reliable"), (0.7996, "reliable"), (0.70, "tentative"),
     (0.667, "tentative"), (0.66, "unreliable"), (None, None)],
)  # fmt: skip
def test_krippendorff_thresholds(value, label):
    """Krippendorff (2004), Content Analysis 2nd ed., p. 241: rely on alpha >= .800, draw
    tentative conclusions for .667 <= alpha < .800."""
    assert krippendorff_band(value) == label


def test_study_kappa_reads_substantial_and_passes_the_team_rule():
    """AMIF-42: kappa 0.80, team rule kappa >= 0.60."""
    reading = interpret("cohen_kappa", 0.80)
    assert (reading.scale, reading.band, reading.verdict) == ("landis_koch", "substantial", "pass")
    assert interpret("cohen_kappa", 0.59).verdict == "fail"
    assert verdict(0.65, threshold=0.70) == "fail"
    assert verdict(None) is None


def test_alpha_uses_krippendorff_scale_and_percent_agreement_gets_no_band():
    assert interpret("krippendorff_alpha", 0.75).to_dict() == {
        "coefficient": "krippendorff_alpha",
        "value": 0.75,
        "scale": "krippendorff",
        "band": "tentative",
        "threshold": 0.60,
        "verdict": "pass",
    }
    assert interpret("percent_agreement", 0.9).band is None
