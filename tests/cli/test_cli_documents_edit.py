"""`stemmen documents edit/versions/diff/restore/reviews/review`: a corrected transcript
replaces the text and the codings follow (synthetic texts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\nInterviewer: Hoe ging het met de taal?\n"
        "Deelnemer 1: Ik spreek nu beter Nederlands.\nDeelnemer 2: Zonder tolk begrijp ik "
        "niets.\n")


@pytest.fixture
def project(tmp_path: Path) -> str:
    path = tmp_path / "study.stemmen"
    p = stemmen.create_project(path, actor="an")
    p.codebook.add("taal")
    p.codebook.add("tolk")
    p.documents.add("fg", TEXT)
    p.codings.apply("fg", "taal", "an", paragraph=3)
    p.codings.apply("fg", "tolk", "an", paragraph=4)
    p.codings.apply("fg", "taal", "bert", paragraph=2)
    p.close()
    return str(path)


def run(*args: object) -> object:
    return runner.invoke(app, [str(a) for a in args])


def test_edit_prints_what_the_codings_did_and_versions_diff_restore(project, tmp_path):
    corrected = tmp_path / "fg.txt"
    # Windows-1252 and CRLF, as a transcriber's editor may save it: read as import reads it
    corrected.write_bytes(TEXT.replace("Interviewer: Hoe ging het met de taal?\n", "")
                          .replace("Ik spreek", "Ik spreek héél")
                          .replace("\n", "\r\n").encode("cp1252"))
    result = run("documents", "edit", project, "fg", "--from-file", corrected,
                 "--reason", "transcriber's corrections")
    assert result.exit_code == 0, result.output
    assert "fg is now version 2." in result.output
    assert "1 coding(s) moved, 1 flagged, 1 detached." in result.output
    p = stemmen.open_project(project)
    assert "Ik spreek héél nu beter" in p.documents.get("fg").text
    assert "\r" not in p.documents.get("fg").text
    p.close()

    listed = json.loads(run("documents", "versions", project, "fg", "--json").stdout)
    assert [(v["number"], v["kind"], v["reason"], v["current"]) for v in listed] == [
        (1, "import", "", False), (2, "edit", "transcriber's corrections", True)]
    table = run("documents", "versions", project, "fg")
    assert "transcriber's corrections" in table.output and "2 *" in table.output

    shown = run("documents", "diff", project, "fg")
    assert shown.exit_code == 0
    assert "-Interviewer: Hoe ging het met de taal?" in shown.output
    assert "+Deelnemer 1: Ik spreek héél nu beter Nederlands." in shown.output

    waiting = json.loads(run("documents", "reviews", project, "fg", "--json").stdout)
    assert sorted(w["state"] for w in waiting) == ["detached", "flagged"]
    detached = next(w for w in waiting if w["state"] == "detached")
    assert detached["quote"] == "Interviewer: Hoe ging het met de taal?"
    kept = run("documents", "review", project, detached["id"], "keep")
    assert kept.exit_code == 0 and "Still waiting for review in fg: 1." in kept.output

    back = run("documents", "restore", project, "fg", 1)
    assert back.exit_code == 0, back.output
    assert "fg is now version 3 (the text of version 1)." in back.output
    p = stemmen.open_project(project)
    assert p.documents.get("fg").text == TEXT.strip("\n")
    assert {(c.code, c.coder): TEXT[c.start:c.end] for c in p.codings.list()} == {
        ("taal", "an"): "Deelnemer 1: Ik spreek nu beter Nederlands.",
        ("tolk", "an"): "Deelnemer 2: Zonder tolk begrijp ik niets.",
        ("taal", "bert"): "Interviewer: Hoe ging het met de taal?"}
    p.close()


def test_edit_refusals_exit_2(project, tmp_path):
    missing = run("documents", "edit", project, "fg", "--from-file", tmp_path / "none.txt")
    assert missing.exit_code == 2 and "none.txt" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    refused = run("documents", "edit", project, "fg", "--from-file", empty)
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert run("documents", "restore", project, "fg", 4).exit_code == 2
    assert run("documents", "diff", project, "fg", "--to", 7).exit_code == 2
    assert run("documents", "review", project, 1, "shrug").exit_code == 2
