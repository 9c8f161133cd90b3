"""Blind rounds over the web, in team mode: a coder in an open round gets only their own
codings by every path (page, view API, retrieval, CSV, .qdpx, live updates, reliability);
the owner closes the round and gets the agreement; a reviewer reconciles on the round page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.formats.refi_qdpx import read_qdpx
from stemmen.web import WebSettings, create_app

CSRF = "rounds-csrf"
PASSWORD = "rounds-password-1"
DOC = "FG Gent"


@pytest.fixture
def team(project: stemmen.Project) -> stemmen.Project:
    for name, role in (("Ann", "owner"), ("an", "coder"), ("bo", "coder"),
                       ("rev", "reviewer")):
        project.users.add(name, role, PASSWORD)
    return project


@pytest.fixture
def as_user(team: stemmen.Project) -> Callable[[str], TestClient]:
    app = create_app(team, WebSettings(csrf=CSRF, token=None, allowed_hosts=("testserver",)))

    def login(name: str) -> TestClient:
        client = TestClient(app, raise_server_exceptions=False)
        form = client.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert token, form.text
        answer = client.post("/login", data={"name": name, "password": PASSWORD,
                                             "csrf": token.group(1)}, follow_redirects=False)
        assert answer.status_code == 303, answer.text
        client.headers["X-CSRF-Token"] = CSRF
        return client

    return login


def coded(client: TestClient, code: str, paragraph: int) -> dict[str, Any]:
    answer = client.post("/api/codings", json={"document": DOC, "codes": [code],
                                               "paragraph": paragraph})
    assert answer.status_code == 200, answer.text
    return answer.json()["codings"][0]


def coders_in(data: Any) -> set[str]:
    return {c["coder"] for c in data}


def test_a_blind_round_over_the_web(as_user, team):
    owner, an, bo, rev = (as_user(n) for n in ("Ann", "an", "bo", "rev"))
    opened = owner.post("/api/rounds/open", json={"name": "r1", "documents": [DOC],
                                                  "coders": ["an", "bo"]})
    assert opened.status_code == 200, opened.text
    assert an.post("/api/rounds/open", json={"name": "r2", "documents": [DOC],
                                             "coders": ["an", "bo"]}).status_code == 403
    coded(an, "R-tolk", 2)
    coded(an, "S-stress", 3)
    coded(bo, "R-tolk", 2)
    coded(bo, "R-tolk", 4)
    for client, me, other in ((an, "an", "bo"), (bo, "bo", "an")):
        view = client.get("/api/documents/view", params={"name": DOC}).json()["document"]
        assert coders_in(view["codings"]) == {me} and set(view["coder_counts"]) == {me}
        page = client.get(f"/documents/{DOC}").text
        assert f'"coder": "{other}"' not in page and f'"coder": "{me}"' in page
        found = client.get("/api/retrieve", params={"code": ["R-tolk", "S-stress"]}).json()
        assert coders_in(s for s in found["segments"] if s["document"] == DOC) == {me}
        csv_text = client.get("/api/export/segments.csv").text
        assert f",{other}," not in csv_text and f",{me}," in csv_text
        snap, _report = read_qdpx("copy.qdpx", client.get("/api/export/project.qdpx").content)
        assert {c.coder for c in snap.codings if c.document == DOC} == {me}
        live = client.get("/api/codings/since", params={"document": DOC}).json()
        assert coders_in(live["codings"]) == {me}
        same = client.get("/api/codings/since", params={"document": DOC,
                                                        "since": live["mark"]}).json()
        assert same["codings"] is None
        refused = client.get("/api/reliability", params={"document": DOC,
                                                         "coder": ["an", "bo"]})
        assert refused.status_code == 400 and DOC in refused.json()["error"]
    every = owner.get("/api/documents/view", params={"name": DOC}).json()["document"]
    assert coders_in(every["codings"]) == {"an", "bo"}
    assert coders_in(rev.get("/api/codings/since", params={"document": DOC})
                     .json()["codings"]) == {"an", "bo"}
    assert an.post("/api/rounds/r1/close").status_code == 403
    closed = owner.post("/api/rounds/r1/close")
    assert closed.status_code == 200, closed.text
    agreement = closed.json()["agreement"]
    expected = team.reliability.compare(["an", "bo"], [DOC]).as_dict()
    assert agreement["round"] == "r1" and agreement["n_units"] == expected["n_units"]
    assert agreement["pooled"] == json.loads(json.dumps(expected["pooled"]))
    view = an.get("/api/documents/view", params={"name": DOC}).json()["document"]
    assert coders_in(view["codings"]) == {"an", "bo"}
    page = rev.get("/rounds/r1")
    assert page.status_code == 200 and 'data-endpoint="/api/rounds/r1/reconcile"' in page.text
    found = team.rounds.disagreements("r1")
    decisions = [{"document": d["document"], "unit": d["unit"], "code": d["code"],
                  "choice": "b"} for d in found]
    assert an.post("/api/rounds/r1/reconcile", json={"decisions": decisions}).status_code == 403
    answer = rev.post("/api/rounds/r1/reconcile", json={"decisions": decisions})
    assert answer.status_code == 200, answer.text
    master = team.codings.list(DOC, coders=["master"])
    assert answer.json()["written"] == len(master)
    assert {c.code for c in master} == {c.code for c in team.codings.list(DOC, coders=["bo"])}
    log = [(e.actor, e.action) for e in team.journal.entries()]
    assert ("rev", "round.reconcile") in log and ("Ann", "round.close") in log


def test_the_rounds_page_lists_rounds_and_offers_owners_the_controls(as_user, team):
    team.rounds.open("r1", [DOC], ["an", "bo"])
    owner_page = as_user("Ann").get("/rounds").text
    assert 'data-round="r1"' in owner_page and 'id="round-open"' in owner_page
    coder_page = as_user("an").get("/rounds").text
    assert 'data-round="r1"' in coder_page and 'id="round-open"' not in coder_page
    assert "round-close" not in coder_page
    assert as_user("an").get("/rounds/r1").status_code == 200


def test_a_codebook_edit_from_a_stale_page_is_a_conflict(client: TestClient,
                                                         project: stemmen.Project) -> None:
    page = client.get("/codebook").text
    seen = re.search(r'name="name" value="R-tolk"><input type="hidden" '
                     r'name="expected_version" value="(\d+)"', page)
    assert seen, "the edit form carries the code's version"
    first = client.post("/api/codebook/edit", json={"name": "R-tolk", "definition": "Mine",
                                                     "expected_version": seen.group(1)})
    assert first.status_code == 200, first.text
    stale = client.post("/api/codebook/edit", json={"name": "R-tolk", "definition": "Theirs",
                                                     "expected_version": seen.group(1)})
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["error"]
    assert project.codebook.get("R-tolk").definition == "Mine"
