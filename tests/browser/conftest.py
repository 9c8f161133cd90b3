"""Browser tests: Debian's Chromium driven by Playwright against a real uvicorn server.

Run with ``pytest --browser tests/browser``. The server runs in a thread on a free port over
a project in a temporary folder; each test gets a fresh browser context (fresh cookies).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import stemmen

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Server:
    """A running Stemmen server: its base URL, launch token and a project handle."""

    url: str
    token: str
    project: stemmen.Project

    def enter(self, page: Any, path: str = "/", settle: bool = True) -> None:
        """Open ``path`` the way a user does: through the launch URL with the token. A page
        whose analysis runs in the background first shows a progress bar and loads again with
        the result: ``settle`` waits for that (``False`` to test the progress bar itself)."""
        page.goto(f"{self.url}{path}{'&' if '?' in path else '?'}token={self.token}")
        if settle:
            from playwright.sync_api import expect

            expect(page.locator(".job-wait")).to_have_count(0, timeout=60_000)
            page.wait_for_load_state()


def start_server(project_path: Path | None, timeout: float = 10
                 ) -> tuple[Any, threading.Thread, str, str]:
    """uvicorn serving ``project_path`` (None: no project, the start page) in a thread; the
    app is ``server.config.app``."""
    import uvicorn

    from stemmen.cli.serve import free_port
    from stemmen.web import WebSettings, create_app

    port = free_port()
    settings = WebSettings(port=port, coder="an")
    config = uvicorn.Config(create_app(project_path, settings), host="127.0.0.1", port=port,
                            log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}", settings.token or ""


@pytest.fixture(scope="session")
def serve() -> Any:
    """``serve(path_or_None, timeout=10)`` -> (uvicorn server, thread, url, token): for tests
    that run a server of their own, such as one started without a project."""
    return start_server


@pytest.fixture
def transcript() -> str:
    """A short synthetic focus-group transcript (five paragraphs) for the browser tests."""
    return (
        "[SYNTHETIC TEST TRANSCRIPT]\n"
        "Interviewer: Hoe ging het met de tolk?\n"
        "Deelnemer 1: De tolk hielp ons. Zonder tolk begrijp ik niets.\n"
        "Deelnemer 2: Ik had veel stress, maar nu gaat het beter.\n"
        "Interviewer: Dank u.\n"
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():  # asked for with --browser: a missing browser fails
        pytest.fail(f"--browser was given but Debian's chromium is not at {CHROMIUM} "
                    "(apt-get install chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("browser") / "study.stemmen"
    stemmen.create_project(path, actor="an").close()
    uv, thread, url, token = start_server(path)
    project = stemmen.open_project(path, actor="an")
    yield Server(url, token, project)
    project.close()
    uv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server over a fresh copy of the built-in demo (the AMIF-42 study), one per module."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "amif42-demo.stemmen"
    stemmen.build_demo(path, folder / "files")
    uv, thread, url, token = start_server(path)
    project = stemmen.open_project(path, actor="an")
    yield Server(url, token, project)
    project.close()
    uv.should_exit = True
    thread.join(timeout=5)


SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def shoot(request: pytest.FixtureRequest) -> Any:
    """``shoot(page, "name")`` saves docs/screenshots/name.png when pytest runs with
    ``--screenshots`` (the README's pictures are taken by the browser tests)."""

    def take(page: Any, name: str, full_page: bool = False) -> None:
        if request.config.getoption("--screenshots"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)

    return take


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(5000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], errors


AXE = Path(__file__).with_name("vendor") / "axe.min.js"  # axe-core 4.14.1 (MPL-2.0), npm


@pytest.fixture
def axe() -> Any:
    """``axe(page)`` runs the axe-core accessibility scan on the page as it is now and fails
    on any serious or critical violation (axe is injected through DevTools, not the page)."""

    def scan(page: Any, exclude: list[str] | None = None) -> list[dict[str, Any]]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        result = page.evaluate(
            "async (exclude) => (await axe.run({exclude: exclude.map(s => [s])}, "
            "{resultTypes: ['violations']})).violations.map(v => ({id: v.id, impact: v.impact,"
            " help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
            exclude or [])
        bad = [v for v in result if v["impact"] in ("serious", "critical")]
        assert not bad, f"accessibility violations: {bad}"
        return result

    return scan
