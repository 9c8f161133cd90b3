"""Documents, cases and typed attributes on a real store."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from stemmen import AlreadyExists, Invalid, NotFound


def test_text_is_normalised_to_nfc_and_lf(make_project):
    raw = "[SYNTHETIC]\r\nCafe\u0301 en cre\u0300me\r\nTweede regel\r"
    p = make_project(documents={"d": raw})
    text = p.documents.get("d").text
    assert text == "[SYNTHETIC]\nCafé en crème\nTweede regel"
    assert unicodedata.is_normalized("NFC", text)
    assert [u.index for u in p.documents.paragraphs("d")] == [1, 2, 3]


def test_paragraph_units_skip_blank_lines(make_project):
    p = make_project(documents={"d": "[SYNTHETIC]\n\nA: een\n\n\nB: twee\n"})
    units = p.documents.paragraphs("d")
    text = p.documents.get("d").text
    assert [text[u.start:u.end] for u in units] == ["[SYNTHETIC]", "A: een", "B: twee"]


def test_duplicate_and_empty_documents_are_refused(make_project, sample_text):
    p = make_project(documents={"d": sample_text})
    with pytest.raises(AlreadyExists):
        p.documents.add("d", sample_text)
    with pytest.raises(Invalid):
        p.documents.add("e", "   \n  ")


def test_typed_attributes_parse_and_round_trip(make_project, sample_text):
    p = make_project(documents={"d": sample_text})
    p.cases.define_attribute("date", "date")
    p.cases.define_attribute("wave", "number")
    p.cases.define_attribute("consent", "boolean")
    p.cases.define_attribute("type", "choice", ["Focusgroep", "Bilateraal"])
    p.documents.set_attribute("d", "date", "16/06/21")
    p.documents.set_attribute("d", "wave", "2")
    p.documents.set_attribute("d", "consent", "ja")
    p.documents.set_attribute("d", "type", "Focusgroep")
    assert p.documents.get("d").attributes == {
        "date": dt.date(2021, 6, 16), "wave": 2, "consent": True, "type": "Focusgroep"}
    with pytest.raises(Invalid):
        p.documents.set_attribute("d", "type", "Interview")
    with pytest.raises(Invalid):
        p.documents.set_attribute("d", "wave", "twee")
    with pytest.raises(NotFound):
        p.documents.set_attribute("d", "unknown", "x")


def test_cases_hold_documents_and_typed_attributes(make_project, sample_text):
    p = make_project(documents={"d": sample_text})
    p.cases.add("OCMW Gent", description="Stad Gent")
    p.cases.define_attribute("region", "choice", ["Vlaanderen", "Wallonië", "Brussel"],
                             applies_to="case")
    p.cases.set_attribute("OCMW Gent", "region", "Vlaanderen")
    p.cases.assign("d", "OCMW Gent")
    assert p.documents.get("d").case == "OCMW Gent"
    assert p.cases.get("OCMW Gent").attributes == {"region": "Vlaanderen"}
    p.cases.assign("d", None)
    assert p.documents.get("d").case is None


def test_participants_carry_demographics_and_documents(make_project, sample_text):
    p = make_project(documents={"FG": sample_text})
    p.participants.add("EG-ANT-01", case="OCMW Antwerpen", documents=["FG"], gender="vrouw",
                       age=31, country_of_birth="Syrië")
    [person] = p.participants.list()
    assert person.documents == ("FG",) and person.demographics["age"] == 31


def test_rename_and_delete_document(make_project, sample_text):
    p = make_project(codes=["X"], documents={"d": sample_text})
    p.codings.apply("d", "X", "an", paragraph=2)
    p.documents.rename("d", "FG Antwerpen")
    assert p.codings.list()[0].document == "FG Antwerpen"
    p.documents.delete("FG Antwerpen")
    assert p.documents.list() == [] and p.codings.list() == []


def test_memos_on_project_and_segment(make_project, sample_text):
    p = make_project(documents={"d": sample_text})
    p.memos.add("Synthetisch project.", title="Over")
    p.memos.add("Tolk is belangrijk.", document="d", start=0, end=5)
    assert [m.title for m in p.memos.list()] == ["Over", ""]
    assert p.memos.list(document="d")[0].text == "Tolk is belangrijk."
    with pytest.raises(Invalid):
        p.memos.add("x", document="d", start=0, end=99_999)
