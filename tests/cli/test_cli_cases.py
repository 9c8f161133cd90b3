"""``stemmen cases``: rename, describe, delete, attributes, participants with speaker labels,
and a sheet of changes applied all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()
TRANSCRIPT = "[SYNTHETIC TEST TRANSCRIPT]\nInterviewer: Hoe gaat het?\nDeelnemer 3: Goed.\n"


def run(*args: object):  # noqa: ANN201
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "study.stemmen"
    with stemmen.create_project(target) as p:
        p.documents.add("FG Gent", TRANSCRIPT, case="OCMW Gent")
        p.documents.add("FG Luik", TRANSCRIPT)
    return target


def test_rename_describe_retype_and_delete_a_case(project: Path) -> None:
    assert run("cases", "rename", project, "OCMW Gent", "OCMW Gent-stad").exit_code == 0
    assert run("cases", "describe", project, "OCMW Gent-stad", "Ghent").exit_code == 0
    assert run("cases", "define", project, "budget", "--applies-to", "case").exit_code == 0
    assert run("cases", "set", project, "OCMW Gent-stad", "budget", "1200").exit_code == 0
    assert run("cases", "retype", project, "budget", "--type", "number",
               "--applies-to", "case").exit_code == 0
    listed = json.loads(run("cases", "list", project, "--json").stdout)
    assert listed == [{"name": "OCMW Gent-stad", "description": "Ghent",
                       "attributes": {"budget": 1200}, "documents": 1}]
    bad = run("cases", "rename", project, "OCMW X", "Y")
    assert bad.exit_code != 0 and "There is no case 'OCMW X'" in bad.output
    deleted = run("cases", "delete", project, "OCMW Gent-stad")
    assert deleted.exit_code == 0 and "1 document(s)" in deleted.output
    assert json.loads(run("cases", "list", project, "--json").stdout) == []


def test_participants_link_with_speaker_label_and_unlink(project: Path) -> None:
    assert run("cases", "define", project, "age", "--type", "number",
               "--applies-to", "participant").exit_code == 0
    assert run("cases", "participants", "add", project, "P1", "--case", "OCMW Gent"
               ).exit_code == 0
    assert run("cases", "participants", "set", project, "P1", "age", "34").exit_code == 0
    bad = run("cases", "participants", "set", project, "P1", "age", "oud")
    assert bad.exit_code != 0 and "'oud' is not a valid number" in bad.output
    assert run("cases", "participants", "rename", project, "P1", "Amina").exit_code == 0
    linked = run("cases", "participants", "link", project, "Amina", "FG Gent",
                 "--speaker", "Deelnemer 3")
    assert linked.exit_code == 0, linked.output
    links = json.loads(run("cases", "participants", "links", project, "--json").stdout)
    assert links == [{"participant": "Amina", "document": "FG Gent", "speaker": "Deelnemer 3"}]
    people = json.loads(run("cases", "participants", "list", project, "--json").stdout)
    assert people[0]["demographics"] == {"age": 34} and people[0]["documents"] == ["FG Gent"]
    assert run("cases", "participants", "unlink", project, "Amina", "FG Gent").exit_code == 0
    assert json.loads(run("cases", "participants", "links", project, "--json").stdout) == []
    assert run("cases", "participants", "delete", project, "Amina").exit_code == 0


def test_a_sheet_of_changes_is_all_or_nothing(project: Path, tmp_path: Path) -> None:
    run("cases", "define", project, "age", "--type", "number", "--applies-to", "participant")
    sheet = tmp_path / "people.tsv"
    sheet.write_text("pseudonym\tcase\tage\nP1\tOCMW Gent\t34\nP2\t\toud\n", encoding="utf-8")
    bad = run("cases", "update", project, sheet, "--sheet", "participants")
    assert bad.exit_code != 0 and "Row P2, column age: 'oud' is not a number." in bad.output
    assert json.loads(run("cases", "participants", "list", project, "--json").stdout) == []
    sheet.write_text("pseudonym\tcase\tage\nP1\tOCMW Gent\t34\nP2\t\t29\n", encoding="utf-8")
    assert run("cases", "update", project, sheet, "--sheet", "participants").exit_code == 0
    people = json.loads(run("cases", "participants", "list", project, "--json").stdout)
    assert [(x["pseudonym"], x["case"], x["demographics"]) for x in people] == [
        ("P1", "OCMW Gent", {"age": 34}), ("P2", None, {"age": 29})]
    speakers = tmp_path / "speakers.csv"
    speakers.write_text("participant,document,speaker\nP1,FG Gent,Deelnemer 3\n",
                        encoding="utf-8")
    assert run("cases", "update", project, speakers, "--sheet", "speakers").exit_code == 0
    with stemmen.open_project(project) as p:
        assert p.participants.links()[0].speaker == "Deelnemer 3"
        assert p.journal.entries()[-1].action == "participant.update_links"
