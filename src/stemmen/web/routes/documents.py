"""The document view: the page (with its data inlined), the view and context as JSON."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import call, coder, language, ok, project, render


def view_coders(request: Request, choice: str | None) -> tuple[str, list[str] | None]:
    """The coder filter: "all" (the default), "mine", or "coders:<a>,<b>" (also the older
    "coder:<name>"); and the coders it means (None: every coder)."""
    choice = (choice or "all").strip()
    if choice == "mine":
        return choice, [coder(request)]
    prefix, _sep, rest = choice.partition(":")
    names = [n.strip() for n in rest.split(",") if n.strip()]
    if prefix in ("coder", "coders") and names:
        return "coders:" + ",".join(names), names
    return "all", None


async def page(request: Request) -> Response:
    """The page always carries every coder's codings; the filter is applied in the browser,
    so switching it costs no round trip."""
    choice, _coders = view_coders(request, request.query_params.get("view"))
    data = await call(project(request).workspace.document_view, request.path_params["name"])
    data["view"] = choice
    data["coder"] = coder(request)
    name_labels = await call(project(request).labels.lookup, language(request))
    return render(request, "document.html", doc=data,
                  code_labels=name_labels.names.get("code", {}))


async def view_api(request: Request) -> Response:
    """?name=&view=: the document's view data, codings filtered by coder when asked."""
    choice, coders = view_coders(request, request.query_params.get("view"))
    data: dict[str, Any] = await call(project(request).workspace.document_view, _name(request),
                                      coders)
    data["view"] = choice
    data["coder"] = coder(request)
    return ok(document=data)


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
