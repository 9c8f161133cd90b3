"""`stemmen documents import` of timed transcripts, `documents show --json` with times and
speakers, `documents media` (copy, link, show, remove), `codings apply-turns` and
`retrieve --speaker`. Synthetic data from tests/data."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"


def run(*args: object) -> object:
    return runner.invoke(app, [str(a) for a in args])


def test_timed_import_show_media_apply_turns_and_retrieve_by_speaker(tmp_path: Path) -> None:
    project = tmp_path / "study.stemmen"
    stemmen.create_project(project, actor="an").close()
    done = run("documents", "import", project, DATA / "subtitles" / "interview_pysubs2.srt")
    assert done.exit_code == 0, done.output
    shown = json.loads(run("documents", "show", project, "interview_pysubs2", "--json").stdout)
    assert [(p["n"], p["speaker"], p["time"]) for p in shown["paragraphs"]] == [
        (1, "Interviewer", {"start": 0.0, "end": 1.5}),
        (2, "Deelnemer 1", {"start": 1.5, "end": 3.5}),
        (3, "Interviewer", {"start": 3.5, "end": 4.5}),
        (4, "Deelnemer 1", {"start": 4.5, "end": 6.0})]
    assert shown["media"] is None

    wav = DATA / "media" / "interview_tone.wav"
    copied = run("documents", "media", project, "interview_pysubs2", wav)
    assert copied.exit_code == 0 and "Copied interview_tone.wav" in copied.output
    assert (tmp_path / "study.stemmen.media" / "interview_tone.wav").read_bytes() == \
        wav.read_bytes()
    linked = run("documents", "media", project, "interview_pysubs2", wav, "--link", "--json")
    assert json.loads(linked.stdout) == {"document": "interview_pysubs2",
                                         "path": str(wav.resolve()), "copied": False,
                                         "mime_type": "audio/wav", "size": wav.stat().st_size}
    assert not (tmp_path / "study.stemmen.media" / "interview_tone.wav").exists()
    assert str(wav.resolve()) in run("documents", "media", project, "interview_pysubs2").output
    shown = json.loads(run("documents", "show", project, "interview_pysubs2", "--json").stdout)
    assert shown["media"]["mime_type"] == "audio/wav"

    run("codebook", "add", project, "Vraag")
    coded = run("codings", "apply-turns", project, "interview_pysubs2", "--speaker",
                "Interviewer", "--code", "Vraag", "--coder", "bert")
    assert coded.exit_code == 0 and "Coded 2 of 2 turn(s) of Interviewer" in coded.output
    asked = json.loads(run("retrieve", project, "--speaker", "Interviewer", "--json").stdout)
    assert [(s["coder"], s["paragraphs"]) for s in asked] == [("bert", [1, 1]), ("bert", [3, 3])]
    assert json.loads(run("retrieve", project, "--speaker", "Deelnemer 1", "--json").stdout) == []
    sheet = tmp_path / "vragen.csv"
    assert run("retrieve", project, "--speaker", "Interviewer", "--csv", sheet).exit_code == 0
    rows = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3 and rows[1].split(",")[9:11] == ["1", "1"]

    nobody = run("codings", "apply-turns", project, "interview_pysubs2", "--speaker", "Tolk",
                 "--code", "Vraag")
    assert nobody.exit_code == 2 and "Deelnemer 1, Interviewer" in nobody.output
    removed = run("documents", "media", project, "interview_pysubs2", "--remove")
    assert removed.exit_code == 0 and wav.exists()
    assert "has no media file" in run("documents", "media", project, "interview_pysubs2").output


def test_a_bad_subtitle_file_is_refused_with_its_line(tmp_path: Path) -> None:
    project = tmp_path / "study.stemmen"
    stemmen.create_project(project, actor="an").close()
    bad = tmp_path / "kapot.vtt"
    bad.write_text("WEBVTT\n\n1\n00:00:02.000 --> 00:00:01.000\nAnn: ja\n")
    result = run("documents", "import", project, bad)
    assert result.exit_code == 2
    assert "kapot.vtt:4" in result.output and "ends before it starts" in result.output
    assert "Traceback" not in result.output
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    refused = run("documents", "media", project, "kapot", notes)
    assert refused.exit_code == 2 and "Traceback" not in refused.output
