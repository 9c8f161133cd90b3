"""The Memos page (web/routes/memo_list.py): every memo of the project listed, and a memo on
the whole project written from the browser (stemmen cases memo/memos). Synthetic texts."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def test_list_every_memo_and_write_one_on_the_project(server: Any, page: Any, axe: Any) -> None:
    p = server.project
    p.documents.add("Gesprek", "[SYNTHETIC TEST TRANSCRIPT]\nAnn: Ja.\n")
    p.memos.add("Op het document.", title="Doc", document="Gesprek")
    server.enter(page, "/")
    page.locator(".prefs").get_by_role("link", name="Memos").click()
    expect(page).to_have_url(f"{server.url}/memos")
    expect(page.locator("#memo-table tbody tr")).to_have_count(1)
    expect(page.locator("#memo-table")).to_contain_text("Op het document.")
    axe(page)
    form = page.locator("#project-memo-form")
    form.get_by_label("Title").fill("Eerste indruk")
    form.get_by_label("Memo").fill("De tolk komt overal terug.")
    form.get_by_role("button", name="Add memo").click()
    expect(page.locator("#memo-table tbody tr")).to_have_count(2)
    expect(page.locator("#memo-table tr", has_text="Eerste indruk")).to_contain_text(
        "the project")
    memo = next(m for m in p.memos.list() if m.title == "Eerste indruk")
    assert memo.document is None and memo.text == "De tolk komt overal terug."
    assert memo.author == "an"
