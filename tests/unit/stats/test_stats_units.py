"""Codings on texts to presence arrays, and agreement per code, pooled and on code sets."""

from __future__ import annotations

import numpy as np
import pytest
from stats_examples import STUDY_CODES, STUDY_KAPPA, STUDY_TABLE, table_to_pairs

from stemmen.errors import Invalid
from stemmen.model.codings import Coding
from stemmen.model.text import paragraphs, sentences
from stemmen.stats import (
    character_presence,
    code_agreement,
    code_ratings,
    estimate,
    summarise,
    unit_presence,
)
from stemmen.stats.ratings import binary_ratings

TEXT = "First paragraph here.\nSecond one, longer than the first.\n\nThird. It has two sentences."


def test_paragraph_units_and_any_overlap():
    units = paragraphs(TEXT)  # [0, 21), [22, 56), [58, 86)
    codings = [
        ("d", 0, 25, "X", "an"),  # paragraphs 1 and 2
        ("d", 60, 65, "Y", "an"),  # inside paragraph 3
        ("d", 22, 56, "X", "bert"),
        ("d", 21, 22, "Y", "bert"),  # only the newline between 1 and 2: no unit
    ]
    p = unit_presence({"d": units}, codings)
    assert p.codes == ("X", "Y") and p.coders == ("an", "bert")
    assert p.array[:, 0, 0].tolist() == [True, True, False]
    assert p.array[:, 1, 0].tolist() == [False, False, True]
    assert p.array[:, 0, 1].tolist() == [False, True, False]
    assert not p.array[:, 1, 1].any()
    assert p.unit_index.tolist() == [1, 2, 3] and p.kind == "units"


def test_min_coverage_counts_the_union_of_a_coders_segments_per_unit():
    units = [(0, 100), (100, 200)]
    codings = [
        ("d", 0, 30, "X", "an"),
        ("d", 30, 60, "X", "an"),  # with the first: 60% of unit 1
        ("d", 100, 140, "X", "bert"),  # 40% of unit 2
        ("d", 150, 160, "X", "bert"),  # 10% more: 50%
        ("d", 0, 40, "Y", "bert"),  # 40% of unit 1
    ]
    p = unit_presence({"d": units}, codings, min_coverage=0.5)
    assert p.array[:, 0, :].tolist() == [[True, False], [False, True]]
    assert not p.array[:, 1, 1].any()
    assert p.touched[0, 1, 1]  # Y touched unit 1 without reaching half of it
    assert unit_presence({"d": units}, codings, min_coverage=0.61).array[0, 0, 0] == np.False_


def test_units_can_be_tuples_arrays_or_sentences_and_other_codings_are_ignored():
    by_tuple = {"a": [(1, 0, 10), (2, 10, 20)], "b": np.array([[0, 5], [6, 9]])}
    codings = [
        Coding("a", 12, 15, "X", "an"),
        Coding("b", 6, 7, "X", "bert"),
        Coding("zzz", 0, 5, "X", "an"),  # unknown document
        Coding("a", 0, 5, "Q", "an"),  # code not asked for
        Coding("a", 0, 5, "X", "carla"),  # coder not asked for
    ]
    p = unit_presence(by_tuple, codings, codes=["X"], coders=["an", "bert"])
    assert p.documents == ("a", "b") and p.n_units == 4
    assert p.array[:, 0, :].tolist() == [
        [False, False],
        [True, False],
        [False, False],
        [False, True],
    ]
    s = unit_presence({"d": sentences(TEXT)}, [("d", 66, 70, "X", "an")])
    assert s.n_units == 4 and s.array[:, 0, 0].tolist() == [False, False, False, True]


def test_bad_units_and_coverage_are_refused():
    with pytest.raises(Invalid):
        unit_presence({"d": [(0, 10), (5, 20)]}, [])
    with pytest.raises(Invalid):
        unit_presence({"d": [(0, 10)]}, [], min_coverage=1.5)


def test_character_agreement_by_hand():
    """100 characters; an codes X on [0, 50), bert on [10, 50): 90 characters agree.
    an: 50 present, bert: 40. p_e = .5 x .4 + .5 x .6 = .5, kappa = (.9 - .5) / .5 = .8."""
    p = character_presence([("d", 0, 50, "X", "an"), ("d", 10, 50, "X", "bert")], {"d": 100})
    assert p.kind == "characters"
    assert p.unit_start.tolist() == [0, 10, 50] and p.multiplicity.tolist() == [10, 40, 50]
    report = code_agreement(p)
    x = report["per_code"]["X"]
    assert report["n_units"] == 100 and report["unit_kind"] == "characters"
    assert x["percent_agreement"] == pytest.approx(0.9)
    assert x["cohen_kappa"] == pytest.approx(0.8)
    assert report["n_disagreements"] == 10
    coded_only = code_agreement(p, drop_uncoded=True)
    assert coded_only["n_units"] == 50 and coded_only["n_units_dropped"] == 50
    assert coded_only["per_code"]["X"]["percent_agreement"] == pytest.approx(0.8)


def study_text_and_codings(extra_blank: int = 0):
    """102 paragraphs coded by an and bert as in STUDY_TABLE, plus uncoded paragraphs."""
    pairs = table_to_pairs(STUDY_TABLE, STUDY_CODES)
    text = "\n".join(f"Paragraph {i} of the focus group." for i in range(len(pairs) + extra_blank))
    units = paragraphs(text)
    codings = []
    for unit, (a, b) in zip(units, pairs, strict=False):
        codings += [("fg", unit.start, unit.end, a, "an"), ("fg", unit.start, unit.end, b, "bert")]
    return {"fg": units}, codings


def test_study_end_to_end_code_sets_reproduce_kappa_and_twelve_differences():
    """Coding the hand-built AMIF-42 table paragraph by paragraph gives, on code sets, the
    study's figures: 102 paragraphs, 12 differences, kappa 4965/6189 = 0.80."""
    units, codings = study_text_and_codings()
    report = code_agreement(unit_presence(units, codings, codes=STUDY_CODES))
    assert report["n_units"] == 102 and report["n_disagreements"] == 12
    assert report["unit_agreement"] == pytest.approx(90 / 102)
    assert report["code_sets"]["cohen_kappa"] == pytest.approx(STUDY_KAPPA)
    assert set(report["per_code"]) == set(STUDY_CODES)
    assert report["per_code"]["T-taal"]["n_units_coded"] == 57 + 3
    assert report["per_code"]["T-taal"]["n_disagreements"] == 8


def test_pooled_figures_equal_the_stacked_unit_by_code_table():
    units, codings = study_text_and_codings(extra_blank=8)
    presence = unit_presence(units, codings, codes=STUDY_CODES)
    report = code_agreement(presence)
    stacked = summarise(binary_ratings(presence.array.reshape(-1, 2)))
    for key, value in stacked.items():
        assert report["pooled"][key] == pytest.approx(value), key
    per_code = summarise(binary_ratings(presence.array[:, 1, :]))
    assert report["per_code"]["S-netwerk"]["krippendorff_alpha"] == pytest.approx(
        per_code["krippendorff_alpha"]
    )


def test_drop_uncoded_units_is_stated_and_changes_agreement():
    units, codings = study_text_and_codings(extra_blank=8)
    presence = unit_presence(units, codings, codes=STUDY_CODES)
    everything = code_agreement(presence)
    coded = code_agreement(presence, drop_uncoded=True)
    assert everything["n_units"] == 110 and not everything["dropped_uncoded"]
    assert coded["n_units"] == 102 and coded["dropped_uncoded"] and coded["n_units_dropped"] == 8
    assert coded["pooled"]["percent_agreement"] < everything["pooled"]["percent_agreement"]
    assert coded["code_sets"]["cohen_kappa"] == pytest.approx(STUDY_KAPPA)


def test_code_ratings_feed_confidence_intervals_per_code_and_pooled():
    units, codings = study_text_and_codings()
    presence = unit_presence(units, codings, codes=STUDY_CODES)
    report = code_agreement(presence)
    one = estimate(code_ratings(presence, "A-werk"), "cohen_kappa")
    assert one.value == pytest.approx(report["per_code"]["A-werk"]["cohen_kappa"])
    assert one.ci_low < one.value < one.ci_high
    pooled = estimate(code_ratings(presence), "gwet_ac1")
    assert pooled.value == pytest.approx(report["pooled"]["gwet_ac1"])
    assert pooled.se > 0
    with pytest.raises(Invalid):
        code_ratings(presence, "Z-onbekend")


def test_nothing_coded_gives_undefined_coefficients_not_errors():
    presence = unit_presence({"d": [(0, 10), (11, 20)]}, [], codes=["X"], coders=["an", "bert"])
    report = code_agreement(presence)
    assert report["n_units"] == 2 and report["n_disagreements"] == 0
    assert report["per_code"]["X"]["cohen_kappa"] is None  # both always "absent": p_e = 1
    assert report["per_code"]["X"]["percent_agreement"] == 1.0
    assert code_agreement(presence, drop_uncoded=True)["n_units"] == 0
