"""The document view: the page (with its data inlined), the view and context as JSON."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import VIEW_COOKIE, call, coder, ok, project, render


def view_coders(request: Request, choice: str | None) -> tuple[str, list[str] | None]:
    """The coder filter: "mine" (default), "all", or "coder:<name>"; and the coders it means."""
    choice = choice or request.cookies.get(VIEW_COOKIE) or "mine"
    if choice == "all":
        return choice, None
    if choice.startswith("coder:") and choice[6:].strip():
        return choice, [choice[6:].strip()]
    return "mine", [coder(request)]


async def _view(request: Request, name: str) -> dict[str, Any]:
    choice, coders = view_coders(request, request.query_params.get("view"))
    data = await call(project(request).workspace.document_view, name, coders)
    data["view"] = choice
    data["coder"] = coder(request)
    return data


async def page(request: Request) -> Response:
    data = await _view(request, request.path_params["name"])
    return render(request, "document.html", doc=data)


async def view_api(request: Request) -> Response:
    return ok(document=await _view(request, _name(request)))


async def context_api(request: Request) -> Response:
    """Paragraphs around a span: ?name=&start=&end=&around=."""
    params = request.query_params
    try:
        start, end = int(params.get("start", "")), int(params.get("end", ""))
        around = min(max(int(params.get("around", "2")), 0), 20)
    except ValueError as exc:
        raise Invalid("Give start, end and around as whole numbers.") from exc
    return ok(context=await call(project(request).workspace.context, _name(request), start,
                                 end, around))


def _name(request: Request) -> str:
    name = request.query_params.get("name", "")
    if not name:
        raise Invalid("The field {field} is required.", field="name")
    return name


ROUTES = [
    Route("/documents/{name:path}", page, name="document"),
    Route("/api/documents/view", view_api),
    Route("/api/documents/context", context_api),
]
