"""The CLI end to end on a real project file: exit codes, output, --json, --help everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from stemmen.cli import app

runner = CliRunner()

CODEBOOK = (
    "category,code,definition\n"
    "Randvoorwaarden OCMW's,R-tolk,Er wordt gebruik gemaakt van een tolk.\n"
    "Impact op beheersen van de landstaal,T-mondeling,Mondelinge beheersing van de landstaal.\n"
)
TRANSCRIPT = (
    "[SYNTHETIC TEST TRANSCRIPT]\n"
    "Interviewer: Hoe ging het met de taal?\n"
    "Deelnemer 1: Ik spreek nu beter Nederlands.\n"
    "Deelnemer 2: Zonder tolk begrijp ik niets.\n"
)


def run(*args: str) -> object:
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result


def _commands(group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append(prefix + (name,))
        if hasattr(command, "commands"):
            found += _commands(command, prefix + (name,))
    return found


@pytest.mark.parametrize("path", _commands(get_command(app)), ids=" ".join)
def test_every_command_has_help(path):
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "study.stemmen"
    assert run("init", target).exit_code == 0
    (tmp_path / "codebook.csv").write_text(CODEBOOK, encoding="utf-8")
    result = run("codebook", "import", target, tmp_path / "codebook.csv")
    assert result.exit_code == 0 and "2 codes" in result.output
    return target


def test_folder_import_reports_the_bad_file_and_imports_the_rest(project, tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "fg-antwerpen.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "fg-gent.txt").write_bytes(TRANSCRIPT.encode("utf-16"))
    (folder / "kapot.docx").write_bytes(b"this is not a zip")
    (tmp_path / "meta.csv").write_text(
        "file,case,role,wave:number\nfg-antwerpen.txt,OCMW Antwerpen,Eindgebruiker,1\n"
        "fg-gent.txt,OCMW Gent,Hulpverlener,2\n", encoding="utf-8")
    result = runner.invoke(app, ["documents", "import", str(project), str(folder),
                                 "--metadata", str(tmp_path / "meta.csv"), "--json"])
    data = json.loads(result.stdout)
    assert sorted(data["imported"]) == ["fg-antwerpen", "fg-gent"]
    assert [e["file"] for e in data["errors"]] == ["kapot.docx"]
    listed = json.loads(run("documents", "list", project, "--json").stdout)
    assert {d["name"]: (d["case"], d["attributes"]["wave"]) for d in listed} == {
        "fg-antwerpen": ("OCMW Antwerpen", 1), "fg-gent": ("OCMW Gent", 2)}


def test_code_a_paragraph_and_retrieve_it_as_an_attributed_quote(project, tmp_path):
    (tmp_path / "fg.txt").write_text(TRANSCRIPT, encoding="utf-8")
    run("documents", "import", project, tmp_path / "fg.txt", "--case", "OCMW Gent",
        "--attribute", "role=Eindgebruiker")
    result = run("codings", "apply", project, "fg", "R-tolk", "--paragraph", "4",
                 "--coder", "an")
    assert result.exit_code == 0, result.output
    text = run("retrieve", project, "--code", "R-tolk").output
    assert "“Deelnemer 2: Zonder tolk begrijp ik niets.” (Eindgebruiker, OCMW Gent)" in text
    [hit] = json.loads(run("retrieve", project, "--code", "R-tolk", "--context", "1",
                           "--json").stdout)
    assert hit["attribution"] == "(Eindgebruiker, OCMW Gent)"
    assert hit["before"] == "Deelnemer 1: Ik spreek nu beter Nederlands."


def test_errors_are_sentences_with_exit_code_2_for_bad_input(project):
    result = runner.invoke(app, ["codings", "apply", str(project), "nope", "R-tolk",
                                 "--paragraph", "1"])
    assert result.exit_code == 2
    assert "There is no document 'nope'." in result.output
    assert "Traceback" not in result.output


def test_codebook_changes_and_history(project, tmp_path):
    assert run("codebook", "rename", project, "R-tolk", "R-tolken").exit_code == 0
    assert run("codebook", "merge", project, "T-mondeling", "--into", "R-tolken").exit_code == 0
    history = json.loads(run("codebook", "history", project, "--json").stdout)
    assert [h["change"] for h in history] == ["import", "rename", "merge"]
    out = tmp_path / "out.yaml"
    assert run("codebook", "export", project, out).exit_code == 0
    assert "R-tolken" in out.read_text(encoding="utf-8")


def test_bulk_import_of_codings_is_all_or_nothing(project, tmp_path):
    (tmp_path / "fg.txt").write_text(TRANSCRIPT, encoding="utf-8")
    run("documents", "import", project, tmp_path / "fg.txt")
    bad = tmp_path / "bad.csv"
    bad.write_text("document,code,coder,paragraph\nfg,R-tolk,an,4\nfg,NOPE,an,3\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["codings", "import", str(project), str(bad)])
    assert result.exit_code == 2 and "NOPE" in result.output
    assert json.loads(run("codings", "list", project, "--json").stdout) == []
    good = tmp_path / "good.csv"
    good.write_text("document,code,coder,paragraph\nfg,R-tolk,an,4\nfg,T-mondeling,bert,2-3\n",
                    encoding="utf-8")
    assert run("codings", "import", project, good).exit_code == 0
    rows = json.loads(run("codings", "list", project, "--json").stdout)
    assert [(r["code"], r["coder"]) for r in rows] == [("T-mondeling", "bert"), ("R-tolk", "an")]
