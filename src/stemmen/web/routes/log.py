"""``/log``: the project's audit log (``stemmen cases log``), newest first, 100 a page,
filterable by action and by actor."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.web.rendering import call, project, render

PAGE_SIZE = 100


async def page(request: Request) -> Response:
    """?action=&actor=&page=: the audit log as a table."""
    params = request.query_params
    action, actor = params.get("action", "").strip(), params.get("actor", "").strip()
    number = int(params["page"]) if params.get("page", "").isdigit() else 1
    shown = await call(project(request).journal.page, action, actor, number, PAGE_SIZE)
    filters = {k: v for k, v in (("action", action), ("actor", actor)) if v}
    return render(request, "log.html", log=shown, action=action, actor=actor,
                  query=urlencode(filters))


ROUTES = [
    Route("/log", page, name="log"),
]
