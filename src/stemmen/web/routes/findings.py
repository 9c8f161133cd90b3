"""Findings: good practices, recommendations and results per case and level, with evidence
chosen from retrieved segments, their strength, and the quotes chosen for the report.

Every action calls the same ``project.findings`` / ``project.quotes`` function as
``stemmen findings`` and ``stemmen quotes``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import (
    body,
    call,
    int_field,
    language,
    ok,
    project,
    render,
    text_field,
)
from stemmen.web.routes.retrieve import _choices
from stemmen.web.routes.retrieve import query as retrieval_query

KINDS = ("good_practice", "recommendation", "result")


def _ids(data: dict[str, Any], key: str) -> list[int]:
    """A list of whole numbers from a JSON body, or Invalid."""
    value = data.get(key)
    if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise Invalid("The field {field} must be a list of whole numbers.", field=key)
    return value


def _finding_id(data: dict[str, Any]) -> int:
    fid = int_field(data, "id")
    if fid is None:
        raise Invalid("The field {field} is required.", field="id")
    return fid


def _case(data: dict[str, Any]) -> str | None:
    """The case of a finding: a case name, or empty/None for every case."""
    return text_field(data, "case", required=False) or None


def _page_data(request: Request) -> dict[str, Any]:
    p = project(request)
    return {"findings": [f.as_dict() for f in p.findings.list()],
            "quotes": [q.as_dict() for q in p.quotes.list()], **_choices(request)}


async def page(request: Request) -> Response:
    data = await call(_page_data, request)
    levels = sorted({f["level"] for f in data["findings"] if f["level"]})
    name_labels = await call(project(request).labels.lookup, language(request))
    initial = {"findings": data["findings"], "quotes": data["quotes"],
               "labels": name_labels.names}  # names as the page's language labels them
    return render(request, "findings.html", choices=data, kinds=KINDS, levels=levels,
                  initial=initial)


async def list_api(request: Request) -> Response:
    found = await call(project(request).findings.list)
    return ok(findings=[f.as_dict() for f in found])


def _detail(request: Request, finding_id: int) -> dict[str, Any]:
    p = project(request)
    return {"finding": p.findings.get(finding_id).as_dict(),
            "evidence": [s.as_dict() for s in p.findings.evidence(finding_id)],
            "quotes": [q.as_dict() for q in p.quotes.list(finding=finding_id)]}


async def detail_api(request: Request) -> Response:
    return ok(**await call(_detail, request, request.path_params["finding_id"]))


async def add_api(request: Request) -> Response:
    data = await body(request)
    finding = await call(project(request).findings.add, text_field(data, "statement") or "",
                         text_field(data, "kind", required=False) or "result", _case(data),
                         text_field(data, "level", required=False) or "",
                         text_field(data, "description", required=False) or "")
    return ok(finding=finding.as_dict())


async def edit_api(request: Request) -> Response:
    data = await body(request)
    changes: dict[str, Any] = {}
    for key in ("statement", "kind", "level", "description"):
        if key in data:
            if not isinstance(data[key], str):
                raise Invalid("The field {field} must be text.", field=key)
            changes[key] = data[key]
    if "case" in data:
        changes["case"] = _case(data)
    finding = await call(project(request).findings.edit, _finding_id(data), **changes)
    return ok(finding=finding.as_dict())


async def delete_api(request: Request) -> Response:
    data = await body(request)
    await call(project(request).findings.delete, _finding_id(data))
    return ok()


async def reorder_api(request: Request) -> Response:
    data = await body(request)
    found = await call(project(request).findings.reorder, _ids(data, "ids"))
    return ok(findings=[f.as_dict() for f in found])


async def link_api(request: Request) -> Response:
    data = await body(request)
    added = await call(project(request).findings.link, _finding_id(data), _ids(data, "codings"))
    return ok(added=added, **await call(_detail, request, _finding_id(data)))


async def unlink_api(request: Request) -> Response:
    data = await body(request)
    removed = await call(project(request).findings.unlink, _finding_id(data),
                         _ids(data, "codings"))
    return ok(removed=removed, **await call(_detail, request, _finding_id(data)))


async def candidates_api(request: Request) -> Response:
    """``GET /api/findings/{id}/candidates?code=..&case=..&coder=..&attr=k=v&text=..``"""
    asked = retrieval_query(request)
    found = await call(project(request).findings.candidates, request.path_params["finding_id"],
                       asked["codes"], asked["cases"], asked["coders"], asked["attributes"],
                       request.query_params.get("text", ""))
    return ok(segments=[c.as_dict() for c in found], count=len(found))


async def mark_quote_api(request: Request) -> Response:
    data = await body(request)
    coding = int_field(data, "coding")
    if coding is None:
        raise Invalid("The field {field} is required.", field="coding")
    quote = await call(project(request).quotes.mark, coding,
                       text_field(data, "text", required=False), int_field(data, "finding"),
                       text_field(data, "note", required=False) or "")
    return ok(quote=quote.as_dict())


async def unmark_quote_api(request: Request) -> Response:
    data = await body(request)
    coding = int_field(data, "coding")
    if coding is None:
        raise Invalid("The field {field} is required.", field="coding")
    await call(project(request).quotes.unmark, coding)
    return ok()


ROUTES = [
    Route("/findings", page, name="findings"),
    Route("/api/findings/list", list_api),
    Route("/api/findings/add", add_api, methods=["POST"]),
    Route("/api/findings/edit", edit_api, methods=["POST"]),
    Route("/api/findings/delete", delete_api, methods=["POST"]),
    Route("/api/findings/reorder", reorder_api, methods=["POST"]),
    Route("/api/findings/link", link_api, methods=["POST"]),
    Route("/api/findings/unlink", unlink_api, methods=["POST"]),
    Route("/api/findings/{finding_id:int}", detail_api),
    Route("/api/findings/{finding_id:int}/candidates", candidates_api),
    Route("/api/quotes/mark", mark_quote_api, methods=["POST"]),
    Route("/api/quotes/unmark", unmark_quote_api, methods=["POST"]),
]
