"""Retrieval: the segments of codes (any of them, or overlapping all), filtered."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.project.cache import cache_of
from stemmen.project.retrieval import SegmentPage, check_fields, only_fields
from stemmen.web.background import quick_or_job
from stemmen.web.rendering import PlainJSON, call, ok_plain, project, render

MAX_CHOICES = 30  # attributes with more distinct values (dates, counts) are not offered
SHOWN = 100  # segments listed on the page at first, and added by each "Show more"
_ENCODE = PlainJSON(None).render  # one encoder for good: the project keeps answers per encoder


def query(request: Request) -> dict[str, Any]:
    """The retrieval asked for in the query string (code, mode, case, coder, attr, document)."""
    params = request.query_params
    attributes: dict[str, list[str]] = {}
    for item in params.getlist("attr"):
        name, sep, value = item.partition("=")
        if sep and name.strip():
            attributes.setdefault(name.strip(), []).append(value.strip())
    return {
        "codes": [c for c in params.getlist("code") if c],
        "mode": "and" if params.get("mode") == "and" else "or",
        "cases": [c for c in params.getlist("case") if c] or None,
        "coders": [c for c in params.getlist("coder") if c] or None,
        "documents": [d for d in params.getlist("document") if d] or None,
        "attributes": attributes or None,
    }


def speakers(request: Request) -> list[str] | None:
    """``speaker=`` (repeated, or names separated by commas): only segments that start in a
    turn of one of them (``stemmen retrieve --speaker``)."""
    names = [n.strip() for item in request.query_params.getlist("speaker")
             for n in item.split(",") if n.strip()]
    return names or None


def _find(request: Request, asked: dict[str, Any]) -> list[Any]:
    if not asked["codes"]:
        return []
    found = project(request).workspace.retrieve_combined(**asked)
    return _of_speakers(request, found, speakers(request))


def _of_speakers(request: Request, found: list[Any], names: list[str] | None) -> list[Any]:
    """The segments that start in a turn of one of ``names`` (all of them without names)."""
    if not names:
        return found
    said = project(request).media.speaker_of([(s.document, s.start) for s in found])
    wanted = set(names)
    return [s for s, who in zip(found, said, strict=True) if who in wanted]


def _choices(request: Request) -> dict[str, Any]:
    p = project(request)
    return {"codes": p.codebook.codes(), "cases": [c.name for c in p.cases.list()],
            "coders": p.codings.coders(),
            "attributes": {k: v for k, v in p.documents.attribute_values().items()
                           if len(v) <= MAX_CHOICES}}


def _page(request: Request, asked: dict[str, Any], offset: int, limit: int
          ) -> SegmentPage | None:
    if not asked["codes"]:
        return None
    names = speakers(request)
    if names:  # the speaker of each segment is known only once it is found: filter, then page
        kept = _find(request, asked)
        return SegmentPage(kept[offset:offset + limit], len(kept), offset)
    return project(request).segments.page(**asked, limit=limit, offset=offset)


async def page(request: Request) -> Response:
    """``GET /retrieve``: ``shown`` segments from ``offset`` on (only those are read), the
    total, and links to the next page ("Show more": the next ``SHOWN`` from ``next_url``
    for the page's script, or all of them again up to there from ``more_url``)."""
    asked = query(request)
    shown, offset = _number(request, "shown", SHOWN, SHOWN), _number(request, "offset", 0, 0)
    key = ("retrieve.page", json.dumps(asked, sort_keys=True),  # until a change
           tuple(speakers(request) or ()), shown, offset)
    choices, (found, job) = await asyncio.gather(
        call(cache_of(project(request)).remember, ("retrieve.choices",),
             lambda: _choices(request)),
        quick_or_job(request, "retrieve", key,
                     lambda progress: _page(request, asked, offset, shown)))
    segments = found.segments if found else []
    colours = {c.name: c.colour for c in choices["codes"]}
    chosen_attrs = {f"{k}={v}" for k, vs in (asked["attributes"] or {}).items() for v in vs}
    end = offset + len(segments)
    kept = [(k, v) for k, v in request.query_params.multi_items()
            if k not in ("shown", "offset", "job")]
    return render(request, "retrieve.html", asked=asked, segments=segments, offset=offset,
                  speakers=", ".join(speakers(request) or []),
                  end=end, total=found.total if found else 0, choices=choices,
                  colours=colours, job=job, chosen_attrs=chosen_attrs,
                  more_url="/retrieve?" + urlencode([*kept, ("shown", str(end + SHOWN))]),
                  next_url="/retrieve?" + urlencode([*kept, ("offset", str(end)),
                                                     ("shown", str(SHOWN))]))


def _number(request: Request, name: str, default: int, least: int) -> int:
    """A whole number from the query string (``shown``, ``offset``): at least ``least``,
    ``default`` when missing or not a number."""
    raw = request.query_params.get(name, "")
    return max(int(raw), least) if raw.isdigit() else default


def fields(request: Request) -> list[str] | None:
    """The keys each segment should have (``fields=document,text``, or repeated), else None."""
    given = request.query_params.getlist("fields")
    if not given:
        return None
    return [name.strip() for item in given for name in item.split(",") if name.strip()]


def _answer(request: Request, asked: dict[str, Any], chosen: list[str] | None) -> Response:
    """The segments as JSON rows, encoded in the worker thread too (not on the event loop).

    Segments of any of the codes come encoded from the project, which reuses an answer
    while nothing it was made from has changed (``segments.retrieve_encoded``); the bytes
    are those of ``ok_plain(segments=rows, count=n)``. "and" needs the Segments to find
    overlaps."""
    codes = asked["codes"]
    if (asked["mode"] == "and" and len(codes) > 1) or (codes and speakers(request)):
        keys = check_fields(chosen)
        rows = only_fields([s.as_dict() for s in _find(request, asked)], keys)
        return ok_plain(segments=rows, count=len(rows))
    if not codes:
        check_fields(chosen)
        return ok_plain(segments=[], count=0)
    data, count = project(request).segments.retrieve_encoded(
        _ENCODE, codes, asked["cases"], asked["coders"], asked["documents"],
        asked["attributes"], chosen)
    body = b"".join((b'{"ok":true,"segments":', data, b',"count":%d}' % count))  # not %b:
    return Response(body, media_type="application/json",  # that copies slowly (~0.3 ms)
                    headers={"Cache-Control": "no-store"})


async def retrieve_api(request: Request) -> Response:
    """``GET /api/retrieve``. A small SQLite project answers on the event loop, as
    ``rendering.quick`` does (the worker thread's hop costs more than the retrieval); any
    other in a worker thread, so that a long retrieval holds up no other request."""
    if request.app.state.inline and project(request).segments.small():
        return _answer(request, query(request), fields(request))
    return await call(_answer, request, query(request), fields(request))


ROUTES = [
    Route("/retrieve", page, name="retrieve"),
    Route("/api/retrieve", retrieve_api),
]
