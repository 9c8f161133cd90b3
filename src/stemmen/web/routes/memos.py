"""Memos on a document or on a segment of it."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import body, int_field, iso, ok, project, quick, text_field


async def add(request: Request) -> Response:
    """POST {document, text, title?, start?, end?}."""
    data = await body(request)
    text = (text_field(data, "text") or "").strip()
    if not text:
        raise Invalid("A memo needs some text.")
    memo = await quick(request, project(request).memos.add, text,
                       title=text_field(data, "title", False) or "",
                       document=text_field(data, "document"),
                       start=int_field(data, "start"), end=int_field(data, "end"))
    return ok(memo={"id": memo.id, "title": memo.title, "text": memo.text,
                    "author": memo.author, "start": memo.start, "end": memo.end,
                    "at": iso(memo.created_at)})


ROUTES = [
    Route("/api/memos", add, methods=["POST"]),
]
