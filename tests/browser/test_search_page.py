"""The search page in chromium: accents ignored, matches marked, filters kept, and a hit opens
its document at the paragraph (SYNTHETIC texts)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\n"
        "Intervieweuse: Comment s'est passée la première réunion ?\n"
        "Participante: Au café, avec l'interprète. La réunion était longue.\n"
        "Intervieweuse: Et ensuite ?\n")


def test_search_finds_words_without_accents_and_opens_the_paragraph(
        server: Any, page: Any, axe: Any, shoot: Any) -> None:
    server.project.codebook.add("R-tolk")
    server.project.documents.add("Focus Liège", TEXT, case="CPAS Liège")
    server.project.documents.add("Focus Namur", TEXT, case="CPAS Namur")
    server.enter(page, "/search")
    page.fill("#search-q", "reunion")
    page.select_option("#search-case", "CPAS Namur")
    page.locator("form.bigsearch button").click()
    hits = page.locator("ol.hits li")
    expect(hits).to_have_count(2)  # paragraphs 2 and 3 of Focus Namur
    expect(hits.first.locator("mark")).to_have_text("réunion")
    expect(hits.nth(1).locator("mark")).to_have_text("réunion")
    expect(hits.first).to_contain_text("¶2")
    expect(page.locator("#search-case")).to_have_value("CPAS Namur")
    shoot(page, "search")
    axe(page)
    hits.nth(1).locator("a").click()
    page.wait_for_selector("#paras[data-ready]", state="attached")
    assert "/documents/Focus%20Namur?at=" in page.url
    expect(page.locator("#paras .flash")).to_contain_text("La réunion était longue")
