"""The overview page (documents by case, progress, codebook summary) and text search."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.web.rendering import call, coder, language, ok, project, render

PREFERRED = ("type", "role", "wave", "language", "date")  # parts whose attributes come first
PAGE_SIZE = 100  # documents per page of the overview
LABELS = {"type": "Interview type", "role": "Role", "wave": "Wave", "language": "Language",
          "date": "Date"}


def one_page(cases: list[dict[str, Any]], number: int,
             size: int | None = None) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The cases with the documents of page ``number`` (1-based, ``size`` documents a page,
    ``PAGE_SIZE`` unless told) and where that page stands: first and last document shown,
    total, page and pages."""
    size = size or PAGE_SIZE
    total = sum(len(c["documents"]) for c in cases)
    pages = max(1, -(-total // size))
    number = min(max(number, 1), pages)
    first, last = (number - 1) * size, min(number * size, total)
    shown, seen = [], 0
    for case in cases:
        docs = case["documents"]
        lo, hi = max(first - seen, 0), min(last - seen, len(docs))
        if lo < hi:
            shown.append({**case, "documents": docs[lo:hi], "continued": lo > 0})
        seen += len(docs)
    return shown, {"first": first + 1 if total else 0, "last": last, "total": total,
                   "page": number, "pages": pages}


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return int(raw) if raw.isdigit() else 1


async def page(request: Request) -> Response:
    data = await call(project(request).workspace.overview)
    me = coder(request)
    coders = ([me] if me in data["coders"] else []) + [c for c in data["coders"] if c != me]
    names = await call(project(request).settings.attributes)
    columns = names.ordered(data["attributes"], PREFERRED)  # the project's names (settings)
    cases, pager = one_page(data["cases"], _page_number(request))
    name_labels = await call(project(request).labels.lookup, language(request))
    return render(request, "overview.html", overview=data, cases=cases, pager=pager,
                  coders=coders, columns=list(columns), name_labels=name_labels,
                  labels={name: LABELS[part] for name, part in columns.items() if part})


async def overview_api(request: Request) -> Response:
    return ok(**await call(project(request).workspace.overview))


def _query(request: Request) -> str:
    return request.query_params.get("q", "")[:200]


def _filters(request: Request) -> dict[str, str | None]:
    """The case and code a search is limited to (``?case=``, ``?code=``), if any."""
    return {key: (request.query_params.get(key) or "").strip()[:300] or None
            for key in ("case", "code")}


def _search_choices(request: Request) -> dict[str, list[str]]:
    p = project(request)
    return {"cases": [c.name for c in p.cases.list()],
            "codes": [c.code.name for c in p.codebook.list()]}


async def search_page(request: Request) -> Response:
    query, filters = _query(request), _filters(request)
    found = (await call(project(request).workspace.search_all, query, **filters)
             if query.strip() else None)
    choices = await call(_search_choices, request)
    return render(request, "search.html", query=query, search_query=query, filters=filters,
                  choices=choices, hits=found.hits if found else [],
                  total=found.total if found else 0)


async def search_api(request: Request) -> Response:
    """``GET /api/search?q=...&case=...&code=...``: paragraphs that match (full-text index),
    each with its document, paragraph, offsets and a snippet with the matches marked."""
    found = await call(project(request).workspace.search_all, _query(request),
                       **_filters(request))
    return ok(hits=[hit.as_dict() for hit in found.hits], total=found.total)


ROUTES = [
    Route("/", page, name="overview"),
    Route("/search", search_page, name="search"),
    Route("/api/overview", overview_api),
    Route("/api/search", search_api),
]
