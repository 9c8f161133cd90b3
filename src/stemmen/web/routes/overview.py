"""The overview page (documents by case, progress, codebook summary) and text search."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.web.rendering import call, coder, ok, project, render

PREFERRED = ("type", "role", "wave", "language", "date")  # parts whose attributes come first
LABELS = {"type": "Interview type", "role": "Role", "wave": "Wave", "language": "Language",
          "date": "Date"}


async def page(request: Request) -> Response:
    data = await call(project(request).workspace.overview)
    me = coder(request)
    coders = ([me] if me in data["coders"] else []) + [c for c in data["coders"] if c != me]
    names = await call(project(request).settings.attributes)
    columns = names.ordered(data["attributes"], PREFERRED)  # the project's names (settings)
    return render(request, "overview.html", overview=data, coders=coders, columns=list(columns),
                  labels={name: LABELS[part] for name, part in columns.items() if part})


async def overview_api(request: Request) -> Response:
    return ok(**await call(project(request).workspace.overview))


def _query(request: Request) -> str:
    return request.query_params.get("q", "")[:200]


async def search_page(request: Request) -> Response:
    query = _query(request)
    hits = await call(project(request).workspace.search, query) if query.strip() else []
    return render(request, "search.html", query=query, search_query=query, hits=hits)


async def search_api(request: Request) -> Response:
    hits = await call(project(request).workspace.search, _query(request))
    return ok(hits=[hit.as_dict() for hit in hits])


ROUTES = [
    Route("/", page, name="overview"),
    Route("/search", search_page, name="search"),
    Route("/api/overview", overview_api),
    Route("/api/search", search_api),
]
