"""The pseudonymisation page and API: scan as a job, candidates with context, decide one and
all with a text, mark missed words, the allow-list, apply with a key file. Synthetic text."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.web import WebSettings, create_app

CSRF = "test-csrf-token"
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\n"
        "Interviewer: Wie volgde je dossier op?\n"
        "Respondent: Mevrouw Janssens van het OCMW Gent, en later weer mevrouw Janssens.\n"
        "Respondent: Ik woon in Wondelgem, bel me op 0470 11 22 33.\n")


@pytest.fixture
def client(tmp_path: Path):
    p = stemmen.create_project(tmp_path / "p.stemmen", actor="an")
    p.documents.add("int-1", TEXT)
    settings = WebSettings(csrf=CSRF, token=None, allowed_hosts=("testserver",))
    with TestClient(create_app(p, settings), raise_server_exceptions=False) as c:
        c.headers["X-CSRF-Token"] = CSRF
        c.project = p  # type: ignore[attr-defined]
        yield c
    p.close()


def test_scan_review_mark_and_apply(client, tmp_path):
    assert 'href="/privacy"' in client.get("/").text
    answer = client.post("/api/privacy/scan", json={})
    assert answer.status_code == 200, answer.text
    job = client.app.state.jobs.wait(answer.json()["job"], timeout=300)
    assert job.state == "done" and job.result["candidates"] >= 3, job
    page = client.get("/privacy")
    assert page.status_code == 200
    assert "<mark>Janssens</mark>" in page.text and "<mark>0470 11 22 33</mark>" in page.text
    assert "OCMW Gent</mark>" not in page.text
    found = client.project.privacy.candidates()
    phone = next(c for c in found if c.kind == "phone")
    answer = client.post("/api/privacy/decide", json={"id": phone.id, "decision": "reject"})
    assert answer.json()["rejected"] == 1
    answer = client.post("/api/privacy/decide",
                         json={"text": "Janssens", "decision": "accept", "label": "[Naam HV]"})
    assert answer.json()["accepted"] == 2
    answer = client.post("/api/privacy/add",
                         json={"document": "int-1", "text": "Wondelgem", "kind": "place"})
    assert answer.status_code == 200 and answer.json()["added"] == 1
    assert client.post("/api/privacy/decide", json={"id": phone.id, "decision": "perhaps"}
                       ).status_code == 400
    key = tmp_path / "keys" / "web.key"
    answer = client.post("/api/privacy/apply", json={"key_file": str(key)})
    assert answer.status_code == 200, answer.text
    assert answer.json()["replaced"] >= 3 and key.exists()
    text = client.project.documents.get("int-1").text
    assert "Janssens" not in text and "Wondelgem" not in text and "0470 11 22 33" in text
    assert text.count("[Naam HV]") == 2 and "[Plaats]" in text
    assert "pv-applied" in client.get("/privacy?state=applied").text


def test_allow_list_is_saved(client):
    answer = client.post("/api/privacy/allow", json={"names": "OCMW Gent\nWondelgem\n"})
    assert answer.json()["allow"] == ["OCMW Gent", "Wondelgem"]
    assert "Wondelgem" in client.get("/privacy").text
