"""Project settings (`stemmen settings show|set|reset`) and the project's database
(`stemmen db status`): the /settings page and its JSON API, each one call of the project."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.web.rendering import body, call, ok, project, render, text_field


def _page_data(request: Request) -> dict[str, Any]:
    p = project(request)
    return {"settings": p.settings.list(), "database": p.status()}


async def page(request: Request) -> Response:
    """Every setting with its meaning, value and default; the project's database."""
    data = await call(_page_data, request)
    return render(request, "project_settings.html", **data)


async def list_api(request: Request) -> Response:
    """GET: every setting (``stemmen settings show --json``)."""
    found = await call(project(request).settings.list)
    return ok(settings=[s.as_dict() for s in found])


async def set_api(request: Request) -> Response:
    """POST {key, value}: give a setting a value (one or more names separated by commas)."""
    data = await body(request)
    key = text_field(data, "key") or ""
    value = text_field(data, "value") or ""
    found = await call(project(request).settings.set, key, value)
    return ok(setting=found.as_dict())


async def reset_api(request: Request) -> Response:
    """POST {key}: give a setting its default value again."""
    key = text_field(await body(request), "key") or ""
    found = await call(project(request).settings.reset, key)
    return ok(setting=found.as_dict())


async def status_api(request: Request) -> Response:
    """GET: the schema revision, kind of database and location (``stemmen db status``)."""
    found = await call(project(request).status)
    return ok(status=found.as_dict())


ROUTES = [
    Route("/settings", page, name="project_settings"),
    Route("/api/settings/list", list_api),
    Route("/api/settings/set", set_api, methods=["POST"]),
    Route("/api/settings/reset", reset_api, methods=["POST"]),
    Route("/api/project/status", status_api),
]
