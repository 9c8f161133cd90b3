"""``stemmen query``, ``findings``, ``quotes`` and ``report`` end to end on the small study."""

from __future__ import annotations

import csv
import json

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app
from unit.reports.small_study import SAMPLING, build_small_study

runner = CliRunner()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """One small study for the module (the findings test adds to it; nothing else changes)."""
    path = tmp_path_factory.mktemp("cli") / "small.stemmen"
    with stemmen.create_project(path, actor="tester") as p:
        ids = build_small_study(p)
    return str(path), ids


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_matrix_json_is_the_contract_other_tools_use(project, tmp_path):
    path, _ = project
    data = json.loads(run("query", "matrix", path, "--rows", "code", "--columns", "case",
                          "--count", "documents", "--json"))
    assert {k: data[k] for k in ("rows", "columns", "cells", "count")} == {
        "rows": ["T-mondeling", "T-schriftelijk", "S-sociaal"], "columns": ["OCMW A", "OCMW B"],
        "cells": [[2, 1], [1, 0], [2, 0]], "count": "documents"}
    assert data["row_percent"][0] == [66.7, 33.3]
    run("query", "matrix", path, "--columns", "wave", "--csv", str(tmp_path / "m.csv"),
        "--xlsx", str(tmp_path / "m.xlsx"), "--percent", "row")
    with (tmp_path / "m.csv").open(encoding="utf-8") as handle:
        assert list(csv.reader(handle))[1] == ["T-mondeling", "80.0", "20.0", "5"]
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").active
    assert [c.value for c in sheet[1]] == ["code", "1", "2", "total"]


def test_cell_cooccurrence_waves_profiles_and_annexes(project, tmp_path):
    path, _ = project
    cell = json.loads(run("query", "cell", path, "T-mondeling", "OCMW B", "--json"))
    assert [s["attribution"] for s in cell] == ["(Hulpverlener, OCMW B)"] * 2
    co = json.loads(run("query", "cooccurrence", path, "--json"))
    assert co["cells"][2] == [1, 1, 3]
    waves = json.loads(run("query", "waves", path, "--json"))
    assert waves["people"][0]["disappeared"] == ["T-schriftelijk"]
    profiles = json.loads(run("query", "profiles", path, "--json"))
    assert profiles["ages"][0] == {"group": "man", "people": 2, "with_age": 1, "mean_age": 40.0}
    run("query", "interviews", path, "--csv", str(tmp_path / "i.csv"))
    assert (tmp_path / "i.csv").read_text(encoding="utf-8").splitlines()[1].startswith(
        "FG A 1,Focusgroep,Eindgebruiker,2,OCMW A,2021-06-01,1")
    codebook = json.loads(run("query", "codebook", path, "--json"))
    assert [g["category"] for g in codebook] == ["Taal", "Netwerk"]
    assert "Netwerk" in run("query", "codebook", path)


def test_sampling_check_prints_pass_and_fail(project, tmp_path):
    path, _ = project
    criteria = tmp_path / "criteria.yaml"
    criteria.write_text(yaml.safe_dump(SAMPLING, allow_unicode=True), encoding="utf-8")
    checks = json.loads(run("query", "sampling", path, "--criteria", str(criteria), "--json"))
    assert [(c["criterion"], c["scope"], c["passed"]) for c in checks][:3] == [
        ("gender", None, True), ("gender", "OCMW A", True), ("gender", "OCMW B", False)]
    assert "FAIL" in run("query", "sampling", path, "--criteria", str(criteria))


def test_findings_and_quotes_commands(project):
    path, ids = project
    added = json.loads(run("findings", "add", path, "Taal verbetert", "--kind", "good-practice",
                           "--case", "OCMW A", "--json"))
    fid = str(added["id"])
    assert "Linked 2 new" in run("findings", "link", path, fid, "--code", "T-mondeling",
                                 "--coder", "an")
    listed = json.loads(run("findings", "list", path, "--json"))
    assert listed[0]["strength"]["flags"] == ["single role"]
    shown = json.loads(run("findings", "show", path, fid, "--json"))
    assert len(shown["segments"]) == 2
    assert "⚠ single role" in run("findings", "show", path, fid)
    coding = str(ids["FG A 1 ¶2 T-mondeling an"])
    quote = json.loads(run("quotes", "mark", path, coding, "--text", "Ik spreek […] Nederlands",
                           "--finding", fid, "--json"))
    assert quote["attribution"] == "(Eindgebruiker, OCMW A)"
    assert json.loads(run("quotes", "list", path, "--json"))[0]["text"] == (
        "Ik spreek […] Nederlands")
    bad = runner.invoke(app, ["quotes", "mark", path, coding, "--text", "Niet in de tekst"])
    assert bad.exit_code == 2 and "segment" in bad.output  # bad input


def test_report_command_takes_the_format_from_the_extension(project, tmp_path):
    path, _ = project
    out = run("report", path, "--output", str(tmp_path / "r.md"), "--lang", "nl")
    assert "r.md" in out and (tmp_path / "r-figures" / "code-matrix.svg").exists()
    assert "## Frequentie van de codes" in (tmp_path / "r.md").read_text(encoding="utf-8")
    run("report", path, "-o", str(tmp_path / "r.out"), "--format", "html", "--case", "OCMW B",
        "--lang", "fr")
    assert "Rapport sur OCMW B" in (tmp_path / "r.out").read_text(encoding="utf-8")
    bad = runner.invoke(app, ["report", path, "--output", str(tmp_path / "r.txt")])
    assert bad.exit_code == 2 and "format" in bad.output  # bad input
    run("report", path, "-o", str(tmp_path / "parts.md"), "--case", "OCMW B", "--case", "OCMW A",
        "--lang", "nl")
    parts = (tmp_path / "parts.md").read_text(encoding="utf-8")
    assert "Rapport over OCMW B, OCMW A" in parts
    assert parts.index("\n## OCMW B\n") < parts.index("\n## OCMW A\n")
    assert (tmp_path / "parts-figures" / "case2-code-matrix.svg").exists()
    run("report", path, "-o", str(tmp_path / "every.html"), "--all-cases", "--lang", "en")
    assert "<h2>OCMW A</h2>" in (tmp_path / "every.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [
    ["query"], ["query", "matrix"], ["query", "cell"], ["query", "cooccurrence"],
    ["query", "waves"], ["query", "profiles"], ["query", "interviews"], ["query", "codebook"],
    ["query", "sampling"], ["findings", "add"], ["findings", "list"], ["findings", "link"],
    ["findings", "unlink"], ["findings", "show"], ["findings", "delete"], ["quotes", "mark"],
    ["quotes", "unmark"], ["quotes", "list"], ["report"]])
def test_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
