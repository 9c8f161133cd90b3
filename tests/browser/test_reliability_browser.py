"""The reliability page on a two-coder project: the table, a disagreement, the way to the text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reliability_shows_the_table_and_a_disagreement_and_jumps_to_the_paragraph(
        server: Any, page: Any, transcript: str) -> None:
    p = server.project
    p.codebook.add("R-tolk", category="Randvoorwaarden")
    p.codebook.add("S-stress", category="Sociaal")
    p.documents.add("FG Gent", transcript, case="OCMW Gent")
    for coder in ("an", "bert"):
        p.codings.apply("FG Gent", "R-tolk", coder, paragraph=3)
    p.codings.apply("FG Gent", "S-stress", "an", paragraph=4)
    p.codings.apply("FG Gent", "R-tolk", "bert", paragraph=4)

    server.enter(page, "/reliability")
    expect(page.locator(".verdict-line")).to_contain_text("The coders differed 1 times in 2 units.")
    tolk = page.locator("table.per-code tr[data-code='R-tolk']")
    expect(tolk.locator("td").first).to_have_text("2")
    expect(page.locator("table.per-code tr.flagged")).to_have_count(2)
    row = page.locator("tr.disagreement")
    expect(row).to_have_count(1)
    expect(row.locator(".quote")).to_have_text(
        "Deelnemer 2: Ik had veel stress, maar nu gaat het beter.")
    expect(row.locator("td[data-coder='an'] li.differs")).to_have_text("S-stress")
    expect(row.locator("td[data-coder='bert'] li.differs")).to_have_text("R-tolk")
    expect(row.locator(".kind").first).to_have_text("different code")

    page.locator("select[name=unit]").select_option("sentence")
    with page.expect_navigation():
        page.get_by_role("button", name="Compare").click()
    assert "unit=sentence" in page.url and "coder=an" in page.url
    expect(page.locator("tr.disagreement")).to_have_count(1)

    row.locator("a.jump").click()
    page.wait_for_selector("#paras[data-ready]", state="attached")
    assert "/documents/FG%20Gent?at=" in page.url and "view=all" in page.url
    expect(page.locator("#p4")).to_have_class(re.compile(r"\bflash\b"))
