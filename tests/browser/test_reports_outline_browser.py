"""The reports page over a project with an outline, in Chromium: the broken reference is
listed before rendering, strict refuses to make the report, the outline report downloads
with the bytes of ``project.reports.deliver`` (what ``stemmen report`` writes), and slides
come with two languages side by side (axe on the page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_outline_report_checks_strict_docx_and_two_language_slides(
        server: Any, page: Any, axe: Any, shoot: Any, transcript: str) -> None:
    p = server.project
    p.documents.add("FG Brugge", transcript, case="OCMW Brugge",
                    attributes={"role": "Eindgebruiker"})
    p.codebook.add("R-taal")
    coding = p.codings.apply("FG Brugge", "R-taal", "an", paragraph=4).id
    p.quotes.mark(coding)
    p.outline.add("Resultaten", lang="nl",
                  narrative=f"Over taal.\n\n{{{{quote {coding}}}}}\n\n{{{{finding 99}}}}")
    p.outline.add("Résultats", lang="fr", narrative="Sur la langue.")
    page.set_default_timeout(60_000)
    server.enter(page, "/reports")
    page.locator('input[name="lang"][value="nl"]').check()
    problems = page.locator("#report-problems")
    expect(problems).to_contain_text("{{finding 99}} is gone")
    axe(page)
    shoot(page, "reports-outline", full_page=True)

    page.get_by_text("More options").click()
    page.get_by_label("Strict: make nothing").check()
    page.get_by_role("button", name="Make the report").click()
    expect(page.locator("#report-status")).to_contain_text("broken references")
    page.get_by_label("Strict: make nothing").uncheck()

    page.get_by_label("Word (DOCX)").check()
    with page.expect_download() as got:
        page.get_by_role("button", name="Make the report").click()
    expected = p.reports.deliver("docx", lang="nl")
    assert got.value.suggested_filename == expected.filename
    assert Path(got.value.path()).read_bytes() == expected.data

    page.get_by_label("Slides (PPTX)").check()
    page.get_by_label("Second language (slides side by side)").select_option("fr")
    with page.expect_download() as got:
        page.get_by_role("button", name="Make the report").click()
    assert got.value.suggested_filename.endswith(".pptx")
    assert Path(got.value.path()).read_bytes() == p.reports.slides(["nl", "fr"])
