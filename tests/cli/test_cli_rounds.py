"""`stemmen rounds open/list/close` and `stemmen exchange export --coder` / `import --merge`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

runner = CliRunner()
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\nInterviewer: Hoe ging het?\n"
        "Deelnemer 1: De tolk hielp ons.\nDeelnemer 2: Ik had stress.\n")


def study(path) -> str:  # noqa: ANN001
    with stemmen.create_project(path, actor="owner") as p:
        p.codebook.add("tolk")
        p.codebook.add("stress")
        p.documents.add("d1", TEXT)
        p.codings.apply("d1", "tolk", "an", paragraph=3)
        p.codings.apply("d1", "tolk", "bo", paragraph=3)
        p.codings.apply("d1", "stress", "bo", paragraph=4)
    return str(path)


def test_open_list_and_close_a_round(tmp_path):
    target = study(tmp_path / "p.stemmen")
    opened = runner.invoke(app, ["rounds", "open", target, "r1", "--document", "d1",
                                 "--coder", "an", "--coder", "bo"])
    assert opened.exit_code == 0, opened.output
    assert "r1" in opened.output
    listed = json.loads(runner.invoke(app, ["rounds", "list", target, "--json"]).output)
    assert [(r["name"], r["state"], r["coders"]) for r in listed] == [
        ("r1", "open", ["an", "bo"])]
    again = runner.invoke(app, ["rounds", "open", target, "r1", "--document", "d1",
                                "--coder", "an", "--coder", "bo"])
    assert again.exit_code == 2 and "Traceback" not in again.output
    closed = runner.invoke(app, ["rounds", "close", target, "r1", "--json"])
    assert closed.exit_code == 0, closed.output
    data = json.loads(closed.output)
    agreement = json.loads(runner.invoke(app, ["agreement", target, "--coder", "an",
                                               "--coder", "bo", "--document", "d1",
                                               "--json"]).output)
    assert {k: data[k] for k in agreement} == agreement
    assert (data["round"], data["round_documents"], data["round_coders"]) == (
        "r1", ["d1"], ["an", "bo"])
    table = runner.invoke(app, ["rounds", "close", target, "r1"])
    assert table.exit_code == 2 and "already closed" in table.output


def test_a_copy_for_one_coder_and_its_merge_back(tmp_path):
    target = study(tmp_path / "p.stemmen")
    runner.invoke(app, ["rounds", "open", target, "r1", "--document", "d1", "--coder", "an",
                        "--coder", "bo"])
    copy = tmp_path / "an.qdpx"
    written = runner.invoke(app, ["exchange", "export", target, str(copy), "--coder", "an",
                                  "--json"])
    assert written.exit_code == 0, written.output
    assert json.loads(written.output)["written"]["codings"] == 1
    with stemmen.create_project(tmp_path / "an.stemmen", actor="an") as mine:
        mine.exchange.import_qdpx(copy)
        assert {c.coder for c in mine.codings.list()} == {"an"}
        mine.codings.apply("d1", "stress", "an", paragraph=4)
        mine.exchange.export_qdpx(tmp_path / "an-back.qdpx")
    merged = runner.invoke(app, ["exchange", "import", target, str(tmp_path / "an-back.qdpx"),
                                 "--merge", "--json"])
    assert merged.exit_code == 0, merged.output
    assert json.loads(merged.output)["merged"]["added"]["codings"] == 1
    twice = runner.invoke(app, ["exchange", "import", target, str(tmp_path / "an-back.qdpx"),
                                "--merge"])
    assert twice.exit_code == 0 and "Already there" in twice.output
    with stemmen.open_project(target) as p:
        assert len(p.codings.list()) == 4
