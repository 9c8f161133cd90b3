"""``stemmen settings show|set|reset``: the project's attribute names from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

RUNNER = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.output


def test_show_set_and_reset(tmp_path: Path) -> None:
    project = str(tmp_path / "p.stemmen")
    stemmen.create_project(project).close()
    code, out = run("settings", "show", project, "--json")
    assert code == 0
    shown = {s["key"]: s for s in json.loads(out)}
    assert shown["attribute.role"]["value"] == "role, rol, rôle"
    assert shown["attribute.role"]["is_default"]
    code, out = run("settings", "set", project, "attribute.role", "functie")
    assert code == 0 and "attribute.role is now functie." in out
    with stemmen.open_project(project) as p:
        assert p.settings.attributes().role == ("functie",)
    code, out = run("settings", "show", project)
    assert code == 0 and "functie" in out and "role, rol, rôle" in out  # value and default
    code, out = run("settings", "reset", project, "attribute.role")
    assert code == 0 and "attribute.role is now role, rol, rôle." in out


def test_an_unknown_setting_is_one_sentence_and_exit_code_2(tmp_path: Path) -> None:
    project = str(tmp_path / "p.stemmen")
    stemmen.create_project(project).close()
    code, out = run("settings", "set", project, "attribute.colour", "x")
    assert code == 2
    assert out.startswith("Error: There is no setting 'attribute.colour'")
    assert "Traceback" not in out and len(out.strip().splitlines()) == 1
