"""Zero-shot hints from the code definitions on the suggestions page: a background job (the
embedding can take long on a big project) calling ``project.suggestions.hints``. Hints are
not learnt from any coder and nothing is stored; the job's result is the table and, when a
coder is there to compare with, the measured agreement."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.jobs import Progress
from stemmen.web.rendering import body, project, text_field
from stemmen.web.routes.jobs import jobs, started

SNIPPET = 120  # characters of a unit's text shown beside its hint


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "…"


def _figure(value: Any) -> float | None:
    return None if value is None else round(float(value), 3)


async def hints_api(request: Request) -> Response:
    """Hints for one document's paragraphs or turns, in the background."""
    data = await body(request)
    document = text_field(data, "document") or ""
    coder = text_field(data, "coder", required=False) or None
    units = text_field(data, "units", required=False) or "paragraphs"
    if units not in ("paragraphs", "turns"):
        raise Invalid("Unknown units {units}: choose paragraphs or turns.", units=units)
    p = project(request)

    def work(progress: Progress) -> dict[str, Any]:
        found = p.suggestions.hints(document, coder=coder, units=units)
        text = p.documents.get(document).text
        numbers = {u.start: u.index for u in p.documents.paragraphs(document)}
        rows = [{"paragraph": numbers.get(h.start), "start": h.start, "end": h.end,
                 "speaker": h.speaker, "snippet": _snippet(text[h.start:h.end]),
                 "code": h.code, "similarity": round(h.similarity, 3)} for h in found.hints]
        report = found.report
        agreement = None
        if report is not None:
            agreement = {"coder": report.coder, "units": report.units,
                         "unit": report.unit, "documents": report.documents,
                         "kappa": _figure(report.pooled.get("kappa")),
                         "ac1": _figure(report.pooled.get("ac1")),
                         "enabled": len(report.enabled), "codes": len(report.codes),
                         "threshold": report.threshold}
        return {"document": found.document, "units": units, "hints": rows,
                "count": len(rows), "agreement": agreement}

    return started(request, jobs(request).start("hints", work))


ROUTES = [
    Route("/api/suggestions/hints", hints_api, methods=["POST"]),
]
