"""Shared fixtures: factories, not variants. Integration tests run on SQLite and PostgreSQL.

PostgreSQL runs when STEMMEN_TEST_DATABASE_URL names a server (``.ci/run`` sets it) or one
answers on 127.0.0.1:5432; set STEMMEN_TEST_DATABASE_URL="" to skip it. Each test gets its
own schema there, dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import stemmen
from databases import BACKENDS, REQUIRED, project_database


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--browser", action="store_true", help="run the browser tests")
    parser.addoption("--postgres", action="store_true",
                     help="the PostgreSQL half must run: fail (not skip) without a server")
    parser.addoption("--screenshots", action="store_true",
                     help="browser tests save the README's screenshots in docs/screenshots")


def pytest_configure(config: pytest.Config) -> None:
    REQUIRED["postgres"] = bool(config.getoption("--postgres"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_browser = pytest.mark.skip(reason="browser tests need --browser")
    for item in items:
        if "browser" in item.keywords and not config.getoption("--browser"):
            item.add_marker(skip_browser)


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty place for a project: a SQLite path, or a PostgreSQL schema URL."""
    with project_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def make_project(database: str) -> Iterator[Callable[..., stemmen.Project]]:
    """``make_project(codes=[...], documents={name: text})`` → an open project."""
    opened: list[stemmen.Project] = []

    def factory(codes: list[str] | None = None, documents: dict[str, str] | None = None,
                actor: str = "tester", **cases: str) -> stemmen.Project:
        project = stemmen.create_project(database, actor=actor)
        opened.append(project)
        for code in codes or []:
            project.codebook.add(code)
        for name, text in (documents or {}).items():
            project.documents.add(name, text, case=cases.get(name))
        return project

    yield factory
    for project in opened:
        project.close()


SAMPLE = (
    "[SYNTHETIC TEST TRANSCRIPT]\n"
    "Interviewer: Hoe verliep de eerste kennismaking?\n"
    "Deelnemer 1: Ik had veel stress om te komen, maar de begeleider luisterde.\n"
    "Deelnemer 2: De tolk hielp ons. Zonder tolk begrijp ik niets.\n"
    "Interviewer: En de taal?\n"
    "Deelnemer 1: Ik spreek nu beter Nederlands, ook op het werk.\n"
)


@pytest.fixture
def sample_text() -> str:
    return SAMPLE


@pytest.fixture
def quick_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with the smallest cost for tests that add many users or log in often (still
    argon2id hashes; the product keeps argon2-cffi's default cost)."""
    from stemmen.project import users

    monkeypatch.setattr(users, "_hasher", _quick_hasher)


def _quick_hasher() -> object:
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
