"""The web app factory and the whole route table, in one place."""

from __future__ import annotations

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
from stemmen.web.routes import (
    codebook,
    codings,
    documents,
    exports,
    memos,
    overview,
    reliability,
    retrieve,
    uploads,
)
from stemmen.web.routes import settings as prefs
from stemmen.web.security import SecurityMiddleware
from stemmen.web.settings import WebSettings


class Assets(StaticFiles):
    """The packaged JS and CSS; browsers revalidate them so an upgrade is seen at once."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "no-cache"
        return response


def routes() -> list[Route | Mount]:
    """Pages first, then the JSON API (``/api/<noun>/<verb>``), then static assets."""
    return [
        Route("/", overview.page, name="overview"),
        Route("/search", overview.search_page, name="search"),
        Route("/documents/{name:path}", documents.page, name="document"),
        Route("/codebook", codebook.page, name="codebook"),
        Route("/retrieve", retrieve.page, name="retrieve"),
        Route("/reliability", reliability.page, name="reliability"),
        Route("/api/overview", overview.overview_api),
        Route("/api/search", overview.search_api),
        Route("/api/documents", uploads.upload, methods=["POST"]),
        Route("/api/documents/view", documents.view_api),
        Route("/api/documents/context", documents.context_api),
        Route("/api/codings", codings.apply, methods=["POST"]),
        Route("/api/codings/{coding_id:int}", codings.remove, methods=["DELETE"]),
        Route("/api/codings/{coding_id:int}/code", codings.change, methods=["POST"]),
        Route("/api/memos", memos.add, methods=["POST"]),
        Route("/api/codebook", codebook.codebook_api),
        Route("/api/codebook/history", codebook.history_api),
        Route("/api/codebook/add", codebook.add, methods=["POST"]),
        Route("/api/codebook/add_category", codebook.add_category, methods=["POST"]),
        Route("/api/codebook/rename", codebook.rename, methods=["POST"]),
        Route("/api/codebook/edit", codebook.edit, methods=["POST"]),
        Route("/api/codebook/move", codebook.move, methods=["POST"]),
        Route("/api/codebook/merge", codebook.merge, methods=["POST"]),
        Route("/api/codebook/split", codebook.split, methods=["POST"]),
        Route("/api/codebook/delete", codebook.delete, methods=["POST"]),
        Route("/api/retrieve", retrieve.retrieve_api),
        Route("/api/reliability", reliability.reliability_api),
        Route("/api/export/codebook.qdc", exports.codebook_qdc),
        Route("/api/export/project.qdpx", exports.project_qdpx),
        Route("/api/export/segments.csv", exports.segments_csv),
        Route("/api/settings/language", prefs.language, methods=["POST"]),
        Route("/api/settings/coder", prefs.coder, methods=["POST"]),
        Mount("/static", Assets(packages=[("stemmen.web", "static")]), name="static"),
    ]


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
    app.state.project_name = _display_name(opened.url)
    app.state.inline = opened.url.startswith("sqlite")  # see rendering.quick
    return app


def _display_name(url: str) -> str:
    """The project's file name (or database name), for the page header."""
    tail = url.rsplit("/", 1)[-1].split("?", 1)[0]
    return tail.removesuffix(".stemmen") or url
