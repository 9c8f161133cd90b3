"""Web tests: an in-process client over create_app() on a real SQLite project in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.web import WebSettings, create_app

CSRF = "test-csrf-token"
TRANSCRIPT = (
    "[SYNTHETIC TEST TRANSCRIPT]\n"
    "Interviewer: Hoe verliep de eerste kennismaking? 😀\n"
    "Deelnemer 1: Ik had veel stress om te komen, maar de begeleider luisterde.\n"
    "Deelnemer 2: De tolk hielp ons. Zonder tolk begrijp ik niets.\n"
    "Interviewer: En de taal?\n"
    "Deelnemer 1: Ik spreek nu beter Nederlands, ook op het werk.\n"
)


def make_study(path: Path, actor: str = "an") -> stemmen.Project:
    """A small synthetic study: two codes in a category, two documents in two cases."""
    project = stemmen.create_project(path, actor=actor)
    project.codebook.add("R-tolk", category="Randvoorwaarden", definition="Een tolk helpt.")
    project.codebook.add("S-stress", category="Sociaal", definition="Stress bij deelnemers.")
    project.documents.add("FG Antwerpen", TRANSCRIPT, case="OCMW Antwerpen",
                          attributes={"role": "Eindgebruiker", "wave": 1})
    project.documents.add("FG Gent", TRANSCRIPT, case="OCMW Gent",
                          attributes={"role": "Hulpverlener", "wave": 2})
    return project


@pytest.fixture
def transcript() -> str:
    return TRANSCRIPT


@pytest.fixture
def project(tmp_path: Path) -> Iterator[stemmen.Project]:
    p = make_study(tmp_path / "study.stemmen")
    yield p
    p.close()


@pytest.fixture
def make_client(project: stemmen.Project) -> Callable[..., TestClient]:
    """``make_client(token=None, **settings)`` → a TestClient; CSRF header set unless told."""

    def factory(csrf_header: bool = True, **options: Any) -> TestClient:
        options.setdefault("token", None)
        options.setdefault("allowed_hosts", ("testserver",))
        settings = WebSettings(csrf=CSRF, **options)
        client = TestClient(create_app(project, settings), raise_server_exceptions=False)
        if csrf_header:
            client.headers["X-CSRF-Token"] = CSRF
        return client

    return factory


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture(autouse=True)
def results_in_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages answer with their result however long it takes (the first analysis also imports
    the statistics); tests/web/test_background_pages.py shortens the wait to see progress."""
    from stemmen.web import background

    monkeypatch.setattr(background, "QUICK", 60.0)
