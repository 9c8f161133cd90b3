"""A blind double-coding round in two browsers (SQLite and PostgreSQL): the owner opens it on
the rounds page; two coders, each logged in in their own Chromium context, code the same
document and neither sees the other's codings (not even through the page's live updates);
the owner closes the round and sees the agreement; the coders' open pages then show each
other's codings without reloading; a reviewer reconciles on the round's page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

import stemmen

pytestmark = pytest.mark.browser
PASSWORD = "browser-round-pass"
DOC = "FG Blind"
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\n"
        "Interviewer: Hoe ging het met de tolk?\n"
        "Deelnemer 1: De tolk hielp ons. Zonder tolk begrijp ik niets.\n"
        "Deelnemer 2: Ik had veel stress om te komen.\n"
        "Interviewer: Dank u.\n")


@pytest.fixture
def round_server(database: str, serve: Any) -> Iterator[tuple[str, stemmen.Project]]:
    with stemmen.create_project(database, actor="setup") as project:
        project.codebook.add("R-tolk")
        project.codebook.add("S-stress")
        project.documents.add(DOC, TEXT)
        for name, role in (("Ann", "owner"), ("an", "coder"), ("bo", "coder"),
                           ("Rev", "reviewer")):
            project.users.add(name, role, PASSWORD)
    uv, thread, url, _token = serve(database)
    project = stemmen.open_project(database, actor="check")
    yield url, project
    project.close()
    uv.should_exit = True
    thread.join(timeout=5)


def log_in(browser: Any, url: str, name: str, path: str) -> Any:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(8000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{url}/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-name")).to_have_text(name)
    page.goto(f"{url}{path}")
    page.errors = errors
    return page


def code(page: Any, paragraph: int, name: str) -> None:
    page.locator(f"#p{paragraph} .pnum").click()
    with page.expect_response("**/api/codings") as answer:
        page.locator(f"#code-list li[data-code='{name}']").click()
    assert answer.value.status == 200
    expect(page.locator(f"#p{paragraph} .hl")).not_to_have_count(0)


def test_two_coders_in_a_blind_round_then_close_and_reconcile(
        browser: Any, round_server: Any, axe: Any) -> None:
    url, project = round_server
    owner = log_in(browser, url, "Ann", "/rounds")
    axe(owner, exclude=[".user"])  # the header role label (accounts)
    owner.get_by_label("Name").fill("r1")
    owner.locator("#round-documents").select_option(DOC)
    owner.locator("#round-coders").fill("an\nbo")
    with owner.expect_navigation():
        owner.get_by_role("button", name="Open the round").click()
    expect(owner.locator("tr[data-round='r1']")).to_have_attribute("data-state", "open")

    an = log_in(browser, url, "an", f"/documents/{DOC}")
    bo = log_in(browser, url, "bo", f"/documents/{DOC}")
    expect(an.locator("#paras[data-ready='true']")).to_have_count(1)
    expect(bo.locator("#paras[data-ready='true']")).to_have_count(1)
    code(an, 3, "R-tolk")
    code(bo, 3, "S-stress")
    code(bo, 4, "S-stress")
    an.wait_for_timeout(4000)  # a live update came and went: still only an's own coding
    expect(an.locator("#p4 .hl")).to_have_count(0)
    for page, other in ((an, "bo"), (bo, "an")):
        page.reload()
        expect(page.locator("#paras[data-ready='true']")).to_have_count(1)
        coders = page.evaluate("JSON.parse(document.getElementById('doc-data').textContent)"
                               ".codings.map(c => c.coder)")
        assert coders and other not in coders
    expect(an.locator("#p4 .hl")).to_have_count(0)
    assert {c.coder for c in project.codings.list(DOC)} == {"an", "bo"}

    owner.goto(f"{url}/rounds")
    with owner.expect_navigation(url=f"{url}/rounds/r1"):
        owner.get_by_role("button", name="Close and measure agreement").click()
    expect(owner.locator(".job-wait")).to_have_count(0, timeout=60_000)
    expect(owner.locator(".round-head .round-state")).to_have_text("closed")
    expect(owner.locator(".rl-summary")).to_contain_text("units compared")
    axe(owner, exclude=[".user"])  # the header role label (accounts)

    # the round is closed: an's open page shows bo's codings without reloading
    expect(an.locator("#p4 .hl")).not_to_have_count(0, timeout=10_000)

    reviewer = log_in(browser, url, "Rev", "/rounds/r1")
    expect(reviewer.locator(".job-wait")).to_have_count(0, timeout=60_000)
    rows = reviewer.locator("tr.disagreement")
    expect(rows).not_to_have_count(0)
    for i in range(rows.count()):
        rows.nth(i).locator("button[data-choice='b']").click()
    with reviewer.expect_response("**/api/rounds/r1/reconcile") as answer:
        reviewer.get_by_role("button", name="Save the master coding").click()
    assert answer.value.status == 200
    expect(reviewer.locator("#rc-result")).not_to_be_empty()
    master = project.codings.list(DOC, coders=["master"])
    assert {c.code for c in master} == {c.code for c in project.codings.list(DOC, coders=["bo"])}
    actions = [(e.actor, e.action) for e in project.journal.entries()]
    assert ("Ann", "round.open") in actions and ("Ann", "round.close") in actions
    assert ("Rev", "round.reconcile") in actions
    for page in (owner, an, bo, reviewer):
        assert page.errors == []
        page.context.close()
