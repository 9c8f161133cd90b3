"""Job-backed pages in the browser (web.background): a slow analysis shows a progress bar
at once, the page comes back with the result by itself, the address stays clean, and the
overview pages its documents."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from playwright.sync_api import expect

from stemmen.web import background
from stemmen.web.routes import overview, queries, reliability

pytestmark = pytest.mark.browser


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never wait, and make the analyses take a second: the progress bar must show."""
    monkeypatch.setattr(background, "QUICK", 0.0)
    for module, name in ((reliability, "_report"), (queries, "_run")):
        real = getattr(module, name)

        def late(*args: Any, real: Any = real) -> Any:
            time.sleep(1.0)
            return real(*args)

        monkeypatch.setattr(module, name, late)


def test_reliability_shows_progress_then_the_report(demo_server: Any, page: Any, axe: Any,
                                                    slow: None) -> None:
    demo_server.enter(page, "/reliability?unit=sentence", settle=False)
    wait = page.locator(".job-wait")
    expect(wait).to_be_visible()
    expect(wait.locator("progress")).to_be_visible()
    expect(wait.locator(".job-note")).to_contain_text("Working on it in the background")
    axe(page)
    expect(page.locator(".verdict-line")).to_contain_text("The coders differed", timeout=20000)
    expect(page.locator(".job-wait")).to_have_count(0)
    expect(page).not_to_have_url(re.compile("job="))  # the address is clean again
    assert "unit=sentence" in page.url
    expect(page.locator("select[name=unit]")).to_have_value("sentence")
    axe(page)


def test_queries_page_shows_progress_then_the_table(demo_server: Any, page: Any,
                                                    slow: None) -> None:
    demo_server.enter(page, "/queries?kind=cooccurrence&unit=overlap", settle=False)
    expect(page.locator(".job-wait progress")).to_be_visible()
    expect(page.locator("table.matrix")).to_be_visible(timeout=20000)
    expect(page).not_to_have_url(re.compile("job="))
    # the result is kept: the same query again answers at once, with no progress bar
    page.reload()
    expect(page.locator("table.matrix")).to_be_visible(timeout=2000)
    expect(page.locator(".job-wait")).to_have_count(0)


def test_overview_pages_its_documents(demo_server: Any, page: Any, axe: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overview, "PAGE_SIZE", 10)
    demo_server.enter(page, "/")
    pager = page.locator("nav.pager").first
    expect(pager).to_contain_text("Documents 1–10 of 31")
    expect(page.locator("table.docs tbody tr")).to_have_count(10)
    axe(page)
    pager.get_by_role("link", name="Next").click()
    expect(page.locator("nav.pager").first).to_contain_text("Documents 11–20 of 31")
    expect(page.locator("nav.pager [aria-current=page]").first).to_have_text("2")
    pager = page.locator("nav.pager").first
    pager.get_by_role("link", name="4", exact=True).click()
    expect(page.locator("table.docs tbody tr")).to_have_count(1)
    assert re.search(r"[?&]page=4", page.url)
