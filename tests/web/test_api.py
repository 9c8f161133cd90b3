"""The JSON API: codings (code point offsets), memos, codebook actions, retrieval."""

from __future__ import annotations

from starlette.testclient import TestClient

import stemmen


def cp_offset(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def test_apply_uses_code_point_offsets_after_an_emoji(client: TestClient, transcript: str,
                                                      project: stemmen.Project) -> None:
    start, end = cp_offset(transcript, "veel stress")
    assert "😀" in transcript[:start] and len("😀".encode("utf-16-le")) == 4
    answer = client.post("/api/codings", json={"document": "FG Antwerpen",
                                               "codes": ["S-stress"], "start": start,
                                               "end": end}).json()
    assert answer["ok"] and answer["codings"][0]["coder"] == "an"
    segment = project.segments.retrieve(["S-stress"])[0]
    assert segment.text == "veel stress"


def test_apply_several_codes_to_a_paragraph_range(client: TestClient,
                                                  project: stemmen.Project) -> None:
    answer = client.post("/api/codings", json={"document": "FG Gent",
                                               "codes": ["R-tolk", "S-stress"],
                                               "paragraph": 3, "last_paragraph": 4}).json()
    assert [c["code"] for c in answer["codings"]] == ["R-tolk", "S-stress"]
    assert len(project.codings.list(document="FG Gent")) == 2


def test_apply_several_codes_is_all_or_nothing(client: TestClient,
                                               project: stemmen.Project) -> None:
    answer = client.post("/api/codings", json={"document": "FG Gent",
                                               "codes": ["R-tolk", "nope"], "paragraph": 3})
    assert answer.status_code == 404 and "nope" in answer.json()["error"]
    assert project.codings.list(document="FG Gent") == []


def test_remove_several_codings_and_restore_them(client: TestClient,
                                                 project: stemmen.Project) -> None:
    made = project.codings.apply_many("FG Gent", ["R-tolk", "S-stress"], "bert", paragraph=4)
    unknown = client.post("/api/codings/remove", json={"ids": [made[0].id, 999]})
    assert unknown.status_code == 404 and len(project.codings.list()) == 2
    removed = client.post("/api/codings/remove",
                          json={"ids": [c.id for c in made]}).json()["removed"]
    assert [c["code"] for c in removed] == ["R-tolk", "S-stress"]
    assert project.codings.list() == []
    back = client.post("/api/codings/restore", json={"document": "FG Gent",
                                                      "codings": removed}).json()["codings"]
    assert [(c["code"], c["coder"], c["start"]) for c in back] == \
        [(c["code"], "bert", made[0].start) for c in removed]
    assert client.post("/api/codings/remove", json={"ids": "1"}).status_code == 400


def test_remove_and_change_a_coding(client: TestClient, project: stemmen.Project) -> None:
    coding = project.codings.apply("FG Gent", "R-tolk", "an", paragraph=2)
    changed = client.post(f"/api/codings/{coding.id}/code", json={"code": "S-stress"}).json()
    assert changed["coding"]["code"] == "S-stress"
    assert changed["coding"]["start"] == coding.start
    assert client.delete(f"/api/codings/{changed['coding']['id']}").json()["ok"]
    assert project.codings.list(document="FG Gent") == []


def test_changing_to_an_unknown_code_keeps_the_coding(client: TestClient,
                                                      project: stemmen.Project) -> None:
    coding = project.codings.apply("FG Gent", "R-tolk", "an", paragraph=2)
    assert client.post(f"/api/codings/{coding.id}/code", json={"code": "nope"}).status_code \
        == 404
    assert len(project.codings.list(document="FG Gent")) == 1


def test_memos_on_a_document_and_on_a_segment(client: TestClient,
                                              project: stemmen.Project) -> None:
    client.post("/api/memos", json={"document": "FG Gent", "text": "Rustig gesprek."})
    client.post("/api/memos", json={"document": "FG Gent", "text": "Let op", "start": 0,
                                    "end": 5, "title": "T"})
    view = client.get("/api/documents/view", params={"name": "FG Gent"}).json()["document"]
    assert [(m["text"], m["start"]) for m in view["memos"]] == [("Rustig gesprek.", None),
                                                                ("Let op", 0)]


def test_memos_are_edited_and_deleted_by_the_current_coder(client: TestClient,
                                                          project: stemmen.Project) -> None:
    client.post("/api/settings/coder", json={"coder": "bert"})
    memo = client.post("/api/memos", json={"document": "FG Gent", "text": "Eerst",
                                           "start": 0, "end": 5}).json()["memo"]
    assert memo["author"] == "bert"
    edited = client.post(f"/api/memos/{memo['id']}", json={"text": "Later",
                                                            "title": "T"}).json()["memo"]
    assert (edited["text"], edited["title"], edited["start"]) == ("Later", "T", 0)
    assert client.post(f"/api/memos/{memo['id']}", json={"text": " "}).status_code == 400
    assert client.delete(f"/api/memos/{memo['id']}").json()["removed"]["text"] == "Later"
    assert project.memos.list() == []
    assert client.delete(f"/api/memos/{memo['id']}").status_code == 404


def test_the_view_shows_every_coder_unless_filtered(client: TestClient,
                                                   project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=2)
    project.codings.apply("FG Gent", "S-stress", "bert", paragraph=3)
    view = lambda **q: client.get("/api/documents/view",  # noqa: E731
                                  params={"name": "FG Gent", **q}).json()["document"]
    assert sorted(c["coder"] for c in view()["codings"]) == ["an", "bert"]
    assert [c["coder"] for c in view(view="mine")["codings"]] == ["an"]
    assert [c["coder"] for c in view(view="coders:bert")["codings"]] == ["bert"]
    assert view()["coder_counts"] == {"an": 1, "bert": 1}


def test_codebook_actions_are_recorded_in_the_history(client: TestClient,
                                                      project: stemmen.Project) -> None:
    steps = [("add", {"name": "M-andere", "category": "Methodieken", "definition": "x"}),
             ("rename", {"name": "M-andere", "new_name": "M-overig"}),
             ("edit", {"name": "M-overig", "definition": "Andere methoden.",
                       "colour": "#112233"}),
             ("move", {"name": "M-overig", "category": "Sociaal"}),
             ("split", {"name": "M-overig", "into": "M-a, M-b", "keep_original": False}),
             ("delete", {"name": "M-a"}),
             ("add_category", {"name": "Leeg"})]
    for verb, data in steps:
        response = client.post(f"/api/codebook/{verb}", json=data)
        assert response.json()["ok"], (verb, response.text)
    kinds = [e["kind"] for e in client.get("/api/codebook/history").json()["history"]]
    assert kinds[:7] == ["add_category", "delete", "split", "move", "edit", "rename", "add"]
    assert project.codebook.get("M-b").category == "Sociaal"


def test_merge_moves_the_codings_to_the_target_code(client: TestClient,
                                                    project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "S-stress", "an", paragraph=3)
    answer = client.post("/api/codebook/merge", json={"name": "S-stress", "into": "R-tolk"})
    assert answer.json() == {"ok": True, "moved": 1}
    assert [c.code for c in project.codings.list(document="FG Gent")] == ["R-tolk"]


def test_retrieve_and_keeps_segments_of_a_that_overlap_b(client: TestClient,
                                                         project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=3)
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=5)
    project.codings.apply("FG Gent", "S-stress", "an", paragraph=2, last_paragraph=3)
    both = client.get("/api/retrieve", params=[("code", "R-tolk"), ("code", "S-stress"),
                                               ("mode", "and")]).json()
    assert [s["paragraphs"] for s in both["segments"]] == [[3, 3]]
    either = client.get("/api/retrieve", params=[("code", "R-tolk"), ("code", "S-stress")])
    assert either.json()["count"] == 3


def test_retrieve_filters_by_case_attribute_and_coder(client: TestClient,
                                                      project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=3)
    project.codings.apply("FG Antwerpen", "R-tolk", "bert", paragraph=3)
    get = lambda **p: client.get("/api/retrieve", params={"code": "R-tolk", **p}).json()  # noqa: E731
    assert [s["document"] for s in get(case="OCMW Gent")["segments"]] == ["FG Gent"]
    assert [s["coder"] for s in get(coder="bert")["segments"]] == ["bert"]
    assert [s["attribution"] for s in get(attr="role=Hulpverlener")["segments"]] == \
        ["(Hulpverlener, OCMW Gent)"]


def test_context_returns_paragraphs_around_a_span(client: TestClient, transcript: str) -> None:
    start, end = cp_offset(transcript, "De tolk hielp ons.")
    context = client.get("/api/documents/context", params={
        "name": "FG Gent", "start": start, "end": end, "around": 1}).json()["context"]
    assert (context["first"], context["last"]) == (4, 4)
    assert [p["index"] for p in context["before"] + context["after"]] == [3, 5]


def test_search_api_returns_code_point_offsets(client: TestClient, transcript: str) -> None:
    hits = client.get("/api/search", params={"q": "stress"}).json()["hits"]
    assert hits[0]["start"] == transcript.index("stress") and hits[0]["paragraph"] == 3
