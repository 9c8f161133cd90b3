"""In chromium: hints from the code definitions on the suggestions page (a background job,
then a table clearly labelled as hints, with their measured agreement), and revealing the
originals on the privacy page with the key file (a POST; never in the URL; a wrong key says
so). axe on both. Synthetic texts; a tiny project so the real embedder is quick."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.hints_reveal_corpus import CODES, DOCS, PRIVATE

pytestmark = pytest.mark.browser


def test_hints_from_the_code_definitions(server: Any, page: Any, axe: Any,
                                         shoot: Any) -> None:
    p = server.project
    for name, text in DOCS.items():
        p.documents.add(name, text)
    for name, definition in CODES.items():
        p.codebook.add(name, definition=definition)
    units = p.documents.paragraphs("Gesprek A")[1:]
    for unit, code in zip(units, CODES, strict=True):
        p.codings.apply("Gesprek A", code, "an", start=unit.start, end=unit.end)
    expected = p.suggestions.hints("Gesprek B", coder="an")
    assert expected.hints and expected.report is not None

    server.enter(page, "/suggestions")
    panel = page.locator("section.sg-hints")
    expect(panel.locator("h2")).to_have_text("Hints from code definitions")
    page.select_option("#sg-hints-form select[name=document]", "Gesprek B")
    page.select_option("#sg-hints-form select[name=coder]", "an")
    page.click("#sg-hints-start")
    table = page.locator("#sg-hints-table")
    expect(table).to_be_visible(timeout=120_000)
    expect(table.locator("caption")).to_contain_text("not learnt from any coder")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(expected.hints))
    numbers = {u.start: u.index for u in p.documents.paragraphs("Gesprek B")}
    first = expected.hints[0]
    expect(rows.first.locator("td").nth(0)).to_have_text(str(numbers[first.start]))
    expect(rows.first.locator("td").nth(2)).to_have_text(first.code)
    expect(rows.first.locator("td").nth(3)).to_have_text(f"{first.similarity:.3f}")
    expect(page.locator("#sg-hints-agreement")).to_contain_text(
        "against an (nothing learnt from any coder): pooled kappa")
    expect(page.locator("#sg-hints-agreement")).to_contain_text(
        f"{len(expected.report.enabled)} of 3 codes reach")
    axe(page)
    shoot(page, "suggestion-hints", full_page=True)


def test_reveal_the_originals_with_the_key(server: Any, page: Any, axe: Any, shoot: Any,
                                           tmp_path: Path) -> None:
    p = server.project
    p.documents.add("Privé", PRIVATE)
    p.privacy.add_text("Privé", "Janssens", "person")
    p.privacy.add_text("Privé", "Wondelgem", "place")
    p.privacy.decide_text("Janssens", "accept")
    p.privacy.decide_text("Wondelgem", "accept")
    key = tmp_path / "reveal.key"
    p.privacy.apply(key)
    labels = {e.text: e.label for e in p.privacy.reveal(key)}

    server.enter(page, "/privacy")
    section = page.locator("section[aria-labelledby=pv-reveal-title]")
    expect(section).to_contain_text("The originals are shown on this screen")
    table = page.locator("#pv-reveal-table")
    expect(table).to_be_hidden()
    page.fill("#pv-reveal input[name=key_file]", str(key))
    page.locator("#pv-reveal button", has_text="Reveal the originals").click()
    expect(table.locator("tbody tr")).to_have_count(2)
    row = table.locator("tbody tr", has_text="Janssens")
    expect(row.locator("td").nth(0)).to_have_text(labels["Janssens"])
    expect(row.locator("td").nth(2)).to_have_text("Privé")
    expect(page.locator("#pv-reveal-status")).to_have_text("2 original(s) shown on screen.")
    assert "reveal.key" not in page.url and "Janssens" not in page.url
    axe(page)
    shoot(page, "privacy-reveal", full_page=True)
    page.click("#pv-reveal-hide")
    expect(table).to_be_hidden()
    expect(page.locator("#pv-reveal-table tbody tr")).to_have_count(0)

    other = tmp_path / "other.key"
    other.write_bytes(b"0" * 43 + b"=\n")
    page.fill("#pv-reveal input[name=key_file]", str(other))
    page.locator("#pv-reveal button", has_text="Reveal the originals").click()
    expect(page.locator("#pv-reveal-status")).to_have_text(
        f"The key in {other} is not the key this project was pseudonymised with.")
    expect(table).to_be_hidden()
