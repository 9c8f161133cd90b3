"""The codebook API: nested codes, criteria, reasons, clear errors, import preview/apply."""

from __future__ import annotations

from typing import Any


def test_add_child_edit_criteria_move_with_reasons(client: Any, project: Any) -> None:
    answer = client.post("/api/codebook/add", json={"name": "R-tolk sociaal", "parent": "R-tolk",
                                                   "reason": "tolken apart"})
    assert answer.json()["code"] == {"name": "R-tolk sociaal", "parent": "R-tolk",
                                     "category": "Randvoorwaarden"}
    assert client.post("/api/codebook/edit", json={
        "name": "R-tolk sociaal", "inclusion": "Sociaal tolken.", "example": "De tolk kwam mee.",
        "reason": "pilot"}).json() == {"ok": True}
    code = project.codebook.get("R-tolk sociaal")
    assert (code.inclusion, code.example, code.definition) == (
        "Sociaal tolken.", "De tolk kwam mee.", "")
    moved = client.post("/api/codebook/move", json={"name": "S-stress", "parent": "R-tolk sociaal"})
    assert moved.json() == {"ok": True}
    refused = client.post("/api/codebook/move", json={"name": "R-tolk", "parent": "S-stress"})
    assert refused.status_code in (400, 422) and "lies inside" in refused.json()["error"]
    tree = client.get("/api/codebook").json()
    assert [(c["name"], c["depth"]) for c in tree["codes"]] == [
        ("R-tolk", 0), ("R-tolk sociaal", 1), ("S-stress", 2)]
    assert tree["codes"][2]["path_text"] == "R-tolk / R-tolk sociaal / S-stress"
    history = client.get("/api/codebook/history").json()["history"]
    assert [h["reason"] for h in history[:3]] == ["", "pilot", "tolken apart"]


def test_names_that_differ_only_in_case_get_a_clear_message_in_dutch(client: Any) -> None:
    client.cookies.set("stemmen_lang", "nl")
    answer = client.post("/api/codebook/add", json={"name": "r-TOLK"})
    assert answer.json()["ok"] is False
    assert "hoofdletters" in answer.json()["error"] and "'R-tolk'" in answer.json()["error"]


def test_import_preview_writes_nothing_and_apply_writes_once(client: Any, project: Any) -> None:
    csv = (b"category,code,definition,parent\nRandvoorwaarden,R-tolk,Nieuw.,\n"
           b",R-tolk sociaal,Sociaal.,R-tolk\nSociaal,s-stress,x,\n")
    files = {"file": ("codeboek.csv", csv)}
    plan = client.post("/api/codebook/import/preview", files=files).json()["plan"]
    assert [(c["name"], c["status"]) for c in plan["codes"]] == [
        ("R-tolk", "changed"), ("R-tolk sociaal", "added"), ("s-stress", "refused")]
    assert plan["codes"][0]["details"] == "Definition" and plan["writes"] is True
    assert "upper and lower case" in plan["codes"][2]["details"]
    assert len(project.codebook.codes()) == 2
    done = client.post("/api/codebook/import/apply", files=files,
                       data={"reason": "versie 2"}).json()["plan"]
    assert done["applied"] and done["counts"]["added"] == 1
    assert project.codebook.get("R-tolk sociaal").parent == "R-tolk"
    assert project.codebook.history()[-1].details["reason"] == "versie 2"


def test_import_of_a_broken_or_missing_file_is_a_message(client: Any) -> None:
    answer = client.post("/api/codebook/import/preview",
                         files={"file": ("cb.csv", b"category,definition\nA,x\n")})
    assert answer.json()["ok"] is False and "no 'code' column" in answer.json()["error"]
    answer = client.post("/api/codebook/import/preview", data={"reason": "x"})
    assert answer.json()["ok"] is False and "file" in answer.json()["error"]


def test_the_page_shows_the_tree_and_the_import_section(client: Any, project: Any) -> None:
    project.codebook.add("R-tolk sociaal", parent="R-tolk", exclusion="Geen familie.")
    html = client.get("/codebook").text
    assert 'id="import"' in html and "Geen familie." in html
    assert html.index('data-code="R-tolk"') < html.index('data-code="R-tolk sociaal"')
    assert '"name": "S-stress"' in html  # a Move to… target, sent once in #code-choices
