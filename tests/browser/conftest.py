"""Browser tests: Debian's Chromium driven by Playwright against a real uvicorn server.

Run with ``pytest --browser tests/browser``. The server runs in a thread on a free port over
a project in a temporary folder; each test gets a fresh browser context (fresh cookies).
"""

from __future__ import annotations

import shutil
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

    def enter(self, page: Any, path: str = "/") -> None:
        """Open ``path`` the way a user does: through the launch URL with the token."""
        page.goto(f"{self.url}{path}{'&' if '?' in path else '?'}token={self.token}")


def start_server(project_path: Path) -> tuple[Any, threading.Thread, str, str]:
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
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}", settings.token or ""


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
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
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
