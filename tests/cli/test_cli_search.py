"""``stemmen search``: the full-text index from the command line (SYNTHETIC texts)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\n"
        "Intervieweuse: La première réunion au CPAS ?\n"
        "Participante: On s'est vus au café avec l'interprète.\n")


def _project(path: str) -> None:
    with stemmen.create_project(path, actor="tester") as p:
        p.codebook.add("R-tolk")
        p.documents.add("fr1", TEXT, case="CPAS Liège")
        p.documents.add("fr2", TEXT, case="CPAS Namur")
        p.codings.apply("fr2", "R-tolk", "an", paragraph=3)


def test_search_prints_hits_and_json_with_filters(tmp_path):
    path = str(tmp_path / "s.stemmen")
    _project(path)
    result = runner.invoke(app, ["search", path, "reunion"])
    assert result.exit_code == 0, result.output
    assert "fr1 ¶2" in result.output and "[réunion]" in result.output
    assert "2 paragraph(s) match." in result.output
    data = json.loads(runner.invoke(app, ["search", path, '"cafe avec"', "--json"]).output)
    assert data["total"] == 2
    assert [(h["document"], h["paragraph"], h["match"]) for h in data["hits"]] == [
        ("fr1", 3, "café avec"), ("fr2", 3, "café avec")]
    text = TEXT.strip("\n")
    assert text[data["hits"][0]["start"]:data["hits"][0]["end"]] == "café avec"
    by_case = json.loads(runner.invoke(
        app, ["search", path, "interprete", "--case", "CPAS Namur", "--json"]).output)
    assert [h["document"] for h in by_case["hits"]] == ["fr2"]
    by_code = json.loads(runner.invoke(
        app, ["search", path, "cafe", "--code", "R-tolk", "--json"]).output)
    assert [(h["document"], h["case"]) for h in by_code["hits"]] == [("fr2", "CPAS Namur")]


def test_search_with_an_unknown_case_is_bad_input(tmp_path):
    path = str(tmp_path / "s.stemmen")
    _project(path)
    result = runner.invoke(app, ["search", path, "cafe", "--case", "Nowhere"])
    assert result.exit_code == 2
    assert "Nowhere" in result.output and "Traceback" not in result.output
