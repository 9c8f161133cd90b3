"""Reports on the small hand-built study: every number, quote and table is known in advance."""

from __future__ import annotations

import docx
import openpyxl
import pypdfium2
import pytest

import stemmen
from unit.reports.small_study import BACKENDS, build_small_study, shared_database

TRIMMED = "[Naam deelnemer] spreekt […] vlot Nederlands."


@pytest.fixture(scope="module", params=BACKENDS)
def study(request, tmp_path_factory):
    """The small study with two findings and one chosen quote, once per backend."""
    with shared_database(request.param, tmp_path_factory.mktemp("study")) as url:
        p = stemmen.create_project(url, actor="tester")
        ids = build_small_study(p)
        taal = p.findings.add("Taal verbetert", "good-practice", case="OCMW A")
        p.findings.link(taal.id, codes=["T-mondeling"], coders=["an"])
        rec = p.findings.add("Meer taalkansen", "recommendation", level="Lokaal niveau")
        p.findings.link(rec.id, codings=[ids["FG B 1 ¶2 T-mondeling an"]])
        p.quotes.mark(ids["FG B 1 ¶2 T-mondeling an"], TRIMMED, rec.id)
        yield p, request.param
        p.close()


@pytest.fixture
def sqlite_only(study):
    """Rendering does not depend on the database: SQLite covers it."""
    if study[1] != "sqlite":
        pytest.skip("rendering is the same on every database")


def test_report_data_hold_the_known_numbers(study):
    p, _ = study
    data = p.reports.build(lang="nl", title="Kleine studie")
    assert (data.documents, data.participants, data.cases) == (3, 3, ["OCMW A", "OCMW B"])
    assert (data.first_date, data.last_date, data.waves) == ("2021-06-01", "2021-10-01",
                                                             ["1", "2"])
    assert data.interview_types == [("Focusgroep", 2), ("Individueel", 1)]
    assert [(c.code, c.segments, c.documents) for c in data.codes] == [
        ("T-mondeling", 5, 3), ("T-schriftelijk", 1, 1), ("S-sociaal", 3, 2)]
    assert data.matrix.cells == [[3, 2], [1, 0], [3, 0]]
    assert [(a.group, a.people, a.mean_age) for a in data.ages] == [("man", 2, 40.0),
                                                                    ("vrouw", 1, 30.0)]
    assert data.profiles[0].rows == [("Syrië", 2), ("Irak", 1)]
    taal, netwerk = data.sections
    assert [f.statement for f in taal.findings] == ["Taal verbetert", "Meer taalkansen"]
    assert taal.findings[0].flags == ["single role"]
    assert taal.findings[1].quotes[0].text == TRIMMED
    assert taal.findings[1].quotes[0].attribution == "(Hulpverlener, OCMW B)"
    assert netwerk.category == "Netwerk" and len(netwerk.quotes) == 2  # central defaults
    assert len({q.document for q in netwerk.quotes}) == 2
    assert [i.date for i in data.interviews] == ["2021-06-01", "2021-06-15", "2021-10-01"]
    assert data.reliability is not None and data.reliability.coders == ["an", "bert"]
    assert p.reports.build(reliability=False).reliability is None
    assert p.reports.build(case="OCMW B").reliability is None  # nothing double-coded there


def test_a_case_report_keeps_to_its_case(study):
    p, _ = study
    data = p.reports.build(case="OCMW A", lang="fr")
    assert (data.documents, data.participants, data.cases) == (2, 2, ["OCMW A"])
    assert data.matrix.columns == ["Focusgroep", "Individueel"]
    assert data.matrix.cells[0] == [2, 1]
    assert [f.statement for s in data.sections for f in s.findings] == ["Taal verbetert"]
    with pytest.raises(stemmen.NotFound):
        p.reports.build(case="OCMW Z")


def _docx(path):
    document = docx.Document(str(path))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return [p.text for p in document.paragraphs], tables


def test_rendered_files_open_and_repeat_exactly(sqlite_only, study, tmp_path):
    p, _ = study
    data = p.reports.build(lang="nl", title="Kleine studie")
    md = p.reports.render(tmp_path / "a.md", data=data)
    assert [f.name for f in md] == ["a.md", "code-frequencies.svg", "code-frequencies.png",
                                    "code-matrix.svg", "code-matrix.png"]
    again = p.reports.render(tmp_path / "b" / "a.md", lang="nl", title="Kleine studie")
    assert md[0].read_bytes() == again[0].read_bytes()
    for name in ("x.html", "y.html"):
        p.reports.render(tmp_path / name, data=data)
    assert (tmp_path / "x.html").read_bytes() == (tmp_path / "y.html").read_bytes()
    one, two = (p.reports.render(tmp_path / n, data=data)[0] for n in ("1.docx", "2.docx"))
    assert _docx(one) == _docx(two)
    paragraphs, tables = _docx(one)
    assert ["T-mondeling", "3", "2", "5"] in next(t for t in tables if t[0][0] == "Code")
    assert f"{TRIMMED} (Hulpverlener, OCMW B)" in paragraphs


def test_pdf_and_xlsx_show_the_same_figures(sqlite_only, study, tmp_path):
    p, _ = study
    data = p.reports.build(lang="nl", title="Kleine studie")
    [pdf] = p.reports.render(tmp_path / "r.pdf", data=data)
    document = pypdfium2.PdfDocument(str(pdf))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    text = " ".join(text.split())
    assert "Kleine studie" in text and "Tabel 1: Deelnemers en gemiddelde leeftijd" in text
    assert "(Hulpverlener, OCMW B)" in text and "Meer taalkansen" in text
    [xlsx] = p.reports.render(tmp_path / "r.xlsx", data=data)
    rows = list(openpyxl.load_workbook(xlsx)["matrix"].iter_rows(min_row=4, values_only=True))
    assert rows[:3] == [("T-mondeling", 3, 2, 5), ("T-schriftelijk", 1, 0, 1),
                        ("S-sociaal", 3, 0, 3)]


def test_an_empty_project_still_gives_a_report(make_project, tmp_path):
    p = make_project()
    data = p.reports.build(lang="fr")
    assert (data.documents, data.codes, data.sections, data.reliability) == (0, [], [], None)
    [md] = p.reports.render(tmp_path / "empty.md", data=data)
    assert "Pas encore de constats ni de citations." in md.read_text(encoding="utf-8")
