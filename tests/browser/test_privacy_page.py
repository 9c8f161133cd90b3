"""The Privacy page in chromium: find identifiers (a background job), accept one, reject all
with a text, apply with a key file; axe on the page (SYNTHETIC text)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\n"
        "Interviewer: Wie volgde je dossier op bij het OCMW Gent?\n"
        "Respondent: Mevrouw Janssens. Ze belde me op 0470 11 22 33.\n"
        "Respondent: Haar collega meneer Wouters, en later weer meneer Wouters.\n")


def test_find_accept_reject_and_apply(server: Any, page: Any, axe: Any, shoot: Any,
                                      tmp_path: Any) -> None:
    server.project.documents.add("Interview privacy", TEXT)
    server.enter(page, "/privacy")
    page.locator("#pv-scan-button").click()
    rows = page.locator("#pv-table tbody tr")
    expect(rows.first).to_be_visible(timeout=300_000)
    janssens = page.locator("#pv-table tr[data-text='Janssens']")
    expect(janssens.locator("mark")).to_have_text("Janssens")
    expect(page.locator("#pv-table")).not_to_contain_text("OCMW Gent</mark>")
    shoot(page, "privacy")
    axe(page)
    janssens.locator("button[data-decision='accept']").first.click()
    expect(page.locator("#pv-table tr[data-text='Janssens']")).to_have_class("pv-accepted")
    page.locator("#pv-table tr[data-text='Wouters']").first.locator(
        "button[data-decision='reject'][data-bulk]").click()
    expect(page.locator("#pv-table tr.pv-rejected[data-text='Wouters']")).to_have_count(2)
    page.on("dialog", lambda dialog: dialog.accept())
    page.fill("#pv-apply input[name='key_file']", str(tmp_path / "browser.key"))
    page.locator("#pv-apply button").click()
    expect(page.locator("#pv-table tr.pv-applied")).to_have_count(1)
    text = server.project.documents.get("Interview privacy").text
    assert "Janssens" not in text and "Wouters" in text
    assert (tmp_path / "browser.key").exists()
