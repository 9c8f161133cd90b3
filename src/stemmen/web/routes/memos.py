"""Memos on a document or on a segment of it: write, edit, delete."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.project.workspace import memo_json
from stemmen.web.rendering import body, coder, int_field, ok, project, quick, text_field


async def add(request: Request) -> Response:
    """POST {document, text, title?, start?, end?}: the current coder writes a memo."""
    data = await body(request)
    memo = await quick(request, project(request).memos.add, text_field(data, "text") or "",
                       title=text_field(data, "title", False) or "",
                       document=text_field(data, "document"),
                       start=int_field(data, "start"), end=int_field(data, "end"),
                       author=coder(request))
    return ok(memo=memo_json(memo))


async def edit(request: Request) -> Response:
    """POST {text?, title?}: change a memo's text or title."""
    data: dict[str, Any] = await body(request)
    memo = await quick(request, project(request).memos.edit, request.path_params["memo_id"],
                       text=text_field(data, "text", False),
                       title=data.get("title") if isinstance(data.get("title"), str) else None,
                       author=coder(request))
    return ok(memo=memo_json(memo))


async def remove(request: Request) -> Response:
    memo = await quick(request, project(request).memos.remove, request.path_params["memo_id"],
                       author=coder(request))
    return ok(removed=memo_json(memo))


ROUTES = [
    Route("/api/memos", add, methods=["POST"]),
    Route("/api/memos/{memo_id:int}", edit, methods=["POST"]),
    Route("/api/memos/{memo_id:int}", remove, methods=["DELETE"]),
]
