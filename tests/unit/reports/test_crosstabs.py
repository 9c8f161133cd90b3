"""Cross tables, co-occurrence, profiles and sampling rules on worked examples."""

from __future__ import annotations

import pytest

from stemmen.errors import Invalid
from stemmen.stats import crosstabs as ct


def test_crosstab_counts_intersections_and_percentages():
    rows = {"a": {1, 2, 3}, "b": {3, 4}, "c": set()}
    columns = {"X": {1, 2, 5}, "Y": {3, 4}}
    m = ct.crosstab(rows, columns, "documents")
    assert m.cells == [[2, 1], [0, 2], [0, 0]]
    assert m.row_totals == [3, 2, 0] and m.column_totals == [3, 2] and m.total == 5
    assert m.row_percent() == [[66.7, 33.3], [0.0, 100.0], [None, None]]
    assert m.column_percent()[0] == [66.7, 50.0]
    assert m.as_dict()["count"] == "documents" and m.cell("b", "Y") == 2


def test_cooccurrence_counts_units_with_both_codes():
    units = [{"a", "b"}, {"a"}, {"b", "c"}, set(), {"a", "b", "c"}]
    m = ct.cooccurrence(units, ["a", "b", "c"], "paragraphs")
    assert m.cells == [[3, 2, 1], [2, 3, 2], [1, 2, 2]] and m.total == 4


def test_overlaps_count_pairs_of_overlapping_spans():
    spans = [("a", "d1", 0, 10), ("b", "d1", 5, 15), ("b", "d1", 9, 12), ("a", "d1", 20, 30),
             ("b", "d2", 0, 10), ("c", "d1", 10, 20)]
    m = ct.overlaps(spans, ["a", "b", "c"])
    assert m.cells == [[2, 2, 0], [2, 3, 2], [0, 2, 1]]


def test_value_counts_orders_and_states_coverage():
    counted = ct.value_counts("country", ["Irak", "Syrië", None, "Syrië", "", "Eritrea"])
    assert counted.rows == [("Syrië", 2), ("Eritrea", 1), ("Irak", 1)]
    assert (counted.covered, counted.total) == (4, 6)
    assert ct.value_counts("years", [4, 22, 1, 4]).rows == [(1, 1), (4, 2), (22, 1)]
    ordered = ct.value_counts("d", ["Hoger", "Geen", "Geen"], order=["Geen", "Lager", "Hoger"])
    assert ordered.rows == [("Geen", 2), ("Hoger", 1)]


def test_mean_age_by_gender_uses_known_ages_only():
    groups, covered, total = ct.ages_by_group(
        [("man", 30), ("man", 40), ("vrouw", 33), ("vrouw", None), (None, 50)])
    assert [(g.group, g.people, g.with_age, g.mean_age) for g in groups] == [
        ("man", 2, 2, 35.0), ("vrouw", 2, 1, 33.0)]
    assert (covered, total) == (4, 5)


PEOPLE = [("A", {"gender": "m", "age": 20, "country": "Syrië"}),
          ("A", {"gender": "v", "age": 45, "country": "Irak"}),
          ("B", {"gender": "m", "age": 30, "country": "Syrië"})]
DOCS = [("A", {"type": "FG"}), ("A", {"type": "Ind"}), ("B", {"type": "FG"})]


def _checks(criteria):
    found = ct.check_sampling(ct.parse_criteria(criteria),
                              {"participants": PEOPLE, "documents": DOCS}, ["A", "B"])
    return {(c.criterion, c.scope): c for c in found}


def test_sampling_rules_pass_and_fail_overall_and_per_case():
    checks = _checks([
        {"kind": "balance", "within": 40, "name": "g"},
        {"kind": "distinct", "attribute": "country", "at_least": 2, "name": "c"},
        {"kind": "distinct", "attribute": "country", "at_least": 2, "name": "r",
         "groups": {"Syrië": "Midden-Oosten", "Irak": "Midden-Oosten"}},
        {"kind": "spread", "attribute": "age", "at_least": 20, "name": "a"},
        {"kind": "present", "attribute": "type", "values": ["FG", "Ind"], "name": "t"},
    ])
    assert checks[("g", None)].observed == "m 2, v 1 (Δ 33.3 pt)" and checks[("g", None)].passed
    assert checks[("g", "A")].passed and not checks[("g", "B")].passed
    assert checks[("c", "A")].passed and not checks[("c", "B")].passed
    assert checks[("r", None)].observed == "1" and not checks[("r", None)].passed
    assert checks[("a", None)].observed == "20–45 (25)" and not checks[("a", "B")].passed
    assert checks[("t", None)].observed == "1/2" and not checks[("t", None)].passed
    assert checks[("t", "A")].required == "2/2"


@pytest.mark.parametrize("bad", [None, [], {"criteria": "x"}, [{"kind": "vibes"}],
                                 [{"kind": "spread"}]])
def test_malformed_criteria_are_refused(bad):
    with pytest.raises(Invalid):
        ct.parse_criteria(bad)
