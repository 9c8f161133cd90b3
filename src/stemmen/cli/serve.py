"""``stemmen serve [PROJECT]``: the workspace in the browser (loopback by default).

Without PROJECT (and for ``stemmen`` alone) the browser opens the start page, where a project
is created, opened or built (the demo). The port is checked before anything is printed, so a
busy port gives one clear line and exit code 2, never a token for a server that cannot start.
"""

from __future__ import annotations

import errno
import importlib.util
import socket
import threading
import webbrowser
from typing import Any, TypedDict

import typer

from stemmen.cli.output import console, errors
from stemmen.i18n import _

DEFAULT_HOST = "127.0.0.1"
EXPOSED = ("Warning: listening on {host} makes the project reachable from other machines. "
           "Anyone with the link can read and change it.")
SERVING = "Stemmen is serving {project} at {url}"
STARTING = "Stemmen is running at {url} (choose or create a project there)"
STOP = "Press Ctrl+C to stop."
PORT_BUSY = ("Port {port} on {host} is already in use. Choose another with --port, or leave "
             "--port out to take a free one.")
CANNOT_LISTEN = "Cannot listen on {host} port {port}: {reason}"


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def listen_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port`` (None if it can), tried the way
    uvicorn binds (SO_REUSEADDR), so a port in TIME_WAIT is not called busy."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return _(PORT_BUSY, port=port, host=host)
            return _(CANNOT_LISTEN, host=host, port=port, reason=exc.strerror or str(exc))
    return None


def serve(
    project: str = typer.Argument(None, metavar="[PROJECT]", show_default=False,
                                  help="Project file (SQLite) or postgresql:// URL. Leave it "
                                       "out to choose, create or build one in the browser."),
    host: str = typer.Option(DEFAULT_HOST, help="Interface to listen on. Anything but "
                             "loopback exposes the project to the network."),
    port: int = typer.Option(0, help="TCP port (0: a free one)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser."),
    coder: str = typer.Option(None, "--coder", help="Default coder name (default: "
                              "$STEMMEN_USER or login)."),
    allowed_host: list[str] = typer.Option(
        [], "--allowed-host", help="Behind a TLS reverse proxy on this machine: the public "
        "host name (repeatable). Only these Host headers are answered, https pages of them "
        "may post, and the proxy's X-Forwarded-For/-Proto headers are trusted."),
) -> None:
    """Serve PROJECT in the browser, or the start page without one."""
    run(project, host=host, port=port, open_browser=not no_browser, coder=coder,
        allowed_hosts=tuple(allowed_host))


def run(project: str | None = None, host: str = DEFAULT_HOST, port: int = 0,
        open_browser: bool = True, coder: str | None = None,
        allowed_hosts: tuple[str, ...] = ()) -> None:
    """Check the port, open the project (if any), print the launch URL, then serve."""
    import uvicorn

    from stemmen.project import recent
    from stemmen.web import WebSettings, create_app, is_loopback

    port = port or free_port(host)
    problem = listen_problem(host, port)
    if problem:
        errors.print(f"{_('Error')}: {problem}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if not is_loopback(host):
        errors.print(_(EXPOSED, host=host), style="bold yellow", markup=False, soft_wrap=True)
    settings = WebSettings(host=host, port=port, coder=coder, allowed_hosts=allowed_hosts)
    app = create_app(project, settings)
    url = settings.launch_url()
    if project:
        recent.remember(project)
        console.print(_(SERVING, project=project, url=url), markup=False, highlight=False,
                      soft_wrap=True)
    else:
        console.print(_(STARTING, url=url), markup=False, highlight=False, soft_wrap=True)
    console.print(_(STOP), markup=False)
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    proxy: dict[str, Any] = {"forwarded_allow_ips": "127.0.0.1,::1"} if allowed_hosts else {}
    uvicorn.run(app, host=host, port=settings.port, log_level="warning", access_log=False,
                server_header=False, proxy_headers=bool(allowed_hosts), **proxy,
                **fast_server())


class ServerSpeed(TypedDict):
    """uvicorn's event loop and HTTP parser, as ``uvicorn.run`` takes them."""

    loop: str
    http: str


def fast_server() -> ServerSpeed:
    """uvloop and httptools (uvicorn[standard]) when installed: a small request then costs
    about a third less than on asyncio's own loop and the pure-Python h11 parser."""
    found = {name: importlib.util.find_spec(name) is not None for name in ("uvloop",
                                                                          "httptools")}
    return ServerSpeed(loop="uvloop" if found["uvloop"] else "asyncio",
                       http="httptools" if found["httptools"] else "h11")
