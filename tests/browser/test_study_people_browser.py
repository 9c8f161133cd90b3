"""The Study page's fieldwork, consent and people controls (web/routes/study_people.py): the
actions that were command-line only (stemmen fieldwork add/plan/link/consent/withdraw, people
late-entrant/turns, query waves --by person, guides import), each done in chromium and checked
in the project. Synthetic transcripts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

WAVE1 = ("[SYNTHETIC TEST TRANSCRIPT]\n"
         "Interviewer: Hoe gaat het met de taal?\n"
         "Deelnemer 1: De tolk hielp ons veel.\n"
         "Deelnemer 2: Ik had stress op het werk.\n")
WAVE2 = ("[SYNTHETIC TEST TRANSCRIPT]\n"
         "Interviewer: En nu?\n"
         "Deelnemer 1: Ik had stress, maar minder.\n"
         "Deelnemer 2: Ik werk nu halftijds.\n")
GUIDE = ("type: groep\nwave: 1\ntopics:\n  - key: taal\n    title_nl: Taal\n"
         "    nl: ['Hoe gaat het met de taal?']\n    codes: [tolk]\n")


def _study(server: Any) -> None:
    p = server.project
    p.codebook.add("tolk")
    p.codebook.add("stress")
    p.settings.set("attribute.wave", "wave")
    p.documents.add("FG een", WAVE1, case="Gent", attributes={"wave": 1, "type": "groep"})
    p.documents.add("FG twee", WAVE2, case="Gent", attributes={"wave": 2, "type": "groep"})
    p.participants.add("P1", case="Gent")
    p.participants.add("P2", case="Gent")
    p.participants.add("P3", case="Gent")
    for doc in ("FG een", "FG twee"):
        p.participants.link("P1", doc, "Deelnemer 1")
        p.participants.link("P2", doc, "Deelnemer 2")
    text = p.documents.get("FG een").text
    start = text.index("De tolk")
    p.codings.apply("FG een", "tolk", "an", start, start + 20)
    start = text.index("Ik had stress")
    p.codings.apply("FG een", "stress", "an", start, start + 13)
    text = p.documents.get("FG twee").text
    start = text.index("Ik had stress")
    p.codings.apply("FG twee", "stress", "an", start, start + 13)


def test_fieldwork_consent_and_people_from_the_study_page(server: Any, page: Any, axe: Any,
                                                          tmp_path: Path) -> None:
    _study(server)
    p = server.project
    server.enter(page, "/study")

    form = page.locator("#interview-form")
    form.get_by_label("Interview").fill("FG Gent 1")
    form.get_by_label("Case").fill("Gent")
    form.get_by_label("Type").fill("groep")
    form.get_by_label("Wave").fill("1")
    form.get_by_label("Invited (pseudonyms, comma-separated)").fill("P1, P2")
    form.get_by_role("button", name="Plan the interview").click()
    expect(page.locator("#planned-table tbody tr")).to_have_count(1)
    assert [x.name for x in p.fieldwork.planned()] == ["FG Gent 1"]

    plan = tmp_path / "plan.yaml"
    plan.write_text("interviews:\n  - {name: FG Gent 2, case: Gent, type: groep, wave: 2}\n",
                    encoding="utf-8")
    page.locator("#fieldwork-plan-form input[type=file]").set_input_files(str(plan))
    page.locator("#fieldwork-plan-form button").click()
    expect(page.locator("#planned-table tbody tr")).to_have_count(2)

    link = page.locator("#link-form")
    link.locator("select[name=name]").select_option("FG Gent 2")
    link.locator("select[name=document]").select_option("FG twee")
    link.get_by_role("button", name="Link").click()
    expect(page.locator("#planned-table")).to_contain_text("FG twee")
    assert {x.name: x.held_by for x in p.fieldwork.planned()}["FG Gent 2"] == "FG twee"

    consent = page.locator("#consent-form")
    consent.get_by_label("Participant").fill("P1")
    consent.get_by_label("Given on").fill("2026-03-01")
    consent.get_by_label("Form version").fill("v2")
    consent.get_by_role("button", name="Record consent").click()
    expect(page.locator("#consent-table")).to_contain_text("v2")
    given = {c.participant: c for c in p.fieldwork.consents()}["P1"]
    assert str(given.given_on) == "2026-03-01" and given.form_version == "v2"

    late = page.locator("#late-form")
    late.get_by_label("Participant").fill("P3")
    late.get_by_label("Joined wave").fill("2")
    late.get_by_label("Replaces").fill("P2")
    late.get_by_role("button", name="Record the late entrant").click()
    expect(page.locator("#late-table")).to_contain_text("P3")
    assert [(e.participant, e.replaces) for e in p.people.late_entrants()] == [("P3", "P2")]

    turns = page.locator("#turns-form")
    turns.get_by_label("Participant").fill("P2")
    turns.get_by_role("button", name="Show their turns").click()
    expect(page.locator("#turns-table tbody tr")).to_have_count(2)
    expect(page.locator("#turns-table")).to_contain_text("stress")

    page.locator("#waves-form").get_by_role("button").click()
    waves = page.locator("#waves-table")
    expect(waves).to_be_visible()
    expect(waves).to_contain_text("P1")  # P1: tolk in wave 1, gone in wave 2; stress appeared
    row = waves.locator("tr", has_text="P1")
    expect(row).to_contain_text("tolk")

    guide = tmp_path / "guide.yaml"
    guide.write_text(GUIDE, encoding="utf-8")
    page.locator("#guide-import-form input[type=file]").set_input_files(str(guide))
    page.locator("#guide-import-form button").click()
    expect(page.locator("#guides-table tbody tr")).to_have_count(1)
    assert [(s.guide.type, len(s.guide.topics)) for s in p.guides.list()] == [("groep", 1)]
    page.locator("#guide-topics-form").get_by_role("button", name="Show its topics").click()
    expect(page.locator("#guide-topics-table tbody tr")).to_have_count(1)
    expect(page.locator("#guide-topics-table")).to_contain_text("Hoe gaat het met de taal?")
    page.get_by_role("button", name="Show the coverage per interview").click()
    coverage = page.locator("#coverage-table")
    expect(coverage).to_be_visible()
    covered = {c.document: len(c.covered) for c in p.guides.coverage()}
    assert covered, "the wave-1 group guide applies to a document"
    for document, n in covered.items():
        expect(coverage.locator("tr", has_text=document)).to_contain_text(f"{n}/1")
    axe(page)

    # withdrawal: the dry run first, nothing changed; then confirmed
    before = p.documents.get("FG een").text
    withdraw = page.locator("#withdraw-form")
    withdraw.get_by_label("Participant").fill("P2")
    withdraw.get_by_role("button", name="Show what would go").click()
    expect(page.locator("#withdraw-table tbody tr")).to_have_count(2)
    expect(page.locator("#withdraw-summary")).to_contain_text("Nothing was changed")
    assert p.documents.get("FG een").text == before
    assert "P2" in [x.pseudonym for x in p.participants.list()]
    axe(page)
    page.get_by_role("button", name="Remove them for good").click()
    page.locator("dialog.confirm").get_by_role("button", name="Remove them for good").click()
    expect(page.locator("#withdraw-preview")).to_be_hidden()
    page.wait_for_load_state()
    after = p.documents.get("FG een").text
    assert "Ik had stress op het werk" not in after and "[consent withdrawn]" in after
    assert "P2" not in [x.pseudonym for x in p.participants.list()]
    assert [c.code for c in p.codings.list(document="FG een")] == ["tolk"]
