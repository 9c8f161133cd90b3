"""The code suggestions page on the demo: train from the form, see the trust report."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_train_from_the_page_and_read_the_trust_report(demo_server: Any, page: Any,
                                                         axe: Any, shoot: Any) -> None:
    demo_server.enter(page, "/suggestions")
    expect(page.locator("#sg-none")).to_be_visible()
    axe(page)
    page.select_option("select[name=coder]", "an")
    page.click("#sg-start")
    expect(page.locator("#sg-trust-table")).to_be_visible(timeout=300_000)  # a loaded CI box
    summary = page.locator("section[aria-labelledby=sg-report] .sg-summary")
    expect(summary).to_contain_text("against an")
    expect(page.locator("#sg-trust-table tbody tr")).to_have_count(39)
    expect(page.locator("#sg-trust-table tr.off")).not_to_have_count(0)
    axe(page)
    shoot(page, "suggestions", full_page=True)


def test_suggestions_beside_a_document_accept_and_reject_by_key(demo_server: Any, page: Any,
                                                                 axe: Any, shoot: Any) -> None:
    p = demo_server.project
    if p.suggestions.report() is None:
        p.suggestions.train("an")
    name = p.documents.list()[0].name
    # the server codes as an, who coded every paragraph: this browser codes as carla
    page.context.add_cookies([{"name": "stemmen_coder", "value": "carla",
                               "url": demo_server.url}])
    demo_server.enter(page, f"/documents/{quote(name)}")
    panel = page.locator("section.sg-margin")
    expect(panel).to_be_visible()
    items = panel.locator("li.sg-item")
    before = items.count()
    assert before > 1
    axe(page)
    shoot(page, "suggestions-margin")
    first_id = items.first.get_attribute("data-id")
    items.first.focus()
    page.keyboard.press("r")
    expect(items).to_have_count(before - 1)
    second = items.first
    code = second.locator(".sg-code").inner_text()
    mine = {c.coder for c in p.codings.list(document=name)}
    second.focus()
    page.keyboard.press("a")
    expect(page.locator("#toast")).to_contain_text("accepted", timeout=10_000)
    made = [c for c in p.codings.list(document=name) if c.code == code
            and c.coder not in mine]
    assert [c.coder for c in made] == ["carla"]
    assert first_id not in {str(s.id) for s in p.suggestions.pending(name, made[0].coder)}
