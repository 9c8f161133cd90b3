"""The reliability page on the demo with a third coder: pairs and all-together figures, NVivo's
figure, then reconciling an and bert with a, b, both and neither into a master coding."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GENT = "FG eindgebruikers Gent 2021-06-21"


def add_carla(project: Any) -> None:
    """Carla copies an's codings of the Gent focus group, swapping every fourth code."""
    ans = [c for c in project.codings.list(document=GENT) if c.coder == "an"]
    for i, coding in enumerate(ans):
        code = coding.code
        if i % 4 == 0:
            code = "R-tolk" if code != "R-tolk" else "M-tolken"
        project.codings.apply(GENT, code, "carla", start=coding.start, end=coding.end)


def codes_in(project: Any, coder: str, document: str, start: int, end: int) -> set[str]:
    return {c.code for c in project.codings.list(document=document)
            if c.coder == coder and c.start < end and start < c.end}


def test_three_coders_then_reconcile_two_into_a_master_coding(
        demo_server: Any, page: Any, axe: Any, shoot: Any) -> None:
    p = demo_server.project
    add_carla(p)

    demo_server.enter(page, "/reliability")
    expect(page.locator(".problem")).to_have_count(0)
    for c in ("an", "bert", "carla"):
        expect(page.locator(f"select[name=coder] option[value='{c}']")).to_have_attribute(
            "selected", "")
    expect(page.locator("table.pairs tbody tr")).to_have_count(3)
    expect(page.locator("table.pairs tr[data-pair='an+bert'] th")).to_have_text("an – bert")
    headline = page.locator("table.coefficients[data-view='code_sets']")
    expect(headline.locator("tr[data-coefficient='fleiss_kappa'] td.num")).to_have_text(
        re.compile(r"^0\.\d\d$"))
    expect(headline.locator("tr[data-coefficient='conger_kappa']")).to_have_count(1)
    expect(page.locator(".rc-bar")).to_have_count(0)  # three coders: choose a pair first
    axe(page)

    page.locator("select[name=method]").select_option("nvivo")
    with page.expect_navigation():
        page.get_by_role("button", name="Compare").click()
    expect(page.locator("table.nvivo")).to_have_count(3)
    expect(page.locator(".rl-nvivo .explain")).to_contain_text("NVivo's coding comparison")

    with page.expect_navigation():
        page.locator("table.pairs tr[data-pair='an+bert'] a").click()
    rows = page.locator("tr.disagreement")
    expect(rows).to_have_count(12)  # the demo's twelve differing paragraphs
    progress = page.locator("#rc-progress")
    expect(progress).to_have_text("0 of 12 decided")
    save = page.get_by_role("button", name="Save the master coding")
    expect(save).to_be_disabled()
    axe(page)
    shoot(page, "reliability")

    rows.first.focus()
    for key in ("a", "b", "2", "n"):  # each key decides the focused row and moves on
        page.keyboard.press(key)
    expect(progress).to_have_text("4 of 12 decided")
    expect(rows.nth(0).locator("button[data-choice='a']")).to_have_attribute(
        "aria-pressed", "true")
    expect(rows.nth(2).locator("button[data-choice='both']")).to_have_attribute(
        "aria-pressed", "true")
    expect(page.locator("tr.disagreement:focus")).to_have_attribute(
        "data-unit", rows.nth(4).get_attribute("data-unit"))
    for i in range(4, 12):
        rows.nth(i).locator("button[data-choice='a']").click()
    expect(progress).to_have_text("12 of 12 decided")
    save.click()
    expect(page.locator("#rc-result")).to_have_text(
        re.compile(r"^Wrote \d+ master coding\(s\) as master\.$"))

    chosen = []
    for i, choice in enumerate(("a", "b", "both", "neither")):
        row = rows.nth(i)
        document, unit = row.get_attribute("data-document"), int(row.get_attribute("data-unit"))
        paragraph = p.documents.paragraphs(document)[unit - 1]
        assert paragraph.index == unit
        an, bert, master = (codes_in(p, c, document, paragraph.start, paragraph.end)
                            for c in ("an", "bert", "master"))
        expected = {"a": an, "b": bert, "both": an | bert, "neither": an & bert}[choice]
        assert master == expected, (choice, an, bert, master)
        chosen.append(choice)
    assert chosen == ["a", "b", "both", "neither"]
    entry = [e for e in p.journal.entries() if e.action == "reliability.reconcile"][-1]
    assert entry.details["master"] == "master" and len(entry.details["decisions"]) == 12
    assert {d["choice"] for d in entry.details["decisions"]} == {"a", "b", "both", "neither"}
