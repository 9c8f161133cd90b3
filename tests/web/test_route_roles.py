"""Every route of the app x every role of a team project: the status the server must answer.

The rules are ``ROLES`` in ``src/stemmen/web/routes/__init__.py`` (the least role per
``"METHOD /path"``). Expected, for each route the app serves (read from its route table):

- not logged in: pages (GET outside /api/) redirect to /login, everything else is 401;
- logged in below the route's role: 403; at or above it: anything but 401/403 (the handler
  runs: 200, or 400/404 for the empty requests sent here);
- PUBLIC routes: never refused for want of a login.

A route without a rule fails ``test_every_route_declares_its_least_role`` with the line to add.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient
from tests.web.conftest import make_study

from stemmen.model.access import Role
from stemmen.web import WebSettings, create_app
from stemmen.web.app import routes
from stemmen.web.routes import PUBLIC, ROLES
from stemmen.web.security import RANK

CSRF = "route-roles-csrf"
PASSWORD = "route-roles-password"
ROLE_NAMES = ("anonymous", "reader", "coder", "reviewer", "owner")
RULES_FILE = "src/stemmen/web/routes/__init__.py"
# POSTs that would replace the served project if they ran; the owner's pass is checked on
# the rule only (the other roles are refused before the handler, so those requests run).
SWITCHES_PROJECT = {"/api/start/create", "/api/start/open", "/api/start/demo"}


def _served() -> list[tuple[str, str, str]]:
    """(method, path, endpoint) of every route of the app, HEAD left out (it is GET)."""
    found = []
    for route in routes():
        if isinstance(route, Route):
            for method in sorted(route.methods or ()):
                if method != "HEAD":
                    name = getattr(route.endpoint, "__module__", "?") + "." + getattr(
                        route.endpoint, "__name__", "?")
                    found.append((method, route.path, name))
    return found


SERVED = _served()


def test_every_route_declares_its_least_role() -> None:
    missing = [(m, p, e) for m, p, e in SERVED if f"{m} {p}" not in ROLES]
    lines = "\n".join(f'    "{m} {p}": {"READER" if m == "GET" else "OWNER"},  # {e}: '
                      "choose READER, CODER, REVIEWER, OWNER or PUBLIC" for m, p, e in missing)
    assert not missing, (
        f"{len(missing)} route(s) declare no role. Add to ROLES in {RULES_FILE} the least role "
        f"that may use each (readers read, coders code and write memos, reviewers reconcile, "
        f"owners manage; PUBLIC: no login needed):\n{lines}")


def test_only_the_assets_are_mounted_outside_the_role_table() -> None:
    from starlette.routing import Mount

    mounts = [r.path for r in routes() if isinstance(r, Mount)]
    assert mounts == ["/static"], (
        f"Mounted apps are not checked by role (only Routes are): {mounts}. Serve them with "
        f"Route(...) and a line in ROLES in {RULES_FILE}.")


def test_every_rule_is_for_a_served_route() -> None:
    served = {f"{m} {p}" for m, p, _ in SERVED}
    stale = sorted(set(ROLES) - served)
    assert not stale, f"ROLES in {RULES_FILE} names routes the app does not serve: {stale}"
    assert all(r == PUBLIC or r in RANK for r in ROLES.values())


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, TestClient]]:
    """A team project with one user per role, and a logged-in client for each."""
    from argon2 import PasswordHasher

    from stemmen.project import users

    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    patch = pytest.MonkeyPatch()
    patch.setattr(users, "_hasher", lambda: quick)  # as the quick_passwords fixture does
    folder: Path = tmp_path_factory.mktemp("route-roles")
    project = make_study(folder / "team.stemmen")
    for role in Role:
        project.users.add(f"{role.value}-user", role, PASSWORD)
    app = create_app(project, WebSettings(csrf=CSRF, token=None,
                                          allowed_hosts=("testserver",)))
    clients = {}
    for name in ROLE_NAMES:
        client = TestClient(app, raise_server_exceptions=False)
        if name != "anonymous":
            answer = client.post("/login", data={"name": f"{name}-user", "password": PASSWORD,
                                                 "csrf": CSRF}, follow_redirects=False)
            assert answer.status_code == 303, answer.text
            client.headers["X-CSRF-Token"] = CSRF
        clients[name] = client
    yield clients
    project.close()
    patch.undo()


def _url(path: str) -> str:
    """The path with its parameters filled in: ids that do not exist, a known document."""
    path = re.sub(r"\{[^}:]+:int\}", "999999", path)
    path = re.sub(r"\{[^}:]+:path\}", "FG%20Gent", path)
    return re.sub(r"\{[^}]+\}", "nothing-here", path)


def _expected(role_name: str, method: str, path: str) -> str:
    needed = ROLES.get(f"{method} {path}", Role.OWNER)  # no rule: owners only
    if needed == PUBLIC:
        return "not 401"
    if role_name == "anonymous":
        return "login" if method == "GET" and not path.startswith("/api/") else "401"
    if RANK[Role(role_name)] < RANK[Role(needed)]:
        return "403"
    return "handled"


@pytest.mark.parametrize(("method", "path", "endpoint"), SERVED,
                         ids=[f"{m} {p}" for m, p, _ in SERVED])
def test_each_role_gets_what_the_route_allows(team: dict[str, TestClient], method: str,
                                              path: str, endpoint: str) -> None:
    wrong = []
    for role_name in ROLE_NAMES:
        if method == "POST" and path in {"/logout"} and role_name != "anonymous":
            continue  # would end the module's sessions: tests/web/test_team_login.py
        expected = _expected(role_name, method, path)
        if expected == "handled" and path in SWITCHES_PROJECT:
            continue
        kwargs = {} if method in ("GET", "DELETE") else {"json": []}
        answer = team[role_name].request(method, _url(path), follow_redirects=False, **kwargs)
        status = answer.status_code
        good = {
            "login": status == 303 and answer.headers["location"].startswith("/login"),
            "401": status == 401,
            "403": status == 403,
            "handled": status not in (401, 403) and not (
                status == 303 and answer.headers.get("location", "").startswith("/login")),
            "not 401": "Log in to use this project" not in answer.text,
        }[expected]
        if not good:
            wrong.append(f"{role_name}: expected {expected}, got {status} {answer.text[:120]}")
    assert not wrong, f"{method} {path} ({endpoint}):\n" + "\n".join(wrong)


def test_a_readers_coding_is_refused_and_a_coders_is_theirs(
        team: dict[str, TestClient]) -> None:
    coding = {"document": "FG Gent", "codes": ["R-tolk"], "paragraph": 2}
    refused = team["reader"].post("/api/codings", json=coding)
    assert refused.status_code == 403
    assert "reader" in refused.json()["error"]
    made = team["coder"].post("/api/codings", json=coding)
    assert made.status_code == 200, made.text
    assert [c["coder"] for c in made.json()["codings"]] == ["coder-user"]
