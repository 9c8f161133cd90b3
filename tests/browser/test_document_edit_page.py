"""Editing a transcript in the browser: pick a paragraph by its number, change its words,
save; the coding follows, the flagged one is listed for review and kept; the versions list
shows the changes and restores the first version (synthetic transcript)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_edit_a_paragraph_review_and_restore(server: Any, page: Any, axe: Any, shoot: Any,
                                             transcript: str) -> None:
    p = server.project
    p.codebook.add("R-tolk", definition="Een tolk helpt.")
    p.codebook.add("S-stress", definition="Stress.")
    p.documents.add("FG Edit", transcript)
    text = p.documents.get("FG Edit").text
    at = text.index("Zonder tolk")
    tolk = p.codings.apply("FG Edit", "R-tolk", "an", at, at + len("Zonder tolk"))
    at = text.index("veel stress")
    stress = p.codings.apply("FG Edit", "S-stress", "an", at, at + len("veel stress"))

    server.enter(page, "/documents/FG%20Edit")
    panel = page.locator("#text-edit")
    expect(panel.locator("#version-list li")).to_have_count(1)
    expect(panel.locator("#review-list")).to_contain_text("Nothing is waiting for review.")
    panel.get_by_text("Edit a paragraph").click()
    page.locator("#p3 .pnum").click()  # the number in the transcript fills the form
    box = panel.get_by_label("Text of the paragraph")
    expect(box).to_have_value("Deelnemer 1: De tolk hielp ons. Zonder tolk begrijp ik niets.")
    panel.get_by_label("Paragraph", exact=True).fill("4")
    panel.get_by_label("Paragraph", exact=True).dispatch_event("change")
    expect(box).to_have_value("Deelnemer 2: Ik had veel stress, maar nu gaat het beter.")
    box.fill("Deelnemer 2 (vrouw): Ik had heel veel grote stress, maar nu gaat het beter.")
    panel.get_by_label("Reason (optional)").fill("speaker and words")
    axe(page)
    shoot(page, "document-edit-paragraph")
    panel.get_by_role("button", name="Save paragraph").click()

    expect(page.locator("#toast")).to_contain_text("Saved as version 2: 0 coding(s) moved, "
                                                   "1 flagged, 0 detached.")
    assert "heel veel grote stress" in p.documents.get("FG Edit").text
    expect(panel.locator("#version-list li")).to_have_count(2)
    review = panel.locator("#review-list li")
    expect(review).to_have_count(1)
    expect(review).to_contain_text("S-stress")
    expect(review).to_contain_text("veel stress")
    axe(page)

    panel.locator("#version-list li").first.get_by_role("button", name="Show changes").click()
    expect(panel.locator("#diff-view ins").first).to_be_visible()
    expect(panel.locator("#diff-view")).to_contain_text("grote")

    review.get_by_role("button", name="Keep").click()
    expect(page.locator("#toast")).to_contain_text("Kept where it is now.")
    expect(panel.locator("#review-list")).to_contain_text("Nothing is waiting for review.")
    assert p.texts.reviews("FG Edit") == []

    panel.get_by_role("button", name="Restore version 1").click()
    page.locator("dialog.confirm").get_by_role("button", name="Restore").click()
    expect(page.locator("#toast")).to_contain_text("Saved as version 3")
    assert p.documents.get("FG Edit").text == text
    spans = {c.id: (c.start, c.end) for c in p.codings.list(document="FG Edit")}
    assert spans == {tolk.id: (tolk.start, tolk.end), stress.id: (stress.start, stress.end)}
