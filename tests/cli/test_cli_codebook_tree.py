"""``stemmen codebook``: nested codes, reasons, import --dry-run and a missing file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from stemmen.cli import app

runner = CliRunner()
CSV = ("category,code,definition,inclusion,parent\n"
       "Activering,A-activering,Naar werk.,,\n"
       "Activering,A-werk,Betaald werk.,Loon.,A-activering\n"
       ",A-cv,Cv maken.,,A-werk\n")


def run(*args: object) -> object:
    return runner.invoke(app, [str(a) for a in args])


def test_dry_run_shows_the_preview_then_import_writes_the_tree(tmp_path: Path) -> None:
    project = tmp_path / "study.stemmen"
    assert run("init", project).exit_code == 0
    (tmp_path / "cb.csv").write_text(CSV, encoding="utf-8")
    dry = run("codebook", "import", project, tmp_path / "cb.csv", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Would add 3" in dry.output and "Nothing was written" in dry.output
    listed = json.loads(run("codebook", "list", project, "--json").output)
    assert listed == []
    done = run("codebook", "import", project, tmp_path / "cb.csv", "--reason", "versie 1")
    assert done.exit_code == 0 and "3 added" in done.output
    listed = json.loads(run("codebook", "list", project, "--json").output)
    assert [(c["name"], c["depth"], c["path"]) for c in listed] == [
        ("A-activering", 0, "A-activering"), ("A-werk", 1, "A-activering / A-werk"),
        ("A-cv", 2, "A-activering / A-werk / A-cv")]
    assert listed[1]["inclusion"] == "Loon."
    again = run("codebook", "import", project, tmp_path / "cb.csv", "--dry-run", "--json")
    assert json.loads(again.output)["counts"]["unchanged"] == 3


def test_move_under_with_a_reason_and_a_refused_cycle(tmp_path: Path) -> None:
    project = tmp_path / "study.stemmen"
    run("init", project)
    run("codebook", "add", project, "A")
    run("codebook", "add", project, "B", "--parent", "A")
    moved = run("codebook", "move", project, "A", "--under", "B")
    assert moved.exit_code != 0 and "lies inside" in moved.output
    assert "Traceback" not in moved.output
    run("codebook", "add", project, "C")
    assert run("codebook", "move", project, "C", "--under", "B", "--reason", "hoort bij B"
               ).exit_code == 0
    history = json.loads(run("codebook", "history", project, "--json").output)
    assert history[-1]["reason"] == "hoort bij B" and history[-1]["parent"] == "B"
    clash = run("codebook", "add", project, "c")
    assert clash.exit_code != 0 and "upper and lower case" in clash.output


def test_a_missing_codebook_file_is_a_clear_message(tmp_path: Path) -> None:
    project = tmp_path / "study.stemmen"
    run("init", project)
    for extra in ((), ("--dry-run",)):
        result = run("codebook", "import", project, tmp_path / "weg.csv", *extra)
        assert result.exit_code != 0
        assert "weg.csv does not exist" in result.output and "Traceback" not in result.output
