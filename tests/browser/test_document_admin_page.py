"""Document administration in the browser: rename and delete a document from its page, import
a codings CSV on the Import page (refused with its bad line, then accepted), and the audit log
page that lists those actions."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TEXT = ("Interviewer: Hoe ging het met de tolk?\n\n"
        "Deelnemer 1: De tolk hielp ons. Zonder tolk begrijp ik niets.\n\n"
        "Deelnemer 2: Ik had veel stress.\n")
BAD = "document,code,coder,paragraph\nFG Gent,R-tolk,an,2\nFG Nergens,R-tolk,an,1\n"
GOOD = "document,code,coder,paragraph\nFG Gent,R-tolk,an,2\nFG Gent,S-stress,bert,3\n"


def csv(name: str, text: str) -> dict[str, Any]:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode()}


def test_rename_delete_import_codings_and_read_the_log(
        server: Any, page: Any, axe: Any, shoot: Any) -> None:
    p = server.project
    p.codebook.add("R-tolk", definition="Een tolk helpt.")
    p.codebook.add("S-stress", definition="Stress.")
    p.documents.add("FG Antwerpen", TEXT, case="OCMW Antwerpen")
    p.documents.add("FG Gent", TEXT, case="OCMW Gent")
    p.codings.apply("FG Antwerpen", "R-tolk", start=0, end=12)
    p.memos.add("Een memo.", document="FG Antwerpen")

    # Rename from the document page: an inline form; a taken name is refused.
    server.enter(page, "/documents/FG%20Antwerpen")
    expect(page.get_by_role("heading", name="FG Antwerpen", level=1)).to_be_visible()
    axe(page)
    field = page.get_by_label("New name")
    expect(field).to_be_hidden()
    page.get_by_role("button", name="Rename").click()
    expect(field).to_be_focused()
    field.fill("FG Gent")
    page.get_by_role("button", name="Save name").click()
    expect(page.locator("#toast")).to_contain_text("already exists")
    page.keyboard.press("Escape")  # Esc closes the form, focus back on Rename
    expect(field).to_be_hidden()
    expect(page.get_by_role("button", name="Rename")).to_be_focused()
    page.keyboard.press("Enter")
    field.fill("FG Antwerpen 1")
    field.press("Enter")
    expect(page.get_by_role("heading", name="FG Antwerpen 1", level=1)).to_be_visible()
    assert sorted(d.name for d in p.documents.list()) == ["FG Antwerpen 1", "FG Gent"]

    # Delete: the dialog counts the codings and memos; Cancel keeps it, OK deletes it.
    page.get_by_role("button", name="Delete document").click()
    dialog = page.locator("dialog.confirm")
    expect(dialog).to_contain_text("1 coding(s) and 1 memo(s)")
    shoot(page, "document-delete-confirm")
    dialog.get_by_role("button", name="Cancel").click()
    assert len(p.documents.list()) == 2
    page.get_by_role("button", name="Delete document").click()
    page.locator("dialog.confirm").get_by_role("button", name="Delete document").click()
    page.wait_for_url("**/")
    assert [d.name for d in p.documents.list()] == ["FG Gent"]

    # Codings CSV on the Import page: a bad line refuses the whole file, then a good file.
    server.enter(page, "/import")
    section = page.locator("#codings-import")
    section.get_by_label("Codings file (.csv)").set_input_files(csv("codes.csv", BAD))
    section.get_by_role("button", name="Import codings").click()
    expect(section.locator("#codings-result")).to_contain_text("Nothing was imported")
    errors = section.get_by_role("list", name="Lines that could not be imported")
    expect(errors.locator("li")).to_have_count(1)
    expect(errors).to_contain_text("FG Nergens")
    assert p.codings.list() == []
    axe(page)
    section.get_by_label("Codings file (.csv)").set_input_files(csv("codes.csv", GOOD))
    section.get_by_role("button", name="Import codings").click()
    expect(section.locator("#codings-result")).to_have_text("2 coding(s) imported.")
    expect(errors).to_be_hidden()
    assert len(p.codings.list(document="FG Gent")) == 2

    # The audit log lists those actions, newest first, and filters by action.
    server.enter(page, "/log")
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    rows = page.locator("table.log-table tbody tr")
    expect(rows.first).to_contain_text("coding.import")
    expect(page.locator("table.log-table")).to_contain_text("document.delete")
    expect(page.locator("table.log-table")).to_contain_text("document.rename")
    axe(page)
    page.get_by_label("Action").select_option("document.rename")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("FG Antwerpen 1")
    shoot(page, "log")
