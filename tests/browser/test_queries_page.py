"""The queries page on the demo: the code x case matrix with the five OCMW cases as columns,
a cell's segments in the side panel, the heat map, CSV and XLSX downloads, saved queries."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CASES = ["OCMW Antwerpen", "OCMW Brussel", "OCMW Charleroi", "OCMW Gent", "OCMW Luik"]


def open_query(server: Any, page: Any, path: str) -> None:
    """Open a query page with its result (``enter`` waits out the background job)."""
    server.enter(page, path)


def test_the_matrix_shows_the_five_cases_and_a_cell_opens_its_segments(
        demo_server: Any, page: Any, axe: Any, shoot: Any) -> None:
    open_query(demo_server, page, "/queries")
    matrix = page.locator("table.matrix")
    headers = matrix.locator("thead th").all_inner_texts()
    assert headers[1:-1] == CASES and headers[-1] == "Total"
    cell = matrix.locator("button.cell-open[data-row='R-verwelkoming'][data-column='OCMW Gent']")
    value = int(cell.inner_text())
    assert value == demo_server.project.queries.matrix().cell("R-verwelkoming", "OCMW Gent") > 0
    cell.click()
    panel = page.locator("#cell-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("#cell-count")).to_have_text(f"{value} segment(s)")
    expect(panel.locator("li.segment")).to_have_count(value)
    first = panel.locator("li.segment").first
    expect(first.locator(".attribution")).to_contain_text("OCMW Gent")
    assert "/documents/" in first.locator("a.jump").get_attribute("href")
    axe(page)
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()

    toggle = page.locator(".heat-toggle").first
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(matrix).to_have_class(re.compile(r"\bheat\b"))
    expect(page.locator(".heat-legend")).to_be_visible()
    shaded = matrix.locator("td.h5").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert shaded == "rgb(27, 63, 99)"
    axe(page)  # the heat map keeps its text legible (colour contrast)
    shoot(page, "matrix")
    group = matrix.locator("button.group-toggle").first
    group.click()
    expect(group).to_have_attribute("aria-expanded", "false")
    expect(matrix.locator("tbody.group").first.locator("tr:not(.group-head)").first).to_be_hidden()
    toggle.click()
    expect(matrix).not_to_have_class(re.compile(r"\bheat\b"))


def test_downloads_hold_the_rows_on_screen(demo_server: Any, page: Any) -> None:
    open_query(demo_server, page, "/queries?kind=matrix&columns=role&count=documents")
    rows_on_screen = page.locator("table.matrix tbody tr:not(.group-head)").count()
    with page.expect_download() as got:
        page.get_by_role("link", name="Download CSV").click()
    text = got.value.path().read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["category", "code"] and len(table) == 1 + rows_on_screen + 1
    with page.expect_download() as got:
        page.get_by_role("link", name="Download XLSX").click()
    assert got.value.suggested_filename == "stemmen-matrix.xlsx"
    sheet = load_workbook(io.BytesIO(got.value.path().read_bytes())).active
    cells = [["" if v is None else str(v) for v in row]
             for row in sheet.iter_rows(values_only=True)]
    assert cells == table


def test_save_a_query_and_run_it_again_after_reload(demo_server: Any, page: Any,
                                                    axe: Any) -> None:
    open_query(demo_server, page, "/queries?kind=matrix")
    page.get_by_label("Columns").select_option("wave")
    page.get_by_label("Count").select_option("words")
    with page.expect_navigation():
        page.get_by_role("button", name="Run").click()
    expect(page.locator("table.matrix thead th")).to_have_text(["Code", "1", "2", "Total"])
    page.get_by_label("Save this query as").fill("Woorden per golf")
    with page.expect_navigation():
        page.get_by_role("button", name="Save query").click()
    expect(page.locator("#toast")).to_contain_text("Woorden per golf")
    saved = page.locator(".saved-list li[data-name='Woorden per golf']")
    expect(saved).to_be_visible()
    page.goto(f"{demo_server.url}/queries?kind=progress")
    page.reload()
    page.locator(".saved-list a", has_text="Woorden per golf").click()
    expect(page.locator("#results-title")).to_have_text("Saved query: Woorden per golf")
    expect(page.locator("table.matrix")).to_have_attribute("data-count", "words")
    expect(page.locator("table.matrix thead th")).to_have_text(["Code", "1", "2", "Total"])
    expected = demo_server.project.queries.matrix(columns="wave", count="words").total
    assert page.locator("table.matrix tfoot td").last.inner_text() == str(expected)
    axe(page)
    page.locator(".saved-list li[data-name='Woorden per golf'] .delete-saved").click()
    with page.expect_navigation():
        page.locator("dialog.confirm").get_by_role("button", name="Delete").click()
    expect(page.locator(".saved-list li[data-name='Woorden per golf']")).to_have_count(0)


@pytest.mark.parametrize("kind", ["cooccurrence", "progress", "waves", "sampling", "profiles",
                                  "interviews", "codebook", "search"])
def test_every_kind_of_query_renders_without_errors(demo_server: Any, page: Any, axe: Any,
                                                    kind: str) -> None:
    open_query(demo_server, page,
               f"/queries?kind={kind}" + ("&text=tolk" if kind == "search" else ""))
    expect(page.locator(".query-kinds a[aria-current='page']")).to_have_count(1)
    assert page.locator(".error-box").count() == 0
    if kind == "search":
        expect(page.locator("ol.hits li").first).to_contain_text("tolk")
    elif kind == "progress":
        assert page.locator("table.progress-table meter").count() == 62  # 31 documents x 2
    else:
        assert page.locator("table").count() >= 1
    axe(page)
