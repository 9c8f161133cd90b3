"""The web app factory and the whole route table, in one place."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import stemmen
from stemmen.web import errors
from stemmen.web import routes as route_modules
from stemmen.web.jobs import Jobs
from stemmen.web.security import SecurityMiddleware
from stemmen.web.settings import WebSettings


class Assets(StaticFiles):
    """The packaged JS and CSS; browsers revalidate them so an upgrade is seen at once."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "no-cache"
        return response


def routes() -> list[Route | Mount]:
    """Every module of ``stemmen.web.routes`` lists its pages and JSON API (``/api/<noun>/...``)
    in ``ROUTES``; they are gathered here, module by module in name order, then static assets.
    A new page is a new module: nothing to register by hand."""
    table: list[Route | Mount] = []
    for info in sorted(pkgutil.iter_modules(route_modules.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{route_modules.__name__}.{info.name}")
        table.extend(getattr(module, "ROUTES", []))
    table.append(Mount("/static", Assets(packages=[("stemmen.web", "static")]), name="static"))
    return table


def create_app(project: str | Path | stemmen.Project,
               settings: WebSettings | None = None) -> Starlette:
    """A Starlette app serving one project (a path/URL to open, or an open Project).

    A project opened here is closed when the app shuts down; one passed in stays open.
    """
    settings = settings or WebSettings()
    owned = not isinstance(project, stemmen.Project)
    opened = stemmen.open_project(project) if owned else project
    assert isinstance(opened, stemmen.Project)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        if owned:
            opened.close()

    app = Starlette(
        routes=routes(),
        middleware=[Middleware(SecurityMiddleware, settings=settings)],
        exception_handlers=errors.handlers(),
        lifespan=lifespan,
    )
    app.state.project = opened
    app.state.settings = settings
    app.state.jobs = Jobs()
    app.state.project_name = _display_name(opened.url)
    app.state.inline = opened.url.startswith("sqlite")  # see rendering.quick
    return app


def _display_name(url: str) -> str:
    """The project's file name (or database name), for the page header."""
    tail = url.rsplit("/", 1)[-1].split("?", 1)[0]
    return tail.removesuffix(".stemmen") or url
