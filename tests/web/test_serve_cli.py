"""``stemmen serve``: URL with token, browser opening, a warning off loopback."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from stemmen.cli import serve


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
    result = run(project.url.removeprefix("sqlite:///"), "--port", "8765")
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8765/?token=" in result.output
    assert calls["run"] == [{"host": "127.0.0.1", "port": 8765, "log_level": "warning",
                             "access_log": False, "server_header": False,
                             **serve.fast_server()}]
    assert calls["open"][0].startswith("http://127.0.0.1:8765/?token=")
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
