"""Coding in the document view: mouse, keyboard, reload, remove."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

TEXT = (
    "[SYNTHETIC TEST TRANSCRIPT]\n"
    "Interviewer: Hoe verliep 😀 de eerste kennismaking?\n"
    "Deelnemer 1: Ik had veel stress om te komen, maar de begeleider luisterde.\n"
    "Deelnemer 2: De tolk hielp ons. Zonder tolk begrijp ik niets.\n"
    "Interviewer: En de taal?\n"
    "Deelnemer 1: Ik spreek nu beter Nederlands, ook op het werk.\n"
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def study(server: Any) -> None:
    p = server.project
    p.codebook.add("R-tolk", category="Randvoorwaarden", definition="Een tolk helpt.")
    p.codebook.add("S-stress", category="Sociaal")
    p.codebook.add("T-taal", category="Taal")


def add_document(server: Any, name: str) -> str:
    server.project.documents.add(name, TEXT, case="OCMW Gent", attributes={"role": "Eindgebruiker"})
    return name.replace(" ", "%20")


def wait_ready(page: Any) -> None:
    page.wait_for_selector("#paras[data-ready]", state="attached")


def test_select_text_after_an_emoji_apply_a_code_and_see_it_after_reload(
        server: Any, page: Any) -> None:
    path = add_document(server, "Doc muis")
    server.enter(page, f"/documents/{path}")
    wait_ready(page)
    page.locator("#p2 .ptext").get_by_text("kennismaking", exact=False).first.wait_for()
    word = page.evaluate("""() => {
        const body = document.querySelector('#p2 .ptext');
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.data.indexOf('kennismaking');
            if (i >= 0) {
                const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 12);
                const b = r.getBoundingClientRect();
                return {x: b.x, y: b.y, w: b.width, h: b.height};
            }
        }
    }""")
    page.mouse.move(word["x"] + 1, word["y"] + word["h"] / 2)
    page.mouse.down()
    page.mouse.move(word["x"] + word["w"] - 1, word["y"] + word["h"] / 2, steps=5)
    page.mouse.up()
    expect(page.locator("#selection-info")).to_contain_text("12 characters selected")
    with page.expect_response("**/api/codings") as answer:
        page.locator("#code-list li.code-option[data-code='T-taal']").click()
    assert answer.value.ok
    coding = server.project.codings.list(document="Doc muis")[0]
    assert TEXT[coding.start:coding.end] == "kennismaking"  # code points, after the emoji
    page.reload()
    wait_ready(page)
    expect(page.locator("#p2 .hl")).to_have_text(["kennismaking"])
    expect(page.locator("#stripes .stripe")).to_have_count(1)


def test_apply_a_code_to_a_paragraph_range_by_keyboard_and_undo(server: Any,
                                                                page: Any) -> None:
    path = add_document(server, "Doc toetsen")
    server.enter(page, f"/documents/{path}")
    wait_ready(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("Shift+J")
    expect(page.locator("#selection-info")).to_contain_text("Paragraphs 3–4 selected")
    page.keyboard.press("c")
    expect(page.locator("#code-filter")).to_be_focused()
    page.keyboard.type("stre")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    with page.expect_response("**/api/codings"):
        page.keyboard.press("Enter")
    page.wait_for_selector("#p4 .hl")
    coding = server.project.codings.list(document="Doc toetsen")[0]
    assert (coding.code, coding.coder) == ("S-stress", "an")
    assert TEXT[coding.start:coding.end].startswith("Deelnemer 1: Ik had veel stress")
    assert TEXT[coding.start:coding.end].endswith("begrijp ik niets.")
    page.keyboard.press("Escape")
    with page.expect_response(lambda r: r.request.method == "DELETE"):
        page.keyboard.press("u")
    page.wait_for_selector("#p4 .hl", state="detached")
    assert server.project.codings.list(document="Doc toetsen") == []


def test_click_a_coding_to_see_it_and_remove_it(server: Any, page: Any) -> None:
    path = add_document(server, "Doc weg")
    server.project.codings.apply("Doc weg", "R-tolk", "an", paragraph=4)
    server.project.codings.apply("Doc weg", "S-stress", "an", paragraph=4)
    server.enter(page, f"/documents/{path}")
    wait_ready(page)
    page.locator("#p4 .hl").first.click()
    popover = page.locator("#popover")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("R-tolk")
    expect(popover).to_contain_text("by an")
    with page.expect_response(lambda r: r.request.method == "DELETE"):
        row = popover.locator(".pop-coding").filter(has=page.locator("strong", has_text="R-tolk"))
        row.get_by_role("button", name="Remove").click()
    assert [c.code for c in server.project.codings.list(document="Doc weg")] == ["S-stress"]
    expect(page.locator("#stripes .stripe")).to_have_count(1)
    expect(popover).to_be_hidden()
