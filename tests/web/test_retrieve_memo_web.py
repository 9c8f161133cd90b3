"""``GET /api/retrieve`` answers from kept bytes while nothing changed, and shows a change made
through the API (or the project) in the very next answer."""

from __future__ import annotations

from starlette.testclient import TestClient

import stemmen


def _segments(client: TestClient, code: str = "R-tolk") -> list[dict]:
    answer = client.get("/api/retrieve", params={"code": code})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["count"] == len(data["segments"])
    return data["segments"]


def test_the_next_answer_shows_each_change(client: TestClient, project: stemmen.Project) -> None:
    assert _segments(client) == []
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=3)
    first = _segments(client)
    assert [(s["document"], s["paragraphs"]) for s in first] == [("FG Gent", [3, 3])]
    assert _segments(client) == first
    added = client.post("/api/codings", json={"document": "FG Antwerpen", "codes": ["R-tolk"],
                                              "paragraph": 4})
    assert added.status_code == 200, added.text
    assert [s["document"] for s in _segments(client)] == ["FG Antwerpen", "FG Gent"]
    project.documents.set_attribute("FG Gent", "role", "Tolk")
    assert [s["attribution"] for s in _segments(client)] == \
        ["(Eindgebruiker, OCMW Antwerpen)", "(Tolk, OCMW Gent)"]
    project.codebook.rename("R-tolk", "R-vertaler")
    assert {s["code"] for s in _segments(client, "R-vertaler")} == {"R-vertaler"}
    assert client.get("/api/retrieve", params={"code": "R-tolk"}).status_code == 404
    coding_id = _segments(client, "R-vertaler")[0]["coding_id"]
    assert client.delete(f"/api/codings/{coding_id}").status_code == 200
    assert [s["document"] for s in _segments(client, "R-vertaler")] == ["FG Gent"]


def test_fields_keep_only_the_keys_asked_for(client: TestClient,
                                             project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=3)
    project.codings.apply("FG Gent", "S-stress", "an", paragraph=3)
    full = client.get("/api/retrieve", params={"code": "R-tolk"}).json()["segments"]
    assert list(full[0]) == ["coding_id", "document", "case", "code", "coder", "start", "end",
                             "text", "paragraphs", "before", "after", "role", "attribution"]
    for asked in ("text,document", "document, text", ["text", "document"]):
        params = [("code", "R-tolk")] + [("fields", f) for f in
                                         (asked if isinstance(asked, list) else [asked])]
        lean = client.get("/api/retrieve", params=params).json()
        assert lean["segments"] == [{"document": s["document"], "text": s["text"]}
                                    for s in full]  # in the full answer's order
        assert lean["count"] == 1
    both = client.get("/api/retrieve", params=[("code", "R-tolk"), ("code", "S-stress"),
                                               ("mode", "and"), ("fields", "paragraphs")])
    assert both.json()["segments"] == [{"paragraphs": [3, 3]}]
    for bad in ("document,nope", ","):
        answer = client.get("/api/retrieve", params={"code": "R-tolk", "fields": bad})
        assert answer.status_code in (400, 422) and answer.json()["ok"] is False
    assert "nope" in client.get("/api/retrieve", params={"code": "R-tolk",
                                                         "fields": "nope"}).json()["error"]
    # the full answer is still the default, and a lean answer is not served for it
    assert client.get("/api/retrieve", params={"code": "R-tolk"}).json()["segments"] == full
