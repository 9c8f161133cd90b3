"""Queries: matrices (code x case or x attribute, as numbers or a heat map), co-occurrence,
coding progress, waves, sampling, profiles, interviews, codebook and a filtered text search;
a cell opens its segments; every table downloads as CSV or XLSX; queries can be saved.

Every answer comes from ``project.queries.run`` (or ``run_saved``), as ``stemmen query``
prints it; the handlers only read the query string and render.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid, StemmenError
from stemmen.project.cache import cache_of
from stemmen.project.query_results import csv_bytes, xlsx_bytes
from stemmen.web.background import quick_or_job
from stemmen.web.errors import describe
from stemmen.web.rendering import (
    body,
    call,
    language,
    ok,
    ok_plain,
    project,
    render,
    text_field,
    translator,
)

KINDS = {"matrix": "Matrix", "cooccurrence": "Co-occurrence", "progress": "Coding progress",
         "waves": "Waves", "sampling": "Sampling", "profiles": "Profiles",
         "interviews": "Interviews", "codebook": "Codebook", "search": "Search"}
LISTS = ("coders", "cases", "codes", "keys")  # repeated in the query string
SCALARS = ("rows", "columns", "count", "unit", "attribute", "case", "text")
COUNTS = {"segments": "Coded segments", "words": "Coded words",
          "characters": "Coded characters", "people": "People", "documents": "Documents",
          "participants": "Participants"}
MAX_CHOICES = 30  # attributes with more distinct values are not offered as search filters


def asked(request: Request) -> tuple[str, dict[str, Any]]:
    """The kind and parameters in the query string, named as the project's methods name them
    (``attributes`` as repeated ``attributes=name=value``)."""
    qs = request.query_params
    kind = qs.get("kind") or "matrix"
    if kind not in KINDS:
        raise Invalid("There is no query kind {kind!r}: use one of {kinds}.", kind=kind,
                      kinds=", ".join(KINDS))
    params: dict[str, Any] = {k: [v for v in qs.getlist(k) if v] for k in LISTS if k in qs}
    params.update({k: qs[k] for k in SCALARS if qs.get(k)})
    attributes: dict[str, list[str]] = {}
    for item in qs.getlist("attributes"):
        name, sep, value = item.partition("=")
        if sep and name.strip():
            attributes.setdefault(name.strip(), []).append(value.strip())
    if attributes:
        params["attributes"] = attributes
    return kind, {k: v for k, v in params.items() if v}


def _run(request: Request) -> Any:
    saved = request.query_params.get("saved")
    if saved:
        return project(request).queries.run_saved(saved)
    return project(request).queries.run(*asked(request))


def _choices(request: Request) -> dict[str, Any]:
    p = project(request)
    values = p.documents.attribute_values()
    columns = sorted({a.name for a in p.cases.attributes()} | set(values))
    names = p.settings.attributes()  # the project's wave attribute (settings)
    return {"codes": p.codebook.codes(), "cases": [c.name for c in p.cases.list()],
            "coders": p.codings.coders(), "columns": columns,
            "wave": names.first_name(columns, "wave") or names.wave[0],
            "values": {k: v for k, v in values.items() if len(v) <= MAX_CHOICES},
            "saved": p.queries.saved(), "example": p.queries.sampling_example()}


def _key(request: Request) -> tuple[str, ...]:
    """What the page asks for, as a cache key: a saved query by name, else kind and params."""
    saved = request.query_params.get("saved")
    if saved:
        return ("queries.saved", saved.lower())
    kind, params = asked(request)
    return ("queries.run", kind, json.dumps(params, sort_keys=True))


async def page(request: Request) -> Response:
    """The forms at once; the result too when it is at hand (kept, or quick to run), else a
    progress bar while it runs in the background (``web.background``)."""
    p = project(request)
    result, error, job = None, None, None

    async def run() -> None:
        nonlocal result, error, job
        try:
            result, job = await quick_or_job(request, "query", _key(request),
                                             lambda progress: _run(request))
        except StemmenError as exc:
            error = describe(exc, language(request))

    choices, _ = await asyncio.gather(  # the forms' choices while the query runs
        call(cache_of(p).remember, ("queries.choices",), lambda: _choices(request)), run())
    kind = result.kind if result else request.query_params.get("kind") or "matrix"
    kind = kind if kind in KINDS else "matrix"
    params = result.params if result else (asked(request)[1] if job else {})
    query = _query_of(kind, params) if result else request.url.query
    labels = await call(p.labels.lookup, language(request))  # names in the page's language
    return render(request, "queries.html", kind=kind, kinds=KINDS, counts=COUNTS,
                  params=params, result=result, error=error, choices=choices, job=job,
                  name_labels=labels,
                  saved_name=request.query_params.get("saved"), query_string=query)


def _query_of(kind: str, params: dict[str, Any]) -> str:
    """The query string that asks for ``kind`` with ``params`` (a saved query's downloads)."""
    parts = [("kind", kind)]
    for key, value in params.items():
        if key == "attributes":
            parts += [("attributes", f"{k}={v}") for k, vs in value.items() for v in vs]
        elif isinstance(value, list):
            parts += [(key, v) for v in value]
        elif not isinstance(value, dict):
            parts.append((key, str(value)))
    return "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in parts)


async def run_api(request: Request) -> Response:
    """``GET /api/queries/run?kind=...``: the result with its tables, as JSON."""
    result = await call(_run, request)
    return ok_plain(**result.as_dict())


async def download(request: Request) -> Response:
    """``GET /api/queries/download?format=csv|xlsx&part=N&kind=...[&lang=fr]``: the tables as
    a file (CSV: table ``part``; XLSX: every table a sheet), headers in the page's language;
    with ``lang``, the names of cases, roles, codes... as that language labels them."""
    fmt = request.query_params.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Invalid("Download as csv or xlsx, not {format!r}.", format=fmt)
    result = await call(_run, request)
    _ = translator(language(request))
    tables = result.tables
    lang = request.query_params.get("lang")
    if lang:  # names as that language labels them (cases, roles, codes, categories...)
        tables = (await call(project(request).labels.lookup, lang)).tables(result)
    tables = [replace(t, headers=[_(h) for h in t.headers]) for t in tables]
    stem = f"stemmen-{result.kind}"
    if fmt == "xlsx":
        data = await call(xlsx_bytes, tables)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = f"{stem}.xlsx"
    else:
        part = request.query_params.get("part", "0")
        if not part.isdigit() or int(part) >= len(tables):
            raise Invalid("This result has no table {part}.", part=part)
        table = tables[int(part)]
        data, media = csv_bytes(table), "text/csv; charset=utf-8"
        name = f"{stem}.csv" if len(tables) == 1 else f"{stem}-{table.name}.csv"
    return Response(data, media_type=media, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})


async def cell(request: Request) -> Response:
    """``GET /api/queries/cell?row=&column=&rows=&columns=&coders=&cases=``: the segments
    behind one matrix cell."""
    kind, params = asked(request)
    qs = request.query_params
    row, column = qs.get("row"), qs.get("column")
    if not row or column is None:
        raise Invalid("Name the cell's row and column.")
    segments = await call(project(request).queries.segments, row, column,
                          params.get("rows", "code"), params.get("columns", "case"),
                          params.get("coders"), params.get("cases"))
    return ok_plain(segments=[s.as_dict() for s in segments], count=len(segments))


async def save(request: Request) -> Response:
    """``POST /api/queries/save`` {name, kind, params}."""
    data = await body(request)
    params = data.get("params") or {}
    saved = await call(project(request).queries.save, text_field(data, "name"),
                       text_field(data, "kind"), params)
    return ok(saved={"name": saved.name, "kind": saved.kind, "params": saved.params})


async def delete(request: Request) -> Response:
    """``POST /api/queries/delete`` {name}."""
    data = await body(request)
    gone = await call(project(request).queries.delete_saved, text_field(data, "name"))
    return ok(deleted=gone.name)


ROUTES = [
    Route("/queries", page, name="queries"),
    Route("/api/queries/run", run_api),
    Route("/api/queries/download", download),
    Route("/api/queries/cell", cell),
    Route("/api/queries/save", save, methods=["POST"]),
    Route("/api/queries/delete", delete, methods=["POST"]),
]
