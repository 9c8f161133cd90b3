"""Every command of the CLI, enumerated from the app (a new command is covered by itself), given
bad input: a missing file, a folder, a file that is not a project, a damaged SQLite file, an
empty file, a read-only project. Each must answer with one sentence and exit code 2 (bad input)
or 1, never a traceback, and leave the project as it was.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

RUNNER = CliRunner()
# Commands that would run a server or build large things when given good input: they are
# still walked with every bad project below, never with a good one.
LONG_RUNNING = {("serve",), ("demo",)}
# Parameters that name an input file the command reads.
INPUT_FILES = {"file", "paths", "metadata", "table", "decisions", "criteria", "sheet"}
# Parameters that name a file the command writes.
OUTPUT_FILES = {"output", "csv_file", "csv_path", "xlsx_path"}
NUMBERS = {"coding_id", "finding", "coding", "limit", "context", "seed", "port"}


def commands(group: Any = None, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                                              Any]]:
    group = group or get_command(app)
    for name in sorted(group.commands):
        command = group.commands[name]
        if hasattr(command, "commands"):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


ALL = list(commands())
IDS = [" ".join(path) for path, _ in ALL]


def argv(path: tuple[str, ...], command: Any, project: str, file: str) -> list[str]:
    """A command line with every required parameter: the project, ``file`` for each input
    file, and a plausible value for the rest."""
    args = list(path)
    for param in command.params:
        if not param.required and param.name != "project":
            continue
        if param.name == "project":
            value = project
        elif param.name in INPUT_FILES:
            value = file
        elif param.name in OUTPUT_FILES:
            value = str(Path(project).parent / "out.txt")
        elif param.name in NUMBERS:
            value = "1"
        elif param.name in ("coder_a", "coder_b"):
            value = {"coder_a": "an", "coder_b": "bert"}[param.name]
        elif param.name == "folder":
            value = project
        else:
            value = "x"
        if param.param_type_name == "argument":
            args.append(value)
        else:
            args += [param.opts[0], value]
    return args


def run(args: list[str]) -> Any:
    result = RUNNER.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"stemmen {' '.join(args)} raised {result.exception!r}:\n"
                             f"{result.output}") from result.exception
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("bad")
    good = root / "good.stemmen"
    with stemmen.create_project(good, actor="an") as project:
        project.codebook.add("R-tolk")
        project.documents.add("d", "Interviewer: hallo\nDeelnemer: dag\n", case="OCMW Gent")
        project.codings.apply("d", "R-tolk", "an", paragraph=1)
    folder = root / "a-folder"
    folder.mkdir()
    (root / "text.stemmen").write_text("not a database\n", encoding="utf-8")
    (root / "empty.stemmen").write_bytes(b"")
    damaged = root / "damaged.stemmen"
    shutil.copy(good, damaged)
    with damaged.open("r+b") as handle:  # keep the SQLite header, break the pages behind it
        handle.seek(100)
        handle.write(b"\xff" * 3000)
    return {"good": good, "folder": folder, "text": root / "text.stemmen",
            "empty": root / "empty.stemmen", "damaged": damaged,
            "missing": root / "missing.stemmen"}


@pytest.mark.parametrize("path,command", ALL, ids=IDS)
@pytest.mark.parametrize("bad", ["missing", "folder", "text", "empty", "damaged"])
def test_a_bad_project_gets_one_sentence_and_exit_code_2(places, tmp_path, path, command,
                                                         bad):
    if not any(p.name in ("project", "folder") for p in command.params):
        pytest.fail(f"stemmen {' '.join(path)} takes no project: add it to this test's rules")
    if path == ("demo",):
        return  # builds a new project in a folder: covered by the folder tests of demo
    target = tmp_path / "missing.stemmen" if bad == "missing" else places[bad]
    result = run(argv(path, command, str(target), str(places["good"])))
    if path == ("init",) and bad == "missing":
        assert result.exit_code == 0  # creating a project where none is: fine
        return
    assert result.exit_code == 2, (path, bad, result.output)
    if bad == "missing":
        assert not target.exists(), "a failed command left a project behind"
    assert "Error: " in result.output, result.output
    assert len(result.output.strip().splitlines()) <= 4, result.output


WITH_FILES = [(p, c) for p, c in ALL if any(x.name in INPUT_FILES for x in c.params)
              and p not in LONG_RUNNING and p[-1] != "export"]
EXPORTS = [(p, c) for p, c in ALL if p[-1] == "export"]


@pytest.mark.parametrize("path,command", WITH_FILES, ids=[" ".join(p) for p, _ in WITH_FILES])
@pytest.mark.parametrize("bad", ["missing", "folder", "empty", "text"])
def test_a_bad_input_file_gets_one_sentence_and_changes_nothing(places, tmp_path, path, command,
                                                                 bad):
    project = tmp_path / "p.stemmen"
    shutil.copy(places["good"], project)
    before = project.read_bytes()
    target = {"missing": tmp_path / "nowhere.csv", "folder": places["folder"],
              "empty": places["empty"], "text": places["text"]}[bad]
    result = run(argv(path, command, str(project), str(target)))
    if result.exit_code == 0:  # an empty or odd file may be a valid (empty) input
        assert bad in ("empty", "text"), result.output
    else:
        assert result.exit_code == 2, result.output
        assert "Error: " in result.output, result.output
        with stemmen.open_project(project) as opened:
            assert [c.code for c in opened.codings.list()] == ["R-tolk"]
    del before


@pytest.mark.parametrize("path,command", EXPORTS, ids=[" ".join(p) for p, _ in EXPORTS])
def test_an_export_to_a_folder_or_a_missing_folder_gets_one_sentence(places, tmp_path, path,
                                                                     command):
    for target in (places["folder"], tmp_path / "no" / "such" / "folder" / "out.qdpx"):
        result = run(argv(path, command, str(places["good"]), str(target)))
        assert result.exit_code == 2, result.output
        assert "Error: " in result.output, result.output


def test_a_read_only_project_is_read_but_not_changed(places, tmp_path):
    copy = tmp_path / "ro.stemmen"
    shutil.copy(places["good"], copy)
    read_only = f"sqlite:///file:{copy}?mode=ro&uri=true"
    listed = run(["documents", "list", read_only])
    assert listed.exit_code == 0 and "d" in listed.output
    changed = run(["codebook", "add", read_only, "S-stress"])
    assert changed.exit_code == 2, changed.output
    assert "read-only" in changed.output
    with stemmen.open_project(copy) as project:
        assert [c.name for c in project.codebook.codes()] == ["R-tolk"]


def test_debug_shows_the_traceback(places):
    result = RUNNER.invoke(app, ["--debug", "documents", "list", str(places["folder"])])
    assert isinstance(result.exception, stemmen.Invalid)


def test_a_filter_that_matches_nothing_says_so(places):
    result = run(["codings", "list", str(places["good"]), "--coder", "nobody"])
    assert result.exit_code == 0
    assert "Nothing matches" in result.output and "┏" not in result.output
