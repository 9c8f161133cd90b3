"""The web app factory and the whole route table, in one place."""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import State
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import stemmen
from stemmen.project import default_actor, recent
from stemmen.web import errors
from stemmen.web import routes as route_modules
from stemmen.web.jobs import Jobs
from stemmen.web.security import SecurityMiddleware, guard
from stemmen.web.settings import WebSettings

START = "/start"
NO_PROJECT = "No project is open. Choose or create one on the start page."
# What answers while no project is open: the start page, its API, jobs, assets, preferences.
WITHOUT_PROJECT = ("/start", "/api/start/", "/api/jobs/", "/static/", "/api/settings/")


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
    guard(table, route_modules.ROLES)  # each route checks its least role (team mode)
    table.append(Mount("/static", Assets(packages=[("stemmen.web", "static")]), name="static"))
    return table


class OpenProject:
    """The project the server works on, switchable from the start page.

    Routes read it as ``request.app.state.project`` (None while none is open), with
    ``project_name`` and ``inline`` beside it. A project opened here is closed when another
    replaces it or the server stops; one passed in by the caller stays open.
    """

    def __init__(self, state: State) -> None:
        self._state = state
        self._owned = False
        self._lock = threading.Lock()
        self._publish(None)

    @property
    def current(self) -> stemmen.Project | None:
        return self._state.project

    def use(self, project: stemmen.Project | None, owned: bool) -> None:
        """Serve ``project`` from now on; close the previous one if this server opened it."""
        with self._lock:
            previous, previous_owned = self._state.project, self._owned
            self._publish(project)
            self._owned = owned
        if previous is not None and previous_owned and previous is not project:
            previous.close()

    def open(self, target: str | Path) -> stemmen.Project:
        """Open the project at ``target`` (a file or URL), serve it and remember it."""
        project = stemmen.open_project(recent.normalise(target))
        self.use(project, owned=True)
        recent.remember(target)
        return project

    def create(self, target: str | Path) -> stemmen.Project:
        """Create an empty project at ``target``, serve it and remember it."""
        project = stemmen.create_project(recent.normalise(target))
        self.use(project, owned=True)
        recent.remember(target)
        return project

    def close(self) -> None:
        self.use(None, owned=False)

    def _publish(self, project: stemmen.Project | None) -> None:
        self._state.project = project
        self._state.project_name = recent.display_name(project.url) if project else ""
        self._state.inline = bool(project and project.url.startswith("sqlite"))


class StartPageGate:
    """While no project is open, pages redirect to the start page and the API answers 409."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if (scope["type"] != "http" or scope["app"].state.project is not None
                or scope["path"].startswith(WITHOUT_PROJECT) or scope["path"] == START):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if errors.wants_json(request):
            response = errors.error_response(request, 409, NO_PROJECT)
        else:
            response = RedirectResponse(START, status_code=303)
        await response(scope, receive, send)


def create_app(project: str | Path | stemmen.Project | None,
               settings: WebSettings | None = None) -> Starlette:
    """A Starlette app serving one project (a path/URL to open, or an open Project), or the
    start page (``None``) from which a project is created, opened or built (the demo).

    A project opened here is closed when the app shuts down; one passed in stays open.
    """
    settings = settings or WebSettings()
    if project is None and settings.coder is None:
        settings.coder = default_actor()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        app.state.projects.close()

    app = Starlette(
        routes=routes(),
        middleware=[Middleware(SecurityMiddleware, settings=settings),
                    Middleware(StartPageGate)],
        exception_handlers=errors.handlers(),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.jobs = Jobs()
    app.state.projects = OpenProject(app.state)
    if isinstance(project, stemmen.Project):
        app.state.projects.use(project, owned=False)
    elif project is not None:
        app.state.projects.use(stemmen.open_project(project), owned=True)
    return app
