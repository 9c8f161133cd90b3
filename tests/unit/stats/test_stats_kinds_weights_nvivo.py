"""Issue 16 §5: each disagreement kind on built cases, weights by values or by ranks, NVivo's
per-code per-document kappa on a hand-computed example, and the decisions table."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from stats_examples import table_to_pairs

from stemmen.errors import FormatError, Invalid
from stemmen.formats.decisions import Decision, read_decisions, write_decisions
from stemmen.model.text import paragraphs
from stemmen.stats import (
    agreement_from_rows,
    character_presence,
    cohen_kappa,
    count_kinds,
    list_disagreements,
    ratings_from_matrix,
    unit_presence,
)
from stemmen.stats.nvivo import nvivo_kappa, nvivo_rows, nvivo_summary
from stemmen.stats.pairs import pair_agreement
from stemmen.stats.weights import weight_matrix

TEXT = "\n".join(f"Paragraph {i} says one thing. And then another." for i in range(1, 9))
UNITS = paragraphs(TEXT)
P = {u.index: u for u in UNITS}


def whole(n: int, code: str, coder: str) -> tuple:
    return ("fg", P[n].start, P[n].end, code, coder)


def first_sentence(n: int, code: str, coder: str) -> tuple:
    return ("fg", P[n].start, P[n].start + TEXT[P[n].start:].index(".") + 1, code, coder)


def kinds(codings: list[tuple]) -> dict[tuple[int, str], str]:
    found = list_disagreements(unit_presence({"fg": UNITS}, codings))
    return {(d.unit, d.code): d.kind for d in found}


def test_a_segment_too_short_read_as_a_neighbouring_code_is_a_boundary():
    """The demo's "short" case: an takes the paragraph (X, Y), bert one sentence of it (Z)."""
    codings = [whole(2, "X", "an"), whole(2, "Y", "an"), first_sentence(2, "Z", "bert")]
    assert kinds(codings) == {(2, "X"): "boundary", (2, "Y"): "boundary", (2, "Z"): "boundary"}


def test_the_same_code_on_overlapping_segments_that_do_not_match_is_a_boundary():
    """an marks paragraphs 3-4 with X in one segment, bert only paragraph 4."""
    codings = [("fg", P[3].start, P[4].end, "X", "an"), whole(4, "X", "bert")]
    assert kinds(codings) == {(3, "X"): "boundary"}


def test_a_forgotten_second_code_is_missed_not_a_different_code():
    """The demo's "missed" case: both give X, only an also gives Y."""
    codings = [whole(5, "X", "an"), whole(5, "Y", "an"), whole(5, "X", "bert")]
    assert kinds(codings) == {(5, "Y"): "missed"}


def test_nothing_coded_is_missed_and_a_swapped_code_is_a_different_code():
    codings = [whole(6, "X", "an"), whole(7, "X", "an"), whole(7, "Y", "bert")]
    assert kinds(codings) == {(6, "X"): "missed", (7, "X"): "different_code",
                              (7, "Y"): "different_code"}


def test_same_stretch_with_other_codes_is_not_a_boundary():
    """Both mark the same sentence, with different codes: a reading, not a boundary."""
    codings = [first_sentence(8, "X", "an"), first_sentence(8, "Y", "bert")]
    found = list_disagreements(unit_presence({"fg": UNITS}, codings))
    assert count_kinds(found) == {"boundary": 0, "missed": 0, "different_code": 2}


def test_character_units_see_a_short_segment_as_a_boundary_too():
    codings = [whole(2, "X", "an"), first_sentence(2, "Z", "bert")]
    presence = character_presence(codings, {"fg": len(TEXT)})
    found = {d.code: d.kind for d in list_disagreements(presence) if d.code == "X"}
    assert found == {"X": "boundary"}  # the rest of paragraph 2 after bert's sentence


def test_every_pair_of_three_coders_gets_cohens_kappa():
    codings = [whole(n, "X", c) for n in (1, 2, 3) for c in ("an", "bert", "carla")]
    codings += [whole(4, "X", "an"), whole(4, "X", "bert"), whole(5, "Y", "carla")]
    presence = unit_presence({"fg": UNITS}, codings)
    pairs = {tuple(p["coders"]): p for p in pair_agreement(presence)}
    assert set(pairs) == {("an", "bert"), ("an", "carla"), ("bert", "carla")}
    assert pairs[("an", "bert")]["code_sets"]["cohen_kappa"] == pytest.approx(1.0)
    assert pairs[("an", "carla")]["n_disagreements"] == 2
    assert pairs[("an", "carla")]["intervals"]["cohen_kappa"]["ci_low"] is not None


# Weights by values or by ranks -------------------------------------------------------------

A = ["1", "2", "5", "5", "10", "2", "1", "10", "5", "2", "10", "1"]
B = ["2", "2", "5", "10", "10", "1", "1", "5", "5", "5", "10", "2"]


def rows(a: list[str], b: list[str]) -> list[tuple[int, str, str]]:
    return [(i, "a", x) for i, x in enumerate(a)] + [(i, "b", x) for i, x in enumerate(b)]


@pytest.mark.parametrize("weights", ["linear", "quadratic"])
def test_weights_by_ranks_is_scikit_learns_weighted_kappa(weights):
    ranks = agreement_from_rows(rows(A, B), weights=weights, weights_by="ranks")
    assert ranks["weights_by"] == "ranks"
    expected = cohen_kappa_score([int(x) for x in A], [int(x) for x in B], weights=weights)
    assert ranks["cohen_kappa"] == pytest.approx(expected, abs=1e-12)
    values = agreement_from_rows(rows(A, B), weights=weights)  # the default: by values
    assert values["cohen_kappa"] != pytest.approx(expected, abs=1e-3)
    r = ratings_from_matrix(list(zip(A, B, strict=True)))
    assert weight_matrix(weights, r, "values")[0, 1] == pytest.approx(
        1 - (1 / 9 if weights == "linear" else 1 / 81))  # 1 and 2 on a 1-10 scale
    assert weight_matrix(weights, r, "ranks")[0, 1] == pytest.approx(
        1 - (1 / 3 if weights == "linear" else 1 / 9))  # neighbouring ranks of four


def test_ranks_and_values_agree_on_an_evenly_spaced_published_example():
    """Fleiss, Levin & Paik (2003) ch. 18: 100 patients, three categories coded 1, 2, 3;
    kappa .68 as published, linear weights 1, 1/2, 0: .195 / .27 = .722. Relabelled 1, 2, 10
    the ranks keep .722 while the values move (10 is far from 2)."""
    flp = [[75, 1, 4], [5, 4, 1], [0, 0, 10]]
    even = ratings_from_matrix(table_to_pairs(flp, [1, 2, 3]))
    assert round(cohen_kappa(even), 2) == 0.68
    pairs = table_to_pairs(flp, ["1", "2", "10"])
    table = [(i, c, x) for i, (a, b) in enumerate(pairs) for c, x in (("a", a), ("b", b))]
    ranks = agreement_from_rows(table, weights="linear", weights_by="ranks")["cohen_kappa"]
    values = agreement_from_rows(table, weights="linear")["cohen_kappa"]
    assert ranks == pytest.approx(0.195 / 0.27)
    assert cohen_kappa(even, "linear") == pytest.approx(ranks)
    assert values != pytest.approx(ranks, abs=1e-3)
    with pytest.raises(Invalid):
        agreement_from_rows(table, weights="linear", weights_by="order")


# NVivo's figure ----------------------------------------------------------------------------

def test_nvivos_kappa_on_its_own_documented_example():
    """NVivo's help: a 1000-character source, 50 coded by both, 150 by one user only, 800 by
    neither: agreement 85%. With A coding 100 and B 150 (50 shared):
    EF = (100 x 150 + 900 x 850) / 1000 = 780, kappa = (850 - 780) / (1000 - 780) = 0.318."""
    assert nvivo_kappa(50, 50, 100, 800) == pytest.approx(70 / 220)
    assert nvivo_kappa(0, 0, 0, 1000) == 1.0  # nobody coded: NVivo shows complete agreement
    assert nvivo_kappa(0, 10, 0, 90) == pytest.approx(0.0)


def test_nvivo_rows_and_length_weighted_averages_by_hand():
    """Document d1 (100 chars): X an 0-50, bert 0-40 → both 40, only a 10, neither 50:
    EF = (50 x 40 + 50 x 60) / 100 = 50, kappa = (90 - 50) / 50 = 0.8.
    Document d2 (300 chars): X an 0-30, bert 30-60 → both 0, a 30, b 30, neither 240:
    EF = (30 x 30 + 270 x 270) / 300 = 246, kappa = (240 - 246) / 54 = -1/9.
    Mean 0.3444; weighted by length (0.8 x 100 - 300 / 9) / 400 = 0.11667."""
    codings = [("d1", 0, 50, "X", "an"), ("d1", 0, 40, "X", "bert"),
               ("d2", 0, 30, "X", "an"), ("d2", 30, 60, "X", "bert")]
    presence = character_presence(codings, {"d1": 100, "d2": 300}, codes=["X", "Y"])
    rows = {(r.document, r.code): r for r in nvivo_rows(presence, "an", "bert")}
    assert rows[("d1", "X")].kappa == pytest.approx(0.8)
    assert (rows[("d1", "X")].both, rows[("d1", "X")].only_a) == (40, 10)
    assert rows[("d2", "X")].kappa == pytest.approx(-1 / 9)
    assert not rows[("d1", "Y")].coded and rows[("d1", "Y")].kappa == 1.0
    summary = nvivo_summary(list(rows.values()))
    assert summary["overall"]["mean"] == pytest.approx((0.8 - 1 / 9) / 2)
    assert summary["overall"]["weighted_mean"] == pytest.approx((80 - 300 / 9) / 400)
    assert summary["per_code"]["X"]["weighted_mean"] == pytest.approx((80 - 300 / 9) / 400)
    assert summary["per_document"]["d2"]["mean"] == pytest.approx(-1 / 9)
    assert summary["n_rows_uncoded"] == 2
    with_uncoded = summary["overall_with_uncoded"]["weighted_mean"]
    assert with_uncoded == pytest.approx((80 + 100 - 300 / 9 + 300) / 800)


# The decisions table ------------------------------------------------------------------------

def test_decisions_table_round_trips_and_names_the_bad_line():
    decisions = [Decision("FG Gent", 6, "R-tolk", "a"), Decision("FG Gent", 9, "", "both")]
    data = write_decisions(decisions)
    assert read_decisions("d.csv", data) == decisions
    semicolons = b"document;unit;code;choice\nFG Gent;6;;2\n"
    assert read_decisions("d.csv", semicolons) == [Decision("FG Gent", 6, "", "both")]
    with pytest.raises(FormatError) as bad:
        read_decisions("d.csv", b"document,unit,code,choice\nFG,6,X,a\nFG,x,X,a\n")
    assert "d.csv:3" in str(bad.value)
    with pytest.raises(FormatError):
        read_decisions("d.csv", b"document,unit,code,choice\nFG,6,X,maybe\n")
    with pytest.raises(FormatError):
        read_decisions("d.csv", b"document,code\nFG,X\n")


def test_weights_by_unknown_is_refused_in_the_matrix_too():
    r = ratings_from_matrix(np.array([[1, 2], [2, 2]], dtype=object))
    with pytest.raises(Invalid):
        weight_matrix("linear", r, "order")
