"""The demo's written report follows the published one: chapters 1-5, one section per OCMW
with its objectives, corona, aftercare and good practices, every published quote referenced,
French labels throughout the French version (the demo is built once, on SQLite)."""

from __future__ import annotations

import docx
import pytest

import stemmen
from stemmen.demo.report import CASE_ORDER, CHAPTERS, LABELS_FR
from stemmen.demo.sources import published_quotes


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-outline")
    stemmen.build_demo(folder / "amif42.stemmen", folder)
    project = stemmen.open_project(folder / "amif42.stemmen")
    yield project, folder
    project.close()


def test_outline_follows_the_published_report(demo):
    p, _ = demo
    sections = p.outline.list()
    chapters = [s for s in sections if s.depth == 1]
    assert [(s.number, s.title("nl")) for s in chapters] == [
        (str(i), nl) for i, (nl, _fr) in enumerate(CHAPTERS.values(), start=1)]
    cases = [s for s in sections if s.kind == "case"]
    assert [(s.number, s.case) for s in cases] == [
        (f"2.{i}", c) for i, c in enumerate(CASE_ORDER, start=1)]
    for case in cases:
        children = [s for s in sections if s.parent == case.id]
        assert [c.objective for c in children[-3:-1]] == ["Corona", "Nazorg"]
        assert children[-1].kind == "good_practices"
        assert [c.objective for c in children[:-1]] == [
            o.name for o in p.outline.objectives(case.case)]
    levels = [s.level for s in sections if s.kind == "recommendations"]
    assert [s.number for s in sections if s.kind == "recommendations"] == ["4.1", "4.2", "4.3"]
    assert set(levels) == {f.level for f in p.findings.list(kind="recommendation")}


def test_every_published_quote_is_referenced_and_resolves(demo):
    p, _ = demo
    written = p.reports.written("nl")
    assert written is not None and written.problems == []
    shown = [piece.quote for s in written.sections for piece in s.pieces if piece.quote]
    published = {" ".join(q.text.split()) for q in published_quotes()}
    assert {q.text for q in shown} == published
    by_text = {" ".join(q.text.split()): q for q in published_quotes()}
    for q in shown:
        role, org = by_text[q.text].role, by_text[q.text].org
        assert q.attribution.endswith(f"{org})"), (q.attribution, role, org)


def test_quotes_from_french_interviews_are_french_with_the_published_dutch(demo):
    p, _ = demo
    french = {" ".join(q.french.split()): " ".join(q.text.split())
              for q in published_quotes() if q.french}
    languages = p.translations.languages()
    spoken_fr = [q for q in p.quotes.list() if languages[q.segment.document] == "fr"]
    assert spoken_fr and all(q.text in french for q in spoken_fr)
    translated = {t.coding_id: t for t in p.translations.list() if t.lang == "nl"}
    for q in spoken_fr:
        assert translated[q.coding_id].text == french[q.text]  # the report's own Dutch
        assert not translated[q.coding_id].machine
    assert p.reports.check("nl").untranslated == []  # the Dutch report lacks none
    written = p.reports.written("nl")
    shown = [x.quote for s in written.sections for x in s.pieces if x.quote]
    originals = [q for q in shown if q.original]
    assert len(originals) == len(spoken_fr) and all(q.original_lang == "fr" for q in originals)


def test_dutch_docx_and_french_markdown(demo):
    p, folder = demo
    p.reports.render(folder / "nl.docx", data=p.reports.written("nl"))
    document = docx.Document(str(folder / "nl.docx"))
    headings = [x.text for x in document.paragraphs if x.style.name.startswith("Heading")]
    assert "Inhoud" in headings
    for i, case in enumerate(CASE_ORDER, start=1):
        assert f"2.{i} {case}" in headings
    texts = [x.text for x in document.paragraphs]
    method = next(t for t in texts if t.startswith("Intercodeerbetrouwbaarheid"))
    assert "Cohen's kappa" in method and "102" not in method.split("kappa")[1][:3]
    assert any("NVivo" in t and "gewogen" in t for t in texts)
    assert any("Cohens kappa 0,80" in t for t in texts)  # the published figure, beside ours
    annex = texts.index("Bijlage 3: Oorspronkelijke citaten")
    assert any(t.startswith("[1] ") for t in texts[annex:])
    p.reports.render(folder / "fr.md", data=p.reports.written("fr"))
    text = (folder / "fr.md").read_text(encoding="utf-8")
    for case, label in LABELS_FR["case"].items():
        assert label in text
        assert f"### 2.{CASE_ORDER.index(case) + 1} {label}" in text
    assert "(Bénéficiaire, CPAS" in text and "(Eindgebruiker, " not in text
    assert "## 4 Recommandations politiques" in text and "Bonnes pratiques" in text
    french = next(q.french for q in published_quotes() if q.french and q.org == "OCMW Luik")
    assert french in text  # spoken in French: printed as spoken in the French report
