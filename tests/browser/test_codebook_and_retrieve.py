"""The codebook editor (merge) and retrieval with attribution, context and the way back."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_merge_two_codes_in_the_codebook_editor_and_the_codings_follow(
        server: Any, page: Any, transcript: str) -> None:
    p = server.project
    p.codebook.add("O-visie en beleid", category="Impact op de OCMW-werking")
    p.codebook.add("O-impact op de OCMW-werking", category="Impact op de OCMW-werking")
    p.documents.add("Bilateraal Gent", transcript, case="OCMW Gent")
    p.codings.apply("Bilateraal Gent", "O-visie en beleid", "an", paragraph=3)
    server.enter(page, "/codebook")
    row = page.locator("li.code-row[data-code='O-visie en beleid']")
    row.locator("summary").click()
    merge = row.locator("form[data-action='/api/codebook/merge']")
    merge.locator("select[name=into]").select_option("O-impact op de OCMW-werking")
    merge.get_by_role("button", name="Merge").click()
    dialog = page.locator("dialog.confirm")
    assert "O-visie en beleid" in dialog.inner_text()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Yes, go ahead").click()
    expect(page.locator("li.code-row[data-code='O-visie en beleid']")).to_have_count(0)
    expect(page.locator(".history-list")).to_contain_text("Merged")
    assert [c.code for c in p.codings.list(document="Bilateraal Gent")] == [
        "O-impact op de OCMW-werking"]
    page.goto(f"{server.url}/documents/Bilateraal%20Gent")
    page.wait_for_selector("#paras[data-ready]", state="attached")
    page.locator("#p3 .hl").first.click()
    expect(page.locator("#popover strong")).to_have_text("O-impact op de OCMW-werking")


def test_retrieve_shows_attribution_and_context_and_jumps_back(
        server: Any, page: Any, transcript: str) -> None:
    p = server.project
    p.codebook.add("R-tolk", category="Randvoorwaarden")
    p.documents.add("FG Antwerpen", transcript, case="OCMW Antwerpen",
                    attributes={"role": "Eindgebruiker"})
    p.codings.apply("FG Antwerpen", "R-tolk", "an", paragraph=3)
    server.enter(page, "/retrieve?code=R-tolk")
    segment = page.locator("li.segment").first
    assert "De tolk hielp ons." in segment.locator(".quote").inner_text()
    assert segment.locator(".attribution").inner_text() == "(Eindgebruiker, OCMW Antwerpen)"
    segment.get_by_role("button", name="Show context").click()
    expect(segment.locator(".context.before")).to_contain_text("Hoe ging het met de tolk?")
    expect(segment.locator(".context.after")).to_contain_text("Ik had veel stress")
    segment.locator("a.jump").click()
    page.wait_for_selector("#paras[data-ready]", state="attached")
    assert "/documents/FG%20Antwerpen?at=" in page.url
    expect(page.locator("#p3")).to_have_class(re.compile(r"\bflash\b"))
    expect(page.locator("#selection-info")).to_contain_text("characters selected")


def test_show_more_adds_the_next_page_of_segments(
        server: Any, page: Any, transcript: str, monkeypatch: Any, axe: Any) -> None:
    from stemmen.web.routes import retrieve

    monkeypatch.setattr(retrieve, "SHOWN", 2)
    p = server.project
    p.codebook.add("R-meer", category="Randvoorwaarden")
    p.documents.add("FG Meer", transcript, case="OCMW Gent")
    for paragraph in (1, 2, 3, 4, 5):
        p.codings.apply("FG Meer", "R-meer", "an", paragraph=paragraph)
    server.enter(page, "/retrieve?code=R-meer")
    expect(page.locator("li.segment")).to_have_count(2)
    url = page.url
    page.get_by_role("link", name="Show more").click()
    expect(page.locator("li.segment")).to_have_count(4)
    assert page.url == url  # added in place, not a new page
    expect(page.locator(".show-more")).to_contain_text("4 of 5 shown.")
    expect(page.locator("#seg-3 a.jump")).to_be_focused()
    page.get_by_role("link", name="Show more").click()
    expect(page.locator("li.segment")).to_have_count(5)
    expect(page.locator(".show-more")).to_have_count(0)
    axe(page)
    ids = page.locator("li.segment").evaluate_all("items => items.map(i => i.id)")
    assert ids == ["seg-1", "seg-2", "seg-3", "seg-4", "seg-5"]
    starts = page.locator("li.segment").evaluate_all(
        "items => items.map(i => Number(i.dataset.start))")
    assert starts == sorted(starts) and len(set(starts)) == 5
    page.locator("#seg-5").get_by_role("button", name="Show context").click()
    expect(page.locator("#seg-5 .context.before")).to_be_visible()
