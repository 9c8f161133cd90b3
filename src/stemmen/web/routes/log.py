"""``/log``: the project's audit log (``stemmen cases log``), newest first, 100 a page,
filterable by action and by actor."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.model.codings import AuditEntry
from stemmen.web.rendering import call, project, render

PAGE_SIZE = 100


@dataclass(frozen=True)
class LogPage:
    """One page of the filtered audit log and what the filters can offer."""

    entries: list[AuditEntry]
    page: int
    pages: int
    total: int
    actions: list[str]
    actors: list[str]


def log_page(entries: list[AuditEntry], action: str, actor: str, page: int) -> LogPage:
    """Newest first, filtered by exact action and actor (empty: any), cut to ``page``."""
    newest = entries[::-1]
    chosen = [e for e in newest
              if (not action or e.action == action) and (not actor or e.actor == actor)]
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    return LogPage(chosen[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], page, pages, len(chosen),
                   sorted({e.action for e in entries}), sorted({e.actor for e in entries}))


async def page(request: Request) -> Response:
    """?action=&actor=&page=: the audit log as a table."""
    params = request.query_params
    action, actor = params.get("action", "").strip(), params.get("actor", "").strip()
    number = int(params["page"]) if params.get("page", "").isdigit() else 1
    entries = await call(project(request).journal.entries, None)
    shown = log_page(entries, action, actor, number)
    filters = {k: v for k, v in (("action", action), ("actor", actor)) if v}
    return render(request, "log.html", log=shown, action=action, actor=actor,
                  query=urlencode(filters))


ROUTES = [
    Route("/log", page, name="log"),
]
