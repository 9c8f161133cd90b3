"""The start page and the exchange page over TestClient: no project open, create, open, the
recent list, the demo job, switching projects, and a .qdpx imported into a new project."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.project import recent
from stemmen.web import WebSettings, create_app

CSRF = "test-csrf-token"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private config folder: the recent list of the tests never touches the user's."""
    folder = tmp_path / "home"
    monkeypatch.setenv("STEMMEN_HOME", str(folder))
    return folder


def client_for(project: str | Path | stemmen.Project | None) -> TestClient:
    settings = WebSettings(token=None, csrf=CSRF, allowed_hosts=("testserver",))
    client = TestClient(create_app(project, settings), raise_server_exceptions=False)
    client.headers["X-CSRF-Token"] = CSRF
    return client


@pytest.fixture
def empty() -> Iterator[TestClient]:
    with client_for(None) as client:
        yield client


def test_without_a_project_pages_go_to_the_start_page_and_the_api_says_why(
        empty: TestClient) -> None:
    for path in ("/", "/codebook", "/exchange", "/documents/x"):
        answer = empty.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/start", path
    api = empty.get("/api/overview")
    assert api.status_code == 409 and "No project is open" in api.json()["error"]
    page = empty.get("/start")
    assert page.status_code == 200
    assert "no-project" in page.text and "Recent projects" in page.text
    assert empty.get("/static/css/start.css").status_code == 200


def test_create_a_project_in_a_folder_then_the_overview_shows_it(
        empty: TestClient, tmp_path: Path, home: Path) -> None:
    answer = empty.post("/api/start/create", json={"folder": str(tmp_path / "work"),
                                                   "name": "amif42"})
    assert answer.json() == {"ok": True, "project": "amif42", "go": "/"}
    made = tmp_path / "work" / "amif42.stemmen"
    assert made.is_file()
    overview = empty.get("/")
    assert overview.status_code == 200 and "amif42" in overview.text
    listed = json.loads((home / "recent.json").read_text(encoding="utf-8"))
    assert [p["target"] for p in listed["projects"]] == [str(made)]
    again = empty.post("/api/start/create", json={"folder": str(tmp_path / "work"),
                                                  "name": "amif42"})
    assert again.status_code == 400 and "already exists" in again.json()["error"]
    bad = empty.post("/api/start/create", json={"folder": str(tmp_path), "name": "a/b"})
    assert bad.status_code == 400 and "project name" in bad.json()["error"]


def test_open_switches_project_and_closes_the_one_the_server_opened(
        tmp_path: Path) -> None:
    first, second = tmp_path / "one.stemmen", tmp_path / "two.stemmen"
    stemmen.create_project(first).close()
    with stemmen.create_project(second) as p:
        p.documents.add("Interview Gent", "SYNTHETIC. Een tekst.")
    with client_for(first) as client:
        opened = client.app.state.project
        closed: list[bool] = []
        opened.store.close = lambda: closed.append(True)  # type: ignore[method-assign]
        answer = client.post("/api/start/open", json={"project": str(second)})
        assert answer.json()["project"] == "two"
        assert closed == [True]
        assert "Interview Gent" in client.get("/").text
        assert client.get("/start").text.count("two") >= 1
        missing = client.post("/api/start/open", json={"project": str(tmp_path / "x.stemmen")})
        assert missing.status_code == 404
        assert client.app.state.project_name == "two"  # a failed open keeps the project


def test_the_project_the_server_opened_is_closed_when_it_stops(tmp_path: Path) -> None:
    path = tmp_path / "one.stemmen"
    stemmen.create_project(path).close()
    closed: list[bool] = []
    with client_for(path) as client:
        client.app.state.project.store.close = lambda: closed.append(True)
        assert client.get("/").status_code == 200
    assert closed == [True] and client.app.state.project is None


def test_a_project_passed_in_stays_open_when_the_server_switches(
        project: stemmen.Project, tmp_path: Path) -> None:
    other = tmp_path / "other.stemmen"
    stemmen.create_project(other).close()
    with client_for(project) as client:
        assert client.post("/api/start/open", json={"project": str(other)}).json()["ok"]
    assert [d.name for d in project.documents.list()] == ["FG Antwerpen", "FG Gent"]


def test_the_recent_list_orders_forgets_and_survives_a_damaged_file(
        tmp_path: Path, home: Path) -> None:
    a, b = tmp_path / "a.stemmen", tmp_path / "b.stemmen"
    a.touch()
    recent.remember(a)
    recent.remember("postgresql://an:secret@db.example/amif")
    recent.remember(b)
    listed = recent.recent_projects()
    assert [r.name for r in listed] == ["b", "amif", "a"]
    assert [r.available for r in listed] == [False, True, True]
    assert listed[1].shown == "postgresql://an:***@db.example/amif"
    recent.forget(b)
    assert [r.name for r in recent.recent_projects()] == ["amif", "a"]
    assert (home / "recent.json").stat().st_mode & 0o077 == 0
    (home / "recent.json").write_text("{damaged", encoding="utf-8")
    assert recent.recent_projects() == []
    for i in range(recent.MAX_RECENT + 3):
        recent.remember(tmp_path / f"p{i}.stemmen")
    assert len(recent.recent_projects()) == recent.MAX_RECENT


def test_the_start_page_lists_recent_projects_and_forgets_one(
        empty: TestClient, tmp_path: Path) -> None:
    kept = tmp_path / "kept.stemmen"
    stemmen.create_project(kept).close()
    recent.remember(kept)
    page = empty.get("/start").text
    assert "kept" in page and str(kept) in page
    assert empty.post("/api/start/forget", json={"project": str(kept)}).json()["ok"]
    assert "No recent projects yet." in empty.get("/start").text
    assert kept.exists()


def test_the_demo_is_built_in_a_job_and_then_opened(empty: TestClient,
                                                    tmp_path: Path) -> None:
    started = empty.post("/api/start/demo", json={"folder": str(tmp_path / "demo")}).json()
    job = empty.app.state.jobs.wait(started["job"], timeout=120)
    status = empty.get(f"/api/jobs/{job.id}").json()
    assert status["state"] == "done", status
    assert status["done"] == status["total"] == 31
    target = status["result"]["project"]
    assert target == str(tmp_path / "demo" / "amif42-demo.stemmen")
    assert empty.post("/api/start/open", json={"project": target}).json()["ok"]
    totals = empty.get("/api/overview").json()["totals"]
    assert totals["documents"] == 31 and totals["cases"] == 5 and totals["codes"] == 39


def test_the_exchange_page_offers_both_downloads_and_the_import(
        client: TestClient, project: stemmen.Project) -> None:
    page = client.get("/exchange")
    assert page.status_code == 200
    assert 'href="/api/export/codebook.qdc"' in page.text
    assert 'id="export-qdpx"' in page.text and 'id="import-form"' in page.text
    folder = str(Path(project.url.removeprefix("sqlite:///")).parent)
    assert f'value="{folder}"' in page.text  # the new project goes beside this one
    assert 'value="study-import"' in page.text


def test_the_qdpx_export_job_gives_the_file_and_counts_progress(
        client: TestClient, project: stemmen.Project) -> None:
    started = client.post("/api/export/project.qdpx").json()
    job = client.app.state.jobs.wait(started["job"])
    status = client.get(f"/api/jobs/{job.id}").json()
    assert status["state"] == "done" and status["filename"] == "study.qdpx"
    assert status["done"] == status["total"] == 4  # two documents, each read twice
    data = client.get(status["download"]).content
    assert data[:2] == b"PK"


def test_an_uploaded_qdpx_becomes_a_new_project_with_a_report_per_kind(
        client: TestClient, project: stemmen.Project, tmp_path: Path) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=3)
    exported = tmp_path / "study.qdpx"
    project.exchange.export_qdpx(exported)
    answer = client.post("/api/exchange/import", data={"folder": str(tmp_path / "new"),
                                                       "name": "copy"},
                         files={"file": ("study.qdpx", exported.read_bytes())})
    job = client.app.state.jobs.wait(answer.json()["job"])
    result = client.get(f"/api/jobs/{job.id}").json()["result"]
    assert result["project"] == str(tmp_path / "new" / "copy.stemmen")
    assert {k: result["written"][k] for k in ("documents", "codes", "codings", "cases")} == {
        "documents": 2, "codes": 2, "codings": 1, "cases": 2}
    kinds = {k["kind"]: (k["declared"], k["imported"], k["dropped"])
             for k in result["report"]["kinds"]}
    assert kinds["sources"] == (2, 2, 0) and kinds["codings"] == (1, 1, 0)
    assert not list(tmp_path.glob("stemmen-import-*"))
    assert client.app.state.project is project  # the current project stays open


def test_a_bad_upload_is_refused_and_leaves_nothing(client: TestClient,
                                                    tmp_path: Path) -> None:
    wrong = client.post("/api/exchange/import", data={"folder": str(tmp_path)},
                        files={"file": ("notes.txt", b"hello")})
    assert wrong.status_code == 400 and "not notes.txt" in wrong.json()["error"]
    broken = client.post("/api/exchange/import", data={"folder": str(tmp_path), "name": "b"},
                         files={"file": ("broken.qdpx", b"PK\x05\x06" + b"\0" * 18)})
    job = client.app.state.jobs.wait(broken.json()["job"])
    status = client.get(f"/api/jobs/{job.id}").json()
    assert status["state"] == "failed" and "broken.qdpx" in status["error"]
    assert not (tmp_path / "b.stemmen").exists()
