"""Blind double-coding rounds: the list (open and close for owners), a round's page (while
open: who codes what; once closed: its agreement and disagreements side by side, reconciled
by a reviewer with the reliability page's own machinery), and their JSON API."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import body, call, ok, project, render, text_field
from stemmen.web.routes import reliability


def _names(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if isinstance(value, str):
        value = [v for v in value.replace("\n", ",").split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid("The field {field} must be a list of names.", field=key)
    return [v.strip() for v in value if v.strip()]


def _page_data(request: Request) -> dict[str, Any]:
    p = project(request)
    return {"rounds": [r.as_dict() for r in p.rounds.list()],
            "documents": [d.name for d in p.documents.list()],
            "coders": p.codings.coders(), "viewer": p.viewer}


async def page(request: Request) -> Response:
    data = await call(_page_data, request)
    return render(request, "rounds.html", **data)


async def round_page(request: Request) -> Response:
    """An open round: its documents and coders. A closed one: the reliability page on its
    documents and coders, whose reconciliation writes the round's master coding."""
    p = project(request)
    found = await call(p.rounds.get, request.path_params["name"])
    if found.is_open or not p.viewer.sees_all_coders:
        return render(request, "round_open.html", round=found.as_dict(),
                      viewer=p.viewer)
    asked = reliability.query(request)
    asked.update(method="units", coders=found.coders[:2] if len(found.coders) == 2
                 else found.coders, documents=found.documents, cases=None)
    if "unit" not in request.query_params:
        asked["drop_uncoded"] = False
    return await reliability.show(request, asked, round=found.as_dict())


async def list_api(request: Request) -> Response:
    found = await call(project(request).rounds.list)
    return ok(rounds=[r.as_dict() for r in found])


async def open_api(request: Request) -> Response:
    """POST {name, documents, coders}: open a round (owners)."""
    data = await body(request)
    found = await call(project(request).rounds.open, text_field(data, "name") or "",
                       _names(data, "documents"), _names(data, "coders"))
    return ok(round=found.as_dict())


async def close_api(request: Request) -> Response:
    """POST: close a round (owners); answers its agreement (``stemmen rounds close --json``)."""
    outcome = await call(project(request).rounds.close, request.path_params["name"])
    return ok(agreement=outcome.as_dict())


async def reconcile_api(request: Request) -> Response:
    """POST {decisions, master, unit}: the reviewer's decisions on a closed round become its
    master coding (``project.rounds.reconcile``: one transaction, in the audit log)."""
    data = await body(request)
    decisions = data.get("decisions")
    if not isinstance(decisions, list) or not all(isinstance(d, dict) for d in decisions):
        raise Invalid("The field {field} must be a list of decisions.", field="decisions")
    unit = text_field(data, "unit", required=False) or "paragraph"
    master = text_field(data, "master", required=False) or "master"
    written = await call(project(request).rounds.reconcile, request.path_params["name"],
                         decisions, master, unit)
    return ok(written=written, master=master)


ROUTES = [
    Route("/rounds", page, name="rounds"),
    Route("/rounds/{name:path}", round_page, name="round"),
    Route("/api/rounds", list_api),
    Route("/api/rounds/open", open_api, methods=["POST"]),
    Route("/api/rounds/{name}/close", close_api, methods=["POST"]),
    Route("/api/rounds/{name}/reconcile", reconcile_api, methods=["POST"]),
]
