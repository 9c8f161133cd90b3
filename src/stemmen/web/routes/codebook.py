"""The codebook editor: categories and codes, each change recorded in the codebook history."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import body, call, iso, ok, project, quick, render, text_field

KINDS = {"add": "Code added", "add_category": "Category added", "rename": "Renamed",
         "edit": "Edited", "move": "Moved", "merge": "Merged", "split": "Split",
         "delete": "Deleted", "import": "Imported"}


def _code(code: Any, counts: dict[str, int]) -> dict[str, Any]:
    return {"name": code.name, "category": code.category, "definition": code.definition,
            "colour": code.colour, "codings": counts.get(code.name, 0)}


def _codebook(request: Request) -> dict[str, Any]:
    book = project(request).codebook
    counts = book.counts()
    codes = [_code(c, counts) for c in book.codes()]
    categories = [{"name": c.name, "description": c.description, "parent": c.parent,
                   "codes": [x for x in codes if x["category"] == c.name]}
                  for c in book.categories()]
    loose = [x for x in codes if not x["category"]]
    return {"categories": categories, "uncategorised": loose, "codes": codes}


def _history(request: Request) -> list[dict[str, Any]]:
    return [{"at": iso(e.at), "actor": e.actor, "kind": e.action,
             "details": e.details} for e in reversed(project(request).codebook.history())]


async def page(request: Request) -> Response:
    data = await call(_codebook, request)
    history = await call(_history, request)
    return render(request, "codebook.html", book=data, history=history[:200],
                  kinds=KINDS)


async def codebook_api(request: Request) -> Response:
    return ok(**await call(_codebook, request))


async def history_api(request: Request) -> Response:
    return ok(history=await call(_history, request))


async def add(request: Request) -> Response:
    """POST {name, category?, definition?, colour?}."""
    data = await body(request)
    code = await quick(request, project(request).codebook.add, text_field(data, "name"),
                       text_field(data, "category", False),
                       text_field(data, "definition", False) or "",
                       text_field(data, "colour", False))
    return ok(code=_code(code, {}))


async def add_category(request: Request) -> Response:
    """POST {name, description?}."""
    data = await body(request)
    await call(project(request).codebook.add_category, text_field(data, "name"),
               text_field(data, "description", False) or "")
    return ok()


async def rename(request: Request) -> Response:
    """POST {name, new_name}."""
    data = await body(request)
    await call(project(request).codebook.rename, text_field(data, "name"),
               text_field(data, "new_name"))
    return ok()


async def edit(request: Request) -> Response:
    """POST {name, definition?, colour?}: only the fields given change."""
    data = await body(request)
    definition = data.get("definition")
    if definition is not None and not isinstance(definition, str):
        raise Invalid("The field {field} must be text.", field="definition")
    await call(project(request).codebook.edit, text_field(data, "name"), definition,
               text_field(data, "colour", False))
    return ok()


async def move(request: Request) -> Response:
    """POST {name, category}: an empty category takes the code out of any category."""
    data = await body(request)
    await call(project(request).codebook.move, text_field(data, "name"),
               text_field(data, "category", False))
    return ok()


async def merge(request: Request) -> Response:
    """POST {name, into}: the codings of ``name`` follow into ``into``."""
    data = await body(request)
    moved = await call(project(request).codebook.merge, text_field(data, "name"),
                       text_field(data, "into"))
    return ok(moved=moved)


async def split(request: Request) -> Response:
    """POST {name, into: [names] or "a, b", keep_original?, assign?: {coding id: new code}}."""
    data = await body(request)
    into = data.get("into")
    if isinstance(into, str):
        into = [part.strip() for part in into.split(",") if part.strip()]
    if not isinstance(into, list) or not into or not all(isinstance(n, str) for n in into):
        raise Invalid("Name the new codes to split into.")
    assign = data.get("assign") or {}
    if not isinstance(assign, dict):
        raise Invalid("The field {field} must map coding ids to new codes.", field="assign")
    try:
        assign = {int(k): str(v) for k, v in assign.items()}
    except ValueError as exc:
        raise Invalid("The field {field} must map coding ids to new codes.",
                      field="assign") from exc
    counts = await call(project(request).codebook.split, text_field(data, "name"), into,
                        assign, bool(data.get("keep_original", True)))
    return ok(counts=counts)


async def delete(request: Request) -> Response:
    """POST {name}: the code and its codings go."""
    removed = await call(project(request).codebook.delete, text_field(await body(request),
                                                                       "name"))
    return ok(removed=removed)


ROUTES = [
    Route("/codebook", page, name="codebook"),
    Route("/api/codebook", codebook_api),
    Route("/api/codebook/history", history_api),
    Route("/api/codebook/add", add, methods=["POST"]),
    Route("/api/codebook/add_category", add_category, methods=["POST"]),
    Route("/api/codebook/rename", rename, methods=["POST"]),
    Route("/api/codebook/edit", edit, methods=["POST"]),
    Route("/api/codebook/move", move, methods=["POST"]),
    Route("/api/codebook/merge", merge, methods=["POST"]),
    Route("/api/codebook/split", split, methods=["POST"]),
    Route("/api/codebook/delete", delete, methods=["POST"]),
]
