"""The written report as files: DOCX (python-docx), PDF (pypdfium2 text), PPTX (python-pptx)
and the CLI's warnings, checked against the project they come from (small synthetic study)."""

from __future__ import annotations

import docx
import pypdfium2
import pytest
from pptx import Presentation
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app
from unit.reports.small_study import build_small_study

QUOTE = "[Naam deelnemer] spreekt […] vlot Nederlands."
FRENCH_QUOTE_NL = "Hij spreekt na zes maanden vlot Nederlands."


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    folder = tmp_path_factory.mktemp("written")
    path = folder / "s.stemmen"
    p = stemmen.create_project(path, actor="tester")
    ids = build_small_study(p)
    p.cases.define_attribute("language")
    p.documents.set_attribute("FG B 1", "language", "fr")
    for doc in ("FG A 1", "Ind A 2"):
        p.documents.set_attribute(doc, "language", "nl")
    fr_quote = ids["FG B 1 ¶2 T-mondeling an"]
    nl_quote = ids["Ind A 2 ¶2 T-mondeling an"]
    p.quotes.mark(fr_quote, QUOTE)
    p.quotes.mark(nl_quote)
    p.translations.translate(fr_quote, "nl", FRENCH_QUOTE_NL, "Marie")
    gp = p.findings.add("Taal verbetert", "good-practice", case="OCMW A")
    p.findings.link(gp.id, codes=["T-mondeling"], coders=["an"])
    p.labels.set("case", "OCMW A", "fr", "CPAS A")
    p.labels.set("report", "title", "nl", "Kleine studie")
    p.labels.set("report", "authors", "nl", "A. Onderzoeker")
    p.labels.set("report", "commissioner", "nl", "POD MI")
    p.outline.add("Methode", "method")
    p.outline.edit(1, "fr", title="Méthode")
    results = p.outline.add("Resultaten per OCMW")
    p.outline.edit(results.id, "fr", title="Résultats par CPAS")
    for case in ("OCMW A", "OCMW B"):
        top = p.outline.add("", "case", results.id, case=case)
        p.outline.add_objective(case, "Taal")
        quote = fr_quote if case == "OCMW B" else nl_quote
        p.outline.add("", "objective", top.id, case=case, objective="Taal",
                      narrative=f"Over taal.\n\n{{{{quote {quote}}}}}")
        p.outline.add("Goede praktijken", "good_practices", top.id, case=case)
    yield p, folder, fr_quote, nl_quote
    p.close()


def _paragraphs(path):
    return [para.text for para in docx.Document(str(path)).paragraphs]


def test_docx_has_title_page_contents_chapters_per_case_and_translated_quotes(study):
    p, folder, _, _ = study
    written = p.reports.written("nl")
    p.reports.render(folder / "r.docx", data=written)
    document = docx.Document(str(folder / "r.docx"))
    headings = [x.text for x in document.paragraphs if x.style.name.startswith("Heading")]
    texts = _paragraphs(folder / "r.docx")
    assert texts.count("Kleine studie") >= 1 and "A. Onderzoeker" in texts and "POD MI" in texts
    assert "Inhoud" in headings  # the table of contents, with every chapter
    contents = texts[texts.index("Inhoud") + 1:]
    cases = [s for s in p.outline.list() if s.kind == "case"]
    for s in cases:
        assert f"{s.number} {s.case}" in contents[:12]
        assert f"{s.number} {s.case}" in headings
    assert "1 Methode" in headings and "2 Resultaten per OCMW" in headings
    quotes = [x.text for x in document.paragraphs if x.style.name == "Quote"]
    assert any(q.startswith(FRENCH_QUOTE_NL) and "(Hulpverlener, OCMW B)" in q and "[1]" in q
               for q in quotes)  # translated, attributed, numbered
    annex = texts.index("Bijlage 3: Oorspronkelijke citaten")
    assert any(t.startswith("[1] " + QUOTE) for t in texts[annex:])  # the original
    assert any("Ik praat nu Nederlands" in q and "(Eindgebruiker, OCMW A)" in q
               for q in quotes)  # a Dutch quote, as spoken
    kappa = next(t for t in texts if "Cohen's kappa" in t)
    assert "an / bert" in kappa  # the statistic is named with who coded


def test_french_report_uses_french_labels_and_the_original_french_quote(study):
    p, folder, _, _ = study
    p.reports.render(folder / "r-fr.md", data=p.reports.written("fr"))
    text = (folder / "r-fr.md").read_text(encoding="utf-8")
    assert "## 2 Résultats par CPAS" in text and "### 2.1 CPAS A" in text
    assert QUOTE in text and FRENCH_QUOTE_NL not in text  # spoken in French: as spoken
    assert "Bonne pratique · CPAS A" in text


def test_pdf_pages_hold_the_contents_and_the_case_chapters(study):
    p, folder, _, _ = study
    p.reports.render(folder / "r.pdf", data=p.reports.written("nl"))
    pdf = pypdfium2.PdfDocument(str(folder / "r.pdf"))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert "Kleine studie" in pages[0] and "Inhoud" in pages[1]
    body = "\n".join(pages[2:])
    for s in p.outline.list():
        if s.kind == "case":
            assert f"{s.number} {s.case}" in body
    assert FRENCH_QUOTE_NL[:30] in " ".join(body.split())


def test_slides_put_both_languages_on_each_slide(study):
    p, folder, _, _ = study
    p.reports.render(folder / "s.pptx", lang="nl,fr")
    deck = Presentation(str(folder / "s.pptx"))
    slides = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame] for s in deck.slides]
    assert slides[0][:2] == ["Kleine studie", "Kleine studie"]  # no French title: the Dutch
    assert all(len(s) >= 4 for s in slides)  # two titles, two columns of text on each slide
    assert slides[1][:2] == ["Methode", "Méthode"]
    titles = [s[:2] for s in slides[2:]]
    assert ["2.1 OCMW A", "2.1 CPAS A"] in titles
    assert ["2 Resultaten per OCMW", "2 Résultats par CPAS"] in titles
    with_pictures = [any(sh.shape_type == 13 for sh in s.shapes) for s in deck.slides]
    assert all(with_pictures[1:])  # one chart on every slide after the title
    one = folder / "one.pptx"
    p.reports.render(one, lang="fr")
    first = Presentation(str(one)).slides[1]
    assert [sh.text_frame.text for sh in first.shapes if sh.has_text_frame][0] == "Méthode"


def test_cli_reports_a_broken_quote_and_strict_fails(study, tmp_path):
    p, folder, _, _ = study
    broken = p.outline.add("Kapot", narrative="{{quote 987654}}")
    try:
        runner = CliRunner()
        url = str(folder / "s.stemmen")
        out = runner.invoke(app, ["report", url, "-o", str(tmp_path / "b.docx"), "--lang", "nl",
                                  "--strict"])
        assert out.exit_code == 1 and not (tmp_path / "b.docx").exists()
        assert "{{quote 987654}} is gone" in out.output
        out = runner.invoke(app, ["report", url, "-o", str(tmp_path / "b.docx"), "--lang", "nl"])
        assert out.exit_code == 0 and (tmp_path / "b.docx").exists()
        assert "{{quote 987654}} is gone" in out.output
        assert any("quote missing" in t for t in _paragraphs(tmp_path / "b.docx"))
        out = runner.invoke(app, ["report", url, "-o", str(tmp_path / "b.docx"),
                                  "--lang", "nl,fr"])
        assert out.exit_code == 2  # two languages only make slides
    finally:
        p.outline.remove(broken.id)
