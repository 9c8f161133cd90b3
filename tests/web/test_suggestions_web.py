"""The suggestions page and API: train as a job, the trust report, list, accept, reject."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.web import WebSettings, create_app
from suggest_corpus import NOISE, RARE, VOCABULARY, corpus

CSRF = "test-csrf-token"


@pytest.fixture
def client(tmp_path: Path):
    texts, codings = corpus(documents=8)
    p = stemmen.create_project(tmp_path / "s.stemmen", actor="an")
    for code in [*VOCABULARY, RARE, NOISE]:
        p.codebook.add(code)
    for name, text in texts.items():
        p.documents.add(name, text)
    p.documents.add("nieuw", "Deelnemer: zonder tolk begreep ik niets.\nHet weer.")
    for document, start, end, code in codings:
        p.codings.apply(document, code, "an", start=start, end=end)
    settings = WebSettings(csrf=CSRF, token=None, allowed_hosts=("testserver",), coder="carla")
    with TestClient(create_app(p, settings), raise_server_exceptions=False) as c:
        c.headers["X-CSRF-Token"] = CSRF
        yield c
    p.close()


def test_the_page_before_training_says_so(client):
    page = client.get("/suggestions")
    assert page.status_code == 200
    assert "No suggestion model is trained yet" in page.text
    assert '<option value="an"' in page.text


def test_train_then_report_list_accept_and_reject(client):
    answer = client.post("/api/suggestions/train", json={"coder": "an", "threshold": "0.6"})
    assert answer.status_code == 200, answer.text
    job = client.app.state.jobs.wait(answer.json()["job"], timeout=120)
    assert job.state == "done" and job.result == {"enabled": 3, "codes": 5}

    page = client.get("/suggestions")
    assert "Trust report" in page.text and "against an" in page.text
    assert "too few examples" in page.text and "/static/css/suggestions.css" in page.text

    found = client.get("/api/suggestions/list", params={"document": "nieuw"}).json()
    assert found["ok"] and [s["code"] for s in found["suggestions"]] == ["tolk"]
    first = found["suggestions"][0]["id"]
    accepted = client.post("/api/suggestions/accept", json={"id": first}).json()
    assert accepted["ok"] and accepted["coding"]["coder"] == "carla"
    again = client.post("/api/suggestions/reject", json={"id": first}).json()
    assert not again["ok"] and "already accepted" in again["error"]


def test_bad_input_is_one_sentence(client):
    answer = client.post("/api/suggestions/train", json={"coder": "an", "threshold": "7"})
    assert answer.json() == {"ok": False, "error": "The field threshold must be a number "
                                                   "from 0 to 1."} or not answer.json()["ok"]
    listed = client.get("/api/suggestions/list", params={"document": "nieuw"}).json()
    assert listed == {"ok": True, "suggestions": []}  # no model yet: nothing, quietly
    unknown = client.get("/api/suggestions/list", params={"document": "nope"}).json()
    assert unknown["ok"] and unknown["suggestions"] == []


def test_the_page_offers_the_three_models_and_names_the_trained_one(client):
    answer = client.post("/api/suggestions/train", json={"coder": "an", "model": "neural"})
    assert answer.status_code == 400 and "Unknown model neural" in answer.json()["error"]
    page = client.get("/suggestions").text
    assert 'value="combined"' in page and 'value="semantic"' in page
    answer = client.post("/api/suggestions/train", json={"coder": "an", "model": "lexical"})
    job = client.app.state.jobs.wait(answer.json()["job"], timeout=120)
    assert job.state == "done"
    page = client.get("/suggestions").text
    assert "Model: lexical: TF-IDF" in page
