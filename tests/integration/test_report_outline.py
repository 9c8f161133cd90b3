"""The report outline, quote translations and labels through the project API (SQLite and
PostgreSQL): sections, numbering, moves, pins that catch a removed or changed quote."""

from __future__ import annotations

import pytest

import stemmen
from unit.reports.small_study import build_small_study

QUOTE = "[Naam deelnemer] spreekt […] vlot Nederlands."


@pytest.fixture
def study(make_project):
    p = make_project()
    ids = build_small_study(p)
    p.cases.define_attribute("language")
    p.documents.set_attribute("FG B 1", "language", "fr")
    for doc in ("FG A 1", "Ind A 2"):
        p.documents.set_attribute(doc, "language", "nl")
    coding = ids["FG B 1 ¶2 T-mondeling an"]
    p.quotes.mark(coding, QUOTE)
    return p, ids, coding


def test_sections_are_numbered_moved_and_removed(study):
    p, _, coding = study
    method = p.outline.add("Methode", "method")
    results = p.outline.add("Resultaten")
    case = p.outline.add("", "case", results.id, case="OCMW A")
    p.outline.add_objective("OCMW A", "Taallessen", "Lessen in groep.")
    objective = p.outline.add("", "objective", case.id, case="OCMW A", objective="Taallessen",
                              narrative=f"Zie {{{{quote {coding}}}}}.")
    assert [(s.number, s.title("nl")) for s in p.outline.list()] == [
        ("1", "Methode"), ("2", "Resultaten"), ("2.1", "OCMW A"), ("2.1.1", "Taallessen")]
    p.outline.move(results.id, 1)
    assert [s.number for s in p.outline.list() if s.id == method.id] == ["2"]
    p.outline.move(objective.id, 1, None)  # out as a chapter, first
    assert p.outline.get(objective.id).number == "1"
    with pytest.raises(stemmen.Invalid):
        p.outline.move(results.id, 1, case.id)  # under its own child
    p.outline.edit(objective.id, "fr", title="Cours de langue", narrative="Voir.")
    assert p.outline.get(objective.id).title("fr") == "Cours de langue"
    assert p.outline.remove(results.id) == 2  # with its case section
    assert [s.kind for s in p.outline.list()] == ["objective", "method"]
    with pytest.raises(stemmen.NotFound):
        p.outline.get(results.id)
    with pytest.raises(stemmen.Invalid):
        p.outline.add("x", "case")  # a case section needs its case
    with pytest.raises(stemmen.Invalid):
        p.outline.add("x", "chapter")


def test_a_removed_coding_and_a_changed_quote_are_reported(study):
    p, ids, coding = study
    finding = p.findings.add("Taal verbetert", "result")
    other = ids["FG A 1 ¶2 T-mondeling an"]
    p.quotes.mark(other)
    p.outline.add("Taal", narrative=f"{{{{quote {coding}}}}} {{{{quote {other}}}}} "
                  f"{{{{finding {finding.id}}}}}")
    assert p.outline.check() == []
    assert p.reports.check("nl").problems == []
    p.quotes.mark(coding, "[Naam deelnemer] spreekt […] Nederlands.")  # trimmed further
    p.codings.remove(other)
    p.findings.edit(finding.id, statement="Taal verbetert sterk")
    problems = {(x.kind, x.ref): x.problem for x in p.outline.check()}
    assert problems[("quote", coding)].startswith("changed since the section was written")
    assert problems[("quote", other)].startswith("is gone")
    assert problems[("finding", finding.id)].startswith("changed")
    lines = p.reports.check("nl").problems
    assert len(lines) == 3 and all(line.startswith("1 Taal: {{") for line in lines)


def test_translations_and_what_lacks_one(study):
    p, _, coding = study
    p.outline.add("Taal", narrative=f"{{{{quote {coding}}}}}")
    lacking = p.reports.check("nl").untranslated
    assert [q.coding_id for q in lacking] == [coding]  # FG B 1 is a French interview
    assert p.reports.check("fr").untranslated == []
    t = p.translations.translate(coding, "nl", "Hij spreekt vlot Nederlands.", "Marie")
    assert (t.translator, t.machine, t.stale) == ("Marie", False, False)
    assert p.reports.check("nl").untranslated == []
    p.quotes.mark(coding, "[Naam deelnemer] spreekt […] Nederlands.")
    assert p.translations.list()[0].stale  # the quote changed since it was translated
    with pytest.raises(stemmen.Invalid):
        p.translations.translate(coding, "de", "Er spricht.")
    with pytest.raises(stemmen.NotFound):
        p.translations.translate(999999, "nl", "x")
    p.translations.remove(coding, "nl")
    assert p.translations.list() == []


def test_labels_per_language(study):
    p, _, _ = study
    p.labels.set("case", "OCMW A", "fr", "CPAS A")
    p.labels.set("role", "Eindgebruiker", "fr", "Bénéficiaire")
    book = p.labels.book()
    assert book.of("case", "OCMW A", "fr") == "CPAS A"
    assert book.of("case", "OCMW A", "nl") == "OCMW A"
    assert book.text("(Eindgebruiker, OCMW A)", "fr") == "(Bénéficiaire, CPAS A)"
    p.labels.set("case", "OCMW A", "fr", "")
    assert p.labels.book().of("case", "OCMW A", "fr") == "OCMW A"
    with pytest.raises(stemmen.Invalid):
        p.labels.set("colour", "x", "fr", "y")
