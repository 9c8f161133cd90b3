"""Two people in two browsers on one team project (SQLite and PostgreSQL): the owner and a
reader log in; the reader sees the owner's coding but no coding controls, and the server
refuses a coding from them (403); the owner codes as themselves; both log out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

import stemmen

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("quick_passwords")]
PASSWORD = "browser-team-pass"
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\n"
        "Interviewer: Hoe ging het met de tolk?\n"
        "Deelnemer 1: De tolk hielp ons. Zonder tolk begrijp ik niets.\n"
        "Interviewer: Dank u.\n")


@pytest.fixture
def team_server(database: str, serve: Any) -> Iterator[tuple[str, stemmen.Project]]:
    with stemmen.create_project(database, actor="setup") as project:
        project.codebook.add("R-tolk")
        project.documents.add("FG Team", TEXT)
        project.users.add("Ann", "owner", PASSWORD)
        project.users.add("Rita", "reader", PASSWORD)
    uv, thread, url, _token = serve(database)
    project = stemmen.open_project(database, actor="check")
    yield url, project
    project.close()
    uv.should_exit = True
    thread.join(timeout=5)


def log_in(browser: Any, url: str, name: str) -> Any:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(8000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{url}/documents/FG%20Team")
    expect(page).to_have_url(f"{url}/login?next=%2Fdocuments%2FFG%2520Team")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{url}/documents/FG%20Team")
    expect(page.locator("#user-name")).to_have_text(name)
    page.errors = errors
    return page


def test_an_owner_codes_and_a_reader_only_reads(browser: Any, team_server: Any,
                                                axe: Any) -> None:
    url, project = team_server
    anonymous = browser.new_context().new_page()
    anonymous.goto(f"{url}/")
    expect(anonymous).to_have_url(f"{url}/login")
    axe(anonymous)
    anonymous.get_by_label("Name").fill("Ann")
    anonymous.get_by_label("Password").fill("not the password")
    anonymous.get_by_role("button", name="Log in").click()
    expect(anonymous.get_by_role("alert")).to_contain_text("Wrong name or password")
    anonymous.context.close()

    owner = log_in(browser, url, "Ann")
    owner.locator("#p2 .pnum").click()
    with owner.expect_response("**/api/codings") as answer:
        owner.locator("#code-list li[data-code='R-tolk']").click()
    assert answer.value.status == 200
    expect(owner.locator("#p2 .hl")).not_to_have_count(0)
    assert [(c.code, c.coder) for c in project.codings.list()] == [("R-tolk", "Ann")]

    reader = log_in(browser, url, "Rita")
    expect(reader.locator("#p2 .hl")).not_to_have_count(0)  # sees the owner's coding
    expect(reader.locator(".picker")).to_be_hidden()
    expect(reader.locator("#memo-form")).to_be_hidden()
    csrf = reader.locator("meta[name=csrf-token]").get_attribute("content")
    refused = reader.request.post(f"{url}/api/codings", headers={"X-CSRF-Token": csrf},
                                  data={"document": "FG Team", "codes": ["R-tolk"],
                                        "paragraph": 3})
    assert refused.status == 403
    assert len(project.codings.list()) == 1

    for page in (owner, reader):
        page.get_by_role("button", name="Log out").click()
        expect(page).to_have_url(f"{url}/login")
        page.goto(f"{url}/")
        expect(page).to_have_url(f"{url}/login")
        assert page.errors == []
        page.context.close()
    actions = [(e.actor, e.action) for e in project.journal.entries()]
    assert ("Ann", "coding.apply") in actions
    assert ("Rita", "user.logout") in actions and ("Ann", "user.logout") in actions
