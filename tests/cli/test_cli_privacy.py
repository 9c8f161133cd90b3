"""``stemmen privacy scan|decide|apply|reveal``: JSON shapes, a decisions CSV, the key file,
a wrong key (exit 2, no traceback). Synthetic test transcripts."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\n"
        "Interviewer: Wie hielp je?\n"
        "Respondent: Mevrouw Janssens van het OCMW Gent. Bel haar op 09 223 45 67.\n"
        "Respondent: Of mail naar an.janssens@example.be.\n")


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result


def test_scan_decide_apply_reveal(tmp_path):
    path = tmp_path / "p.stemmen"
    with stemmen.create_project(path) as project:
        project.documents.add("int-1", TEXT)
        project.codebook.add("Hulp")
        project.codings.apply("int-1", "Hulp", paragraph=3)
    result = run("privacy", "scan", path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["candidates"]
    rows = data["candidates"]
    assert rows and all(list(r) == ["id", "document", "start", "end", "text", "kind", "label"]
                        for r in rows)
    by_text = {r["text"]: r for r in rows}
    assert by_text["Janssens"]["kind"] == "person"
    assert by_text["09 223 45 67"]["label"] == "[Telefoon]"
    assert by_text["an.janssens@example.be"]["kind"] == "email"
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("id,decision,label\n" + "".join(
        f"{r['id']},accept,\n" for r in rows), encoding="utf-8")
    key = tmp_path / "outside" / "study.key"
    result = run("privacy", "apply", path, "--key-file", key, "--decisions", decisions)
    assert result.exit_code == 0, result.output
    assert key.exists()
    with stemmen.open_project(path) as project:
        text = project.documents.get("int-1").text
        segment = project.segments.retrieve()[0].text
    assert "Janssens" not in text and "223 45" not in text and "example.be" not in text
    assert segment == "Respondent: Mevrouw [Naam 1] van het OCMW Gent. Bel haar op [Telefoon]."
    result = run("privacy", "reveal", path, "--key-file", key, "--json")
    assert result.exit_code == 0, result.output
    revealed = json.loads(result.stdout)
    assert {(e["label"], e["text"], e["document"]) for e in revealed} == {
        (r["label"], r["text"], "int-1") for r in rows}
    other = tmp_path / "other.key"
    from cryptography.fernet import Fernet

    other.write_bytes(Fernet.generate_key())
    result = run("privacy", "reveal", path, "--key-file", other)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "not the key" in result.output


def test_bad_decisions_file_is_refused(tmp_path):
    path = tmp_path / "p.stemmen"
    stemmen.create_project(path).close()
    bad = tmp_path / "bad.csv"
    bad.write_text("id,decision\nx,accept\n", encoding="utf-8")
    result = run("privacy", "decide", path, "--decisions", bad)
    assert result.exit_code == 2 and "bad.csv" in result.output
    assert "Traceback" not in result.output
