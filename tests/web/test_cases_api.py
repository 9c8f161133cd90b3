"""The cases page's JSON API: one call per bulk change, errors that name the cell."""

from __future__ import annotations

from typing import Any


def test_the_page_lists_every_sheet(client: Any) -> None:
    page = client.get("/cases")
    assert page.status_code == 200
    assert 'id="panel-speakers"' in page.text and "OCMW Antwerpen" in page.text
    sheets = client.get("/api/cases/sheets").json()["sheets"]
    assert [r["key"] for r in sheets["documents"]["rows"]] == [["FG Antwerpen"], ["FG Gent"]]
    assert {c["id"] for c in sheets["documents"]["columns"]} >= {"f:case", "a:role", "a:wave"}


def test_a_bulk_update_is_one_call_and_a_bad_cell_is_named(client: Any, project: Any) -> None:
    project.participants.define_attribute("age", "number")
    edits = [{"key": None, "fields": {"pseudonym": "P1", "case": "OCMW Gent"},
              "attributes": {"age": "34"}},
             {"key": None, "fields": {"pseudonym": "P2"}, "attributes": {"age": "oud"}}]
    bad = client.post("/api/cases/update", json={"sheet": "participants", "edits": edits})
    assert bad.status_code == 400
    assert bad.json()["error"] == "Row P2, column age: 'oud' is not a number."
    assert bad.json()["cell"] == {"edit": 1, "column": "age"}
    assert project.participants.list() == []
    edits[1]["attributes"]["age"] = "29"
    good = client.post("/api/cases/update", json={"sheet": "participants", "edits": edits})
    assert good.json()["ok"] and good.json()["changed"] == 2
    assert good.json()["undo"][0] == {"key": ["P2"], "delete": True, "fields": {},
                                      "attributes": {}}
    assert [r["cells"]["a:age"] for r in good.json()["sheets"]["participants"]["rows"]] == [
        34, 29]
    wrong = client.post("/api/cases/update", json={"sheet": "nope", "edits": edits})
    assert wrong.status_code == 400 and "Unknown sheet" in wrong.json()["error"]
    shape = client.post("/api/cases/update", json={"sheet": "cases", "edits": [{"key": 3}]})
    assert shape.status_code == 400 and "row changes" in shape.json()["error"]


def test_attribute_definitions_through_the_api(client: Any, project: Any) -> None:
    assert client.post("/api/attributes/define", json={
        "name": "gender", "type": "choice", "choices": "man; vrouw",
        "applies_to": "participant"}).json()["attribute"]["choices"] == ["man", "vrouw"]
    refused = client.post("/api/attributes/retype", json={"name": "role", "type": "number"})
    assert refused.status_code == 400 and "has the value 'Eindgebruiker'" in refused.json()["error"]
    renamed = client.post("/api/attributes/rename", json={"name": "role", "new_name": "rol"})
    assert renamed.json()["ok"]
    assert project.documents.get("FG Gent").attributes["rol"] == "Hulpverlener"
