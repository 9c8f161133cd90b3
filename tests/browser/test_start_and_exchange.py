"""The start page (no project open: create one, then build the demo) and the exchange page (the
demo exported as .qdpx, downloaded, and imported into a new project with the same counts)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLOW = 60_000  # ms: building the demo or importing it on a busy two-core machine


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private config folder (recent projects) for the servers of this module."""
    folder = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STEMMEN_HOME", str(folder))
        yield folder


@pytest.fixture(scope="module")
def start_page(home: Path, serve: Any) -> Iterator[tuple[str, str, Any]]:
    """A server started without a project (``stemmen serve`` alone): URL, token, app."""
    server, thread, url, token = serve(None)
    yield url, token, server.config.app
    server.should_exit = True
    thread.join(timeout=5)


def test_the_start_page_creates_a_project_then_builds_and_opens_the_demo(
        start_page: tuple[str, str, Any], page: Any, tmp_path: Path, axe: Any,
        shoot: Any) -> None:
    url, token, app = start_page
    page.goto(f"{url}/codebook?token={token}")
    expect(page).to_have_url(f"{url}/start")  # no project open: every page leads here
    expect(page.get_by_role("heading", name="Projects", level=1)).to_be_visible()
    expect(page.locator("header nav")).to_be_hidden()
    axe(page)

    page.get_by_label("Folder", exact=True).fill(str(tmp_path / "studies"))
    page.get_by_label("Project name").fill("amif42")
    page.get_by_role("button", name="Create project").click()
    expect(page).to_have_url(f"{url}/")
    expect(page.locator("header .project")).to_have_text("amif42")
    assert (tmp_path / "studies" / "amif42.stemmen").is_file()

    page.get_by_role("link", name="Projects").click()
    expect(page).to_have_url(f"{url}/start")
    expect(page.locator(".current-project")).to_have_text(
        str(tmp_path / "studies" / "amif42.stemmen"))
    expect(page.locator(".recent-item .recent-name")).to_have_text(["amif42"])
    expect(page.locator("#new-url")).to_be_hidden()
    page.get_by_label("A PostgreSQL database (for a team)").check()
    expect(page.locator("#new-url")).to_be_visible()
    expect(page.locator("#new-folder")).to_be_hidden()
    page.get_by_label("A file on this computer").check()
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "start")
    page.get_by_label("Folder for the demo").fill(str(tmp_path / "demo"))
    page.get_by_role("button", name="Build the demo").click()
    expect(page.locator("#demo-job")).to_be_visible()
    expect(page).to_have_url(f"{url}/", timeout=SLOW)
    expect(page.locator("header .project")).to_have_text("amif42-demo")
    expect(page.locator(".totals li").first).to_have_text("31 documents")
    expect(page.locator("article.case h3")).to_have_count(5)
    assert app.state.project.url.endswith("amif42-demo.stemmen")

    page.get_by_role("link", name="Projects").click()
    expect(page.locator(".recent-item .recent-name")).to_have_text(["amif42-demo", "amif42"])
    page.locator(".recent-item", has_text="amif42.stemmen").get_by_role(
        "button", name="Open amif42", exact=True).click()
    expect(page.locator("header .project")).to_have_text("amif42")


def test_the_start_page_shows_why_a_project_cannot_be_opened(
        start_page: tuple[str, str, Any], page: Any, tmp_path: Path) -> None:
    url, token, _app = start_page
    page.goto(f"{url}/start?token={token}")
    page.get_by_label("Project file or database URL").fill(str(tmp_path / "nowhere.stemmen"))
    page.get_by_role("button", name="Open", exact=True).click()
    expect(page.locator("#start-error")).to_contain_text("No project at")
    expect(page).to_have_url(f"{url}/start")


def test_the_demo_exported_as_qdpx_imports_into_a_new_project_with_the_same_counts(
        demo_server: Any, page: Any, tmp_path: Path, axe: Any, shoot: Any, home: Path) -> None:
    original = demo_server.project.workspace.overview()["totals"]
    demo_server.enter(page, "/exchange")
    expect(page.get_by_role("heading", name="Exchange", level=1)).to_be_visible()
    axe(page)

    with page.expect_download(timeout=SLOW) as waiting:
        page.get_by_role("button", name="Download project (.qdpx)").click()
    download = waiting.value
    assert download.suggested_filename == "amif42-demo.qdpx"
    saved = tmp_path / "amif42-demo.qdpx"
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert "project.qde" in archive.namelist()
    expect(page.locator("#export-status")).to_contain_text("Ready: amif42-demo.qdpx.")

    with page.expect_download() as codebook:
        page.get_by_role("link", name="Download codebook (.qdc)").click()
    assert codebook.value.suggested_filename == "amif42-demo.qdc"

    page.get_by_label("REFI-QDA file").set_input_files(str(saved))
    expect(page.get_by_label("Name of the new project")).to_have_value("amif42-demo")
    page.get_by_label("Folder of the new project").fill(str(tmp_path / "copies"))
    page.get_by_label("Name of the new project").fill("roundtrip")
    page.get_by_role("button", name="Import", exact=True).click()
    result = page.locator("#import-result")
    expect(result).to_be_visible(timeout=SLOW)
    shown = {kind: int(result.locator(f"#result-written li[data-kind={kind}] .count")
                       .inner_text())
             for kind in ("documents", "codes", "codings", "cases")}
    assert shown == {k: original[k] for k in ("documents", "codes", "codings", "cases")}
    assert shown["documents"] == 31 and shown["cases"] == 5
    codings = result.locator("#result-kinds tr[data-kind=codings] td")
    expect(codings).to_have_text([str(original["codings"]), str(original["codings"]), "0"])
    expect(result.locator("#result-summary")).to_contain_text("roundtrip")
    axe(page)
    shoot(page, "exchange", full_page=True)

    page.get_by_role("button", name="Open the new project").click()
    expect(page.locator("header .project")).to_have_text("roundtrip")
    expect(page.locator(".totals li").first).to_have_text("31 documents")
    assert (tmp_path / "copies" / "roundtrip.stemmen").is_file()


def test_a_file_that_is_not_refi_qda_is_refused_on_the_page(demo_server: Any, page: Any,
                                                           tmp_path: Path) -> None:
    bad = tmp_path / "broken.qdpx"
    bad.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    demo_server.enter(page, "/exchange")
    page.get_by_label("REFI-QDA file").set_input_files(str(bad))
    page.get_by_label("Folder of the new project").fill(str(tmp_path))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-error")).to_contain_text("broken.qdpx", timeout=SLOW)
    expect(page.locator("#import-result")).to_be_hidden()
    assert not (tmp_path / "broken.stemmen").exists()
