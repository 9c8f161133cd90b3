"""French interface (server and script strings) and hostile text that must run nothing."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOSTILE = ['<script>alert("script")</script>', '<img src=x onerror="alert(1)">',
           '<a href="javascript:alert(2)">klik</a>']


def test_switch_the_interface_to_french_and_it_is_remembered(server: Any, page: Any) -> None:
    server.project.documents.add("Doc taal", "Interviewer: Bonjour.\nDeelnemer: Salut.")
    server.enter(page, "/")
    with page.expect_navigation():
        page.locator("#lang-select").select_option("fr")
    expect(page.locator("nav").get_by_role("link", name="Livre de codes")).to_be_visible()
    page.goto(f"{server.url}/documents/Doc%20taal")
    page.wait_for_selector("#paras[data-ready]", state="attached")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#selection-info").inner_text().startswith("Sélectionnez du texte")
    page.locator("#p1 .pnum").click()
    expect(page.locator("#selection-info")).to_have_text("Paragraphe 1 sélectionné.")


def test_hostile_text_renders_as_text_and_no_dialog_fires(server: Any, page: Any) -> None:
    p = server.project
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    text = "\n".join(f"Deelnemer {i}: {h}" for i, h in enumerate(HOSTILE, 1))
    p.documents.add("Vijandig", text, case=HOSTILE[2], attributes={"role": HOSTILE[1]})
    p.codebook.add(HOSTILE[0], category=HOSTILE[1], definition=HOSTILE[2])
    p.codings.apply("Vijandig", HOSTILE[0], "an", paragraph=1, last_paragraph=3)
    p.memos.add(HOSTILE[1], title=HOSTILE[0], document="Vijandig")
    server.enter(page, "/documents/Vijandig")
    page.wait_for_selector("#paras[data-ready]", state="attached")
    assert page.locator("#p1 .ptext").inner_text() == f"Deelnemer 1: {HOSTILE[0]}"
    assert page.locator("#p2 img").count() == 0 and page.locator("#paras a").count() == 0
    page.locator("#p1 .hl").first.click()
    expect(page.locator("#popover")).to_contain_text(HOSTILE[0])
    page.keyboard.press("Escape")
    assert HOSTILE[1] in page.locator("#memo-list").inner_text()
    page.locator("#code-filter").fill("script")
    expect(page.locator("#code-list")).to_contain_text(HOSTILE[0])
    for path in ("/", "/codebook", "/retrieve?code=" + HOSTILE[0].replace("<", "%3C"),
                 "/search?q=onerror"):
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        assert page.locator("img[src=x]").count() == 0
        assert page.locator("a[href^='javascript:']").count() == 0
    assert HOSTILE[1] in page.locator("main").inner_text()
    page.wait_for_timeout(200)
    assert dialogs == []
