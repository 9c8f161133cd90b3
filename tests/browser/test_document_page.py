"""The document page as a new user meets it: every coder's codings, the coder filter, the
legend and labelled stripes (on the demo); coding several codes at once, removing, changing
and undoing, memos on spans, recent-code keys and readable overlapping codings (on a small
synthetic study)."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DEMO_DOC = "FG eindgebruikers Gent 2021-06-21"  # coded by an and by bert
TEXT = (
    "[SYNTHETIC TEST TRANSCRIPT]\n"
    "Interviewer: Hoe verliep de eerste kennismaking?\n"
    "Deelnemer 1: Ik had veel stress om te komen, maar de begeleider luisterde.\n"
    "Deelnemer 2: De tolk hielp ons. Zonder tolk begrijp ik niets.\n"
    "Interviewer: En de taal?\n"
    "Deelnemer 1: Ik spreek nu beter Nederlands, ook op het werk.\n"
)
CODES = {"R-tolk": "#1d5fa8", "S-stress": "#b42318", "T-taal": "#17663a", "W-werk": "#6b3d00"}


def wait_ready(page: Any) -> None:
    page.wait_for_selector("#paras[data-ready]", state="attached")


def painted_ids(page: Any) -> set[int]:
    """The ids of every coding painted in the text."""
    return set(page.evaluate("""() => [...document.querySelectorAll('#paras .hl')]
        .flatMap(run => run.dataset.c.split(' ').map(Number))"""))


# On the demo --------------------------------------------------------------------------

def test_a_coded_demo_document_shows_every_coder_and_filters_on_request(
        demo_server: Any, page: Any, axe: Any, shoot: Any) -> None:
    codings = demo_server.project.codings.list(document=DEMO_DOC)
    by_coder = Counter(c.coder for c in codings)
    assert set(by_coder) == {"an", "bert"}
    demo_server.enter(page, f"/documents/{quote(DEMO_DOC)}")
    wait_ready(page)
    assert painted_ids(page) == {c.id for c in codings}  # both coders, on first open
    expect(page.locator("#coder-filter input[value=all]")).to_be_checked()
    expect(page.locator("#coder-list")).to_contain_text(f"an ({by_coder['an']})")
    expect(page.locator("#coder-list")).to_contain_text(f"bert ({by_coder['bert']})")
    expect(page.locator("#hidden-note")).to_have_text("")

    legend = page.locator("#legend-list button[data-code]")
    per_code = Counter(c.code for c in codings)
    assert legend.count() == len(per_code)
    shown = {b.get_attribute("data-code"): int(b.locator(".count").inner_text())
             for b in legend.all()}
    assert shown == dict(per_code)

    page.set_viewport_size({"width": 1360, "height": 1300})
    shoot(page, "document")
    page.set_viewport_size({"width": 1360, "height": 900})
    stripe = page.locator("#stripes .stripe").first
    coding = next(c for c in codings if c.id == int(stripe.get_attribute("data-id")))
    stripe.hover()
    expect(page.locator("#stripe-tip")).to_be_visible()
    expect(page.locator("#stripe-tip")).to_have_text(f"{coding.code} · {coding.coder}")
    axe(page)

    code = max(per_code, key=per_code.get)
    page.locator(f"#legend-list button[data-code='{code}']").click()
    expect(page.locator(f"#legend-list button[data-code='{code}']")).to_have_attribute(
        "aria-pressed", "true")
    lit = page.evaluate("""() => [...document.querySelectorAll('#paras .hl.lit')]
        .flatMap(run => run.dataset.c.split(' ').map(Number))""")
    assert {c.id for c in codings if c.code == code} <= set(lit)
    assert page.locator("#paras.spotlight").count() == 1

    page.get_by_label("Only mine (an)").check()
    mine = {c.id for c in codings if c.coder == "an"}
    expect(page.locator("#hidden-note")).to_contain_text(f"{by_coder['bert']} coding(s)")
    assert painted_ids(page) == mine
    assert "view=mine" in page.url
    page.reload()
    wait_ready(page)
    assert painted_ids(page) == mine  # the choice is in the address, kept on reload
    page.locator("#coder-list input[value=bert]").check()
    assert painted_ids(page) == {c.id for c in codings}


# On a small synthetic study ------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def study(server: Any) -> None:
    p = server.project
    for name, colour in CODES.items():
        p.codebook.add(name, category="Test")
        p.codebook.edit(name, colour=colour)


def open_new(server: Any, page: Any, name: str) -> None:
    server.project.documents.add(name, TEXT, case="OCMW Gent")
    server.enter(page, f"/documents/{quote(name)}")
    wait_ready(page)


def calls(page: Any) -> list[str]:
    found: list[str] = []
    page.on("request", lambda r: found.append(f"{r.method} {r.url.split('/api/')[1]}")
            if "/api/" in r.url and r.method != "GET" else None)
    return found


def test_apply_two_codes_at_once_remove_undo_change_and_undo(server: Any, page: Any,
                                                            axe: Any) -> None:
    open_new(server, page, "Doc samen")
    made = calls(page)
    page.locator("#p4 .pnum").click()
    for code in ("R-tolk", "S-stress"):
        page.locator(f"#code-list li[data-code='{code}'] .box").click()
    with page.expect_response("**/api/codings"):
        page.get_by_role("button", name="Apply 2 checked code(s)").click()
    listed = server.project.codings.list(document="Doc samen")
    assert sorted(c.code for c in listed) == ["R-tolk", "S-stress"]
    assert made == ["POST codings"]  # one action, one call

    page.locator("#p4 .hl").first.click()
    expect(page.locator("#popover")).to_contain_text("by an")
    axe(page)
    with page.expect_response("**/api/codings/remove"):
        page.get_by_role("button", name="Remove all 2 here").click()
    assert server.project.codings.list(document="Doc samen") == []
    expect(page.locator("#p4 .hl")).to_have_count(0)

    with page.expect_response("**/api/codings/restore"):
        page.get_by_role("button", name="Undo").click()
    back = server.project.codings.list(document="Doc samen")
    assert sorted((c.code, c.coder, c.start, c.end) for c in back) == \
        sorted((c.code, c.coder, c.start, c.end) for c in listed)
    expect(page.locator("#p4 .hl")).not_to_have_count(0)

    page.locator("#p4 .hl").first.click()
    row = page.locator("#popover .pop-coding").filter(
        has=page.locator("strong", has_text="R-tolk"))
    row.get_by_label("Change to another code").select_option("T-taal")
    with page.expect_response(lambda r: r.url.endswith("/code")):
        row.get_by_role("button", name="Change code").click()
    assert sorted(c.code for c in server.project.codings.list(document="Doc samen")) == \
        ["S-stress", "T-taal"]
    expect(page.locator("#legend-list button[data-code='T-taal']")).to_be_visible()
    page.locator("#doc").focus()
    with page.expect_response(lambda r: r.url.endswith("/code")):
        page.keyboard.press("Control+z")
    assert sorted(c.code for c in server.project.codings.list(document="Doc samen")) == \
        ["R-tolk", "S-stress"]
    with page.expect_response("**/api/codings/remove"):
        page.keyboard.press("u")  # undo the first apply (its codings were restored since)
    assert server.project.codings.list(document="Doc samen") == []
    recoded = next(c.id for c in back if c.code == "R-tolk")
    assert made == ["POST codings", "POST codings/remove", "POST codings/restore",
                    f"POST codings/{recoded}/code", f"POST codings/{recoded}/code",
                    "POST codings/remove"]  # every action and every undo: one call


def test_a_memo_on_a_span_is_anchored_editable_and_deletable(server: Any, page: Any,
                                                             axe: Any) -> None:
    open_new(server, page, "Doc memo")
    page.locator("#p3 .pnum").click()
    page.keyboard.press("m")
    expect(page.locator("#memo-form textarea")).to_be_focused()
    expect(page.locator("#memo-form input[name=on_selection]")).to_be_checked()
    page.keyboard.type("Stress bij aankomst.")
    with page.expect_response("**/api/memos"):
        page.get_by_role("button", name="Add memo").click()
    [memo] = server.project.memos.list(document="Doc memo")
    assert TEXT[memo.start:memo.end].startswith("Deelnemer 1: Ik had veel stress")
    assert memo.author == "an"
    expect(page.locator("#p3 .memo-mark")).to_be_visible()
    item = page.locator(f"#memo-{memo.id}")
    expect(item).to_contain_text("Go to paragraph 3")

    item.get_by_role("button", name="Edit").click()
    axe(page)
    item.get_by_label("Memo").fill("Stress bij aankomst, later minder.")
    with page.expect_response(f"**/api/memos/{memo.id}"):
        item.get_by_role("button", name="Save").click()
    expect(item).to_contain_text("later minder")
    assert server.project.memos.get(memo.id).text == "Stress bij aankomst, later minder."

    item.get_by_role("button", name="Delete").click()
    with page.expect_response(f"**/api/memos/{memo.id}"):
        page.locator("dialog.confirm").get_by_role("button", name="Delete").click()
    assert server.project.memos.list(document="Doc memo") == []
    expect(page.locator("#p3 .memo-mark")).to_have_count(0)


def test_number_keys_apply_the_recent_codes(server: Any, page: Any) -> None:
    open_new(server, page, "Doc nummers")
    page.evaluate("localStorage.clear()")
    for paragraph, code in ((2, "T-taal"), (3, "S-stress")):
        page.locator(f"#p{paragraph} .pnum").click()
        with page.expect_response("**/api/codings"):
            page.locator(f"#code-list li[data-code='{code}']").click()
    expect(page.locator("#recent-codes button")).to_have_text(["1S-stress", "2T-taal"])
    page.locator("#doc").focus()
    page.keyboard.press("j")  # paragraph 4
    with page.expect_response("**/api/codings"):
        page.keyboard.press("2")
    expect(page.locator("#p4 .hl")).not_to_have_count(0)
    expect(page.locator("#recent-codes button").first).to_have_text("1T-taal")
    page.keyboard.press("j")  # paragraph 5
    with page.expect_response("**/api/codings"):
        page.keyboard.press("1")
    expect(page.locator("#p5 .hl")).not_to_have_count(0)
    paragraphs = server.project.documents.paragraphs("Doc nummers")
    spans = {(c.code, c.start) for c in server.project.codings.list(document="Doc nummers")}
    assert ("T-taal", paragraphs[3].start) in spans  # key 2 on paragraph 4
    assert ("T-taal", paragraphs[4].start) in spans  # key 1: T-taal is now the newest
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    expect(page.locator("#help")).to_contain_text("Apply a recent code")


def test_overlapping_codings_keep_every_word_readable(server: Any, page: Any, axe: Any) -> None:
    name = "Doc lagen"
    server.project.documents.add(name, TEXT, case="OCMW Gent")
    start = TEXT.index("Ik had veel stress")
    for i, code in enumerate(CODES):  # four nested spans over the same words
        server.project.codings.apply(name, code, "an", start=start + i * 3,
                                     end=start + 40 - i * 3)
    server.project.codings.apply(name, "R-tolk", "bert", paragraph=3)
    server.enter(page, f"/documents/{quote(name)}")
    wait_ready(page)
    runs = page.evaluate("""() => [...document.querySelectorAll('#paras .hl')].map(run => {
        const s = getComputedStyle(run);
        return {text: run.textContent, decoration: s.textDecorationLine, color: s.color,
                background: s.backgroundColor, layers: run.dataset.c.split(' ').length};
    })""")
    assert max(r["layers"] for r in runs) == 5
    assert all("line-through" not in r["decoration"] for r in runs)
    assert {r["color"] for r in runs} == {"rgb(31, 35, 40)"}  # the ink, never changed
    for r in runs:
        assert contrast(r["color"], r["background"]) >= 7, r
    axe(page)
    result = page.evaluate("""async () => {
        const r = await axe.run('#paras', {runOnly: ['color-contrast']});
        return {violations: r.violations.length, incomplete: r.incomplete.flatMap(
            v => v.nodes.map(n => n.target.join(' '))), passes: r.passes.flatMap(
            v => v.nodes.length)};
    }""")
    assert result["violations"] == 0 and sum(result["passes"]) > 0, result


def contrast(fg: str, bg: str) -> float:
    def channels(text: str) -> list[float]:
        return [float(v) for v in text[text.index("(") + 1:-1].split(",")[:3]]

    def luminance(rgb: list[float]) -> float:
        lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
               for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted([luminance(channels(fg)), luminance(channels(bg))], reverse=True)
    return (a + 0.05) / (b + 0.05)
