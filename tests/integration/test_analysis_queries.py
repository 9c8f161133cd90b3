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


# The matrix counts distinct spans in SQL (store.analysis.read_tally); a brute-force count in
# Python over every coding, as the matrix used to count, must give the same tables.

def _random_study(project, seed):
    import random

    rng = random.Random(seed)
    for case in ("A", "B", "C"):  # C has no documents
        project.cases.add(case)
    project.cases.define_attribute("role", "choice", ["x", "y", "z"])
    project.cases.define_attribute("wave", "number")
    project.cases.define_attribute("region", applies_to="case")
    project.cases.set_attribute("A", "region", "Noord")
    project.cases.set_attribute("B", "region", "Zuid")
    project.codebook.add_category("Taal")
    project.codebook.add_category("Netwerk")
    project.codebook.add_category("Leeg")
    for code, category in (("T1", "Taal"), ("T2", "Taal"), ("N1", "Netwerk"), ("X", None)):
        project.codebook.add(code, category=category)
    names = []
    for d in range(6):
        name = f"doc {d}"
        text = "[SYNTHETIC TEST TRANSCRIPT]\n" + "\n".join(
            "Zin " * rng.randint(2, 12) for _ in range(rng.randint(2, 6)))
        project.documents.add(name, text, case=[None, "A", "A", "B", "B", "A"][d])
        if d != 4:
            project.documents.set_attribute(name, "role", rng.choice(["x", "z"]))
        project.documents.set_attribute(name, "wave", rng.choice([1, 2]))
        names.append((name, len(project.documents.get(name).text)))
    project.participants.add("P1", "A", ["doc 1", "doc 2"])
    project.participants.add("P2", "B", ["doc 3"])
    project.participants.add("P3", "B", [])
    project.participants.add("P4", None, ["doc 0", "doc 4"])
    for _ in range(60):
        name, length = rng.choice(names)
        start = rng.randrange(length - 1)
        end = min(length, start + rng.randint(1, 40))
        for code in rng.sample(["T1", "T2", "N1", "X"], rng.choice([1, 1, 2])):
            for coder in rng.sample(["an", "bert", "carl"], rng.choice([1, 2])):
                project.codings.apply(name, code, coder, start=start, end=end)


def _brute_matrix(project, rows, columns, count, coders, cases, within=None):
    from dataclasses import replace

    from stemmen.project.queries import load_facts
    from stemmen.stats import crosstabs as ct

    facts = load_facts(project, coders, cases, spans=False)
    if within is not None:
        facts = replace(facts, documents=[d for d in facts.documents if d.name in within])
    every = {d.name for d in facts.documents}
    spans = {(c.code, c.document, c.start, c.end) for c in project.codings.list(coders=coders)
             if c.document in every}

    def units(codes, docs):
        mine = [s for s in spans if s[1] in docs and (codes is None or s[0] in codes)]
        if count == "segments":
            return {(d, s, e) for _, d, s, e in mine}
        found = docs if codes is None else {s[1] for s in mine}
        if count == "documents":
            return set(found)
        return {p.pseudonym for p in facts.participants if found.intersection(p.documents)}

    column_units = {n: units(None, docs) for n, docs in facts.column_docs(columns).items()}
    row_units = {n: units(codes, every) for n, codes in facts.row_codes(rows).items()}
    return ct.crosstab(row_units, column_units, count)


@pytest.mark.parametrize("seed", [3, 4])
def test_matrix_counted_in_sql_equals_a_brute_force_count(make_project, seed):
    from stemmen.project.queries import load_facts, matrix_of

    p = make_project()
    _random_study(p, seed)
    filters = [(None, None), (["an"], None), (["an", "bert"], ["A"]), (None, ["A", "B"])]
    for rows in ("code", "category"):
        for columns in ("case", "document", "role", "wave", "region"):
            for count in ("segments", "documents", "participants"):
                for coders, cases in filters:
                    want = _brute_matrix(p, rows, columns, count, coders, cases)
                    assert p.queries.matrix(rows, columns, count, coders, cases) == want
                    facts = load_facts(p, coders, cases)  # the spans counted in Python
                    assert matrix_of(facts, rows, columns, count) == want
    assert sum(p.queries.matrix().row_totals) > 0


def test_waves_counted_in_sql_equal_a_brute_force_count(make_project):
    p = make_project()
    _random_study(p, 5)
    waves = {w: {d.name for d in p.documents.list() if str(d.attributes["wave"]) == w}
             for w in ("1", "2")}
    for rows, count in (("code", "segments"), ("category", "segments"),
                        ("category", "participants"), ("code", "documents")):
        found = p.queries.waves(rows=rows, count=count)
        assert list(found.matrices) == ["1", "2"]
        for wave, matrix in found.matrices.items():
            assert matrix == _brute_matrix(p, rows, "case", count, None, None, waves[wave])
