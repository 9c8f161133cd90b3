"""``stemmen query ... --save``, ``query saved list|run|delete``, ``query progress`` and
``query search`` on the small study; files written as the web page downloads them."""

from __future__ import annotations

import csv
import json

import openpyxl
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app
from unit.reports.small_study import build_small_study

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_save_list_run_and_delete_a_query(tmp_path):
    path = str(tmp_path / "small.stemmen")
    with stemmen.create_project(path, actor="tester") as p:
        build_small_study(p)
    run("query", "matrix", path, "--columns", "wave", "--count", "words", "--save", "Golven")
    run("query", "progress", path, "--coder", "an", "--save", "Voortgang an")
    listed = json.loads(run("query", "saved", "list", path, "--json"))
    assert [(q["name"], q["kind"]) for q in listed] == [("Golven", "matrix"),
                                                         ("Voortgang an", "progress")]
    assert listed[0]["params"] == {"rows": "code", "columns": "wave", "count": "words"}
    again = json.loads(run("query", "saved", "run", path, "Golven", "--json",
                           "--xlsx", str(tmp_path / "g.xlsx")))
    with stemmen.open_project(path) as p:
        m = p.queries.matrix(columns="wave", count="words")
    [table] = again["tables"]
    assert table["rows"][-1] == ["", "total", *m.column_totals, m.total]
    sheet = openpyxl.load_workbook(tmp_path / "g.xlsx").active
    assert [list(r) for r in sheet.iter_rows(values_only=True)][1:] == [
        [None if v == "" else v for v in r] for r in table["rows"]]
    run("query", "saved", "delete", path, "Golven")
    assert [q["name"] for q in json.loads(run("query", "saved", "list", path, "--json"))] == [
        "Voortgang an"]
    gone = runner.invoke(app, ["query", "saved", "run", path, "Golven"])
    assert gone.exit_code != 0 and "no saved query" in gone.output


def test_progress_and_search_commands(tmp_path):
    path = str(tmp_path / "small.stemmen")
    with stemmen.create_project(path, actor="tester") as p:
        build_small_study(p)
    run("query", "progress", path, "--csv", str(tmp_path / "p.csv"))
    with (tmp_path / "p.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["document", "case", "coder", "coded paragraphs", "paragraphs", "share"]
    assert ["FG A 1", "OCMW A", "an", "3", "4", "0.75"] in rows
    found = json.loads(run("query", "search", path, "nederlands", "--case", "OCMW A",
                           "--attribute", "wave=2", "--json"))
    [table] = found["tables"]
    assert [r[0] for r in table["rows"]] == ["Ind A 2"]
    inside = json.loads(run("query", "search", path, "nederlands", "--code", "S-sociaal",
                            "--json"))
    assert inside["tables"][0]["rows"][0][:3] == ["FG A 1", "OCMW A", 4]
