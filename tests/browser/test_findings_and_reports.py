"""The findings and reports pages on the demo: a finding backed by retrieved segments, and
reports made in the browser that are the project API's own files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CASES = ["OCMW Antwerpen", "OCMW Gent"]  # in the order the page lists them


def test_a_finding_gets_evidence_from_retrieved_segments_and_shows_its_strength(
        demo_server: Any, page: Any, axe: Any, shoot: Any) -> None:
    p = demo_server.project
    demo_server.enter(page, "/findings")
    expect(page.locator(".finding-group h2").first).to_have_text("OCMW Antwerpen")
    page.locator("#new-finding summary").click()
    form = page.locator("#add-form")
    form.get_by_label("Statement").fill("Tolken maken het onthaal mogelijk")
    form.get_by_label("Kind").select_option("good_practice")
    form.get_by_label("Case").select_option("OCMW Gent")
    form.get_by_label("Level").fill("OCMW")
    form.get_by_role("button", name="Add finding").click()

    detail = page.locator("#detail")
    expect(detail).to_be_visible()
    expect(page.locator("#strength dd[data-key=segments]")).to_have_text("0")
    expect(page.locator("#flags")).to_contain_text("No evidence is linked to this finding.")
    group = page.locator(".finding-group", has=page.locator("h2", has_text="OCMW Gent"))
    expect(group.locator("h3", has_text="Level: OCMW")).to_have_count(1)
    statement = group.locator(".statement", has_text="Tolken maken het onthaal mogelijk")
    expect(statement).to_have_count(1)

    finder = page.locator("#find-form")
    finder.locator("select[name=code]").select_option("R-tolk")
    expect(finder.locator("select[name=case] option:checked")).to_have_text("OCMW Gent")
    finder.get_by_role("button", name="Retrieve").click()
    candidates = page.locator("#candidates li")
    expect(candidates.first).to_be_visible()
    assert candidates.count() >= 2
    expect(candidates.first.locator(".seg-head strong")).to_have_text("R-tolk")
    chosen = [int(candidates.nth(i).get_attribute("data-coding") or 0) for i in (0, 1)]
    for i in (0, 1):
        candidates.nth(i).get_by_role("checkbox").check()
    page.get_by_role("button", name="Add chosen as evidence").click()

    expect(page.locator("#evidence li.segment")).to_have_count(2)
    finding = next(f for f in p.findings.list() if f.statement.startswith("Tolken maken"))
    assert sorted(finding.evidence) == sorted(chosen)
    s = finding.strength
    for key, value in (("segments", s.segments), ("interviews", s.interviews),
                       ("roles", len(s.roles)), ("cases", len(s.cases)),
                       ("waves", len(s.waves))):
        expect(page.locator(f"#strength dd[data-key={key}]")).to_have_text(str(value))
    assert s.cases == ["OCMW Gent"] and s.segments == 2
    expect(candidates.nth(0).get_by_role("checkbox")).to_be_disabled()
    item = page.locator(f".finding-item[data-id='{finding.id}']")
    expect(item).to_contain_text(f"{s.interviews} interviews · {len(s.roles)} roles")

    page.locator("#evidence li.segment").first.get_by_role(
        "button", name="Quote in the report").click()
    expect(page.locator("#evidence li.chosen")).to_have_count(1)
    assert [q.coding_id for q in p.quotes.list(finding=finding.id)] == [min(chosen)]
    axe(page)
    shoot(page, "findings")


def _choose_report(page: Any, fmt_label: str) -> None:
    page.get_by_label("Nederlands").check()
    page.get_by_label("Chosen cases").check()
    for case in CASES:
        page.locator("#case-list").get_by_label(case).check()
    page.get_by_label(fmt_label).check()


def test_reports_page_makes_a_dutch_docx_of_two_cases_and_the_api_markdown(
        demo_server: Any, page: Any, axe: Any, shoot: Any) -> None:
    p = demo_server.project
    page.set_default_timeout(60_000)
    demo_server.enter(page, "/reports")
    axe(page)
    _choose_report(page, "Word (DOCX)")
    with page.expect_download() as got:
        page.get_by_role("button", name="Make the report").click()
    expect(page.locator("#report-progress")).to_be_visible()
    expect(page.locator("#report-status")).to_contain_text("Ready:")
    bar = page.locator("#report-bar")
    assert bar.get_attribute("value") == bar.get_attribute("max") == "3"  # two parts, render
    download = got.value
    assert download.suggested_filename.endswith("-ocmw-antwerpen-ocmw-gent-nl.docx")
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    headings = [par.text for par in document.paragraphs if par.style.name == "Heading 1"]
    assert headings == [*CASES, "Bijlage 2: Codeboek"]
    text = "\n".join(par.text for par in document.paragraphs)
    assert "Methode" in text and "Rapport over OCMW Antwerpen, OCMW Gent" in text

    _choose_report(page, "Markdown (zip with figures)")
    with page.expect_download() as got:
        page.get_by_role("button", name="Make the report").click()
    made = Path(got.value.path()).read_bytes()
    expected = p.reports.download(p.reports.prepare(CASES, lang="nl"), "md")
    assert got.value.suggested_filename == expected.filename
    assert made == expected.data
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        markdown = next(n for n in archive.namelist() if n.endswith(".md"))
        assert "\n## OCMW Gent\n" in archive.read(markdown).decode("utf-8")

    page.get_by_role("button", name="Preview (HTML)").click()
    frame = page.frame_locator("#preview-frame")
    expect(frame.locator("h1")).to_be_visible()
    expect(frame.locator("h2").first).to_have_text("OCMW Antwerpen")
    axe(page, exclude=["#preview-frame"])
    shoot(page, "report")
