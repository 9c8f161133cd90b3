"""`stemmen demo DIR` builds the study project: counts, files, and its reliability check."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()


def test_demo_builds_the_study_and_describes_it(tmp_path):
    result = runner.invoke(app, ["demo", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["documents"] == 31
    assert summary["counts"]["codes"] == 39 and summary["counts"]["cases"] == 5
    assert summary["counts"]["participants"] == 54 and summary["counts"]["coders"] == 2
    assert summary["size_bytes"] > 100_000 and summary["seconds"] < 60
    files = tmp_path / "amif42-files"
    assert len(list((files / "transcripts").glob("*.txt"))) == 31
    assert (files / "codebook.csv").read_text(encoding="utf-8").startswith("category,code")
    with stemmen.open_project(summary["project"]) as project:
        check = project.reliability.compare(drop_uncoded=True)
        assert check.documents == sorted(summary["double_coded"])
        assert check.n_units == 102 and check.n_disagreements == 12
        assert 0.7 <= check.pooled["cohen_kappa"] <= 0.95
        md = runner.invoke(app, ["agreement", summary["project"], "--drop-uncoded",
                                 "--format", "md"]).output
        assert md.startswith("102 paragraph units of 2 document(s), coders an, bert: "
                             "12 unit(s) differ.")
        assert "| pooled |" in md and "(Landis & Koch); pass at 0.6." in md
        men = [p.demographics["age"] for p in project.participants.list()
               if p.demographics.get("gender") == "man"]
        assert len(men) == 30 and round(sum(men) / len(men), 2) == 34.93


def test_demo_files_import_back_into_an_equal_project(tmp_path):
    runner.invoke(app, ["demo", str(tmp_path / "d")])
    files = tmp_path / "d" / "amif42-files"
    target = tmp_path / "again.stemmen"
    runner.invoke(app, ["init", str(target)])
    result = runner.invoke(app, ["documents", "import", str(target), str(files / "transcripts"),
                                 "--metadata", str(files / "metadata.csv"), "--json"])
    data = json.loads(result.stdout)
    assert len(data["imported"]) == 31 and data["errors"] == []
    with stemmen.open_project(tmp_path / "d" / "amif42-demo.stemmen") as demo, \
            stemmen.open_project(target) as again:
        original = {d.name: (d.case, d.attributes) for d in demo.documents.list()}
        imported = {d.name: (d.case, d.attributes) for d in again.documents.list()}
        assert imported == original
        name = sorted(original)[0]
        assert again.documents.get(name).text == demo.documents.get(name).text


def test_a_second_demo_in_the_same_folder_needs_force(tmp_path):
    assert runner.invoke(app, ["demo", str(tmp_path)]).exit_code == 0
    again = runner.invoke(app, ["demo", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert runner.invoke(app, ["demo", str(tmp_path), "--force"]).exit_code == 0
