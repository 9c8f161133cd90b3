"""Agreement coefficients against published worked examples and reference implementations."""

from __future__ import annotations

import numpy as np
import pytest
from irrcac_reference import dataset as irr_dataset
from irrcac_reference import result as irr_result
from sklearn.metrics import cohen_kappa_score
from stats_examples import (
    FLEISS_1971_COUNTS,
    KRIPPENDORFF_2011,
    fleiss_1971_matrix,
    table_to_pairs,
)
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from stemmen.stats import (
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    percent_agreement,
    ratings_from_matrix,
    scott_pi,
)

COHEN_1960 = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]
FLEISS_LEVIN_PAIK = [[75, 1, 4], [5, 4, 1], [0, 0, 10]]


def test_cohen_kappa_reproduces_cohen_1960_table_1():
    """Cohen (1960), "A coefficient of agreement for nominal scales", Table 1: 200 units,
    3 categories, p_o = .70, p_c = .41, kappa = .29 / .59 = .492."""
    r = ratings_from_matrix(table_to_pairs(COHEN_1960, ["a", "b", "c"]))
    assert percent_agreement(r) == pytest.approx(0.70)
    assert cohen_kappa(r) == pytest.approx(0.29 / 0.59)
    assert round(cohen_kappa(r), 3) == 0.492


def test_cohen_kappa_reproduces_fleiss_levin_paik_diagnosis_example():
    """Fleiss, Levin & Paik (2003), Statistical Methods for Rates and Proportions, ch. 18
    (Fleiss 1981, Table 13.1): 100 patients, psychotic / neurotic / organic; p_o = .89,
    p_e = .80 x .80 + .10 x .05 + .10 x .15 = .66, kappa = .23 / .34 = .68 as published.
    Linear weights 1, 1/2, 0 give weighted kappa .195 / .27 = .722 (worked by hand)."""
    r = ratings_from_matrix(table_to_pairs(FLEISS_LEVIN_PAIK, [1, 2, 3]))
    assert cohen_kappa(r) == pytest.approx(0.23 / 0.34)
    assert round(cohen_kappa(r), 2) == 0.68
    assert cohen_kappa(r, "linear") == pytest.approx(0.195 / 0.27)


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_weighted_cohen_kappa_matches_scikit_learn_and_statsmodels(weights):
    """scikit-learn cohen_kappa_score(weights=...) and statsmodels cohens_kappa on random
    ordinal ratings (1-5, consecutive, so value and rank weights coincide)."""
    rng = np.random.default_rng(7)
    a = rng.integers(1, 6, 300)
    b = np.clip(a + rng.integers(-2, 3, 300), 1, 5)
    r = ratings_from_matrix(np.column_stack([a, b]).tolist())
    expected = cohen_kappa_score(a, b, weights=weights)
    assert cohen_kappa(r, weights) == pytest.approx(expected, abs=1e-12)
    table = np.zeros((5, 5))
    np.add.at(table, (a - 1, b - 1), 1)
    wt = {None: None, "linear": "linear", "quadratic": "quadratic"}[weights]
    sm = sm_cohens_kappa(table, wt=wt, weights=None if wt is None else np.arange(5))
    assert cohen_kappa(r, weights) == pytest.approx(sm.kappa, abs=1e-12)


def test_weights_follow_numeric_label_values_not_their_text_order():
    """Labels "2" and "10" are numbers: 10 is the far end of the scale, not between 1 and 2."""
    a = ["1", "2", "10", "10", "1"]
    b = ["2", "2", "10", "1", "1"]
    r = ratings_from_matrix(list(zip(a, b, strict=True)))
    assert r.categories == ("1", "2", "10")
    w = np.array([[1, 1 - 1 / 9, 0], [1 - 1 / 9, 1, 1 - 8 / 9], [0, 1 - 8 / 9, 1]])
    assert cohen_kappa(r, "linear") == pytest.approx(cohen_kappa(r, w))
    assert cohen_kappa(r, "linear") != pytest.approx(
        cohen_kappa_score(a, b, weights="linear", labels=["1", "2", "10"])
    )


def test_fleiss_kappa_reproduces_fleiss_1971():
    """Fleiss (1971), Table 1: 30 patients x 6 psychiatrists, 5 diagnoses; kappa = .430
    (p-bar = .556, p-bar_e = .220), and statsmodels' fleiss_kappa on the same counts."""
    r = ratings_from_matrix(fleiss_1971_matrix())
    assert round(fleiss_kappa(r), 3) == 0.430
    assert percent_agreement(r) == pytest.approx(0.5556, abs=5e-5)
    assert fleiss_kappa(r) == pytest.approx(sm_fleiss_kappa(np.array(FLEISS_1971_COUNTS)))


def test_gwet_family_reproduces_gwet_handbook_on_krippendorffs_data():
    """Gwet (2014), Handbook of Inter-Rater Reliability 4th ed., 4 raters x 12 units with missing
    ratings (Krippendorff's data; irrCAC docs print the same): p_a = .8182, AC1 = .7754,
    Fleiss' kappa = .7612, Brennan-Prediger = .7727."""
    r = ratings_from_matrix(KRIPPENDORFF_2011)
    assert round(percent_agreement(r), 4) == 0.8182
    assert round(gwet_ac1(r), 4) == 0.7754
    assert round(fleiss_kappa(r), 4) == 0.7612
    assert round(brennan_prediger(r), 4) == 0.7727


def _irr(dataset: str, method: str, weights: str) -> float:
    return irr_result(dataset, method, weights)["coefficient"]


@pytest.mark.parametrize("dataset", ["raw_4raters", "raw_5observers", "raw_g1g2"])
@pytest.mark.parametrize("weights", ["identity", "linear", "quadratic"])
def test_gwet_family_matches_irrcac_with_missing_ratings_and_weights(dataset, weights):
    """irrCAC (Gwet's own formulas, ported from his R package) on Gwet's data sets with
    missing ratings: AC1/AC2, Fleiss, Conger, Brennan-Prediger, all three weightings."""
    r = ratings_from_matrix(irr_dataset(dataset))
    w = None if weights == "identity" else weights
    assert gwet_ac1(r, w) == pytest.approx(_irr(dataset, "gwet", weights), abs=1e-9)
    assert fleiss_kappa(r, w) == pytest.approx(_irr(dataset, "fleiss", weights), abs=1e-9)
    assert conger_kappa(r, w) == pytest.approx(_irr(dataset, "conger", weights), abs=1e-9)
    assert brennan_prediger(r, w) == pytest.approx(_irr(dataset, "bp", weights), abs=1e-9)


def test_gwet_ac2_is_ac1_with_quadratic_weights_by_default():
    r = ratings_from_matrix(KRIPPENDORFF_2011)
    assert gwet_ac2(r) == pytest.approx(gwet_ac1(r, "quadratic"))
    assert gwet_ac2(r) != pytest.approx(gwet_ac1(r))


def test_two_coder_family_agrees_on_complete_data_and_differs_with_missing():
    """Complete data: Conger = Cohen, Fleiss = Scott. Missing data: Cohen drops the unit, Conger
    keeps it in the coder's own distribution, so they part."""
    pairs = table_to_pairs(FLEISS_LEVIN_PAIK, [1, 2, 3])
    r = ratings_from_matrix(pairs)
    assert conger_kappa(r) == pytest.approx(cohen_kappa(r))
    assert scott_pi(r) == pytest.approx(fleiss_kappa(r))
    r_missing = ratings_from_matrix([*pairs, [3, None], [3, None]])
    assert cohen_kappa(r_missing) == pytest.approx(cohen_kappa(r))
    assert conger_kappa(r_missing) != pytest.approx(cohen_kappa(r_missing))


def test_scott_pi_by_hand_on_a_two_by_two_table():
    """Scott (1955): pi_k pooled over both coders. 10 units: yes/yes 4, yes/no 2, no/no 4.
    p_o = .8; pooled yes = (6 + 4) / 20 = .5, p_e = .5; pi = .3 / .5 = .6.
    Cohen: p_e = .6 x .4 + .4 x .6 = .48, kappa = .32 / .52."""
    r = ratings_from_matrix([["y", "y"]] * 4 + [["y", "n"]] * 2 + [["n", "n"]] * 4)
    assert scott_pi(r) == pytest.approx(0.6)
    assert cohen_kappa(r) == pytest.approx(0.32 / 0.52)
    assert brennan_prediger(r) == pytest.approx((0.8 - 0.5) / 0.5)


def test_undefined_coefficients_return_none():
    three = ratings_from_matrix([["a", "a", "b"], ["b", "b", "b"]])
    assert cohen_kappa(three) is None
    assert scott_pi(three) is None
    assert fleiss_kappa(three) is not None
    same = ratings_from_matrix([["a", "a"], ["a", "a"], ["a", "a"]])
    assert percent_agreement(same) == 1.0
    assert cohen_kappa(same) is None  # p_e = 1: 0/0
    assert fleiss_kappa(same) is None
    assert gwet_ac1(same) is None  # one category: q - 1 = 0
    assert brennan_prediger(same) is None
    alone = ratings_from_matrix([["a", None], [None, "b"]])
    assert percent_agreement(alone) is None
    assert conger_kappa(alone) is None


def test_binary_domain_keeps_ac1_defined_when_everyone_says_absent():
    """The kappa paradox: coders who agree that a code is absent everywhere get kappa = None
    (undefined) but AC1 = BP = 1 when the domain is known to be {0, 1}."""
    r = ratings_from_matrix([[0, 0]] * 5, categories=[0, 1])
    assert cohen_kappa(r) is None
    assert gwet_ac1(r) == pytest.approx(1.0)
    assert brennan_prediger(r) == pytest.approx(1.0)
