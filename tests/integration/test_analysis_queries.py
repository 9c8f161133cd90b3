"""Queries on the small hand-built study whose every number is known (see small_study.py)."""

from __future__ import annotations

import pytest

import stemmen
from unit.reports.small_study import SAMPLING, study_fixture

study = study_fixture()  # one per backend for the module: these tests only read


def test_matrix_counts_distinct_segments_with_row_and_column_percentages(study):
    p, _ = study
    m = p.queries.matrix()
    assert m.rows == ["T-mondeling", "T-schriftelijk", "S-sociaal"]
    assert m.columns == ["OCMW A", "OCMW B"]
    assert m.cells == [[3, 2], [1, 0], [3, 0]]
    assert m.row_totals == [5, 1, 3] and m.column_totals == [5, 2] and m.total == 7
    assert m.row_percent()[0] == [60.0, 40.0]
    assert m.column_percent()[0] == [60.0, 100.0]
    assert p.queries.matrix(coders=["an"]).cells[0] == [2, 2]


def test_matrix_counts_documents_and_participants_and_groups_categories(study):
    p, _ = study
    docs = p.queries.matrix(count="documents")
    assert docs.cells == [[2, 1], [1, 0], [2, 0]] and docs.column_totals == [2, 1]
    people = p.queries.matrix(count="participants")
    assert people.cells == [[2, 1], [2, 0], [2, 0]] and people.column_totals == [2, 1]
    cats = p.queries.matrix(rows="category")
    assert cats.rows == ["Taal", "Netwerk"] and cats.cells == [[4, 2], [3, 0]]


def test_matrix_columns_can_be_any_attribute(study):
    p, _ = study
    waves = p.queries.matrix(columns="wave")
    assert waves.columns == ["1", "2"] and waves.cells[0] == [4, 1]
    roles = p.queries.matrix(columns="role", count="documents")
    assert roles.columns == ["Eindgebruiker", "Hulpverlener"] and roles.cells[0] == [2, 1]
    with pytest.raises(stemmen.Invalid, match="Unknown column"):
        p.queries.matrix(columns="colour")


def test_the_segments_behind_a_cell_are_one_call_away(study):
    p, _ = study
    segments = p.queries.segments("T-mondeling", "OCMW A")
    assert len(segments) == p.queries.matrix().cell("T-mondeling", "OCMW A") == 3
    assert {s.document for s in segments} == {"FG A 1", "Ind A 2"}
    assert segments[0].attribution == "(Eindgebruiker, OCMW A)"
    assert len(p.queries.segments("Taal", "1", rows="category", columns="wave")) == 5


def test_cooccurrence_by_paragraph_and_by_overlap(study):
    p, _ = study
    by_paragraph = p.queries.cooccurrence()
    assert by_paragraph.rows == ["T-mondeling", "T-schriftelijk", "S-sociaal"]
    assert by_paragraph.cells == [[5, 0, 1], [0, 1, 1], [1, 1, 3]]
    assert by_paragraph.total == 7
    overlap = p.queries.cooccurrence("overlap")
    assert overlap.cells == [[5, 0, 1], [0, 1, 1], [1, 1, 3]]


def test_waves_give_a_matrix_per_wave_and_what_changed_per_person(study):
    p, _ = study
    result = p.queries.waves()
    assert list(result.matrices) == ["1", "2"]
    assert result.matrices["2"].cells == [[1, 0], [0, 0], [1, 0]]
    [person] = result.people
    assert (person.participant, person.first, person.last) == ("P-1", "1", "2")
    assert person.disappeared == ["T-schriftelijk"] and person.appeared == []
    assert person.kept == ["T-mondeling", "S-sociaal"]


def test_profiles_state_how_many_people_they_cover(study):
    p, _ = study
    result = p.queries.profiles()
    tables = {t.key: t for t in result.tables}
    assert tables["country_of_birth"].rows == [("Syrië", 2), ("Irak", 1)]
    assert (tables["diploma"].covered, tables["diploma"].total) == (1, 3)
    assert [(a.group, a.people, a.with_age, a.mean_age) for a in result.ages] == [
        ("man", 2, 1, 40.0), ("vrouw", 1, 1, 30.0)]
    assert p.queries.profiles(case="OCMW B").ages[0].people == 1


def test_interview_overview_and_codebook_annex(study):
    p, _ = study
    rows = p.queries.interviews()
    assert [r.document for r in rows] == ["FG A 1", "FG B 1", "Ind A 2"]
    assert (rows[0].type, rows[0].role, rows[0].case, rows[0].participants) == (
        "Focusgroep", "Eindgebruiker", "OCMW A", 2)
    annex = p.queries.codebook()
    assert [(cat, [c.name for c in codes]) for cat, codes in annex] == [
        ("Taal", ["T-mondeling", "T-schriftelijk"]), ("Netwerk", ["S-sociaal"])]


def test_sampling_check_passes_and_fails_per_criterion_and_case(study, tmp_path):
    p, _ = study
    import yaml

    path = tmp_path / "criteria.yaml"
    path.write_text(yaml.safe_dump(SAMPLING, allow_unicode=True), encoding="utf-8")
    checks = {(c.criterion, c.scope): c for c in p.queries.sampling(path)}
    assert checks[("gender", None)].passed and checks[("gender", "OCMW A")].passed
    assert not checks[("gender", "OCMW B")].passed  # only a man
    assert checks[("countries", None)].observed == "2"
    assert not checks[("countries", "OCMW B")].passed
    assert checks[("ages", None)].observed == "30–40 (10)"
    assert not checks[("types", None)].passed and checks[("types", "OCMW A")].passed
    assert checks[("types", "OCMW B")].observed == "1/2 (- Individueel)"
    with pytest.raises(stemmen.Invalid, match="kind"):
        p.queries.sampling({"criteria": [{"kind": "magic"}]})
