"""Code suggestions: the trust report page, training as a background job, and the JSON API
to list, accept and reject suggestions (each one call of ``project.suggestions``)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.jobs import Progress
from stemmen.web.rendering import body, call, coder, int_field, ok, project, render, text_field
from stemmen.web.routes.jobs import jobs, started

DEFAULT_THRESHOLD = 0.60


def _threshold(data: dict[str, Any]) -> float:
    raw = data.get("threshold", DEFAULT_THRESHOLD)
    try:
        value = float(str(raw).replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.0 < value <= 1.0:
        raise Invalid("The field {field} must be a number from 0 to 1.", field="threshold")
    return value


def _page_data(request: Request) -> dict[str, Any]:
    p = project(request)
    return {"report": p.suggestions.report(), "coders": p.codings.coders(),
            "documents": [d.name for d in p.documents.list()]}


async def page(request: Request) -> Response:
    """The trust report of the model trained last, and the form to train one."""
    data = await call(_page_data, request)
    coders = [c for c in data["coders"] if c != "model"]
    return render(request, "suggestions.html", report=data["report"], coders=coders,
                  threshold=DEFAULT_THRESHOLD, default_model="lexical",
                  documents=data["documents"])


async def train_api(request: Request) -> Response:
    """Train on a coder's codings in the background; the job's result is the report."""
    data = await body(request)
    name = text_field(data, "coder") or ""
    threshold = _threshold(data)
    kind = text_field(data, "model", required=False) or "lexical"
    if kind not in ("lexical", "semantic", "combined"):
        raise Invalid("Unknown model {model}: choose lexical, semantic or combined.",
                      model=kind)
    p = project(request)

    def work(progress: Progress) -> dict[str, Any]:
        report = p.suggestions.train(name, threshold=threshold, progress=progress,
                                     model=kind)
        return {"enabled": len(report.enabled), "codes": len(report.codes)}

    return started(request, jobs(request).start("suggest", work))


async def list_api(request: Request) -> Response:
    """Pending suggestions on the paragraphs of a document that this browser's coder has not
    coded (none when no model is trained)."""
    document = request.query_params.get("document") or ""
    if not document:
        raise Invalid("The field {field} is required.", field="document")
    found = await call(project(request).suggestions.pending, document, coder(request))
    return ok(suggestions=[s.to_dict() for s in found])


def _id(data: dict[str, Any]) -> int:
    value = int_field(data, "id")
    if value is None:
        raise Invalid("The field {field} is required.", field="id")
    return value


async def accept_api(request: Request) -> Response:
    """The suggestion becomes one coding by this browser's coder."""
    data = await body(request)
    coding = await call(project(request).suggestions.accept, _id(data), coder(request))
    return ok(coding={"id": coding.id, "document": coding.document, "code": coding.code,
                      "start": coding.start, "end": coding.end, "coder": coding.coder})


async def reject_api(request: Request) -> Response:
    data = await body(request)
    found = await call(project(request).suggestions.reject, _id(data))
    return ok(suggestion=found.to_dict())


ROUTES = [
    Route("/suggestions", page, name="suggestions"),
    Route("/api/suggestions/train", train_api, methods=["POST"]),
    Route("/api/suggestions/list", list_api),
    Route("/api/suggestions/accept", accept_api, methods=["POST"]),
    Route("/api/suggestions/reject", reject_api, methods=["POST"]),
]
