"""Team mode (a project with users): login form and CSRF, sessions, rate limit, expiry, a
removed user or a new role on the next request, the coder of a coding, the audit log's
filters and export; a project without users stays solo."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.project import users as users_module
from stemmen.web import WebSettings, create_app

pytestmark = pytest.mark.usefixtures("quick_passwords")

CSRF = "team-csrf"
PASSWORD = "team-password-1"
CODING = {"document": "FG Gent", "codes": ["R-tolk"], "paragraph": 2}


@pytest.fixture
def team(project: stemmen.Project) -> stemmen.Project:
    project.users.add("Ann", "owner", PASSWORD)
    project.users.add("cor", "coder", PASSWORD)
    project.users.add("rita", "reader", PASSWORD)
    return project


@pytest.fixture
def app_client(team: stemmen.Project) -> Callable[..., TestClient]:
    def factory(**options: Any) -> TestClient:
        settings = WebSettings(csrf=CSRF, token=options.pop("token", None),
                               allowed_hosts=("testserver",), **options)
        return TestClient(create_app(team, settings), raise_server_exceptions=False)
    return factory


def login(client: TestClient, name: str, password: str = PASSWORD, **extra: str) -> Any:
    form = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token, form.text
    answer = client.post("/login", data={"name": name, "password": password,
                                         "csrf": token.group(1), **extra},
                         follow_redirects=False)
    client.headers["X-CSRF-Token"] = CSRF
    return answer


def test_the_login_form_sets_a_strict_httponly_session_and_goes_on(
        app_client: Callable[..., TestClient]) -> None:
    client = app_client()
    answer = login(client, "cor", next="/documents/FG%20Gent")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/documents/FG%20Gent"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and PASSWORD not in cookie
    page = client.get("/")
    assert page.status_code == 200 and "cor" in page.text and 'action="/logout"' in page.text


def test_the_login_needs_the_forms_csrf_token_and_refuses_other_sites(
        app_client: Callable[..., TestClient]) -> None:
    client = app_client()
    form = {"name": "cor", "password": PASSWORD}
    assert client.post("/login", data=form).status_code == 403
    assert client.post("/login", data={**form, "csrf": "guess"}).status_code == 403
    assert client.post("/login", data={**form, "csrf": CSRF},
                       headers={"Origin": "http://evil.example"}).status_code == 403
    assert "set-cookie" not in client.post("/login", data={**form, "csrf": "guess"}).headers
    assert client.get("/api/overview").status_code == 401  # still nobody


def test_a_wrong_password_or_name_is_refused_alike(
        app_client: Callable[..., TestClient]) -> None:
    client = app_client()
    wrong_password = login(client, "cor", "not-the-password")
    wrong_name = login(client, "nobody", PASSWORD)
    assert wrong_password.status_code == wrong_name.status_code == 401
    assert "set-cookie" not in wrong_password.headers
    assert "Wrong name or password" in wrong_password.text
    assert "Wrong name or password" in wrong_name.text


def test_anonymous_pages_go_to_the_login_and_the_api_answers_401(
        app_client: Callable[..., TestClient]) -> None:
    client = app_client()
    page = client.get("/codebook", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fcodebook"
    assert client.get("/api/codebook").status_code == 401
    assert client.post("/api/codings", json=CODING,
                       headers={"X-CSRF-Token": CSRF}).status_code == 401
    assert client.get("/static/css/app.css").status_code == 200
    assert client.get("/login").status_code == 200


def test_logins_are_rate_limited_per_name_then_even_the_right_password_waits(
        app_client: Callable[..., TestClient]) -> None:
    client = app_client()
    for _ in range(users_module.MAX_FAILED_PER_NAME):
        assert login(client, "cor", "wrong-guess!").status_code == 401
    throttled = login(client, "cor", PASSWORD)
    assert throttled.status_code == 429 and "set-cookie" not in throttled.headers
    assert login(client, "Ann").status_code == 303  # another name is not held up


def test_logins_are_rate_limited_per_address(app_client: Callable[..., TestClient],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users_module, "MAX_FAILED_PER_ADDRESS", 3)
    client = app_client()
    for name in ("x1", "x2", "x3"):
        assert login(client, name, "wrong-guess!").status_code == 401
    assert login(client, "Ann").status_code == 429


def test_an_idle_session_ends(app_client: Callable[..., TestClient],
                              team: stemmen.Project) -> None:
    from sqlalchemy import update

    from stemmen.store.schema_users import user_sessions

    client = app_client(session_idle=600)
    assert login(client, "cor").status_code == 303
    assert client.get("/api/overview").status_code == 200

    def last_used(seconds_ago: float) -> None:
        with team.store.transaction() as tx:
            tx.execute(update(user_sessions).values(
                last_seen=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds_ago)))

    last_used(590)
    assert client.get("/api/overview").status_code == 200  # still within: and touched again
    [session] = team.users.sessions("cor")
    assert dt.datetime.now(dt.UTC) - session.last_seen < dt.timedelta(seconds=60)
    last_used(610)
    assert client.get("/api/overview").status_code == 401
    assert team.users.sessions("cor") == []


def test_a_session_ends_at_its_lifetime(app_client: Callable[..., TestClient],
                                        team: stemmen.Project) -> None:
    client = app_client(session_lifetime=3600)
    assert login(client, "cor").status_code == 303
    [session] = team.users.sessions("cor")
    assert session.expires - session.created == dt.timedelta(hours=1)
    team.users.end_sessions(before=session.expires + dt.timedelta(seconds=1))
    assert client.get("/api/overview").status_code == 401


def test_a_removed_user_is_out_at_the_next_request(app_client: Callable[..., TestClient],
                                                   team: stemmen.Project) -> None:
    client = app_client()
    login(client, "cor")
    assert client.get("/api/overview").status_code == 200
    team.users.remove("cor")
    assert client.get("/api/overview").status_code == 401
    assert login(client, "cor").status_code == 401


def test_a_new_role_counts_from_the_next_request(app_client: Callable[..., TestClient],
                                                 team: stemmen.Project) -> None:
    client = app_client()
    login(client, "cor")
    assert client.post("/api/codings", json=CODING).status_code == 200
    team.users.role("cor", "reader")
    assert client.post("/api/codings", json={**CODING, "paragraph": 3}).status_code == 403
    team.users.role("cor", "coder")
    assert client.post("/api/codings", json={**CODING, "paragraph": 3}).status_code == 200


def test_the_coder_of_a_web_coding_is_the_logged_in_user_whatever_the_client_says(
        app_client: Callable[..., TestClient], team: stemmen.Project) -> None:
    client = app_client()
    login(client, "cor")
    client.cookies.set("stemmen_coder", "mallory")
    assert client.post("/api/settings/coder", json={"coder": "mallory"}).status_code == 200
    made = client.post("/api/codings", json={**CODING, "coder": "mallory"})
    assert made.status_code == 200
    memo = client.post("/api/memos", json={"text": "Een notitie.", "document": "FG Gent",
                                           "author": "mallory"})
    assert memo.status_code == 200, memo.text
    assert {c.coder for c in team.codings.list()} == {"cor"}
    assert [m.author for m in team.memos.list()] == ["cor"]
    forged = client.post("/api/codings/restore", json={"document": "FG Gent", "codings": [
        {"code": "R-tolk", "coder": "Ann", "start": 0, "end": 5}]})
    assert forged.status_code == 400
    assert {c.coder for c in team.codings.list()} == {"cor"}
    actors = {e.actor for e in team.journal.entries() if e.action in ("coding.apply",
                                                                        "memo.add")}
    assert actors == {"cor"}


def test_logout_ends_the_session(app_client: Callable[..., TestClient],
                                 team: stemmen.Project) -> None:
    client = app_client()
    login(client, "cor")
    out = client.post("/logout", data={"csrf": CSRF}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert client.get("/api/overview").status_code == 401
    assert team.users.sessions("cor") == []


def test_a_stolen_cookie_value_is_not_in_the_database(app_client: Callable[..., TestClient],
                                                      team: stemmen.Project) -> None:
    client = app_client()
    login(client, "cor")
    token = client.cookies.get("stemmen_login")
    assert token
    dump = "\n".join(team.store.engine.raw_connection().iterdump())  # type: ignore[attr-defined]
    assert token not in dump and PASSWORD not in dump
    assert users_module.token_hash(token) in dump


def test_the_launch_token_is_not_needed_in_team_mode_but_solo_is_unchanged(
        make_client: Callable[..., TestClient], project: stemmen.Project) -> None:
    solo = make_client(token="s3cret")
    assert solo.get("/").status_code == 403  # solo: the launch token, as before
    assert solo.get("/login", follow_redirects=False).status_code == 403
    project.users.add("Ann", "owner", PASSWORD)
    team = make_client(token="s3cret")
    assert team.get("/", follow_redirects=False).headers["location"] == "/login"
    assert login(team, "Ann").status_code == 303
    assert team.get("/").status_code == 200


def test_the_log_filters_by_user_and_day_and_exports_csv_and_json(
        app_client: Callable[..., TestClient], team: stemmen.Project) -> None:
    client = app_client()
    login(client, "cor")
    client.post("/api/codings", json=CODING)
    page = client.get("/log?actor=cor&action=coding.apply")
    assert page.status_code == 200 and "coding.apply" in page.text
    today = dt.datetime.now(dt.UTC).date()
    as_json = client.get(f"/api/log/export?format=json&actor=cor&since={today}&until={today}")
    assert as_json.status_code == 200
    assert "attachment" in as_json.headers["content-disposition"]
    entries = as_json.json()
    assert [e["action"] for e in entries] == ["user.login", "coding.apply"]
    assert {e["actor"] for e in entries} == {"cor"}
    as_csv = client.get("/api/log/export?format=csv&action=user.add")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["action"] for r in rows] == ["user.add"] * 3
    assert PASSWORD not in as_csv.text
    tomorrow = today + dt.timedelta(days=1)
    assert client.get(f"/api/log/export?format=json&since={tomorrow}").json() == []
    assert client.get("/api/log/export?format=xml").status_code == 400
    assert client.get("/api/log/export?format=json&since=yesterday").status_code == 400


def test_behind_a_tls_proxy_the_public_name_is_answered_and_its_https_pages_may_post(
        team: stemmen.Project) -> None:
    settings = WebSettings(csrf=CSRF, token=None, allowed_hosts=("stemmen.example.org",))
    client = TestClient(create_app(team, settings), base_url="https://stemmen.example.org",
                        raise_server_exceptions=False)
    assert client.get("/login").status_code == 200
    answer = login(client, "cor")
    assert answer.status_code == 303 and "secure" in answer.headers["set-cookie"].lower()
    origin = {"Origin": "https://stemmen.example.org"}
    assert client.post("/api/codings", json=CODING, headers=origin).status_code == 200
    assert client.post("/api/codings", json=CODING,
                       headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 400


def test_serve_allowed_host_trusts_the_local_proxy(monkeypatch: pytest.MonkeyPatch,
                                                   team: stemmen.Project) -> None:
    import typer
    from typer.testing import CliRunner

    from stemmen.cli import serve

    seen: list[dict[str, Any]] = []
    monkeypatch.setenv("STEMMEN_HOME", str(Path(team.url.removeprefix("sqlite:///")).parent))
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.append(kw))
    app = typer.Typer()
    serve.register(app)
    app.command("noop")(lambda: None)
    result = CliRunner().invoke(app, ["serve", team.url.removeprefix("sqlite:///"),
                                      "--no-browser", "--allowed-host", "stemmen.example.org"])
    assert result.exit_code == 0, result.output
    assert seen[0]["host"] == "127.0.0.1" and seen[0]["proxy_headers"] is True
    assert seen[0]["forwarded_allow_ips"] == "127.0.0.1,::1"


def test_owners_manage_users_on_the_users_page(app_client: Callable[..., TestClient],
                                               team: stemmen.Project) -> None:
    owner, coder = app_client(), app_client()
    login(owner, "Ann")
    login(coder, "cor")
    page = owner.get("/users")
    assert page.status_code == 200
    assert all(name in page.text for name in ("Ann", "cor", "rita"))
    assert 'href="/users"' in page.text and 'href="/users"' not in coder.get("/").text
    assert 'href="/start"' in page.text and 'href="/start"' not in coder.get("/").text
    assert coder.get("/users").status_code == 403
    assert coder.post("/api/users/add", json={"name": "eve", "role": "owner",
                                              "password": PASSWORD}).status_code == 403
    added = owner.post("/api/users/add", json={"name": "Dirk", "role": "reviewer",
                                                "password": PASSWORD})
    assert added.status_code == 200 and added.json()["user"]["role"] == "reviewer"
    assert owner.post("/api/users/add", json={"name": "dirk", "role": "coder",
                                              "password": PASSWORD}).status_code == 409
    assert owner.post("/api/users/role", json={"name": "cor", "role": "reader"}).json()["ok"]
    assert coder.post("/api/codings", json=CODING).status_code == 403  # at once
    assert owner.post("/api/users/remove", json={"name": "cor"}).status_code == 200
    assert coder.get("/api/overview").status_code == 401
    assert [u.name for u in team.users.list()] == ["Ann", "Dirk", "rita"]
    assert {e.actor for e in team.journal.entries()
            if e.action in ("user.add", "user.role", "user.remove")} >= {"Ann"}


def test_solo_mode_adds_the_first_owner_then_asks_for_a_login(
        make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    page = client.get("/users")
    assert page.status_code == 200 and "no users" in page.text
    assert client.post("/api/users/add", json={"name": "Ann", "role": "owner",
                                               "password": PASSWORD}).status_code == 200
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
