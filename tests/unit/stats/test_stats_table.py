"""The (unit, coder, label) table contract: agreement_from_rows."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sklearn.metrics import cohen_kappa_score
from stats_examples import STUDY_CODES, STUDY_KAPPA, STUDY_TABLE, table_to_pairs

from stemmen.errors import Invalid
from stemmen.stats import agreement_from_rows, interpret, krippendorff_alpha, ratings_from_matrix

CONTRACT_KEYS = {
    "n_units",
    "n_coders",
    "percent_agreement",
    "cohen_kappa",
    "scott_pi",
    "fleiss_kappa",
    "conger_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
    "brennan_prediger",
    "per_label",
    "multi_label",
    "weights",
    "level",
}


def study_rows() -> list[tuple[str, str, str]]:
    pairs = table_to_pairs(STUDY_TABLE, STUDY_CODES)
    rows = []
    for number, (a, b) in enumerate(pairs, start=1):
        rows += [(f"p{number}", "an", a), (f"p{number}", "bert", b)]
    return rows


def test_study_situation_102_paragraphs_12_disagreements_kappa_080():
    """The hand-built AMIF-42-shaped table (stats_examples.STUDY_TABLE), computed by hand:
    p_o = 90/102; p_e = (57*55 + 25*28 + 20*19) / 102^2 = 4215/10404;
    kappa = (90*102 - 4215) / (102^2 - 4215) = 4965/6189 = 0.8022, reported as 0.80."""
    result = agreement_from_rows(study_rows())
    assert set(result) >= CONTRACT_KEYS
    assert (result["n_units"], result["n_coders"], result["n_disagreements"]) == (102, 2, 12)
    assert result["multi_label"] is False and result["basis"] == "labels"
    assert result["percent_agreement"] == pytest.approx(90 / 102)
    assert result["cohen_kappa"] == pytest.approx(STUDY_KAPPA)
    assert round(result["cohen_kappa"], 2) == 0.80
    assert interpret("cohen_kappa", result["cohen_kappa"]).band == "substantial"
    assert result["conger_kappa"] == pytest.approx(result["cohen_kappa"])
    json.dumps(result, allow_nan=False)  # JSON-ready: no NaN, no numpy scalars
    assert set(result["per_label"]) == set(STUDY_CODES)
    taal = result["per_label"]["T-taal"]
    assert taal["n_units_with_label"] == 52 + 3 + 2 + 2 + 1
    # T-taal vs rest: 52 both, 5 an only, 3 bert only, 42 neither.
    po, pe = 94 / 102, (57 * 55 + 45 * 47) / 102**2
    assert taal["cohen_kappa"] == pytest.approx((po - pe) / (1 - pe))


def test_rows_read_from_a_csv_with_dict_rows_and_spaces():
    text = "unit,coder,label\n1, an ,X\n1,bert,X\n2,an,Y\n2,bert, X\n"
    result = agreement_from_rows(csv.DictReader(io.StringIO(text)))
    assert result["coders"] == ["an", "bert"]
    assert result["percent_agreement"] == 0.5
    assert result["n_disagreements"] == 1


def test_missing_row_means_the_coder_did_not_code_that_unit():
    rows = [("1", "a", "x"), ("1", "b", "x"), ("2", "a", "y"), ("2", "b", "y"), ("3", "a", "y")]
    result = agreement_from_rows(rows)
    assert result["n_units"] == 3 and result["n_units_paired"] == 2
    assert result["cohen_kappa"] == 1.0  # on the two units both coded
    assert result["conger_kappa"] == pytest.approx(1.0)
    assert result["n_disagreements"] == 0


def test_multi_label_data_pools_presence_over_unit_label_pairs():
    """u1: an {X, Y}, bert {X}; u2: both {X}; u3: an {Y}, bert {Y, Z}; u4: only an, {Z}.
    Pooled (unit, label) pairs rated by both: 9, agreeing 7. an says present 4 times, bert 4:
    p_e = (4*4 + 5*5) / 81, kappa = (63 - 41) / (81 - 41) = 0.55."""
    rows = [
        ("u1", "an", "X"), ("u1", "an", "Y"), ("u1", "bert", "X"),
        ("u2", "an", "X"), ("u2", "bert", "X"),
        ("u3", "an", "Y"), ("u3", "bert", "Y"), ("u3", "bert", "Z"),
        ("u4", "an", "Z"),
    ]  # fmt: skip
    result = agreement_from_rows(rows, level="interval", weights="quadratic")
    assert result["multi_label"] is True and result["basis"] == "presence_pooled"
    assert result["n_units"] == 4 and result["n_units_paired"] == 3
    assert result["percent_agreement"] == pytest.approx(7 / 9)
    assert result["cohen_kappa"] == pytest.approx(0.55)
    assert result["n_disagreements"] == 2
    x, z = result["per_label"]["X"], result["per_label"]["Z"]
    assert x["cohen_kappa"] == 1.0 and x["n_units_with_label"] == 2
    # Z: both coded u1-u3 with (0,0), (0,0), (0,1): Cohen p_o = 2/3, p_e = 2/3 -> 0.
    assert z["cohen_kappa"] == pytest.approx(0.0)
    # Conger also counts u4 (an: Z present) in an's own distribution, so it differs.
    assert z["conger_kappa"] != pytest.approx(z["cohen_kappa"])
    assert z["n_units"] == 4 and z["n_units_paired"] == 3


def test_weights_and_level_apply_to_single_label_scales():
    a = [1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 2, 3]
    b = [1, 3, 3, 5, 5, 2, 2, 4, 4, 2, 2, 3]
    rows = [(str(i), "a", str(x)) for i, x in enumerate(a)]
    rows += [(str(i), "b", str(y)) for i, y in enumerate(b)]
    result = agreement_from_rows(rows, level="ordinal", weights="quadratic")
    assert result["weights"] == "quadratic" and result["level"] == "ordinal"
    assert result["cohen_kappa"] == pytest.approx(cohen_kappa_score(a, b, weights="quadratic"))
    ordinal = krippendorff_alpha(ratings_from_matrix(list(zip(a, b, strict=True))), "ordinal")
    assert result["krippendorff_alpha"] == pytest.approx(ordinal)
    plain = agreement_from_rows(rows)
    assert plain["cohen_kappa"] == pytest.approx(cohen_kappa_score(a, b))
    assert plain["cohen_kappa"] < result["cohen_kappa"]


def test_empty_label_is_no_label_on_a_nominal_scale_and_missing_on_an_ordered_one():
    rows = [("1", "a", "x"), ("1", "b", ""), ("2", "a", "x"), ("2", "b", "x"),
            ("3", "a", ""), ("3", "b", "")]  # fmt: skip
    nominal = agreement_from_rows(rows)
    assert nominal["percent_agreement"] == pytest.approx(2 / 3)
    assert nominal["n_disagreements"] == 1
    assert list(nominal["per_label"]) == ["x"]
    ordered = agreement_from_rows(rows, weights="linear")
    assert ordered["n_units_paired"] == 1
    assert ordered["percent_agreement"] == 1.0


def test_three_coders_have_no_cohen_kappa_but_fleiss():
    rows = [(u, c, "x" if (u, c) != ("2", "c") else "y") for u in "123" for c in "abc"]
    result = agreement_from_rows(rows)
    assert result["n_coders"] == 3
    assert result["cohen_kappa"] is None and result["scott_pi"] is None
    assert result["fleiss_kappa"] is not None


def test_bad_input_is_refused_with_invalid():
    with pytest.raises(Invalid):
        agreement_from_rows([("1", "a", "x")], level="cardinal")
    with pytest.raises(Invalid):
        agreement_from_rows([("1", "a", "low"), ("1", "b", "high")], level="interval")
    with pytest.raises(Invalid):
        agreement_from_rows([("1", "", "x")])
    with pytest.raises(Invalid):
        agreement_from_rows([("1", "a")])
