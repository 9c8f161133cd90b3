"""Reliability: compare coders on the documents they coded, code by code and unit by unit, for
any number of coders (all together and every pair), NVivo's figure beside Stemmen's, and the
reconciliation of two coders into a master coding (one call of ``reliability.reconcile``)."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.project.cache import cache_of
from stemmen.web.background import quick_or_job
from stemmen.web.errors import describe
from stemmen.web.jobs import Progress
from stemmen.web.rendering import body, call, language, ok, project, render, text_field

UNITS = ("paragraph", "sentence", "character")
METHODS = ("units", "nvivo")
DEFAULT_THRESHOLD = 0.60
SHOWN = 200  # disagreements listed on the page unless all are asked for


def query(request: Request) -> dict[str, Any]:
    """The comparison asked for in the query string (coder, document, case, unit, ...).

    A form that was not sent yet (no ``unit``) leaves uncoded units out, as studies report it.
    """
    params = request.query_params
    unit = params.get("unit") or "paragraph"
    if unit not in UNITS:
        raise Invalid("Unknown unit {unit}: use paragraph, sentence or character.", unit=unit)
    drop = params.get("drop_uncoded") in ("1", "true", "on") if "unit" in params else True
    method = params.get("method") or "units"
    if method not in METHODS:
        raise Invalid("Unknown method {method}: use units or nvivo.", method=method)
    return {
        "method": method,
        "coders": [c for c in params.getlist("coder") if c] or None,
        "documents": [d for d in params.getlist("document") if d] or None,
        "cases": [c for c in params.getlist("case") if c] or None,
        "unit": unit,
        "drop_uncoded": drop,
        "threshold": _share(params.get("threshold"), DEFAULT_THRESHOLD, "threshold"),
        "min_coverage": _share(params.get("min_coverage"), 0.0, "min_coverage"),
    }


def _share(raw: str | None, default: float, field: str) -> float:
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise Invalid("The field {field} must be a number from 0 to 1.", field=field)
    return value


def _compare(request: Request, asked: dict[str, Any],
             progress: Progress | None = None) -> dict[str, Any]:
    """compare() with the disagreements and the code confusion of the same choice."""
    rel = project(request).reliability
    scope = {k: asked[k] for k in ("coders", "documents", "cases", "unit")}
    steps = 4 if asked["method"] == "nvivo" else 3
    say = progress or (lambda done, total: None)
    say(0, steps)
    comparison = rel.compare(**scope, drop_uncoded=asked["drop_uncoded"],
                             threshold=asked["threshold"], min_coverage=asked["min_coverage"])
    report = comparison.as_dict()
    say(1, steps)
    report["disagreements"] = rel.disagreements(**scope, min_coverage=asked["min_coverage"])
    say(2, steps)
    report["confusion"] = rel.confusion(**scope)
    say(3, steps)
    if asked["method"] == "nvivo":
        report["nvivo"] = rel.nvivo(comparison.coders, comparison.documents).as_dict()
        say(4, steps)
    return report


def _choices(request: Request) -> dict[str, Any]:
    p = project(request)
    return {"coders": p.codings.coders(), "documents": [d.name for d in p.documents.list()]}


def by_unit(disagreements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The disagreements grouped per (document, unit), in text order, for side-by-side rows."""
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    for item in disagreements:
        key = (item["document"], item["unit"])
        row = rows.setdefault(key, {k: item[k] for k in (
            "document", "unit", "start", "end", "text", "code_sets")} | {"codes": []})
        row["codes"].append(item)
    return list(rows.values())


async def page(request: Request) -> Response:
    """The form at once; the report too when it is at hand (kept, or quick to compute), else
    a progress bar while it is computed in the background (``web.background``). The first
    ``SHOWN`` disagreements are listed (all with ``?all=1``); reconciling needs them all."""
    return await show(request, query(request))


async def show(request: Request, asked: dict[str, Any], **extra: Any) -> Response:
    """The reliability page for ``asked`` (also a round's page: ``extra`` goes to the
    template)."""
    p = project(request)
    key = ("reliability.page", json.dumps(asked, sort_keys=True))
    answer = quick_or_job(request, "reliability", key,
                          lambda progress: _report(request, asked, progress))
    choices, outcome = await asyncio.gather(  # the form's choices while the report is made
        call(cache_of(p).remember, ("reliability.choices",), lambda: _choices(request)),
        answer, return_exceptions=True)
    if isinstance(choices, BaseException):
        raise choices
    try:
        if isinstance(outcome, BaseException):
            raise outcome
        found, job = outcome
    except Invalid as exc:
        return render(request, "reliability.html", asked=asked, choices=choices, report=None,
                      job=None, problem=describe(exc, language(request)), **extra)
    if job is not None:
        return render(request, "reliability.html", asked=asked, choices=choices, report=None,
                      job=job, problem=None, **extra)
    report, units = found
    everything = request.query_params.get("all") == "1"
    return render(request, "reliability.html", asked=asked, choices=choices, report=report,
                  problem=None, job=None, units=units,
                  shown=units if everything else units[:SHOWN], all_url=_all_url(request),
                  kappa="cohen_kappa" if len(report["coders"]) == 2 else "fleiss_kappa",
                  **extra)


def _report(request: Request, asked: dict[str, Any],
            progress: Progress) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    report = _compare(request, asked, progress)
    return report, by_unit(report["disagreements"])


def _all_url(request: Request) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("all", "job")]
    return "/reliability?" + urlencode([*params, ("all", "1")]) + "#reconcile"


async def reliability_api(request: Request) -> Response:
    return ok(**await call(_compare, request, query(request)))


async def reconcile_api(request: Request) -> Response:
    """The reviewer's decisions become the master coding: one project call, one transaction."""
    data = await body(request)
    decisions = data.get("decisions")
    if not isinstance(decisions, list) or not all(isinstance(d, dict) for d in decisions):
        raise Invalid("The field {field} must be a list of decisions.", field="decisions")
    documents = data.get("documents") or None
    if documents is not None and not (isinstance(documents, list)
                                      and all(isinstance(d, str) for d in documents)):
        raise Invalid("The field {field} must be a list of names.", field="documents")
    unit = text_field(data, "unit", required=False) or "paragraph"
    master = text_field(data, "master", required=False) or "master"
    coder_a, coder_b = text_field(data, "coder_a"), text_field(data, "coder_b")
    written = await call(project(request).reliability.reconcile, decisions, coder_a, coder_b,
                         master, documents, None, unit)
    return ok(written=written, master=master)


ROUTES = [
    Route("/reliability", page, name="reliability"),
    Route("/api/reliability", reliability_api),
    Route("/api/reliability/reconcile", reconcile_api, methods=["POST"]),
]
