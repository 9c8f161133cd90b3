"""The Study page on the demo: the sampling plan's check, fieldwork, guides, and codebook
versions frozen and compared from the page (issue 20)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def test_study_page_shows_the_plan_and_compares_versions(demo_server: Any, page: Any,
                                                         axe: Any, shoot: Any) -> None:
    demo_server.enter(page, "/study")
    expect(page.locator("#sampling-summary")).to_contain_text("AMIF-42 steekproefplan")
    expect(page.locator("#sampling-table tbody tr.short").first).to_be_visible()
    expect(page.locator("#fieldwork-summary")).to_contain_text("31")
    expect(page.locator("#guides-table tbody tr")).to_have_count(6)
    expect(page.locator("#versions-list li")).to_have_count(3)
    page.select_option("#diff-old", "pilot")
    page.select_option("#diff-new", "definitief")
    page.get_by_role("button", name="Compare").click()
    table = page.locator("#diff-table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(6)
    expect(table).to_contain_text("visie en beleid")
    page.fill("#version-name", "na de browsertest")
    page.get_by_role("button", name="Freeze the codebook as a version").click()
    expect(page.locator("#versions-list li")).to_have_count(4)
    assert [v.name for v in demo_server.project.codebook_versions.list()][-1] == (
        "na de browsertest")
    with page.expect_download() as download:
        page.locator("#guides-table a").first.click()
    assert download.value.suggested_filename.endswith(".docx")
    shoot(page, "study", full_page=True)
    axe(page)
