"""Apply, remove and change codings (offsets in Unicode code points)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import body, coder, int_field, iso, ok, project, quick, text_field


def as_json(coding: Any) -> dict[str, Any]:
    """A coding as the document view knows it."""
    at = iso(coding.created_at)
    return {"id": coding.id, "document": coding.document, "code": coding.code,
            "coder": coding.coder, "start": coding.start, "end": coding.end, "at": at}


def _codes(data: dict[str, Any]) -> list[str]:
    codes = data.get("codes")
    if codes is None:
        codes = [text_field(data, "code")]
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise Invalid("Give one or more codes to apply.")
    return list(dict.fromkeys(codes))


async def apply(request: Request) -> Response:
    """POST {document, codes|code, start, end} or {document, codes, paragraph, last_paragraph}."""
    data = await body(request)
    document = text_field(data, "document")
    span = {key: int_field(data, key) for key in ("start", "end", "paragraph", "last_paragraph")}
    who = coder(request)
    applied = [await quick(request, project(request).codings.apply, document, code, who, **span)
               for code in _codes(data)]
    return ok(codings=[as_json(c) for c in applied])


async def remove(request: Request) -> Response:
    removed = await quick(request, project(request).codings.remove,
                          request.path_params["coding_id"])
    return ok(removed=as_json(removed))


async def change(request: Request) -> Response:
    """POST {code}: the same span, by the same coder, with another code."""
    code = text_field(await body(request), "code")
    p = project(request)
    new = await quick(request, p.codings.recode, request.path_params["coding_id"], code)
    return ok(coding=as_json(new))


ROUTES = [
    Route("/api/codings", apply, methods=["POST"]),
    Route("/api/codings/{coding_id:int}", remove, methods=["DELETE"]),
    Route("/api/codings/{coding_id:int}/code", change, methods=["POST"]),
]
