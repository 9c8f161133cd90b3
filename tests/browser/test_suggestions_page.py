"""The code suggestions page on the demo: train from the form, see the trust report."""

from __future__ import annotations

from typing import Any

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
    expect(page.locator("table.sg-table")).to_be_visible(timeout=120_000)
    expect(page.locator(".sg-summary")).to_contain_text("against an")
    expect(page.locator("table.sg-table tbody tr")).to_have_count(39)
    expect(page.locator("table.sg-table tr.off")).not_to_have_count(0)
    axe(page)
    shoot(page, "suggestions", full_page=True)
