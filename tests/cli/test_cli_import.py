"""``stemmen documents import`` and ``stemmen documents metadata``: refused files with their
translated reasons, and a metadata sheet shown with --dry-run before it is applied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()
TEXT = "[SYNTHETIC TEST TRANSCRIPT]\nInterviewer: Dag!\nDeelnemer 1: Ik leer Nederlands.\n"


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "p.stemmen"
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "leeg.txt").write_bytes(b"")
    stemmen.create_project(path).close()
    return path


def test_import_reports_refused_files_in_the_chosen_language(study: Path, monkeypatch) -> None:
    monkeypatch.setenv("STEMMEN_LANG", "nl")
    folder = study.parent
    result = runner.invoke(app, ["documents", "import", str(study), str(folder / "a.txt"),
                                 str(folder / "leeg.txt"), "--case", "OCMW Gent"])
    assert result.exit_code == 0, result.output
    assert "1 document(en) geïmporteerd." in result.output
    assert "leeg.txt: is leeg" in result.output


def test_metadata_dry_run_writes_nothing_and_apply_writes(study: Path) -> None:
    folder = study.parent
    runner.invoke(app, ["documents", "import", str(study), str(folder / "a.txt"),
                        str(folder / "b.txt")])
    sheet = folder / "meta.csv"
    sheet.write_text("file,case,pseudonyms,wave:number\na.txt,OCMW Gent,Amina,2\n"
                     "zzz.txt,OCMW Gent,,1\n", encoding="utf-8")
    dry = runner.invoke(app, ["documents", "metadata", str(study), str(sheet), "--dry-run",
                              "--json"])
    assert dry.exit_code == 0, dry.output
    plan = json.loads(dry.stdout)
    assert plan["dry_run"] and plan["changes"] == 3
    assert plan["rows"][0]["document"] == "a" and plan["rows"][1]["document"] is None
    assert plan["rows"][1]["problems"] == [
        "meta.csv:3: 'zzz.txt' matches no document in the project"]
    with stemmen.open_project(study) as p:
        assert p.documents.get("a").case is None and p.participants.list() == []

    done = runner.invoke(app, ["documents", "metadata", str(study), str(sheet)])
    assert done.exit_code == 0, done.output
    assert "Applied 3 change(s) to 1 document(s)." in done.output
    with stemmen.open_project(study) as p:
        a = p.documents.get("a")
        assert (a.case, a.attributes) == ("OCMW Gent", {"wave": 2})
        assert [x.documents for x in p.participants.list()] == [("a",)]


def test_metadata_with_a_missing_sheet_is_one_clear_sentence(study: Path) -> None:
    result = runner.invoke(app, ["documents", "metadata", str(study), "nope.csv"])
    assert result.exit_code == 2
    assert "nope.csv" in result.output and "Traceback" not in result.output
