"""``/log``: the project's audit log (``stemmen cases log``), newest first, 100 a page,
filterable by action, by actor (the user) and by day; ``/api/log/export`` downloads the same
selection as CSV or JSON (``stemmen audit export``)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import call, project, render

PAGE_SIZE = 100
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _day(value: str, field: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid("The field {field} must be a day like 2026-03-31.", field=field) from None


def _filters(request: Request) -> dict[str, str]:
    params = request.query_params
    return {k: params.get(k, "").strip() for k in ("action", "actor", "since", "until")}


async def page(request: Request) -> Response:
    """?action=&actor=&since=&until=&page=: the audit log as a table."""
    chosen = _filters(request)
    params = request.query_params
    number = int(params["page"]) if params.get("page", "").isdigit() else 1
    shown = await call(project(request).journal.page, chosen["action"], chosen["actor"], number,
                       PAGE_SIZE, _day(chosen["since"], "since"), _day(chosen["until"], "until"))
    filters = {k: v for k, v in chosen.items() if v}
    return render(request, "log.html", log=shown, query=urlencode(filters),
                  action=chosen["action"], actor=chosen["actor"], since=chosen["since"],
                  until=chosen["until"])


async def export(request: Request) -> Response:
    """?format=csv|json and the page's filters: the selected entries as a download."""
    chosen = _filters(request)
    fmt = request.query_params.get("format", "csv").strip().lower()
    text = await call(project(request).journal.export, fmt, chosen["action"], chosen["actor"],
                      _day(chosen["since"], "since"), _day(chosen["until"], "until"))
    return Response(text, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="audit-log.{fmt}"',
        "Cache-Control": "no-store"})


ROUTES = [
    Route("/log", page, name="log"),
    Route("/api/log/export", export),
]
