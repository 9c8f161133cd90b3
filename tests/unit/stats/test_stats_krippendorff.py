"""Krippendorff's alpha against Krippendorff (2011) and the ``krippendorff`` package."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from stats_examples import KRIPPENDORFF_2011

from stemmen.errors import Invalid
from stemmen.stats import compress, krippendorff_alpha, ratings_from_matrix
from stemmen.stats.krippendorff_alpha import coincidences


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_alpha_reproduces_krippendorff_2011_example(level, published):
    """Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, section C: 4 observers,
    12 units, missing data: alpha = .743 nominal, .815 ordinal, .849 interval, .797 ratio."""
    r = ratings_from_matrix(KRIPPENDORFF_2011)
    assert round(krippendorff_alpha(r, level), 3) == published


def test_coincidences_and_nominal_alpha_match_krippendorff_2011_worked_steps():
    """Krippendorff (2011), p. 4: the coincidence matrix has diagonal 7, 10, 8, 4, 3, off-diagonal
    cells 4/3 and 1/3, marginals n_c = 9, 13, 10, 5, 3 (n = 40), and
    alpha = [(n-1) sum o_cc - sum n_c(n_c-1)] / [n(n-1) - sum n_c(n_c-1)] = 904 / 1216."""
    r = ratings_from_matrix(KRIPPENDORFF_2011)
    o = coincidences(r)
    assert np.diag(o) == pytest.approx([7, 10, 8, 4, 3])
    assert o[0, 1] == pytest.approx(4 / 3) and o[0, 2] == pytest.approx(1 / 3)
    assert o.sum(axis=1) == pytest.approx([9, 13, 10, 5, 3])
    assert krippendorff_alpha(r) == pytest.approx(904 / 1216)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_alpha_matches_krippendorff_package_with_missing_data(level, seed):
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, 60)
    data = np.clip(truth[:, None] + rng.integers(-1, 2, (60, 3)), 1, 5).astype(float)
    data[rng.random(data.shape) < 0.25] = np.nan
    matrix = [[None if np.isnan(v) else int(v) for v in row] for row in data]
    expected = krippendorff.alpha(
        reliability_data=data.T, level_of_measurement=level, value_domain=[1, 2, 3, 4, 5]
    )
    r = ratings_from_matrix(matrix, categories=[1, 2, 3, 4, 5])
    assert krippendorff_alpha(r, level) == pytest.approx(expected, abs=1e-12)
    assert krippendorff_alpha(compress(r), level) == pytest.approx(expected, abs=1e-12)


def test_alpha_is_none_without_variation_or_pairs():
    assert krippendorff_alpha(ratings_from_matrix([[1, 1], [1, 1]])) is None
    assert krippendorff_alpha(ratings_from_matrix([[1, None], [None, 2]])) is None


def test_interval_alpha_needs_numeric_labels():
    with pytest.raises(Invalid):
        krippendorff_alpha(ratings_from_matrix([["a", "b"], ["b", "b"]]), "interval")
    with pytest.raises(Invalid):
        krippendorff_alpha(ratings_from_matrix([[1, 2]]), "cardinal")
