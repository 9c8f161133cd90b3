"""Editing a transcript after coding in the workspace: the web face of ``stemmen documents
edit|versions|diff|restore|reviews|review`` (``project.texts``).

One paragraph is edited at a time (``POST /api/documents/edit-paragraph``); codings and memos
follow the words, and those whose words changed or were deleted are listed for review.
Errors come back as ``{"ok": false, ...}`` JSON.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import body, call, int_field, ok, project, text_field


def _result(result: Any) -> dict[str, Any]:
    return {**asdict(result), "moved": result.moved, "flagged": result.flagged,
            "detached": result.detached}


def _name(request: Request) -> str:
    name = request.query_params.get("name", "").strip()
    if not name:
        raise Invalid("The field {field} is required.", field="name")
    return name


def _number(request: Request, key: str) -> int | None:
    raw = request.query_params.get(key, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Invalid("The field {field} must be a whole number.", field=key) from None


async def edit_paragraph(request: Request) -> Response:
    """POST {name, paragraph, text, reason?}: paragraph ``paragraph`` (from 1) gets a new
    text (empty: it is removed); answers what the codings did."""
    data = await body(request)
    name = text_field(data, "name") or ""
    paragraph = int_field(data, "paragraph")
    if paragraph is None:
        raise Invalid("The field {field} is required.", field="paragraph")
    text = data.get("text", "")
    if not isinstance(text, str):
        raise Invalid("The field {field} must be text.", field="text")
    reason = text_field(data, "reason", required=False) or ""
    result = await call(project(request).texts.edit_paragraph, name, paragraph, text, reason)
    return ok(result=_result(result))


async def versions(request: Request) -> Response:
    """?name=: every version of the text, and what waits for review."""
    p, name = project(request), _name(request)
    found = await call(p.texts.versions, name)
    waiting = await call(p.texts.reviews, name)
    return ok(versions=found, reviews=waiting)


async def diff(request: Request) -> Response:
    """?name=&from=&to=: the changed places between two versions."""
    found = await call(project(request).texts.diff, _name(request), _number(request, "from"),
                       _number(request, "to"))
    return ok(diff={"document": found.document, "a": found.a, "b": found.b,
                    "parts": found.parts})


async def restore(request: Request) -> Response:
    """POST {name, version, reason?}: that version's text becomes the current one."""
    data = await body(request)
    version = int_field(data, "version")
    if version is None:
        raise Invalid("The field {field} is required.", field="version")
    result = await call(project(request).texts.restore, text_field(data, "name") or "",
                        version, text_field(data, "reason", required=False) or "")
    return ok(result=_result(result))


async def review(request: Request) -> Response:
    """POST {id, action, start?, end?, memo?}: keep, reattach or delete a flagged or
    detached coding (or memo)."""
    data = await body(request)
    item = int_field(data, "id")
    if item is None:
        raise Invalid("The field {field} is required.", field="id")
    result = await call(project(request).texts.review, item, text_field(data, "action") or "",
                        start=int_field(data, "start"), end=int_field(data, "end"),
                        memo=bool(data.get("memo")))
    return ok(result=result)


ROUTES = [
    Route("/api/documents/edit-paragraph", edit_paragraph, methods=["POST"]),
    Route("/api/documents/versions", versions),
    Route("/api/documents/diff", diff),
    Route("/api/documents/restore", restore, methods=["POST"]),
    Route("/api/documents/review", review, methods=["POST"]),
]
