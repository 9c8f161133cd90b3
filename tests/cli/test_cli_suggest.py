"""``stemmen suggest train|report|list|accept|reject|as-coder`` from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import stemmen
from stemmen.cli import app
from suggest_corpus import NOISE, RARE, VOCABULARY, corpus

RUNNER = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args), env={"STEMMEN_USER": "carla"})
    return result.exit_code, result.output


def _project(tmp_path: Path) -> str:
    path = str(tmp_path / "p.stemmen")
    texts, codings = corpus(documents=8)
    with stemmen.create_project(path) as p:
        for code in [*VOCABULARY, RARE, NOISE]:
            p.codebook.add(code)
        for name, text in texts.items():
            p.documents.add(name, text)
        p.documents.add("nieuw", "Deelnemer: zonder tolk begreep ik niets.\nHet weer.")
        for document, start, end, code in codings:
            p.codings.apply(document, code, "an", start=start, end=end)
    return path


def test_train_list_accept_reject_and_the_model_as_coder(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, out = run("suggest", "list", project, "--document", "nieuw")
    assert code == 2 and "No suggestion model is trained yet" in out

    code, out = run("suggest", "train", project, "--coder", "an", "--json")
    assert code == 0
    report = json.loads(out)
    by_code = {c["code"]: c for c in report["codes"]}
    assert set(by_code) == {*VOCABULARY, RARE, NOISE}
    assert {"code", "kappa", "ac1", "precision", "recall", "n", "enabled"} <= set(by_code["tolk"])
    assert by_code["tolk"]["enabled"] and by_code["tolk"]["kappa"] > 0.8
    assert not by_code[RARE]["enabled"] and "too few examples" in by_code[RARE]["reason"]
    assert report["pooled"]["kappa"] is not None and report["folds"] == 5

    code, out = run("suggest", "report", project)
    assert code == 0 and "Trust report" in out and "against an" in out

    code, out = run("suggest", "list", project, "--document", "nieuw", "--json")
    found = json.loads(out)
    assert code == 0 and [s["code"] for s in found] == ["tolk"]
    code, out = run("suggest", "accept", project, str(found[0]["id"]))
    assert code == 0 and "tolk on nieuw" in out and "by carla" in out
    with stemmen.open_project(project) as p:
        assert [(c.code, c.coder) for c in p.codings.list(document="nieuw")] == [
            ("tolk", "carla")]
    code, out = run("suggest", "reject", project, str(found[0]["id"]))
    assert code == 2 and "already accepted" in out

    code, out = run("suggest", "as-coder", project)
    assert code == 0 and "for coder model" in out
    code, out = run("agreement", project, "--coder", "an", "--coder", "model")
    assert code == 0 and "tolk" in out


def test_train_by_turns_names_the_model_and_bad_options_exit_2(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, out = run("suggest", "train", project, "--coder", "an", "--model", "neural")
    assert code == 2 and "Unknown model neural" in out and "Traceback" not in out
    code, out = run("suggest", "train", project, "--coder", "an", "--speaker", "Deelnemer")
    assert code == 2 and "--units turns" in out
    code, out = run("suggest", "train", project, "--coder", "an", "--units", "turns",
                    "--speaker", "Deelnemer", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["unit"] == "turns" and report["speaker"] == "Deelnemer"
    assert report["kind"] == "lexical" and report["model"].startswith("lexical:")
    code, out = run("suggest", "report", project)
    assert code == 0 and "Model: lexical" in out and "speaker turns" in out


def test_hints_are_labelled_and_measured(tmp_path: Path) -> None:
    path = str(tmp_path / "h.stemmen")
    texts = {"a": "Deelnemer: de tolk vertaalde alles aan de telefoon.\n"
                  "Deelnemer: de huur van het appartement is te hoog.",
             "b": "Deelnemer: zonder tolk begreep ik niets.\n"
                  "Deelnemer: een sociale woning, op de wachtlijst."}
    with stemmen.create_project(path) as p:
        p.codebook.add("tolk", definition="Interpreter: talking through a translator.")
        p.codebook.add("wonen", definition="Housing: rent, flats, social housing.")
        for name, text in texts.items():
            p.documents.add(name, text)
        for name, text in texts.items():
            first, second = text.split("\n")
            p.codings.apply(name, "tolk", "an", start=0, end=len(first))
            p.codings.apply(name, "wonen", "an", start=len(first) + 1, end=len(text))
    code, out = run("suggest", "hints", path, "--document", "a", "--coder", "an", "--json")
    assert code == 0, out
    found = json.loads(out)
    assert found["kind"] == "hints" and all(h["kind"] == "hint" for h in found["hints"])
    right = {0: "tolk", 52: "wonen"}  # each paragraph's code by the coder
    assert found["hints"] and all(right[h["start"]] == h["code"] for h in found["hints"])
    agreement = found["agreement"]
    assert agreement["kind"] == "hints" and agreement["model"].startswith("zero-shot hints")
    assert agreement["units"] == 4 and agreement["documents"] == 2
    assert [c["n"] for c in agreement["codes"]] == [2, 2]
    assert agreement["pooled"]["precision"] == 1.0
    code, out = run("suggest", "hints", path, "--document", "a")
    assert code == 0 and "Hints from code definitions (not learnt)" in out
    assert "Not measured" in out
