"""Topic guides: import (YAML, DOCX), versions, derivation, export, coverage (issue 20).
The guide texts are synthetic."""

import docx
import pytest

from stemmen.errors import FormatError, Invalid, NotFound

WAVE1 = """
type: group
wave: 1
topics:
  - {key: start, title_nl: Instap, title_fr: Entrée, nl: "Hoe bent u gestart?",
     fr: "Comment avez-vous commencé ?", codes: [R-start]}
  - {key: taal, nl: ["Spreekt u al Nederlands?", "Waar oefent u?"],
     fr: "Parlez-vous français ?", codes: [T-taal]}
  - {key: slot, nl: "Nog iets?", fr: "Autre chose ?"}
"""
WAVE2 = """
type: group
wave: 2
derived_from: 1
topics:
  - {key: taal, nl: "Spreekt u nu beter Nederlands?", fr: "Parlez-vous mieux ?",
     codes: [T-taal]}
  - {key: corona, nl: "Wat deed corona?", fr: "Et le covid ?", codes: [C-covid]}
"""


@pytest.fixture
def study(make_project, tmp_path):
    p = make_project(codes=["R-start", "T-taal", "C-covid"],
                     documents={"fg1": "een\ntwee", "fg2": "drie\nvier"})
    p.cases.define_attribute("type", "text")
    p.cases.define_attribute("wave", "number")
    for doc, wave in (("fg1", 1), ("fg2", 2)):
        p.documents.set_attribute(doc, "type", "group")
        p.documents.set_attribute(doc, "wave", wave)
    for name, text in (("w1.yaml", WAVE1), ("w2.yaml", WAVE2)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        p.guides.import_(tmp_path / name)
    return p


def test_wave_two_shows_what_it_added_and_removed(study):
    listing = {(s.guide.type, s.guide.wave): s for s in study.guides.list()}
    two = listing[("group", "2")]
    assert two.guide.derived_from == ("group", "1", 1)
    assert two.changes.added == ("corona",)
    assert two.changes.removed == ("start", "slot")
    assert two.changes.changed == ("taal",)
    guide = study.guides.get("group", 1)
    assert guide.topic("taal").questions["nl"] == ("Spreekt u al Nederlands?", "Waar oefent u?")
    assert guide.topic("start").titles == {"nl": "Instap", "fr": "Entrée"}
    assert study.journal.entries()[-1].action == "guides.import"


def test_importing_again_makes_a_new_version(study, tmp_path):
    (tmp_path / "again.yaml").write_text(WAVE1.replace("Nog iets?", "Iets toe te voegen?"),
                                         encoding="utf-8")
    made = study.guides.import_(tmp_path / "again.yaml")
    assert made[0].guide.version == 2
    assert study.guides.get("group", 1).topic("slot").questions["nl"] == (
        "Iets toe te voegen?",)
    assert study.guides.get("group", 1, version=1).topic("slot").questions["nl"] == (
        "Nog iets?",)


def test_export_docx_side_by_side_and_yaml_round_trip(study, tmp_path):
    out = study.guides.export("group", 2, tmp_path / "g.docx", ["nl", "fr"])
    table = docx.Document(out).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["key", "nl", "fr", "codes"]
    assert table.rows[2].cells[0].text == "corona" and "Et le covid" in table.rows[2].cells[2].text
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "Added: corona" in text and "Removed: start, slot" in text
    back = study.guides.export("group", 1, tmp_path / "g.yaml", ["nl"])
    made = study.guides.import_(back)
    assert made[0].guide.keys == ["start", "taal", "slot"]
    assert made[0].guide.languages == ["nl"]
    with pytest.raises(Invalid):
        study.guides.export("group", 1, tmp_path / "g.pdf")
    with pytest.raises(Invalid):
        study.guides.export("group", 1, tmp_path / "g.docx", ["de"])


def test_docx_guides_are_read(study, tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Type: single")
    doc.add_paragraph("Wave: 2")
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["key", "nl", "fr", "codes"], strict=True):
        cell.text = text
    row = table.add_row().cells
    for cell, text in zip(row, ["werk", "Werkt u?\nWaar?", "Travaillez-vous ?", "W-werk"],
                          strict=True):
        cell.text = text
    doc.save(tmp_path / "single.docx")
    made = study.guides.import_(tmp_path / "single.docx")
    topic = made[0].guide.topic("werk")
    assert topic.questions["nl"] == ("Werkt u?", "Waar?") and topic.codes == ("W-werk",)
    (tmp_path / "empty.docx").write_bytes(b"not a docx")
    with pytest.raises(FormatError):
        study.guides.import_(tmp_path / "empty.docx")


def test_coverage_per_interview(study):
    study.codings.apply("fg1", "T-taal", paragraph=1)
    study.codings.apply("fg2", "C-covid", paragraph=2)
    found = {c.document: c for c in study.guides.coverage()}
    assert found["fg1"].covered == ("taal",) and found["fg1"].not_covered == ("start",)
    assert found["fg1"].without_codes == ("slot",)
    assert found["fg2"].covered == ("corona",) and found["fg2"].not_covered == ("taal",)


def test_bad_guides_are_refused(study, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("type: group\nwave: 3\nderived_from: 9\ntopics: [{key: a, nl: x}]",
                   encoding="utf-8")
    with pytest.raises(NotFound, match="derive from"):
        study.guides.import_(bad)
    bad.write_text("type: group\nwave: 3\ntopics: [{key: a}, {key: a}]", encoding="utf-8")
    with pytest.raises(Invalid, match="twice"):
        study.guides.import_(bad)
    bad.write_text("wave: 3\ntopics: [{key: a}]", encoding="utf-8")
    with pytest.raises(Invalid, match="type and wave"):
        study.guides.import_(bad)
    with pytest.raises(NotFound):
        study.guides.get("group", 7)
    assert len(study.guides.list()) == 2
