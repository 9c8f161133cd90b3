"""Rename and delete a document, bulk-import codings from CSV, and the audit log page."""

from __future__ import annotations

from starlette.testclient import TestClient

import stemmen

GOOD = "document,code,coder,paragraph\nFG Antwerpen,R-tolk,an,3\nFG Gent,S-stress,bert,2-3\n"
BAD = ("document,code,coder,paragraph\nFG Antwerpen,R-tolk,an,3\n"
       "FG Nergens,R-tolk,an,1\nFG Gent,Geen-code,an,2\nFG Gent,S-stress,an,99\n")


def names(project: stemmen.Project) -> list[str]:
    return sorted(d.name for d in project.documents.list())


def test_rename_moves_the_document_with_its_codings(client: TestClient,
                                                    project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", start=0, end=10)
    answer = client.post("/api/documents/rename",
                         json={"name": "FG Gent", "new_name": " FG Gent 2 "})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"ok": True, "name": "FG Gent 2", "old": "FG Gent"}
    assert names(project) == ["FG Antwerpen", "FG Gent 2"]
    assert len(project.codings.list(document="FG Gent 2")) == 1
    assert project.journal.entries(1)[0].action == "document.rename"


def test_rename_refuses_an_unknown_document_a_taken_name_and_an_empty_name(
        client: TestClient, project: stemmen.Project) -> None:
    unknown = client.post("/api/documents/rename", json={"name": "FG Nergens", "new_name": "X"})
    assert unknown.status_code == 404 and unknown.json()["ok"] is False
    taken = client.post("/api/documents/rename",
                        json={"name": "FG Gent", "new_name": "FG Antwerpen"})
    assert taken.status_code == 409, taken.text
    assert "FG Antwerpen" in taken.json()["error"]
    empty = client.post("/api/documents/rename", json={"name": "FG Gent", "new_name": "  "})
    assert empty.status_code == 400 and "name" in empty.json()["error"]
    assert names(project) == ["FG Antwerpen", "FG Gent"]


def test_delete_removes_the_document_and_refuses_an_unknown_one(
        client: TestClient, project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", start=0, end=10)
    answer = client.post("/api/documents/delete", json={"name": "FG Gent"})
    assert answer.status_code == 200 and answer.json()["deleted"] == "FG Gent"
    assert names(project) == ["FG Antwerpen"]
    assert project.codings.list(document="FG Gent") == []
    again = client.post("/api/documents/delete", json={"name": "FG Gent"})
    assert again.status_code == 404 and again.json()["ok"] is False
    missing = client.post("/api/documents/delete", json={})
    assert missing.status_code == 400


def test_a_good_codings_file_is_imported(client: TestClient, project: stemmen.Project) -> None:
    answer = client.post("/api/codings/import",
                         files={"file": ("codings.csv", GOOD.encode(), "text/csv")})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"ok": True, "imported": 2}
    gent = project.codings.list(document="FG Gent")
    assert [(c.code, c.coder) for c in gent] == [("S-stress", "bert")]


def test_a_codings_file_with_bad_lines_writes_nothing_and_lists_each_line(
        client: TestClient, project: stemmen.Project) -> None:
    answer = client.post("/api/codings/import",
                         files={"file": ("mijn codes.csv", BAD.encode(), "text/csv")})
    assert answer.status_code == 422, answer.text
    errors = answer.json()["errors"]
    assert len(errors) == 3
    assert all("mijn codes.csv" in e for e in errors)
    assert any("3" in e and "FG Nergens" in e for e in errors), errors
    assert project.codings.list() == []


def test_a_codings_request_without_a_file_is_refused(client: TestClient) -> None:
    answer = client.post("/api/codings/import", data={"other": "x"})
    assert answer.status_code == 400
    assert "file" in answer.json()["error"]


def test_the_log_page_lists_actions_newest_first_and_filters(
        client: TestClient, project: stemmen.Project) -> None:
    client.post("/api/documents/rename", json={"name": "FG Gent", "new_name": "FG Gent 2"})
    page = client.get("/log")
    assert page.status_code == 200
    html = page.text.split("<tbody>")[1]
    assert html.index("document.rename") < html.index("document.add")
    only = client.get("/log", params={"action": "document.rename"}).text
    assert "FG Gent 2" in only and "FG Antwerpen" not in only.split("<tbody>")[1]
    nobody = client.get("/log", params={"actor": "niemand"}).text
    assert "<tbody>" not in nobody


def test_the_log_page_is_paginated_by_a_hundred(client: TestClient,
                                                project: stemmen.Project) -> None:
    for i in range(120):
        project.journal.record("test.mark", n=i)
    first = client.get("/log", params={"action": "test.mark"}).text
    assert first.count("<tr>") == 101  # header row and 100 entries
    assert "n: 119" in first and "n: 19<" not in first
    second = client.get("/log", params={"action": "test.mark", "page": "2"}).text
    assert second.count("<tr>") == 21 and "n: 0<" in second
    assert 'rel="prev"' in second
