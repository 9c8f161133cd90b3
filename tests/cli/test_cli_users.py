"""``stemmen users add|list|remove|role``: the command contract, on SQLite and PostgreSQL;
and ``stemmen audit export``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

pytestmark = pytest.mark.usefixtures("quick_passwords")

RUNNER = CliRunner()
PASSWORD = "a-long-secret"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_add_list_role_remove(database: str) -> None:
    stemmen.create_project(database).close()
    code, out = run("users", "add", database, "Ann", "--role", "owner", "--password-stdin",
                    stdin=PASSWORD + "\n")
    assert code == 0 and "Ann" in out and PASSWORD not in out
    code, _ = run("users", "add", database, "bo", "--role", "reader", "--password-stdin",
                  stdin=PASSWORD + "\n")
    assert code == 0
    code, out = run("users", "list", database, "--json")
    assert code == 0
    listed = json.loads(out)
    assert [(u["name"], u["role"]) for u in listed] == [("Ann", "owner"), ("bo", "reader")]
    assert all("password" not in key for u in listed for key in u)
    code, out = run("users", "role", database, "BO", "coder")
    assert code == 0 and "coder" in out
    code, out = run("users", "list", database)
    assert code == 0 and "bo" in out and "coder" in out
    code, out = run("users", "remove", database, "bo")
    assert code == 0
    code, out = run("users", "list", database, "--json")
    assert [u["name"] for u in json.loads(out)] == ["Ann"]
    with stemmen.open_project(database) as p:
        assert p.users.authenticate("ann", PASSWORD).user.name == "Ann"
        actions = [e.action for e in p.journal.entries()]
        assert actions.count("user.add") == 2 and "user.role" in actions
        assert "user.remove" in actions
        assert PASSWORD not in json.dumps([e.details for e in p.journal.entries()])


def test_bad_input_is_one_sentence_and_exit_code_2(tmp_path: Path) -> None:
    project = str(tmp_path / "p.stemmen")
    stemmen.create_project(project).close()
    add = ("users", "add", project, "Ann", "--role")
    assert run(*add, "owner", "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    for args, stdin, said in [
        ((*add, "owner", "--password-stdin"), PASSWORD + "\n", "already a user named"),
        (("users", "add", project, "ANN", "--role", "coder", "--password-stdin"),
         PASSWORD + "\n", "already a user named"),
        (("users", "add", project, "Cas", "--role", "boss", "--password-stdin"),
         PASSWORD + "\n", "Unknown role"),
        (("users", "add", project, "Cas", "--role", "coder", "--password-stdin"), "",
         "No password"),
        (("users", "remove", project, "nobody"), None, "no user named"),
        (("users", "role", project, "Ann", "king"), None, "Unknown role"),
        (("users", "role", project, "nobody", "coder"), None, "no user named"),
    ]:
        code, out = run(*args, stdin=stdin)
        assert code == 2, (args, out)
        assert said in out and "Traceback" not in out
    # a short password is taken (the owner decides) but the CLI warns about it
    code, out = run("users", "add", project, "Cas", "--role", "coder", "--password-stdin",
                    stdin="short\n")
    assert code == 0 and "shorter than 8 characters" in out, out


def test_a_password_with_spaces_is_kept_whole(tmp_path: Path) -> None:
    project = str(tmp_path / "p.stemmen")
    stemmen.create_project(project).close()
    assert run("users", "add", project, "Ann", "--role", "coder", "--password-stdin",
               stdin="  spaced pass phrase \r\n")[0] == 0
    with stemmen.open_project(project) as p:
        assert p.users.authenticate("Ann", "  spaced pass phrase ").user.role.value == "coder"


def test_audit_export_writes_csv_and_json(tmp_path: Path) -> None:
    project = str(tmp_path / "p.stemmen")
    with stemmen.create_project(project, actor="an") as p:
        p.codebook.add("R-tolk")
    code, out = run("audit", "export", project, "--format", "csv", "--output", "-")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["actor"], r["action"]) for r in rows] == [("an", "project.create"),
                                                         ("an", "codebook.add")]
    target = tmp_path / "log.json"
    code, _ = run("audit", "export", project, "--format", "json", "--output", str(target),
                  "--action", "codebook.add")
    assert code == 0
    [entry] = json.loads(target.read_text(encoding="utf-8"))
    assert "R-tolk" in json.dumps(entry["details"]) and entry["actor"] == "an"
    assert run("audit", "export", project, "--format", "xml", "-o", "-")[0] == 2
    assert run("audit", "export", project, "--since", "last week", "-o", "-")[0] == 2


def test_a_new_password_ends_the_sessions(tmp_path: Path) -> None:
    project = str(tmp_path / "p.stemmen")
    stemmen.create_project(project).close()
    run("users", "add", project, "Ann", "--role", "coder", "--password-stdin",
        stdin=PASSWORD + "\n")
    with stemmen.open_project(project) as p:
        token = p.users.authenticate("Ann", PASSWORD).token
    code, out = run("users", "password", project, "ann", "--password-stdin",
                    stdin="another-secret\n")
    assert code == 0 and "Ann" in out
    with stemmen.open_project(project) as p:
        assert p.users.session(token) is None
        assert p.users.authenticate("Ann", "another-secret").user.name == "Ann"
    assert run("users", "password", project, "nobody", "--password-stdin",
               stdin="another-secret\n")[0] == 2
