"""Reports: choose language, cases and format; the report is made in a background job (the
same ``project.reports`` calls and bytes as ``stemmen report``), then downloaded or previewed."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.jobs import Download
from stemmen.web.rendering import body, call, language, ok, project, render, text_field
from stemmen.web.routes.jobs import jobs, started

LANGS = ("nl", "fr", "en")
FORMATS = (("docx", "Word (DOCX)"), ("pdf", "PDF"), ("html", "HTML"),
           ("md", "Markdown (zip with figures)"), ("xlsx", "Excel (XLSX)"),
           ("pptx", "Slides (PPTX)"))
SCOPES = ("cross", "all", "some")
PREVIEW_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                  "frame-ancestors 'self'; sandbox")


def _choices(request: Request) -> dict[str, Any]:
    p = project(request)
    return {"cases": [c.name for c in p.cases.list()], "coders": p.codings.coders(),
            "outline": bool(p.outline.list())}


async def page(request: Request) -> Response:
    choices = await call(_choices, request)
    return render(request, "reports.html", choices=choices, formats=FORMATS,
                  report_langs=LANGS, page_lang=language(request))


def _names(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid("The field {field} must be a list of names.", field=key)
    return value


def options(data: dict[str, Any]) -> dict[str, Any]:
    """The report asked for in a JSON body: the keyword arguments of ``reports.make``."""
    lang = text_field(data, "lang", required=False) or "en"
    if lang not in LANGS:
        raise Invalid("Unknown language {lang!r}: use nl, fr or en.", lang=lang)
    scope = text_field(data, "scope", required=False) or "cross"
    if scope not in SCOPES:
        raise Invalid("Unknown choice of cases {scope!r}: use cross, all or some.", scope=scope)
    cases = _names(data, "cases") if scope == "some" else []
    if scope == "some" and not cases:
        raise Invalid("Choose at least one case.")
    fmt = text_field(data, "format", required=False) or "docx"
    second = text_field(data, "second_lang", required=False)
    if second is not None and second not in LANGS:
        raise Invalid("Unknown language {lang!r}: use nl, fr or en.", lang=second)
    if second and second != lang:
        if fmt != "pptx":
            raise Invalid("Several languages (nl,fr) make slides: choose the pptx format.")
        lang = f"{lang},{second}"
    return {"fmt": fmt, "cases": cases,
            "per_case": scope == "all", "lang": lang, "coders": _names(data, "coders") or None,
            "title": text_field(data, "title", required=False),
            "reliability": data.get("reliability", True) is not False,
            "generic": data.get("generic") is True, "strict": data.get("strict") is True,
            "pseudonymised": data.get("pseudonymised") is True}


async def make_api(request: Request) -> Response:
    """``POST /api/reports/make``: start the job; the page follows it and downloads."""
    asked = options(await body(request))
    reports = project(request).reports

    def work(progress: Any) -> Download:
        made = reports.deliver(progress=progress, **asked)
        return Download(made.filename, made.media_type, made.data)

    return started(request, jobs(request).start("report", work))


def _check(request: Request, lang: str, case: str | None) -> dict[str, Any]:
    p = project(request)
    if not p.outline.list():
        return {"outline": False, "problems": [], "untranslated": []}
    found = p.reports.check(lang, case)
    return {"outline": True, "problems": found.problems,
            "untranslated": [q.as_dict() for q in found.untranslated]}


async def check_api(request: Request) -> Response:
    """``GET /api/reports/check?lang=nl[&case=C]``: what rendering the outline would warn
    about (broken references, quotes lacking a translation), shown before making it."""
    lang = request.query_params.get("lang") or "nl"
    if lang not in LANGS:
        raise Invalid("Unknown language {lang!r}: use nl, fr or en.", lang=lang)
    return ok(**await call(_check, request, lang, request.query_params.get("case") or None))


async def preview(request: Request) -> Response:
    """An HTML report made by a job, shown inside the page (sandboxed, no scripts)."""
    job = jobs(request).get(request.path_params["job_id"])
    result = job.result
    if job.state != "done" or not isinstance(result, Download) or \
            not result.media_type.startswith("text/html"):
        raise Invalid("This job has no HTML report to show.")
    return Response(result.data, media_type=result.media_type, headers={
        "Cache-Control": "no-store", "Content-Security-Policy": PREVIEW_POLICY,
        "X-Frame-Options": "SAMEORIGIN"})


ROUTES = [
    Route("/reports", page, name="reports"),
    Route("/api/reports/make", make_api, methods=["POST"]),
    Route("/api/reports/check", check_api),
    Route("/reports/preview/{job_id}", preview),
]
