"""Editing a transcript in the browser: pick a paragraph by its number, change its words,
save; the coding follows, the flagged one is listed for review and kept; the versions list
shows the changes and restores the first version (synthetic transcript)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Select the words in an element as a mouse does, then release the button over them.
SELECT = """([selector, words]) => {
  const body = document.querySelector(selector);
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push([node, text.length]);
    text += node.data;
  }
  const at = text.indexOf(words);
  const place = (offset) => {
    const found = nodes.filter(([n, s]) => s <= offset && offset <= s + n.data.length)[0];
    return [found[0], offset - found[1]];
  };
  const range = document.createRange();
  range.setStart(...place(at));
  range.setEnd(...place(at + words.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  body.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
}"""


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

    # a word inside the R-tolk coding changes: reattach it to text selected with the mouse
    panel.get_by_text("Edit a paragraph").click()
    page.locator("#p3 .pnum").click()
    box.fill("Deelnemer 1: De tolk hielp ons. Zonder goede tolk begrijp ik niets.")
    panel.get_by_role("button", name="Save paragraph").click()
    expect(page.locator("#toast")).to_contain_text("Saved as version 3: 1 coding(s) moved, "
                                                   "1 flagged")
    expect(panel.locator("#review-list li")).to_contain_text("R-tolk")
    page.evaluate(SELECT, ["#p3 .ptext", "De tolk hielp ons"])
    panel.get_by_role("button", name="Reattach to the selected text").click()
    expect(page.locator("#toast")).to_contain_text("Reattached.")
    now = p.documents.get("FG Edit").text
    moved = next(c for c in p.codings.list(document="FG Edit") if c.id == tolk.id)
    assert now[moved.start:moved.end] == "De tolk hielp ons"

    panel.get_by_role("button", name="Restore version 1").click()
    page.locator("dialog.confirm").get_by_role("button", name="Restore").click()
    expect(page.locator("#toast")).to_contain_text("Saved as version 4")
    assert p.documents.get("FG Edit").text == text
    spans = {c.id: (c.start, c.end) for c in p.codings.list(document="FG Edit")}
    assert spans == {tolk.id: (tolk.start, tolk.end), stress.id: (stress.start, stress.end)}
