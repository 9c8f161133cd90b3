"""The report outline editor in Chromium: add a section, write a narrative with a quote
reference and see it in the live preview as the report prints it; a broken reference is
listed; a quote lacking a translation gets one through the form (axe on the page)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_write_a_section_with_a_quote_and_translate_it(server: Any, page: Any, axe: Any,
                                                       shoot: Any, transcript: str) -> None:
    p = server.project
    p.cases.define_attribute("language")
    p.documents.add("FG Luik", transcript, case="OCMW Luik",
                    attributes={"role": "Eindgebruiker", "language": "fr"})
    p.codebook.add("R-tolk")
    coding = p.codings.apply("FG Luik", "R-tolk", "an", paragraph=3).id
    p.quotes.mark(coding)

    server.enter(page, "/outline?lang=nl")
    form = page.locator("#add-section")
    form.get_by_label("Title").fill("Resultaten per OCMW")
    form.get_by_role("button", name="Add section").click()
    editor = page.locator("#editor")
    expect(editor).to_be_visible()
    expect(page.locator("#editor-title")).to_have_text("1 Resultaten per OCMW")
    text = editor.get_by_label("Narrative (Markdown)")
    text.fill(f"De tolk speelt een grote rol.\n\n{{{{quote {coding}}}}}\n\n{{{{finding 99}}}}")
    preview = page.locator("#preview")
    expect(preview.locator("blockquote")).to_contain_text("(Eindgebruiker, OCMW Luik)")
    expect(preview.locator("p").first).to_have_text("De tolk speelt een grote rol.")
    expect(page.locator("#preview-problems")).to_contain_text("{{finding 99}} is gone")
    editor.get_by_role("button", name="Save").click()
    expect(page.locator("#problems")).to_contain_text("1 Resultaten per OCMW: {{finding 99}}")
    assert p.outline.list()[0].narrative("nl").startswith("De tolk")

    untranslated = page.locator("#untranslated li")
    expect(untranslated).to_have_count(1)  # a French interview in a Dutch report
    untranslated.first.get_by_label("Translation into nl").fill(
        "De tolk hielp ons. Zonder tolk begrijp ik niets.")
    untranslated.first.get_by_label("Translator").fill("Marie")
    shoot(page, "outline-editor", full_page=True)
    axe(page)
    untranslated.first.get_by_role("button", name="Save translation").click()
    expect(page.locator("#untranslated li")).to_have_count(0)
    assert [t.translator for t in p.translations.list()] == ["Marie"]
    text.fill(f"{{{{quote {coding}}}}}")
    expect(preview.locator("blockquote .original")).to_contain_text("Original:")
