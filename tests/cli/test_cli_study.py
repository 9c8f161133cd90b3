"""The study around the coding on the demo, through the CLI (issue 20): codebook versions
and diff, waves per person, late entrants, the sampling plan, fieldwork and withdrawal."""

from __future__ import annotations

import json

import docx
import pytest
from typer.testing import CliRunner

from stemmen.cli import app

runner = CliRunner()
ADDED = ["A-covid-19", "M-andere", "M-covid-19", "O-covid-19", "S-covid-19"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("study")
    result = runner.invoke(app, ["demo", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["project"]


def _json(*args):
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_codebook_versions_and_diff_of_the_demo(demo, tmp_path):
    assert [v["name"] for v in _json("codebook", "versions", demo)] == [
        "pilot", "na golf 1", "definitief"]
    diff = _json("codebook", "diff", demo, "pilot", "definitief")
    added = sorted(c["code"] for c in diff["changes"] if c["kind"] == "added")
    assert added == ADDED
    merged = [c for c in diff["changes"] if c["kind"] == "merged"]
    assert [(c["code"], c["to"]) for c in merged] == [("visie en beleid", ["O-OCMW"])]
    assert merged[0]["requested_by"] == "expertpanel" and merged[0]["reason"]
    assert diff["counts"]["removed"] == 0 and diff["counts"]["renamed"] == 0
    step = _json("codebook", "diff", demo, "pilot", "na golf 1")
    assert step["counts"]["added"] == 5 and step["counts"]["merged"] == 0
    out = tmp_path / "panel.docx"
    result = runner.invoke(app, ["codebook", "diff", demo, "pilot", "definitief",
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    cells = {c.text for t in docx.Document(out).tables for r in t.rows for c in r.cells}
    assert set(ADDED) <= cells and "visie en beleid" in cells


def test_waves_per_person_differ_within_a_focus_group(demo):
    result = _json("query", "waves", demo, "--by", "person")
    people = {p["participant"]: p for p in result["people"]}
    assert people and all(p["first"] == "1" and p["last"] == "2" for p in people.values())
    antwerp = [p for p in people.values() if p["case"] == "OCMW Antwerpen"]
    assert len({tuple(p["appeared"]) for p in antwerp}) > 1
    summed = {s["code"]: s for s in result["summed"]}
    code = antwerp[0]["appeared"][0]
    assert summed[code]["appeared"] == sum(code in p["appeared"] for p in people.values())
    bad = runner.invoke(app, ["query", "waves", demo, "--by", "turn"])
    assert bad.exit_code == 2


def test_late_entrants_replace_someone_who_did_not_come_back(demo):
    late = _json("people", "late-entrants", demo)
    assert len(late) == 5 and all(e["joined_wave"] == 2 and e["replaces"] for e in late)
    turns = _json("people", "turns", demo, late[0]["participant"])
    assert turns[0]["speaker"] in ("Deelnemer", "Participant") and turns[0]["turns"] > 0


def test_sampling_plan_of_the_demo(demo):
    check = _json("query", "sampling", demo)
    roles = {}
    for row in check["criteria"]:
        roles.setdefault(row["role"], set()).add(row["criterion"])
    assert len(roles["Eindgebruiker"]) == 7 and len(roles["Hulpverlener"]) == 9
    results = {r["met"] for r in check["criteria"]}
    assert results == {True, False}
    gender = [r for r in check["criteria"] if r["attribute"] == "gender"]
    assert len(gender) == 5 and all(r["people"] for r in gender)
    short = [t for t in check["targets"] if not t["met"]]
    assert all(t["short"] == t["planned"] - t["held"] for t in short)
    assert check["met"] < check["total"]


def test_fieldwork_and_withdrawal_dry_run(demo):
    found = _json("query", "fieldwork", demo)
    assert found["totals"]["planned"] == 31 and found["totals"]["missing"] == 0
    assert found["no_consent"] == []
    dry = _json("fieldwork", "withdraw", demo, "EG-ANT-01", "--dry-run")
    assert dry["applied"] is False and dry["codings"] > 0
    again = _json("fieldwork", "withdraw", demo, "EG-ANT-01", "--dry-run")
    assert again == dry  # nothing changed


def test_guides_of_both_waves(demo, tmp_path):
    listing = _json("guides", "list", demo)
    fg2 = next(g for g in listing if g["type"] == "Focusgroep eindgebruikers"
               and g["wave"] == "2")
    assert {"corona", "nazorg", "opvang"} <= set(fg2["added"])
    assert fg2["derived_from"][:2] == ["Focusgroep eindgebruikers", "1"]
    assert {g["wave"] for g in listing} == {"1", "2"}
    out = tmp_path / "guide.docx"
    result = runner.invoke(app, ["guides", "export", demo, "--type",
                                 "Focusgroep eindgebruikers", "--wave", "2", "--lang", "nl,fr",
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    header = [c.text for c in docx.Document(out).tables[0].rows[0].cells]
    assert header == ["key", "nl", "fr", "codes"]
    coverage = _json("guides", "coverage", demo)
    assert len(coverage) == 31 and all(c["covered"] for c in coverage)
