"""Fieldwork: planned against held interviews, consent, and withdrawal of consent (dry run
and real, with its audit entry). Synthetic texts (issue 20)."""

import datetime as dt

import pytest

from stemmen.errors import AlreadyExists, Invalid

TEXT = ("[synthetic]\nInterviewer: Welkom.\nDeelnemer 1: Ik heet Amal en ik leer taal.\n"
        "Deelnemer 2: Ik zoek werk.\nDeelnemer 1: Mijn buurman helpt mij.\nInterviewer: Dank.")


@pytest.fixture
def study(make_project):
    p = make_project(codes=["taal", "netwerk", "werk"], documents={"fg1": TEXT, "s1": "x"})
    p.cases.add("A")
    p.cases.add("B")
    p.cases.assign("fg1", "A")
    p.cases.assign("s1", "A")
    for key, kind in (("type", "text"), ("wave", "number"), ("date", "date")):
        p.cases.define_attribute(key, kind)
    p.documents.set_attribute("fg1", "type", "group")
    p.documents.set_attribute("fg1", "wave", 1)
    p.documents.set_attribute("fg1", "date", "2021-06-16")
    p.documents.set_attribute("s1", "type", "single")
    p.documents.set_attribute("s1", "wave", 2)
    p.participants.add("Amal", case="A")
    p.participants.add("Bilal", case="A")
    p.participants.link("Amal", "fg1", "Deelnemer 1")
    p.participants.link("Bilal", "fg1", "Deelnemer 2")
    return p


def _apply(p, code, start_text):
    start = TEXT.index(start_text)
    return p.codings.apply("fg1", code, start=start, end=TEXT.index("\n", start))


def test_planned_held_and_missing_per_case_type_and_wave(study):
    study.fieldwork.plan_many([
        {"name": "FG A 1", "case": "A", "type": "group", "wave": 1, "date": "2021-06-15",
         "participants": ["Amal", "Bilal"]},
        {"name": "FG B 1", "case": "B", "type": "group", "wave": 1},
        {"name": "Single A 2", "case": "A", "type": "single", "wave": 2}])
    found = study.fieldwork.overview()
    rows = {(r.case, r.type, r.wave): r for r in found.rows}
    assert rows[("A", "group", "1")].held == ("fg1",)
    assert rows[("B", "group", "1")].missing == ("FG B 1",)
    assert rows[("A", "single", "2")].held == ("s1",)
    assert found.totals == {"planned": 3, "held": 2, "missing": 1, "unplanned": 0}
    assert set(found.no_consent) == {"Amal", "Bilal"}
    # an explicit link wins over matching
    study.fieldwork.link("FG B 1", "fg1")
    rows = {(r.case, r.type, r.wave): r for r in study.fieldwork.overview().rows}
    assert rows[("A", "group", "1")].missing == ("FG A 1",)
    with pytest.raises(AlreadyExists):
        study.fieldwork.plan("fg a 1", "A", "group", 1)
    with pytest.raises(Invalid):
        study.fieldwork.plan("x", "A", "group", 1, date="16/06/21")


def test_consent_is_recorded_per_participant(study):
    c = study.fieldwork.consent("Amal", given_on="2021-06-01", form_version="v2")
    assert (c.given_on, c.form_version, c.state) == (dt.date(2021, 6, 1), "v2", "given")
    c = study.fieldwork.consent("Amal", withdrawn_on="2021-11-02")
    assert c.state == "withdrawn" and c.form_version == "v2"
    assert study.fieldwork.overview().withdrawn == ("Amal",)
    assert study.fieldwork.overview().no_consent == ("Bilal",)


def test_withdrawal_dry_run_then_real(study):
    _apply(study, "taal", "Deelnemer 1: Ik heet")
    _apply(study, "netwerk", "Deelnemer 1: Mijn buurman")
    kept = _apply(study, "werk", "Deelnemer 2")
    study.fieldwork.consent("Amal", given_on="2021-06-01")
    before = len(study.journal.entries())
    dry = study.fieldwork.withdraw("Amal", dry_run=True)
    assert (dry.applied, dry.turns, dry.codings) == (False, 2, 2)
    assert len(study.codings.list()) == 3 and "Amal" in study.documents.get("fg1").text
    assert len(study.journal.entries()) == before
    done = study.fieldwork.withdraw("Amal", reason="asked by e-mail")
    assert (done.applied, done.turns, done.codings) == (True, 2, 2)
    text = study.documents.get("fg1").text
    assert "Amal" not in text and "buurman" not in text
    assert text.count("Deelnemer 1: [consent withdrawn]") == 2
    left = study.codings.list()
    assert [c.code for c in left] == ["werk"]
    assert text[left[0].start:left[0].end] == TEXT[kept.start:kept.end]
    assert "Amal" not in [p.pseudonym for p in study.participants.list()]
    entry = study.journal.entries()[-1]
    assert entry.action == "participant.withdraw"
    assert entry.details["codings"] == 2 and entry.details["reason"] == "asked by e-mail"


def test_withdrawal_needs_speaker_labels(study):
    study.participants.link("Bilal", "s1", None)
    with pytest.raises(Invalid, match="no speaker label in s1"):
        study.fieldwork.withdraw("Bilal", dry_run=True)
