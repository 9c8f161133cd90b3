"""What the segment downloads stand on: ``project.segments.export_csv``, ``stemmen retrieve
--csv``, and retrieval's cache of document texts (never stale)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app
from stemmen.project.retrieval import CSV_COLUMNS


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fp:
        return list(csv.DictReader(fp))


def test_export_csv_writes_what_retrieve_returns(project: stemmen.Project,
                                                 tmp_path: Path) -> None:
    project.codings.apply("FG Antwerpen", "S-stress", "an", paragraph=3)
    project.codings.apply("FG Gent", "R-tolk", "bert", paragraph=4, last_paragraph=5)
    path = tmp_path / "segmenten.csv"
    assert project.segments.export_csv(path, context=1) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    got = read(path)
    expected = project.segments.retrieve(context=1)
    assert [tuple(r.values()) for r in got] == [
        (str(s.coding_id), s.document, s.case, s.role, s.code,
         project.codebook.get(s.code).category, s.coder, str(s.start), str(s.end),
         str(s.paragraphs[0]), str(s.paragraphs[1]), s.text, s.before, s.after,
         s.attribution) for s in expected]
    assert project.segments.export_csv(tmp_path / "leeg.csv", coders=["niemand"]) == 0
    assert read(tmp_path / "leeg.csv") == []


def test_export_csv_writes_to_an_open_file_without_a_bom(project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4)
    out = io.StringIO()
    assert project.segments.export_csv(out, codes=["R-tolk"]) == 1
    lines = list(csv.reader(io.StringIO(out.getvalue())))
    assert lines[0] == list(CSV_COLUMNS) and lines[1][11].startswith("Deelnemer 2: De tolk")


def test_the_retrieve_command_writes_csv(project: stemmen.Project, tmp_path: Path) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4)
    project.codings.apply("FG Gent", "S-stress", "an", paragraph=3)
    out = tmp_path / "tolk.csv"
    result = CliRunner().invoke(app, ["retrieve", str(tmp_path / "study.stemmen"), "--code",
                                      "R-tolk", "--csv", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "1 segment" in result.output
    assert [(r["document"], r["code"]) for r in read(out)] == [("FG Gent", "R-tolk")]


def test_a_document_added_again_under_its_old_name_is_read_afresh(
        project: stemmen.Project, transcript: str) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4)
    first = project.segments.retrieve(["R-tolk"])  # fills the cache of texts
    assert first[0].text.startswith("Deelnemer 2: De tolk")
    old_id = project.documents.get("FG Gent").id
    project.documents.delete("FG Gent")
    changed = transcript.replace("De tolk hielp", "De tolk helpt")
    assert len(changed) == len(transcript)
    project.documents.add("FG Gent", changed, case="OCMW Gent")
    assert project.documents.get("FG Gent").id == old_id  # SQLite reused the row id
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4)
    assert [s.text for s in project.segments.retrieve(["R-tolk"])] == [
        "Deelnemer 2: De tolk helpt ons. Zonder tolk begrijp ik niets."]


def test_an_unknown_code_fails_before_the_file_is_made(project: stemmen.Project,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "nee.csv"
    with pytest.raises(stemmen.NotFound, match="nope"):
        project.segments.export_csv(path, codes=["nope"])
    assert not path.exists()
