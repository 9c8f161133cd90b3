"""Pseudonymisation page: scan as a background job, candidates with their context, accept,
reject or relabel one or all with the same text, mark a missed span, apply with a key file
(each one call of ``project.privacy``). Owners only: the page shows the names."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.project.privacy import Decision
from stemmen.web.jobs import Progress
from stemmen.web.rendering import body, call, int_field, ok, project, render, text_field
from stemmen.web.routes.jobs import jobs, started

KINDS = ("person", "place", "phone", "email", "date", "id", "address")
STATES = ("pending", "accepted", "rejected", "applied")


def _page_data(request: Request) -> dict[str, Any]:
    p = project(request)
    state = request.query_params.get("state") or None
    document = request.query_params.get("document") or None
    every = p.privacy.candidates()
    shown = [c for c in every if (state is None or c.state == state)
             and (document is None or c.document == document)]
    counts = {s: sum(1 for c in every if c.state == s) for s in STATES}
    return {"candidates": shown, "counts": counts, "state": state, "document": document,
            "documents": [d.name for d in p.documents.list()],
            "allow": p.privacy.allow_list()}


async def page(request: Request) -> Response:
    data = await call(_page_data, request)
    return render(request, "privacy.html", kinds=KINDS, states=STATES, **data)


async def scan_api(request: Request) -> Response:
    """Find identifiers in one document or all, in the background."""
    data = await body(request)
    document = text_field(data, "document", required=False) or None
    p = project(request)

    def work(progress: Progress) -> dict[str, Any]:
        found = p.privacy.scan(document, progress=lambda share: progress(int(share * 100), 100))
        return {"candidates": len(found)}

    return started(request, jobs(request).start("privacy-scan", work))


async def decide_api(request: Request) -> Response:
    """Accept or reject one candidate (``id``) or every one with the same ``text``."""
    data = await body(request)
    decision = text_field(data, "decision") or ""
    label = text_field(data, "label", required=False)
    p = project(request)
    cid = int_field(data, "id")
    words = text_field(data, "text", required=False)
    if cid is None and not words:
        raise Invalid("The field {field} is required.", field="id")
    if cid is not None:
        result = await call(p.privacy.decide, [Decision(cid, decision, label)])
    else:
        result = await call(p.privacy.decide_text, words, decision, label)
    return ok(accepted=result.accepted, rejected=result.rejected)


async def add_api(request: Request) -> Response:
    """Mark the places some words stand in a document as a missed identifier."""
    data = await body(request)
    found = await call(project(request).privacy.add_text, text_field(data, "document"),
                       text_field(data, "text"), text_field(data, "kind") or "person",
                       text_field(data, "label", required=False))
    return ok(added=len(found))


async def allow_api(request: Request) -> Response:
    data = await body(request)
    names = (text_field(data, "names", required=False) or "").splitlines()
    found = await call(project(request).privacy.set_allow_list, names)
    return ok(allow=found)


async def apply_api(request: Request) -> Response:
    """Replace the accepted candidates; the key file stays where the owner says."""
    data = await body(request)
    result = await call(project(request).privacy.apply, text_field(data, "key_file"))
    return ok(documents=result.documents, replaced=result.replaced,
              key_created=result.key_created)


ROUTES = [
    Route("/privacy", page, name="privacy"),
    Route("/api/privacy/scan", scan_api, methods=["POST"]),
    Route("/api/privacy/decide", decide_api, methods=["POST"]),
    Route("/api/privacy/add", add_api, methods=["POST"]),
    Route("/api/privacy/allow", allow_api, methods=["POST"]),
    Route("/api/privacy/apply", apply_api, methods=["POST"]),
]
