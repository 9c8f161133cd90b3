"""The /settings page and API (`stemmen settings`, `stemmen db status`), agreement on an
uploaded table (`stemmen agreement --table`) and `stemmen suggest as-coder` over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.web import WebSettings, create_app
from suggest_corpus import NOISE, RARE, VOCABULARY, corpus

ROOT = Path(__file__).resolve().parents[2]
KRIPPENDORFF = ROOT / "docs" / "examples" / "krippendorff2011.csv"


def test_settings_page_lists_every_setting_and_the_project(client, project):
    page = client.get("/settings")
    assert page.status_code == 200
    for setting in project.settings.list():
        assert f'data-key="{setting.key}"' in page.text
    assert "SQLite" in page.text
    assert "study.stemmen" in page.text
    assert project.store.revision() in page.text
    assert 'href="/settings" aria-current="page"' in page.text


def test_set_and_reset_are_each_one_project_call(client, project):
    answer = client.post("/api/settings/set", json={"key": "attribute.wave",
                                                    "value": " ronde ,  golf "}).json()
    assert answer["ok"] and answer["setting"]["value"] == "ronde, golf"
    assert not answer["setting"]["is_default"]
    assert project.settings.get("attribute.wave").value == "ronde, golf"
    listed = client.get("/api/settings/list").json()["settings"]
    assert {s["key"]: s["value"] for s in listed}["attribute.wave"] == "ronde, golf"
    answer = client.post("/api/settings/reset", json={"key": "attribute.wave"}).json()
    assert answer["setting"]["is_default"]
    assert project.settings.get("attribute.wave").is_default


@pytest.mark.parametrize(("payload", "words"), [
    ({"key": "attribute.colour", "value": "kleur"}, "no setting 'attribute.colour'"),
    ({"key": "attribute.role", "value": " , "}, "at least one attribute name"),
    ({"key": "attribute.role"}, "value"),
])
def test_bad_settings_are_one_sentence(client, payload, words):
    answer = client.post("/api/settings/set", json=payload)
    assert answer.status_code in (400, 404, 422)
    assert answer.json()["ok"] is False and words in answer.json()["error"]
    assert "Traceback" not in answer.text


def test_reset_of_an_unknown_setting_is_refused(client):
    answer = client.post("/api/settings/reset", json={"key": "nope"})
    assert answer.json()["ok"] is False and "no setting 'nope'" in answer.json()["error"]


def test_status_api_matches_db_status(client, project):
    status = client.get("/api/project/status").json()["status"]
    assert status["revision"] == project.store.revision()
    assert status["kind"] == "SQLite" and status["location"].endswith("study.stemmen")


def upload(client, name, data, **form):
    return client.post("/api/reliability/table", files={"file": (name, data, "text/csv")},
                       data=form)


def test_table_of_ratings_gives_the_cli_coefficients(client):
    answer = upload(client, "k.csv", KRIPPENDORFF.read_bytes()).json()
    assert answer["ok"] and answer["file"] == "k.csv"
    assert round(answer["result"]["krippendorff_alpha"], 3) == 0.743
    expected = stemmen.agreement_table(KRIPPENDORFF, level="interval")
    answer = upload(client, "k.csv", KRIPPENDORFF.read_bytes(), level="interval").json()
    assert answer["result"]["krippendorff_alpha"] == pytest.approx(
        expected["krippendorff_alpha"])
    assert answer["result"]["level"] == "interval"


@pytest.mark.parametrize(("name", "data", "form", "words"), [
    ("k.csv", b"who,what\nx,y\n", {}, "unit"),
    ("k.pdf", b"%PDF", {}, "not a table"),
    ("k.csv", KRIPPENDORFF.read_bytes(), {"level": "loud"}, "Unknown level loud"),
    ("k.csv", KRIPPENDORFF.read_bytes(), {"weights": "cubic"}, "Unknown weights cubic"),
])
def test_bad_tables_are_one_sentence(client, name, data, form, words):
    answer = upload(client, name, data, **form)
    assert answer.status_code in (400, 422)
    assert answer.json()["ok"] is False and words in answer.json()["error"]


def test_table_without_a_file_is_refused(client):
    answer = client.post("/api/reliability/table", data={"level": "nominal"})
    assert answer.json()["ok"] is False and "form field file" in answer.json()["error"]


def test_reliability_page_has_the_table_section(client):
    page = client.get("/reliability")
    assert 'id="rating-table"' in page.text and "reliability_table.css" in page.text


def test_as_coder_without_a_model_says_so(client, project):
    answer = client.post("/api/suggestions/as_coder", json={"name": "model"})
    assert answer.status_code in (400, 422)
    assert answer.json()["ok"] is False and "stemmen suggest train" in answer.json()["error"]


def test_as_coder_writes_the_models_codings(tmp_path):
    texts, codings = corpus(documents=8)
    p = stemmen.create_project(tmp_path / "s.stemmen", actor="an")
    for code in [*VOCABULARY, RARE, NOISE]:
        p.codebook.add(code)
    for name, text in texts.items():
        p.documents.add(name, text)
    for document, start, end, code in codings:
        p.codings.apply(document, code, "an", start=start, end=end)
    p.suggestions.train("an")
    settings = WebSettings(csrf="t", token=None, allowed_hosts=("testserver",))
    with TestClient(create_app(p, settings), raise_server_exceptions=False) as c:
        c.headers["X-CSRF-Token"] = "t"
        page = c.get("/suggestions")
        assert 'id="sg-as-coder"' in page.text and "suggest_as_coder.js" in page.text
        answer = c.post("/api/suggestions/as_coder", json={}).json()
        assert answer["ok"] and answer["name"] == "model" and answer["codings"] > 0
        assert len(p.codings.list(coders=["model"])) == answer["codings"]
        refused = c.post("/api/suggestions/as_coder", json={"name": "an"}).json()
        assert not refused["ok"] and "coder it learnt from" in refused["error"]
    p.close()
