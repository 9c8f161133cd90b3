"""`stemmen codings apply` and `remove` take a span the same way (issue 16): --paragraph N[-M]
or --start/--end; several codes are one action, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\nInterviewer: Hoe ging het met de taal?\n"
        "Deelnemer 1: Ik spreek nu beter Nederlands.\nDeelnemer 2: Zonder tolk begrijp ik niets.\n")


@pytest.fixture
def project(tmp_path: Path) -> str:
    path = tmp_path / "study.stemmen"
    p = stemmen.create_project(path, actor="an")
    for code in ("R-tolk", "T-taal"):
        p.codebook.add(code)
    p.documents.add("fg", TEXT)
    p.close()
    return str(path)


def run(*args: object) -> object:
    return runner.invoke(app, [str(a) for a in args])


def codings(project: str) -> list[dict]:
    return json.loads(run("codings", "list", project, "--json").stdout)


def test_apply_several_codes_and_remove_them_by_the_same_paragraph_span(project: str) -> None:
    result = run("codings", "apply", project, "fg", "R-tolk", "T-taal", "-p", "3-4",
                 "--coder", "an")
    assert result.exit_code == 0, result.output
    assert sorted(c["code"] for c in codings(project)) == ["R-tolk", "T-taal"]
    run("codings", "apply", project, "fg", "R-tolk", "-p", "3-4", "--coder", "bert")
    result = run("codings", "remove", project, "fg", "R-tolk", "T-taal", "-p", "3-4",
                 "--coder", "an")
    assert result.exit_code == 0 and "Removed 2 coding(s)." in result.output
    assert [(c["code"], c["coder"]) for c in codings(project)] == [("R-tolk", "bert")]


def test_remove_takes_start_and_end_like_apply(project: str) -> None:
    start = TEXT.index("Zonder tolk")
    span = ("--start", start, "--end", start + 11)
    assert run("codings", "apply", project, "fg", "R-tolk", *span, "--coder", "an"
               ).exit_code == 0
    assert run("codings", "remove", project, "fg", "R-tolk", *span, "--coder", "an"
               ).exit_code == 0
    assert codings(project) == []


def test_an_unknown_code_applies_nothing_and_a_missing_span_is_refused(project: str) -> None:
    result = run("codings", "apply", project, "fg", "R-tolk", "nope", "-p", "2")
    assert result.exit_code != 0 and "nope" in result.output
    assert codings(project) == []
    result = run("codings", "remove", project, "fg", "R-tolk")
    assert result.exit_code != 0 and "paragraph number" in result.output
    assert "Traceback" not in result.output


def test_remove_by_ids_is_all_or_nothing(project: str) -> None:
    run("codings", "apply", project, "fg", "R-tolk", "T-taal", "-p", "2")
    ids = [c["id"] for c in codings(project)]
    result = run("codings", "remove", project, "--id", ids[0], "--id", 999)
    assert result.exit_code != 0 and len(codings(project)) == 2
    assert run("codings", "remove", project, "--id", ids[0], "--id", ids[1]).exit_code == 0
    assert codings(project) == []
    run("codings", "apply", project, "fg", "R-tolk", "-p", "2")
    [left] = codings(project)
    assert run("codings", "remove", project, left["id"]).exit_code == 0  # the older form
    assert codings(project) == []
