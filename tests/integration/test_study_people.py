"""Participants as persons: codes of their own turns per wave, late entrants (issue 20).
The texts are synthetic."""

import pytest

from stemmen.errors import Invalid, NotFound

WAVE1 = ("[synthetic]\nInterviewer: Hoe gaat het?\nDeelnemer 1: Ik leer taal.\n"
         "Deelnemer 2: Ik zoek werk.\nen nog meer werk.\nInterviewer: Dank u.")
WAVE2 = ("[synthetic]\nInterviewer: En nu?\nDeelnemer 1: Ik werk nu.\n"
         "Deelnemer 2: Ik leer nog taal.\nInterviewer: Dank u.")


def _line(text, start):
    at = text.index(start)
    return at, text.index("\n", at)


@pytest.fixture
def study(make_project):
    p = make_project(codes=["taal", "werk"], documents={"fg1": WAVE1, "fg2": WAVE2})
    p.cases.define_attribute("wave", "number")
    p.documents.set_attribute("fg1", "wave", 1)
    p.documents.set_attribute("fg2", "wave", 2)
    for name, _docs in (("Amal", ("fg1", "fg2")), ("Bilal", ("fg1", "fg2")),
                       ("Chris", ("fg2",))):
        p.participants.add(name)
    p.participants.link("Amal", "fg1", "Deelnemer 1")
    p.participants.link("Bilal", "fg1", "Deelnemer 2")
    p.participants.link("Amal", "fg2", "Deelnemer 1")
    p.participants.link("Bilal", "fg2", "Deelnemer 2")
    p.participants.link("Chris", "fg2", None)
    start, _ = _line(WAVE1, "Deelnemer 1")
    p.codings.apply("fg1", "taal", start=start, end=start + 10)
    start = WAVE1.index("en nog meer")  # continues Deelnemer 2's turn
    p.codings.apply("fg1", "werk", start=start, end=start + 5)
    start, end = _line(WAVE2, "Deelnemer 1")
    p.codings.apply("fg2", "werk", start=start, end=end)
    start, end = _line(WAVE2, "Deelnemer 2")
    p.codings.apply("fg2", "taal", start=start, end=end)
    return p


def test_each_person_gets_the_codes_of_their_own_turns(study):
    result = study.people.waves()
    by = {e.participant: e for e in result.people}
    assert set(by) == {"Amal", "Bilal"}  # Chris is seen in one wave only
    assert by["Amal"].first_codes == ("taal",) and by["Amal"].last_codes == ("werk",)
    assert by["Amal"].appeared == ("werk",) and by["Amal"].disappeared == ("taal",)
    assert by["Bilal"].appeared == ("taal",) and by["Bilal"].disappeared == ("werk",)
    summed = {s.code: (s.appeared, s.disappeared, s.kept) for s in result.summed}
    assert summed == {"taal": (1, 1, 0), "werk": (1, 1, 0)}


def test_a_person_without_a_speaker_label_is_named_not_guessed(study):
    study.participants.link("Chris", "fg1", None)
    result = study.people.waves()
    assert result.unlabelled == ("Chris",)
    assert "Chris" not in {e.participant for e in result.people}


def test_role_filter_and_turns(study):
    study.cases.define_attribute("role", "text", applies_to="participant")
    study.participants.set("Amal", "role", "Eindgebruiker")
    assert [e.participant for e in study.people.waves(role="Eindgebruiker").people] == ["Amal"]
    turns = {t.document: t for t in study.people.turns("Bilal")}
    assert turns["fg1"].codes == ("werk",) and turns["fg1"].turns == 1


def test_late_entrant_records_wave_and_replaced_person(study):
    entry = study.people.mark_late_entrant("Chris", 2, replaces="Bilal")
    assert (entry.joined_wave, entry.replaces) == ("2", "Bilal")
    assert [e.participant for e in study.people.late_entrants()] == ["Chris"]
    assert study.journal.entries()[-1].action == "participant.late_entrant"
    with pytest.raises(NotFound):
        study.people.mark_late_entrant("Chris", 2, replaces="Nobody")
    with pytest.raises(Invalid):
        study.people.mark_late_entrant("Chris", 2, replaces="Chris")


def test_setting_names_the_joined_wave_attribute(study):
    study.settings.set("attribute.joined_wave", "instapgolf")
    study.people.mark_late_entrant("Chris", "2")
    assert study.participants.get("Chris").demographics["instapgolf"] == "2"
