"""``stemmen serve PROJECT``: the coding workspace in the browser (loopback by default)."""

from __future__ import annotations

import importlib.util
import socket
import threading
import webbrowser

import typer

from stemmen.cli.options import ProjectArg
from stemmen.cli.output import console, errors
from stemmen.i18n import _

DEFAULT_HOST = "127.0.0.1"
EXPOSED = ("Warning: listening on {host} makes the project reachable from other machines. "
           "Anyone with the link can read and change it.")
SERVING = "Stemmen is serving {project} at {url}"
STOP = "Press Ctrl+C to stop."


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def serve(
    project: str = ProjectArg,
    host: str = typer.Option(DEFAULT_HOST, help="Interface to listen on. Anything but "
                             "loopback exposes the project to the network."),
    port: int = typer.Option(0, help="TCP port (0: a free one)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser."),
    coder: str = typer.Option(None, "--coder", help="Default coder name (default: "
                              "$STEMMEN_USER or login)."),
) -> None:
    """Serve PROJECT in the browser: documents, coding, codebook and retrieval."""
    import uvicorn

    from stemmen.web import WebSettings, create_app, is_loopback

    if not is_loopback(host):
        errors.print(_(EXPOSED, host=host), style="bold yellow", markup=False, soft_wrap=True)
    settings = WebSettings(host=host, port=port or free_port(host), coder=coder)
    app = create_app(project, settings)
    url = settings.launch_url()
    console.print(_(SERVING, project=project, url=url), markup=False, highlight=False,
                  soft_wrap=True)
    console.print(_(STOP), markup=False)
    if not no_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=settings.port, log_level="warning", access_log=False,
                server_header=False, **fast_server())


def fast_server() -> dict[str, str]:
    """uvloop and httptools (uvicorn[standard]) when installed: a small request then costs
    about a third less than on asyncio's own loop and the pure-Python h11 parser."""
    found = {name: importlib.util.find_spec(name) is not None for name in ("uvloop",
                                                                          "httptools")}
    return {"loop": "uvloop" if found["uvloop"] else "asyncio",
            "http": "httptools" if found["httptools"] else "h11"}
