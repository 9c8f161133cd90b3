"""The queries page and its API: every kind renders, downloads hold the JSON rows, cells open
their segments, queries are saved and deleted, errors come back as messages."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

KINDS = ["matrix", "cooccurrence", "progress", "waves", "sampling", "profiles", "interviews",
         "codebook", "search"]


@pytest.fixture
def coded(project):
    project.codings.apply("FG Antwerpen", "R-tolk", "an", paragraph=3)
    project.codings.apply("FG Antwerpen", "S-stress", "an", paragraph=2)
    project.codings.apply("FG Gent", "R-tolk", "bert", paragraph=3)
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4)
    return project


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_a_page(client, coded, kind):
    page = client.get(f"/queries?kind={kind}&text=tolk" if kind == "search"
                      else f"/queries?kind={kind}")
    assert page.status_code == 200
    assert 'aria-current="page">' in page.text and "error-box" not in page.text
    assert "Download CSV" in page.text or kind == "search"


def test_the_matrix_page_shows_cases_as_columns_and_groups_codes(client, coded):
    page = client.get("/queries").text
    assert page.index("OCMW Antwerpen") < page.index("OCMW Gent")
    assert 'data-row="R-tolk" data-column="OCMW Gent"' in page
    assert page.index("Randvoorwaarden") < page.index("Sociaal")  # category order


@pytest.mark.parametrize("query", [
    "kind=matrix", "kind=matrix&rows=category&columns=role&count=words",
    "kind=matrix&count=people&coders=an", "kind=cooccurrence&unit=overlap",
    "kind=waves&count=characters", "kind=progress", "kind=interviews", "kind=profiles",
    "kind=search&text=tolk&cases=OCMW+Gent"])
def test_downloads_hold_the_same_rows_as_the_json(client, coded, query):
    answer = client.get(f"/api/queries/run?{query}").json()
    assert answer["ok"]
    book = load_workbook(io.BytesIO(client.get(
        f"/api/queries/download?{query}&format=xlsx").content))
    assert len(book.worksheets) == len(answer["tables"])
    for i, (sheet, table) in enumerate(zip(book.worksheets, answer["tables"], strict=True)):
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0] == table["headers"]
        assert rows[1:] == [[None if v == "" else v for v in r] for r in table["rows"]]
        response = client.get(f"/api/queries/download?{query}&format=csv&part={i}")
        assert response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert lines[0] == table["headers"]
        assert lines[1:] == [["" if v is None else str(v) for v in r] for r in table["rows"]]


def test_the_matrix_json_is_the_project_matrix(client, coded):
    answer = client.get("/api/queries/run?kind=matrix&count=segments").json()
    m = coded.queries.matrix()
    [table] = answer["tables"]
    assert table["headers"] == ["category", "code", *m.columns, "total"]
    assert table["rows"][-1] == ["", "total", *m.column_totals, m.total]
    assert [r[1] for r in table["rows"][:-1]] == ["R-tolk", "S-stress"]


def test_a_cell_opens_its_segments(client, coded):
    answer = client.get("/api/queries/cell", params={"row": "R-tolk", "column": "OCMW Gent"})
    body = answer.json()
    assert body["count"] == 2 == coded.queries.matrix().cell("R-tolk", "OCMW Gent")
    assert {s["coder"] for s in body["segments"]} == {"an", "bert"}
    only_an = client.get("/api/queries/cell", params={"row": "R-tolk", "column": "OCMW Gent",
                                                      "coders": "an"}).json()
    assert only_an["count"] == 1
    wrong = client.get("/api/queries/cell", params={"row": "X", "column": "OCMW Gent"})
    assert wrong.status_code == 400 and "no cell" in wrong.json()["error"]


def test_save_run_and_delete_a_query(client, coded):
    saved = client.post("/api/queries/save", json={
        "name": "Tolk per golf", "kind": "matrix",
        "params": {"columns": "wave", "count": "words"}}).json()
    assert saved["ok"] and saved["saved"]["params"] == {"columns": "wave", "count": "words"}
    page = client.get("/queries").text
    assert "Tolk per golf" in page
    rerun = client.get("/queries", params={"saved": "Tolk per golf"}).text
    assert "Saved query: Tolk per golf" in rerun and 'data-count="words"' in rerun
    again = client.post("/api/queries/save", json={"name": "tolk PER golf", "kind": "matrix"})
    assert again.status_code == 409 and "already exists" in again.json()["error"]
    bad = client.post("/api/queries/save", json={"name": "x", "kind": "matrix",
                                                 "params": {"colour": "red"}})
    assert bad.status_code == 400 and "colour" in bad.json()["error"]
    assert client.post("/api/queries/delete", json={"name": "Tolk per golf"}).json()["ok"]
    assert [q.name for q in coded.queries.saved()] == []
    gone = client.get("/queries", params={"saved": "Tolk per golf"})
    assert gone.status_code == 200 and "There is no saved query" in gone.text


def test_errors_are_messages_on_the_page_and_in_json(client, coded):
    page = client.get("/queries?kind=matrix&columns=colour")
    assert page.status_code == 200 and "error-box" in page.text and "Unknown column" in page.text
    api = client.get("/api/queries/run?kind=matrix&count=smiles")
    assert api.status_code == 400 and "Count one of" in api.json()["error"]
    assert client.get("/api/queries/download?kind=matrix&format=pdf").status_code == 400
    assert client.get("/api/queries/download?kind=matrix&format=csv&part=3").status_code == 400
    dutch = client.get("/queries?kind=matrix&columns=colour", cookies={"stemmen_lang": "nl"})
    assert "Zoekvragen" in dutch.text
