"""Apply, remove, change and restore codings (offsets in Unicode code points).

Each request is one user action, one call of the project API and one transaction.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.model.codings import Coding
from stemmen.web.rendering import body, coder, int_field, iso, ok_plain, project, quick, text_field


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


def _ids(data: dict[str, Any]) -> list[int]:
    ids = data.get("ids")
    if not isinstance(ids, list) or not ids or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise Invalid("Give the ids of the codings as a list of whole numbers.")
    return ids


def _coding(document: str, item: Any) -> Coding:
    """One coding to restore: {code, coder, start, end} in ``document``."""
    if not isinstance(item, dict):
        raise Invalid("Give each coding with its code, coder, start and end.")
    start, end = int_field(item, "start"), int_field(item, "end")
    if start is None or end is None:
        raise Invalid("Give a start and end offset, or a paragraph number.")
    return Coding(document=document, start=start, end=end, code=text_field(item, "code") or "",
                  coder=text_field(item, "coder") or "")


async def apply(request: Request) -> Response:
    """POST {document, codes|code, start, end} or {document, codes, paragraph, last_paragraph}:
    every code on the same span as the current coder, all or nothing."""
    data = await body(request)
    document = text_field(data, "document")
    span = {key: int_field(data, key) for key in ("start", "end", "paragraph", "last_paragraph")}
    applied = await quick(request, project(request).codings.apply_many, document, _codes(data),
                          coder(request), **span)
    return ok_plain(codings=[as_json(c) for c in applied])


async def remove(request: Request) -> Response:
    removed = await quick(request, project(request).codings.remove,
                          request.path_params["coding_id"])
    return ok_plain(removed=as_json(removed))


async def remove_many(request: Request) -> Response:
    """POST {ids}: remove several codings at once (e.g. every coding of a place)."""
    removed = await quick(request, project(request).codings.remove_many, _ids(await body(request)))
    return ok_plain(removed=[as_json(c) for c in removed])


async def restore(request: Request) -> Response:
    """POST {document, codings: [{code, coder, start, end}]}: create removed codings again
    (undo of a removal), each by its own coder."""
    data = await body(request)
    document = text_field(data, "document") or ""
    items = data.get("codings")
    if not isinstance(items, list) or not items:
        raise Invalid("Give one or more codings to restore.")
    wanted = [_coding(document, item) for item in items]
    user = request.scope.get("stemmen.user")  # team mode: only reviewers restore for others
    if user is not None and not user.viewer.sees_all_coders and any(
            c.coder != user.name for c in wanted):
        raise Invalid("You can restore only your own codings.")
    restored = await quick(request, project(request).codings.restore, wanted)
    return ok_plain(codings=[as_json(c) for c in restored])


async def change(request: Request) -> Response:
    """POST {code}: the same span, by the same coder, with another code."""
    code = text_field(await body(request), "code")
    p = project(request)
    new = await quick(request, p.codings.recode, request.path_params["coding_id"], code)
    return ok_plain(coding=as_json(new))


ROUTES = [
    Route("/api/codings", apply, methods=["POST"]),
    Route("/api/codings/remove", remove_many, methods=["POST"]),
    Route("/api/codings/restore", restore, methods=["POST"]),
    Route("/api/codings/{coding_id:int}", remove, methods=["DELETE"]),
    Route("/api/codings/{coding_id:int}/code", change, methods=["POST"]),
]
