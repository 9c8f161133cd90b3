"""Confidence intervals: Gwet's variances, Fleiss-Cohen-Everitt for kappa, the bootstrap."""

from __future__ import annotations

import numpy as np
import pytest
from irrcac_reference import dataset as irr_dataset
from irrcac_reference import result as irr_result
from scipy import stats as sps
from stats_examples import table_to_pairs
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa

from stemmen.errors import Invalid
from stemmen.stats import (
    COEFFICIENTS,
    Estimate,
    bootstrap_interval,
    cohen_kappa,
    estimate,
    estimate_all,
    ratings_from_matrix,
)

FLEISS_LEVIN_PAIK = [[75, 1, 4], [5, 4, 1], [0, 0, 10]]
IRR_METHODS = {
    "gwet_ac1": "gwet",
    "fleiss_kappa": "fleiss",
    "brennan_prediger": "bp",
}


@pytest.mark.parametrize("dataset", ["raw_4raters", "raw_5observers"])
@pytest.mark.parametrize("weights", ["identity", "linear", "quadratic"])
@pytest.mark.parametrize("name", sorted(IRR_METHODS))
def test_gwet_standard_errors_and_intervals_match_irrcac(dataset, weights, name):
    """Gwet (2014), Handbook 4th ed., ch. 5 variance formulas as implemented by irrCAC: on the
    4-rater data the handbook prints SE(AC1) = .14295 and SE(Fleiss) = .15302."""
    result = irr_result(dataset, IRR_METHODS[name], weights)
    w = None if weights == "identity" else weights
    e = estimate(ratings_from_matrix(irr_dataset(dataset)), name, weights=w)
    assert e.method == "gwet-2014"
    assert e.value == pytest.approx(result["coefficient"], abs=1e-9)
    assert e.se == pytest.approx(result["se"], abs=1e-9)
    assert e.ci_low == pytest.approx(result["ci_low"], abs=1e-9)
    assert e.ci_high == pytest.approx(result["ci_high"], abs=1e-9)


def test_gwet_published_standard_errors_on_four_raters():
    """irrCAC documentation / Gwet (2014): AC1 = .77544 (SE .14295, 95% CI .46081 to 1)."""
    e = estimate(ratings_from_matrix(irr_dataset("raw_4raters")), "gwet_ac1")
    assert (round(e.value, 5), round(e.se, 5), round(e.ci_low, 5), e.ci_high) == (
        0.77544,
        0.14295,
        0.46081,
        1.0,
    )


def test_percent_agreement_variance_is_binomial_on_complete_two_coder_data():
    """With two coders and no missing ratings, p_a|i is 0 or 1 and Gwet's variance reduces to
    p(1 - p) / (n - 1): here p = .89, n = 100."""
    r = ratings_from_matrix(table_to_pairs(FLEISS_LEVIN_PAIK, [1, 2, 3]))
    e = estimate(r, "percent_agreement")
    assert e.value == pytest.approx(0.89)
    assert e.se == pytest.approx(np.sqrt(0.89 * 0.11 / 99))
    t = sps.t.ppf(0.975, 99)
    assert e.ci_low == pytest.approx(0.89 - t * e.se)


def _fce_variance(table: np.ndarray) -> float:
    """Fleiss, Cohen & Everitt (1969), eq. 13, written out independently of the code under test."""
    n = table.sum()
    p = table / n
    row, col = p.sum(axis=1), p.sum(axis=0)
    po, pe = np.trace(p), float(row @ col)
    k = (po - pe) / (1 - pe)
    a = sum(p[i, i] * (1 - (row[i] + col[i]) * (1 - k)) ** 2 for i in range(len(p)))
    b = (1 - k) ** 2 * sum(
        p[i, j] * (col[i] + row[j]) ** 2 for i in range(len(p)) for j in range(len(p)) if i != j
    )
    c = (k - pe * (1 - k)) ** 2
    return (a + b - c) / (n * (1 - pe) ** 2)


def test_cohen_interval_uses_fleiss_cohen_everitt_variance():
    """Fleiss, Cohen & Everitt (1969) large-sample variance on the Fleiss, Levin & Paik table,
    by hand and as statsmodels computes it; normal 95% interval."""
    table = np.array(FLEISS_LEVIN_PAIK, dtype=float)
    r = ratings_from_matrix(table_to_pairs(FLEISS_LEVIN_PAIK, [1, 2, 3]))
    e = estimate(r, "cohen_kappa")
    assert e.method == "fleiss-cohen-everitt-1969"
    assert e.se**2 == pytest.approx(_fce_variance(table))
    assert e.se**2 == pytest.approx(sm_cohens_kappa(table).var_kappa)
    assert e.ci_low == pytest.approx(e.value - 1.959964 * e.se, abs=1e-6)


@pytest.mark.parametrize("weights", ["linear", "quadratic"])
def test_weighted_cohen_variance_matches_statsmodels(weights):
    rng = np.random.default_rng(3)
    a = rng.integers(0, 4, 200)
    b = np.clip(a + rng.integers(-1, 2, 200), 0, 3)
    table = np.zeros((4, 4))
    np.add.at(table, (a, b), 1)
    e = estimate(
        ratings_from_matrix(np.column_stack([a, b]).tolist()), "cohen_kappa", weights=weights
    )
    sm = sm_cohens_kappa(table, wt=weights, weights=np.arange(4))
    assert e.value == pytest.approx(sm.kappa)
    assert e.se**2 == pytest.approx(sm.var_kappa)


def test_bootstrap_is_seeded_and_brackets_the_value():
    r = ratings_from_matrix(irr_dataset("raw_4raters"))
    first = estimate(r, "krippendorff_alpha", n_boot=300, seed=0)
    again = estimate(r, "krippendorff_alpha", n_boot=300, seed=0)
    other = estimate(r, "krippendorff_alpha", n_boot=300, seed=1)
    assert first == again
    assert first.ci_low != other.ci_low
    assert first.method == "bootstrap-percentile" and first.n_boot == 300 and first.seed == 0
    assert first.ci_low < first.value <= first.ci_high <= 1.0


def test_bootstrap_interval_narrows_with_more_units():
    small = ratings_from_matrix(table_to_pairs(FLEISS_LEVIN_PAIK, [1, 2, 3]))
    big_table = [[10 * c for c in row] for row in FLEISS_LEVIN_PAIK]
    big = ratings_from_matrix(table_to_pairs(big_table, [1, 2, 3]))
    low_s, high_s = bootstrap_interval(small, cohen_kappa, n_boot=300)
    low_b, high_b = bootstrap_interval(big, cohen_kappa, n_boot=300)
    assert (high_b - low_b) < 0.5 * (high_s - low_s)
    assert low_b < cohen_kappa(big) < high_b


def test_estimate_all_covers_every_coefficient_and_serialises():
    r = ratings_from_matrix(irr_dataset("raw_4raters"))
    result = estimate_all(r, n_boot=100)
    assert list(result) == list(COEFFICIENTS)
    assert result["cohen_kappa"].value is None  # four coders
    assert result["cohen_kappa"].ci_low is None
    assert result["conger_kappa"].method == "bootstrap-percentile"
    assert isinstance(result["gwet_ac1"], Estimate)
    assert result["gwet_ac1"].to_dict()["method"] == "gwet-2014"


def test_forced_bootstrap_and_bad_options():
    r = ratings_from_matrix(table_to_pairs(FLEISS_LEVIN_PAIK, [1, 2, 3]))
    e = estimate(r, "cohen_kappa", method="bootstrap", n_boot=200)
    assert e.method == "bootstrap-percentile"
    assert e.ci_low < e.value < e.ci_high
    with pytest.raises(Invalid):
        estimate(r, "kappa")
    with pytest.raises(Invalid):
        estimate(r, "cohen_kappa", method="jackknife")
    with pytest.raises(Invalid):
        estimate(r, "cohen_kappa", confidence=1.5)
