"""Reports on the built-in demo (the AMIF-42 study): checked against the project's own data.

The demo is built once per module, on SQLite (rendering does not depend on the database).
"""

from __future__ import annotations

import docx
import pytest

import stemmen
from stemmen.project.demo_findings import add_demo_findings, demo_findings

PUBLISHED_COUNTRIES = [("Syrië", 10), ("Irak", 7), ("Eritrea", 6), ("Afghanistan", 3),
                       ("Iran", 3), ("Turkije", 2), ("Sudan", 1), ("Tibet", 1), ("Yemen", 1)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    stemmen.build_demo(folder / "amif42.stemmen", folder)
    project = stemmen.open_project(folder / "amif42.stemmen")
    if not project.findings.list():  # build_demo may add them already
        add_demo_findings(project)
    data = project.reports.build(lang="nl")
    yield project, data, folder
    project.close()


def test_profile_tables_are_the_published_ones(demo):
    _, data, _ = demo
    tables = {t.key: t for t in data.profiles}
    assert tables["country_of_birth"].rows == PUBLISHED_COUNTRIES
    assert [(k, tables[k].covered, tables[k].total) for k in
            ("country_of_birth", "diploma", "years_in_belgium")] == [
        ("country_of_birth", 34, 54), ("diploma", 13, 54), ("years_in_belgium", 24, 54)]
    assert [(a.group, a.people, a.mean_age) for a in data.ages] == [("man", 30, 34.93),
                                                                   ("vrouw", 24, 32.6)]
    assert (data.documents, len(data.interviews), len(data.codes)) == (31, 31, 39)


def test_docx_tables_and_figures_match_the_queries(demo):
    p, data, folder = demo
    [path] = p.reports.render(folder / "demo.docx", data=data)
    document = docx.Document(str(path))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    matrix = p.queries.matrix()
    shown = next(t for t in tables if t[0] == ["Code", *matrix.columns, "Totaal"])
    expected = [[r, *map(str, cells), str(total)] for r, cells, total
                in zip(matrix.rows, matrix.cells, matrix.row_totals, strict=True) if total]
    assert shown[1:] == expected
    frequencies = next(t for t in tables if t[0][:3] == ["Categorie", "Code", "Segmenten"])
    assert {(row[1], int(row[2])) for row in frequencies[1:]} == {
        (code, total) for code, total in zip(matrix.rows, matrix.row_totals, strict=True)}
    assert len(document.inline_shapes) == 2
    countries = next(t for t in tables if t[0] == ["Geboorteland", "Deelnemers"])
    assert [(name, int(n)) for name, n in countries[1:]] == PUBLISHED_COUNTRIES
    text = "\n".join(par.text for par in document.paragraphs)
    for quote in p.quotes.list():
        assert f"{quote.text} {quote.attribution}" in text


def test_findings_carry_strength_warnings_and_the_published_quotes(demo):
    p, data, _ = demo
    findings = [f for s in data.sections for f in s.findings]
    assert sorted(f.statement for f in findings) == sorted(r["statement"] for r in demo_findings())
    simplification = next(f for f in findings if f.statement == "Administratieve vereenvoudiging")
    assert simplification.flags == ["no evidence"]
    interpreters = next(f for f in findings if f.statement == "Tolken bij verwelkoming")
    assert interpreters.cases == ["OCMW Antwerpen"] and interpreters.interviews > 1
    assert any(q.chosen and "[Naam" in q.text for f in findings for q in f.quotes)
    assert all(q.attribution.endswith(f"{f.case})") for f in findings if f.case
               for q in f.quotes)


def test_a_case_report_keeps_to_its_case_and_repeats_exactly(demo):
    p, data, folder = demo
    case = p.reports.build(case="OCMW Antwerpen", lang="fr")
    statements = [f.statement for s in case.sections for f in s.findings]
    assert len(statements) == 5 and "Contextleren" not in statements
    assert case.matrix.columns[0] == "Focusgroep eindgebruikers"
    assert case == p.reports.build(case="OCMW Antwerpen", lang="fr")
    assert data == p.reports.build(lang="nl")
    [html] = p.reports.render(folder / "antwerpen.html", data=case)
    page = html.read_text(encoding="utf-8")
    assert "Rapport sur OCMW Antwerpen" in page and "Interprètes pour l&#39;accueil" in page
