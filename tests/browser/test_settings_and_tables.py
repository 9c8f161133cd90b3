"""/settings (project settings, database status), agreement on an uploaded table of ratings
on the reliability page, the Settings and Log links in the header, and "Write as coder" on
the suggestions page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from suggest_corpus import NOISE, RARE, VOCABULARY, corpus

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
KRIPPENDORFF = ROOT / "docs" / "examples" / "krippendorff2011.csv"


def test_change_a_setting_and_reset_it(server: Any, page: Any, axe: Any, shoot: Any) -> None:
    server.enter(page, "/")
    header = page.locator("header.top")
    link = header.locator(".prefs a[href='/settings']")
    expect(link).to_be_visible()
    expect(header.locator(".prefs a[href='/log']")).to_be_visible()
    # tidy at 1360 px: the header's links stay on one line of the prefs area
    box, log = link.bounding_box(), header.locator(".prefs a[href='/log']").bounding_box()
    coder = header.locator("#coder-button").bounding_box()
    assert box and log and coder
    assert abs(box["y"] - log["y"]) < 4 and abs(box["y"] - coder["y"]) < 12
    link.click()
    expect(page.locator("h1")).to_have_text("Project settings")
    row = page.locator("tr[data-key='attribute.wave']")
    expect(row.locator(".ps-reset")).to_be_disabled()
    expect(page.locator("#ps-kind")).to_have_text("SQLite")
    expect(page.locator("#ps-revision")).to_have_text(server.project.store.revision() or "")
    axe(page)
    field = row.locator("input[name=value]")
    field.fill("ronde,  golf")
    field.press("Enter")
    expect(field).to_have_value("ronde, golf")
    expect(row).to_have_class("changed")
    expect(row.locator(".ps-state")).to_have_text("changed")
    assert server.project.settings.get("attribute.wave").value == "ronde, golf"
    shoot(page, "settings", full_page=True)
    row.locator(".ps-reset").click()
    expect(field).to_have_value("wave, golf, vague")
    expect(row.locator(".ps-reset")).to_be_disabled()
    assert server.project.settings.get("attribute.wave").is_default
    field.fill(" , ")
    field.press("Enter")
    expect(page.locator("#toast")).to_contain_text("at least one attribute name")
    assert server.project.settings.get("attribute.wave").is_default
    page.reload()
    expect(page.locator("tr[data-key='attribute.wave'] input")).to_have_value("wave, golf, vague")


def test_agreement_on_an_uploaded_table(server: Any, page: Any, axe: Any, shoot: Any) -> None:
    server.enter(page, "/reliability")
    section = page.locator("#rating-table")
    expect(section.locator("h2")).to_have_text("Agreement on a table of ratings")
    section.locator("input[type=file]").set_input_files(str(KRIPPENDORFF))
    section.locator("#rt-submit").click()
    table = section.locator("table.rt-coefficients")
    expect(table).to_be_visible()
    alpha = table.locator("tbody tr").first.locator("td[data-coefficient=krippendorff_alpha]")
    expect(alpha).to_have_text("0.743")
    expect(table.locator("caption")).to_contain_text("12 units, 4 coders")
    expect(table.locator("tbody tr")).to_have_count(6)  # all labels, then labels 1 to 5
    axe(page)
    shoot(page, "reliability-table")
    section.locator("select[name=level]").select_option("interval")
    section.locator("#rt-submit").click()
    expect(table.locator("caption")).to_contain_text("level interval")
    expect(alpha).not_to_have_text("0.743")
    section.locator("input[type=file]").set_input_files(
        files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": b"who,what\nx,y\n"}])
    section.locator("#rt-submit").click()
    expect(section.locator("[role=alert]")).to_contain_text("unit")
    expect(table).to_have_count(0)


def test_write_the_model_as_a_coder(server: Any, page: Any, axe: Any) -> None:
    p = server.project
    texts, codings = corpus(documents=8)
    for code in [*VOCABULARY, RARE, NOISE]:
        p.codebook.add(code)
    for name, text in texts.items():
        p.documents.add(name, text)
    for document, start, end, code in codings:
        p.codings.apply(document, code, "an", start=start, end=end)
    p.suggestions.train("an")
    server.enter(page, "/suggestions")
    form = page.locator("#sg-as-coder")
    expect(form.locator("input[name=name]")).to_have_value("model")
    axe(page)
    form.locator("button").click()
    page.locator("dialog.confirm button.danger").click()
    status = page.locator("#sg-as-coder-status")
    expect(status).to_contain_text("codings written for coder model", timeout=20_000)
    assert p.codings.list(coders=["model"])
    expect(status.locator("a[href='/reliability']")).to_be_visible()
