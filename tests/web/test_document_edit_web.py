"""Editing a transcript in the workspace: one paragraph at a time through the API, versions,
diff, restore and review (synthetic transcript)."""

from __future__ import annotations

from starlette.testclient import TestClient

import stemmen


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_paragraph_edit_moves_and_flags_codings(client: TestClient,
                                                   project: stemmen.Project) -> None:
    text = project.documents.get("FG Gent").text
    tolk = project.codings.apply("FG Gent", "R-tolk", "an", *_span(text, "Zonder tolk"))
    stress = project.codings.apply("FG Gent", "S-stress", "an", *_span(text, "veel stress"))
    page = client.get("/documents/FG Gent")
    assert page.status_code == 200 and 'id="paragraph-form"' in page.text
    assert "/static/js/document_edit.js" in page.text
    answer = client.post("/api/documents/edit-paragraph", json={
        "name": "FG Gent", "paragraph": 3, "reason": "typo",
        "text": "Deelnemer 1: Ik had veel grote stress om te komen, maar de begeleider luisterde."})
    assert answer.status_code == 200, answer.text
    result = answer.json()["result"]
    assert (result["version"], result["moved"], result["flagged"]) == (2, 1, 1)
    now = project.documents.get("FG Gent").text
    assert "veel grote stress om" in now
    assert "Zonder tolk begrijp" in now and "Ik spreek nu beter" in now
    coding = {c.id: c for c in project.codings.list(document="FG Gent")}
    assert now[coding[tolk.id].start:coding[tolk.id].end] == "Zonder tolk"
    assert project.documents.get("FG Antwerpen").text == text  # the other one untouched

    listed = client.get("/api/documents/versions", params={"name": "FG Gent"}).json()
    assert [v["number"] for v in listed["versions"]] == [1, 2]
    assert [(r["id"], r["state"], r["quote"]) for r in listed["reviews"]] == [
        (stress.id, "flagged", "veel stress")]
    diff = client.get("/api/documents/diff", params={"name": "FG Gent", "from": 1, "to": 2})
    parts = diff.json()["diff"]["parts"]
    assert parts and all(p["paragraph"] == 3 for p in parts)

    kept = client.post("/api/documents/review", json={"id": stress.id, "action": "keep"})
    assert kept.status_code == 200 and kept.json()["result"]["remaining"] == 0
    back = client.post("/api/documents/restore", json={"name": "FG Gent", "version": 1})
    assert back.status_code == 200 and back.json()["result"]["version"] == 3
    assert project.documents.get("FG Gent").text == text
    assert {(c.start, c.end) for c in project.codings.list(document="FG Gent")} == {
        _span(text, "Zonder tolk"), _span(text, "veel stress")}


def test_paragraph_edit_refusals(client: TestClient, project: stemmen.Project) -> None:
    wrong = client.post("/api/documents/edit-paragraph",
                        json={"name": "FG Gent", "paragraph": 40, "text": "x"})
    assert wrong.status_code == 400 and "40" in wrong.json()["error"]
    unknown = client.post("/api/documents/edit-paragraph",
                          json={"name": "FG Nergens", "paragraph": 1, "text": "x"})
    assert unknown.status_code == 404
    missing = client.post("/api/documents/edit-paragraph", json={"name": "FG Gent"})
    assert missing.status_code == 400 and "paragraph" in missing.json()["error"]
    assert client.get("/api/documents/diff", params={"name": "FG Gent", "to": 5}
                      ).status_code == 404
    assert [v.number for v in project.texts.versions("FG Gent")] == [1]
