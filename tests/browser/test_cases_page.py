"""The cases page: cases and participants made in the browser, typed attributes, speaker
links, a block pasted from a spreadsheet saved as one change, and a bad value refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def forget_status(page: Any) -> None:
    """Empty the status lines, so the next expected "Saved" is the next save's."""
    page.evaluate("document.querySelectorAll('.status').forEach(s => { s.textContent = ''; })")


def paste(page: Any, text: str) -> None:
    """Paste ``text`` into the focused grid cell the way a spreadsheet's copy arrives."""
    forget_status(page)
    page.evaluate("""(text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        document.activeElement.dispatchEvent(new ClipboardEvent("paste",
            {clipboardData: data, bubbles: true, cancelable: true}));
    }""", text)


def type_cell(page: Any, text: str, key: str = "Enter") -> None:
    forget_status(page)
    page.keyboard.type(text)
    page.keyboard.press(key)


def saved(page: Any, panel: str) -> None:
    expect(page.locator(f"#panel-{panel} .status")).to_contain_text("Saved")


def test_cases_participants_speakers_and_a_pasted_block(
        server: Any, page: Any, transcript: str, axe: Any, shoot: Any) -> None:
    p = server.project
    p.documents.add("FG Gent", transcript)
    p.documents.add("FG Luik", transcript)
    server.enter(page, "/cases")

    # Two cases through the page: the form, then the grid's new row.
    page.get_by_label("New case").fill("OCMW Gent")
    with page.expect_navigation():
        page.get_by_role("button", name="Add case").click()
    grid = page.locator("#panel-cases table.sheet")
    grid.locator("tr.new-row td").first.click()
    type_cell(page, "OCMW Luik")
    saved(page, "cases")
    assert [c.name for c in p.cases.list()] == ["OCMW Gent", "OCMW Luik"]

    # Typed attributes: defined on the Attributes tab.
    page.get_by_role("tab", name="Attributes").click()
    form = page.locator("#define-attribute")
    for name, applies, kind, choices in [("age", "Participants", "number", ""),
                                         ("gender", "Participants", "choice", "man; vrouw"),
                                         ("budget", "Cases", "number", ""),
                                         ("wave", "Documents", "number", "")]:
        form.get_by_label("Name").fill(name)
        form.get_by_label("Applies to").select_option(label=applies)
        form.get_by_label("Type").select_option(kind)
        form.get_by_label("Choices (separated by ;)").fill(choices)
        with page.expect_navigation():
            form.get_by_role("button", name="Define attribute").click()
    assert [(a.name, a.type.value, a.choices) for a in p.participants.attributes()] == [
        ("age", "number", ()), ("gender", "choice", ("man", "vrouw"))]

    # A case attribute typed into the cases grid.
    page.get_by_role("tab", name="Cases").click()
    page.locator("#panel-cases td[data-r='0'][data-c='2']").click()
    type_cell(page, "120000")
    saved(page, "cases")
    assert p.cases.get("OCMW Gent").attributes == {"budget": 120000}

    # Three participants: one through the form, two typed into the grid's new row.
    page.get_by_role("tab", name="Participants").click()
    page.get_by_label("New participant (pseudonym)").fill("Amina")
    with page.expect_navigation():
        page.get_by_role("button", name="Add participant").click()
    page.locator("#panel-participants tr.new-row td").first.click()
    type_cell(page, "Bilal")
    saved(page, "participants")
    page.locator("#panel-participants tr.new-row td").first.click()
    type_cell(page, "Chloé")
    expect(page.locator("#panel-participants tbody tr")).to_have_count(4)

    # A 3x2 block from a spreadsheet (case, age) pasted at Amina's case cell: one change.
    before = len(p.journal.entries())
    page.locator("#panel-participants td[data-r='0'][data-c='1']").click()
    paste(page, "OCMW Gent\t34\r\nOCMW Luik\t29\r\nOCMW Gent\t41\r\n")
    saved(page, "participants")
    people = {x.pseudonym: (x.case, x.demographics) for x in p.participants.list()}
    assert people == {"Amina": ("OCMW Gent", {"age": 34}), "Bilal": ("OCMW Luik", {"age": 29}),
                      "Chloé": ("OCMW Gent", {"age": 41})}
    assert [e.action for e in p.journal.entries()[before:]] == ["participant.update_many"]

    # A bad value in a pasted block: a message names the cell, nothing changes.
    page.locator("#panel-participants td[data-r='1'][data-c='2']").click()
    paste(page, "30\tman\ndertig\tvrouw\n")
    error = page.locator("#panel-participants .sheet-error")
    expect(error).to_have_text("Row Chloé, column age: 'dertig' is not a number.")
    expect(page.locator("#panel-participants td.bad")).to_have_attribute("aria-invalid", "true")
    assert {x.pseudonym: x.demographics for x in p.participants.list()}["Bilal"] == {"age": 29}
    assert p.journal.entries()[-1].action == "participant.update_many"
    assert len(p.journal.entries()) == before + 1

    # Undo the last good change from the keyboard's toolbar button.
    # (The failed paste changed nothing, so undo restores the ages before the first paste.)
    page.locator("#panel-participants [data-do=undo]").click()
    expect(page.locator("#panel-participants .status")).to_have_text("Undone.")
    assert {x.pseudonym: x.demographics for x in p.participants.list()}["Amina"] == {}
    page.locator("#panel-participants td[data-r='0'][data-c='1']").click()
    paste(page, "OCMW Gent\t34\nOCMW Luik\t29\nOCMW Gent\t41\n")
    saved(page, "participants")

    # Speaker links: participants to documents under their label, pasted as a block.
    page.get_by_role("tab", name="Speakers").click()
    page.locator("#panel-speakers tr.new-row td").first.click()
    paste(page, "Amina\tFG Gent\tDeelnemer 1\nBilal\tFG Gent\tDeelnemer 3\n"
                "Chloé\tFG Luik\tDeelnemer 2\n")
    saved(page, "speakers")
    assert [(x.participant, x.document, x.speaker) for x in p.participants.links()] == [
        ("Amina", "FG Gent", "Deelnemer 1"), ("Bilal", "FG Gent", "Deelnemer 3"),
        ("Chloé", "FG Luik", "Deelnemer 2")]
    # Edit one label with the keyboard: arrows to the cell, type, Enter.
    page.locator("#panel-speakers td[data-r='1'][data-c='0']").click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    type_cell(page, "Deelnemer 4")
    saved(page, "speakers")
    assert p.participants.links(participant="Bilal")[0].speaker == "Deelnemer 4"

    # Documents: case and a typed attribute, with Escape cancelling an edit.
    page.get_by_role("tab", name="Documents").click()
    page.locator("#panel-documents td[data-r='0'][data-c='1']").click()
    type_cell(page, "OCMW Gent", "Tab")
    saved(page, "documents")
    page.keyboard.type("2")
    page.keyboard.press("Escape")
    expect(page.locator("#panel-documents td[data-r='0'][data-c='2']")).to_have_text("")
    page.keyboard.press("Enter")
    type_cell(page, "2")
    expect(page.locator("#panel-documents td[data-r='0'][data-c='2']")).to_have_text("2")
    doc = p.documents.get("FG Gent")
    assert doc.case == "OCMW Gent" and doc.attributes == {"wave": 2}

    page.get_by_role("tab", name="Participants").click()
    axe(page)
    shoot(page, "cases")


def test_rename_retype_and_delete_through_the_page(server: Any, page: Any, transcript: str,
                                                    axe: Any) -> None:
    p = server.project  # the module's project: after the first test, Brussel sorts first
    p.documents.add("Bilateraal Brussel", transcript, case="OCMW Brussel")
    p.cases.define_attribute("start", "text", applies_to="case")
    p.cases.set_attribute("OCMW Brussel", "start", "16/06/21")
    server.enter(page, "/cases")
    page.locator("#panel-cases td[data-r='0'][data-c='0']").click()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    type_cell(page, "OCMW Brussel-Stad")
    saved(page, "cases")
    assert p.documents.get("Bilateraal Brussel").case == "OCMW Brussel-Stad"
    expect(page.locator("#panel-documents td[data-r='0'][data-c='1']")).to_have_text(
        "OCMW Brussel-Stad", use_inner_text=True)
    page.get_by_role("tab", name="Attributes").click()
    item = page.locator("li.attribute[data-name='start']")
    item.locator("summary").click()
    item.get_by_label("Type").select_option("date")
    with page.expect_navigation():
        item.get_by_role("button", name="Change type").click()
    assert p.cases.get("OCMW Brussel-Stad").attributes == {"start": dt.date(2021, 6, 16)}
    axe(page)
    page.get_by_role("tab", name="Cases").click()
    page.locator("#panel-cases td[data-r='0'][data-c='0']").click()
    page.locator("#panel-cases [data-do=delete]").click()
    page.locator("dialog.confirm").get_by_role("button", name="Delete").click()
    expect(page.locator("#panel-cases td", has_text="OCMW Brussel-Stad")).to_have_count(0)
    assert "OCMW Brussel-Stad" not in [c.name for c in p.cases.list()]
    assert p.documents.get("Bilateraal Brussel").case is None


def test_the_demo_study_opens_with_its_cases_and_participants(demo_server: Any, page: Any,
                                                              axe: Any) -> None:
    demo_server.enter(page, "/cases")
    page.get_by_role("tab", name="Participants").click()
    page.reload()  # the tab chosen is kept in the address (#participants)
    expect(page.locator("#panel-participants")).to_be_visible()
    # 54 end users, 32 caseworkers and 6 managers (the study around the coding, issue 20)
    expect(page.locator("#panel-participants tbody tr:not(.new-row)")).to_have_count(92)
    expect(page.locator("#panel-cases tbody tr:not(.new-row)")).to_have_count(5)
    expect(page.locator("#panel-participants thead")).to_contain_text("age")
    axe(page)
