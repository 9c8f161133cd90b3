"""Every memo of the project in one list (``stemmen cases memos``), and a memo on the whole
project (``stemmen cases memo``, without ``--document``). Memos on a document or a segment are
written on the document page (``memos.py``)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.web.rendering import body, call, coder, ok, project, render, text_field


async def page(request: Request) -> Response:
    memos = await call(project(request).memos.list)
    return render(request, "memo_list.html", memos=memos)


async def add_api(request: Request) -> Response:
    """POST {text, title?}: the current coder writes a memo on the whole project."""
    data = await body(request)
    memo = await call(project(request).memos.add, text_field(data, "text") or "",
                      title=text_field(data, "title", required=False) or "",
                      author=coder(request))
    return ok(memo={"id": memo.id, "title": memo.title, "text": memo.text,
                    "author": memo.author})


ROUTES = [
    Route("/memos", page, name="memos"),
    Route("/api/memos/project", add_api, methods=["POST"]),
]
