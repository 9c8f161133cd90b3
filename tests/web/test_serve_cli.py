"""``stemmen serve``: URL with token, browser opening, a warning off loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from stemmen.cli import serve


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private config folder for the recent-projects list."""
    monkeypatch.setenv("STEMMEN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    seen: dict[str, list[Any]] = {"run": [], "open": []}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen["run"].append(kw))
    monkeypatch.setattr("webbrowser.open", lambda url: seen["open"].append(url))
    monkeypatch.setattr(serve.threading, "Timer",
                        lambda _delay, fn, args: type("T", (), {"start": lambda self: fn(*args)})())
    return seen


def run(*args: str) -> Any:
    app = typer.Typer()
    serve.register(app)
    app.command("noop")(lambda: None)  # keeps "serve" a named subcommand
    return CliRunner().invoke(app, ["serve", *args])


def test_serve_prints_the_url_with_a_token_and_opens_the_browser(
        calls: dict, project: Any) -> None:  # noqa: ANN001
    port = serve.free_port()
    result = run(project.url.removeprefix("sqlite:///"), "--port", str(port))
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}/?token=" in result.output
    assert calls["run"] == [{"host": "127.0.0.1", "port": port, "log_level": "warning",
                             "access_log": False, "server_header": False, "proxy_headers": False,
                             **serve.fast_server()}]
    assert calls["open"][0].startswith(f"http://127.0.0.1:{port}/?token=")
    assert "Warning" not in result.output


def test_serve_without_browser_and_a_warning_off_loopback(calls: dict, project: Any) -> None:
    result = run(project.url.removeprefix("sqlite:///"), "--host", "0.0.0.0", "--no-browser")
    assert result.exit_code == 0, result.output
    assert "Warning: listening on 0.0.0.0" in result.output
    assert calls["open"] == [] and calls["run"][0]["host"] == "0.0.0.0"


def test_the_server_uses_uvloop_and_httptools_when_they_are_installed() -> None:
    pytest.importorskip("uvloop")
    pytest.importorskip("httptools")
    assert serve.fast_server() == {"loop": "uvloop", "http": "httptools"}


def test_a_free_port_is_chosen_when_none_is_given() -> None:
    assert 0 < serve.free_port() < 65536


@pytest.fixture
def busy_port() -> Any:
    """A port some other program listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_busy_port_gives_one_line_and_exit_code_2_before_any_token(
        calls: dict, project: Any, busy_port: int) -> None:  # noqa: ANN001
    result = run(project.url.removeprefix("sqlite:///"), "--port", str(busy_port))
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        f"Error: Port {busy_port} on 127.0.0.1 is already in use. Choose another with --port, "
        "or leave --port out to take a free one.")
    assert "token" not in result.output and calls["run"] == [] and calls["open"] == []


def test_a_busy_port_in_a_real_process_prints_no_token(project: Any, busy_port: int,
                                                       tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stemmen", "serve", project.url.removeprefix("sqlite:///"),
         "--port", str(busy_port), "--no-browser"],
        capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "STEMMEN_HOME": str(tmp_path / "home"),
             "HOME": str(tmp_path)})
    assert done.returncode == 2, done.stderr
    assert f"Port {busy_port} on 127.0.0.1 is already in use" in done.stderr
    assert "token" not in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_without_a_project_the_start_page_is_served(calls: dict) -> None:  # noqa: ANN001
    result = run("--no-browser")
    assert result.exit_code == 0, result.output
    assert "Stemmen is running at http://127.0.0.1:" in result.output
    assert "/?token=" in result.output and calls["open"] == []
    assert len(calls["run"]) == 1


def test_a_served_project_goes_on_the_recent_list(calls: dict, project: Any,
                                                  home: Path) -> None:  # noqa: ANN001
    path = project.url.removeprefix("sqlite:///")
    assert run(path, "--no-browser").exit_code == 0
    listed = json.loads((home / "recent.json").read_text(encoding="utf-8"))
    assert [p["target"] for p in listed["projects"]] == [path]


def test_stemmen_alone_serves_the_start_page_and_help_still_prints(
        calls: dict, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from stemmen import cli

    monkeypatch.setattr(sys, "argv", ["stemmen"])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code in (0, None)
    assert len(calls["run"]) == 1 and len(calls["open"]) == 1
    helped = CliRunner().invoke(cli.app, ["--help"])
    assert helped.exit_code == 0 and "serve" in helped.output
