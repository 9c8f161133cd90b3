"""Cases, typed attributes, participants and speaker links; bulk sheet edits all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from stemmen import AlreadyExists, Invalid, NotFound
from stemmen.model.sheet import ParticipantLink, RowEdit


def _study(make_project, sample_text):
    p = make_project(documents={"FG Gent": sample_text, "Bilateraal Gent": sample_text,
                                "FG Luik": sample_text})
    p.cases.add("OCMW Gent", "Ghent")
    p.cases.add("OCMW Luik")
    p.cases.assign("FG Gent", "OCMW Gent")
    p.cases.assign("Bilateraal Gent", "OCMW Gent")
    return p


def test_rename_describe_and_delete_a_case_documents_follow(make_project, sample_text):
    p = _study(make_project, sample_text)
    p.codebook.add("R-tolk")
    p.codings.apply("FG Gent", "R-tolk", "an", paragraph=3)
    p.cases.rename("OCMW Gent", "OCMW Gent (stad)")
    docs = {d.name: d.case for d in p.documents.list()}
    assert docs["FG Gent"] == docs["Bilateraal Gent"] == "OCMW Gent (stad)"
    assert [c.code for c in p.codings.list(document="FG Gent")] == ["R-tolk"]
    p.cases.describe("OCMW Gent (stad)", "The city of Ghent")
    assert p.cases.get("OCMW Gent (stad)").description == "The city of Ghent"
    with pytest.raises(AlreadyExists):
        p.cases.rename("OCMW Luik", "ocmw gent (STAD)")
    with pytest.raises(NotFound):
        p.cases.rename("OCMW Brugge", "X")
    assert p.cases.delete("OCMW Gent (stad)") == 2
    assert [c.name for c in p.cases.list()] == ["OCMW Luik"]
    assert {d.name: d.case for d in p.documents.list()}["FG Gent"] is None
    actions = [e.action for e in p.journal.entries()]
    assert {"case.rename", "case.describe", "case.delete"} <= set(actions)


def test_attributes_rename_retype_when_values_allow_and_delete(make_project, sample_text):
    p = _study(make_project, sample_text)
    p.cases.define_attribute("wave", "text")
    p.documents.set_attribute("FG Gent", "wave", "1")
    p.documents.set_attribute("FG Luik", "wave", "2")
    new = p.cases.retype_attribute("wave", "number")
    assert new.type.value == "number"
    assert {d.name: d.attributes.get("wave") for d in p.documents.list()} == {
        "FG Gent": 1, "FG Luik": 2, "Bilateraal Gent": None}
    p.cases.rename_attribute("wave", "golf")
    assert p.documents.get("FG Luik").attributes == {"golf": 2}
    p.cases.define_attribute("type", "text")
    p.documents.set_attribute("FG Gent", "type", "Focusgroep")
    with pytest.raises(Invalid, match="Focusgroep"):
        p.cases.retype_attribute("type", "choice", ["Bilateraal"])
    assert p.cases.attributes("document")[1].type.value == "text"  # unchanged
    p.cases.retype_attribute("type", "choice", ["Focusgroep", "Bilateraal"])
    p.cases.describe_attribute("type", "Interview type")
    assert [a.description for a in p.cases.attributes("document")] == ["", "Interview type"]
    p.cases.define_attribute("region", "choice", ["Vlaanderen", "Wallonië"], applies_to="case")
    p.cases.set_attribute("OCMW Luik", "region", "Wallonië")
    p.cases.delete_attribute("region", applies_to="case")
    assert p.cases.get("OCMW Luik").attributes == {}
    assert [a.name for a in p.cases.attributes()] == ["golf", "type"]


def test_bulk_case_sheet_is_one_transaction_and_undo_restores(make_project, sample_text):
    p = _study(make_project, sample_text)
    p.cases.define_attribute("budget", "number", applies_to="case")
    p.cases.define_attribute("start", "date", applies_to="case")
    before = len(p.journal.entries())
    result = p.cases.update_many([
        RowEdit(("OCMW Gent",), {"name": "OCMW Gent-stad"}, {"budget": "120000",
                                                              "start": "01/03/2021"}),
        RowEdit(None, {"name": "OCMW Antwerpen", "description": "Antwerp"}, {"budget": "9,5"}),
    ])
    assert result.changed == 2 and len(p.journal.entries()) == before + 1
    cases = {c.name: c for c in p.cases.list()}
    assert cases["OCMW Gent-stad"].attributes == {"budget": 120000,
                                                   "start": dt.date(2021, 3, 1)}
    assert cases["OCMW Antwerpen"].attributes == {"budget": 9.5}
    p.cases.update_many(list(result.undo))
    cases = {c.name: c for c in p.cases.list()}
    assert sorted(cases) == ["OCMW Gent", "OCMW Luik"]
    assert cases["OCMW Gent"].attributes == {} and cases["OCMW Gent"].description == "Ghent"


def test_a_bad_value_names_row_and_column_and_changes_nothing(make_project, sample_text):
    p = _study(make_project, sample_text)
    p.cases.define_attribute("budget", "number", applies_to="case")
    with pytest.raises(Invalid) as caught:
        p.cases.update_many([
            RowEdit(("OCMW Luik",), {"description": "Liège"}, {"budget": "10"}),
            RowEdit(("OCMW Gent",), {}, {"budget": "veel"}),
        ])
    assert caught.value.message == "Row OCMW Gent, column budget: 'veel' is not a number."
    assert caught.value.params["edit"] == 1
    assert p.cases.get("OCMW Luik").description == ""
    assert p.cases.get("OCMW Luik").attributes == {}
    with pytest.raises(Invalid, match="column name: 'ocmw luik' is already used"):
        p.cases.update_many([RowEdit(None, {"name": "ocmw luik"})])
    with pytest.raises(Invalid, match="there is no such column"):
        p.cases.update_many([RowEdit(("OCMW Luik",), {}, {"size": "3"})])


def test_bulk_document_sheet_assigns_cases_and_sets_attributes(make_project, sample_text):
    p = _study(make_project, sample_text)
    p.cases.define_attribute("wave", "number")
    result = p.cases.update_documents([
        RowEdit(("FG Luik",), {"case": "OCMW Luik"}, {"wave": "2"}),
        RowEdit(("FG Gent",), {"case": ""}, {}),
    ])
    docs = {d.name: d for d in p.documents.list()}
    assert docs["FG Luik"].case == "OCMW Luik" and docs["FG Luik"].attributes == {"wave": 2}
    assert docs["FG Gent"].case is None
    with pytest.raises(Invalid, match="Row FG Luik, column case: there is no case 'OCMW X'"):
        p.cases.update_documents([RowEdit(("FG Luik",), {"case": "OCMW X"})])
    p.cases.update_documents(list(result.undo))
    docs = {d.name: d for d in p.documents.list()}
    assert docs["FG Luik"].case is None and docs["FG Luik"].attributes == {}
    assert docs["FG Gent"].case == "OCMW Gent"


def test_participants_typed_demographics_rename_links_with_speakers(make_project, sample_text):
    p = _study(make_project, sample_text)
    p.participants.define_attribute("age", "number")
    p.participants.define_attribute("gender", "choice", ["man", "vrouw"])
    p.participants.add("P1", case="OCMW Gent")
    assert p.participants.set("P1", "age", "34") == 34
    with pytest.raises(Invalid):
        p.participants.set("P1", "gender", "x")
    p.participants.rename("P1", "Amina")
    p.participants.link("Amina", "FG Gent", "Deelnemer 3")
    p.participants.link("Amina", "Bilateraal Gent")
    assert p.participants.links() == [ParticipantLink("Amina", "Bilateraal Gent", None),
                                      ParticipantLink("Amina", "FG Gent", "Deelnemer 3")]
    p.participants.link("Amina", "FG Gent", "Deelnemer 1")
    assert p.participants.links(document="FG Gent")[0].speaker == "Deelnemer 1"
    p.participants.unlink("Amina", "Bilateraal Gent")
    with pytest.raises(NotFound):
        p.participants.unlink("Amina", "Bilateraal Gent")
    person = p.participants.get("Amina")
    assert person.demographics == {"age": 34} and person.documents == ("FG Gent",)
    p.participants.set_case("Amina", None)
    assert p.participants.get("Amina").case is None
    assert [a.name for a in p.participants.attributes()] == ["age", "gender"]
    assert [a.name for a in p.cases.attributes()] == []  # demographics stay apart
    p.participants.delete("Amina")
    assert p.participants.list() == [] and p.participants.links() == []


def test_bulk_participant_sheet_creates_rows_and_refuses_bad_ages(make_project, sample_text):
    p = _study(make_project, sample_text)
    p.participants.define_attribute("age", "number")
    p.participants.define_attribute("interviewed", "date")
    p.participants.add("P1")
    result = p.participants.update_many([
        RowEdit(("P1",), {"case": "OCMW Luik"}, {"age": "41"}),
        RowEdit(None, {"pseudonym": "P2", "case": "OCMW Gent"}, {"age": "29",
                                                                "interviewed": "16/06/21"}),
    ])
    people = {x.pseudonym: x for x in p.participants.list()}
    assert people["P1"].case == "OCMW Luik" and people["P1"].demographics == {"age": 41}
    assert people["P2"].demographics == {"age": 29, "interviewed": dt.date(2021, 6, 16)}
    with pytest.raises(Invalid) as caught:
        p.participants.update_many([RowEdit(None, {"pseudonym": "P3"}, {"age": "29"}),
                                    RowEdit(("P2",), {}, {"age": "dertig"})])
    assert caught.value.message == "Row P2, column age: 'dertig' is not a number."
    assert sorted(x.pseudonym for x in p.participants.list()) == ["P1", "P2"]
    p.participants.update_many(list(result.undo))
    people = {x.pseudonym: x for x in p.participants.list()}
    assert list(people) == ["P1"] and people["P1"].case is None
    assert people["P1"].demographics == {}


def test_bulk_speaker_sheet_links_changes_and_unlinks(make_project, sample_text):
    p = _study(make_project, sample_text)
    for name in ("P1", "P2"):
        p.participants.add(name)
    first = p.participants.update_links([
        RowEdit(None, {"participant": "P1", "document": "FG Gent", "speaker": "Deelnemer 1"}),
        RowEdit(None, {"participant": "P2", "document": "FG Gent", "speaker": "Deelnemer 2"}),
    ])
    result = p.participants.update_links([
        RowEdit(("P2", "FG Gent"), {"speaker": "Deelnemer 3"}),
        RowEdit(("P1", "FG Gent"), delete=True),
    ])
    assert p.participants.links() == [ParticipantLink("P2", "FG Gent", "Deelnemer 3")]
    with pytest.raises(Invalid, match="column document: there is no document 'FG X'"):
        p.participants.update_links([
            RowEdit(("P2", "FG Gent"), {"speaker": "D9"}),
            RowEdit(None, {"participant": "P1", "document": "FG X"})])
    assert p.participants.links()[0].speaker == "Deelnemer 3"
    p.participants.update_links(list(result.undo))
    assert p.participants.links() == [ParticipantLink("P1", "FG Gent", "Deelnemer 1"),
                                      ParticipantLink("P2", "FG Gent", "Deelnemer 2")]
    p.participants.update_links(list(first.undo))
    assert p.participants.links() == []


def test_rename_and_retype_a_demographic_in_use(make_project, sample_text):
    p = _study(make_project, sample_text)
    p.participants.add("P1", leeftijd=34)
    p.participants.add("P2", leeftijd="onbekend")
    assert {a.name: a.type.value for a in p.participants.attributes()} == {"leeftijd": "text"}
    with pytest.raises(Invalid, match="P2 has the value 'onbekend'"):
        p.cases.retype_attribute("leeftijd", "number", applies_to="participant")
    p.participants.set("P2", "leeftijd", "")
    p.cases.retype_attribute("leeftijd", "number", applies_to="participant")
    p.cases.rename_attribute("leeftijd", "age", applies_to="participant")
    assert p.participants.get("P1").demographics == {"age": 34}
    assert p.participants.get("P2").demographics == {}
