"""The codebook editor: a tree of codes in categories, each change recorded in the codebook
history with who made it and why; codebook import with a preview before anything is written.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.i18n import translate
from stemmen.web.rendering import body, call, iso, language, ok, project, quick, render, text_field

KINDS = {"add": "Code added", "add_category": "Category added", "rename": "Renamed",
         "edit": "Edited", "move": "Moved", "merge": "Merged", "split": "Split",
         "delete": "Deleted", "import": "Imported"}
STATUS = {"added": "Added", "changed": "Changed", "unchanged": "Unchanged",
          "refused": "Refused"}
FIELDS = {"definition": "Definition", "inclusion": "Inclusion", "exclusion": "Exclusion",
          "example": "Example", "colour": "Colour", "place": "Place in the tree"}
CRITERIA = ("definition", "inclusion", "exclusion", "example")


def _code(node: Any, counts: dict[str, int], versions: dict[str, int]) -> dict[str, Any]:
    code = node.code
    return {"name": code.name, "category": code.category, "parent": code.parent,
            "definition": code.definition, "inclusion": code.inclusion,
            "exclusion": code.exclusion, "example": code.example, "colour": code.colour,
            "codings": counts.get(code.name, 0), "depth": node.depth, "path": node.path,
            "path_text": node.path_text, "version": versions.get(code.name)}


def _codebook(request: Request) -> dict[str, Any]:
    book = project(request).codebook
    counts, versions = book.counts(), book.versions()
    codes = [_code(node, counts, versions) for node in book.list()]
    children: dict[str, list[dict[str, Any]]] = {}
    for code in codes:
        if code["parent"]:
            children.setdefault(code["parent"], []).append(code)
    roots = [c for c in codes if not c["parent"]]
    categories = [{"name": c.name, "description": c.description, "parent": c.parent,
                   "codes": [x for x in roots if x["category"] == c.name]}
                  for c in book.categories()]
    loose = [x for x in roots if not x["category"]]
    return {"categories": categories, "uncategorised": loose, "codes": codes,
            "children": children}


def _history(request: Request) -> list[dict[str, Any]]:
    return [{"at": iso(e.at), "actor": e.actor, "kind": e.action,
             "reason": e.details.get("reason", ""),
             "details": {k: v for k, v in e.details.items() if k != "reason" and v not in (
                 None, "", [], {})}}
            for e in reversed(project(request).codebook.history())]


def _choices(book: dict[str, Any]) -> dict[str, Any]:
    """The "Move to…" and "Merge into" choices, sent once for every Edit panel to fill its
    lists when it opens (listing every code in every panel made the page grow with the
    square of the number of codes)."""
    return {"categories": [c["name"] for c in book["categories"]],
            "codes": [{"name": c["name"], "parent": c["parent"], "path": c["path"],
                       "path_text": c["path_text"]} for c in book["codes"]]}


async def page(request: Request) -> Response:
    data = await call(_codebook, request)
    history = await call(_history, request)
    name_labels = await call(project(request).labels.lookup, language(request))
    return render(request, "codebook.html", book=data, choices=_choices(data),
                  history=history[:200], kinds=KINDS, name_labels=name_labels)


async def codebook_api(request: Request) -> Response:
    return ok(**await call(_codebook, request))


async def history_api(request: Request) -> Response:
    return ok(history=await call(_history, request))


def _reason(data: dict[str, Any]) -> str:
    return text_field(data, "reason", False) or ""


def _texts(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, str | None]:
    """Optional text fields: absent → None (unchanged), present (even empty) → the text."""
    out: dict[str, str | None] = {}
    for key in keys:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise Invalid("The field {field} must be text.", field=key)
        out[key] = value
    return out


async def add(request: Request) -> Response:
    """POST {name, category? | parent?, definition?, inclusion?, exclusion?, example?,
    colour?, reason?}."""
    data = await body(request)
    texts = {k: v or "" for k, v in _texts(data, CRITERIA).items()}
    code = await quick(request, project(request).codebook.add, text_field(data, "name"),
                       text_field(data, "category", False), texts.pop("definition"),
                       text_field(data, "colour", False),
                       parent=text_field(data, "parent", False), reason=_reason(data), **texts)
    return ok(code={"name": code.name, "parent": code.parent, "category": code.category})


async def add_category(request: Request) -> Response:
    """POST {name, description?, reason?}."""
    data = await body(request)
    await call(project(request).codebook.add_category, text_field(data, "name"),
               text_field(data, "description", False) or "", reason=_reason(data))
    return ok()


async def rename(request: Request) -> Response:
    """POST {name, new_name, reason?}."""
    data = await body(request)
    await call(project(request).codebook.rename, text_field(data, "name"),
               text_field(data, "new_name"), reason=_reason(data),
               expected_version=_version(data))
    return ok()


async def edit(request: Request) -> Response:
    """POST {name, definition?, inclusion?, exclusion?, example?, colour?, reason?}: only
    the fields given change."""
    data = await body(request)
    texts = _texts(data, CRITERIA)
    await call(project(request).codebook.edit, text_field(data, "name"),
               texts.pop("definition"), text_field(data, "colour", False),
               reason=_reason(data), expected_version=_version(data), **texts)
    return ok()


async def move(request: Request) -> Response:
    """POST {name, parent?, category?, reason?}: under the parent code, else to the top
    level of the category (empty: outside any category)."""
    data = await body(request)
    await call(project(request).codebook.move, text_field(data, "name"),
               text_field(data, "category", False), parent=text_field(data, "parent", False),
               reason=_reason(data), expected_version=_version(data))
    return ok()


async def merge(request: Request) -> Response:
    """POST {name, into, reason?}: the codings of ``name`` follow into ``into``."""
    data = await body(request)
    moved = await call(project(request).codebook.merge, text_field(data, "name"),
                       text_field(data, "into"), reason=_reason(data),
                       expected_version=_version(data))
    return ok(moved=moved)


async def split(request: Request) -> Response:
    """POST {name, into: [names] or "a, b", keep_original?, assign?: {coding id: new code},
    reason?}."""
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
                        assign, bool(data.get("keep_original", True)), reason=_reason(data))
    return ok(counts=counts)


async def delete(request: Request) -> Response:
    """POST {name, reason?}: the code and its codings go; its children take its place."""
    data = await body(request)
    removed = await call(project(request).codebook.delete, text_field(data, "name"),
                         reason=_reason(data), expected_version=_version(data))
    return ok(removed=removed)


def _version(data: dict[str, Any]) -> int | None:
    """The code's version the form was made from (``expected_version``): a change on a code
    someone else changed since is refused with a conflict (409), not made over theirs."""
    value = data.get("expected_version")
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


async def _upload(request: Request) -> tuple[bytes, str, str]:
    """The codebook file of a multipart form (field ``file``), and the ``reason`` field."""
    async with request.form(max_files=1, max_fields=2) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise Invalid("Send the codebook as a file in the form field {field}.",
                          field="file")
        filename = PurePosixPath(upload.filename.replace("\\", "/")).name
        data = await upload.read()
        reason = form.get("reason")
    return data, filename, reason if isinstance(reason, str) else ""


def _plan(plan: Any, lang: str) -> dict[str, Any]:
    def say(message: str, **params: Any) -> str:
        return translate(message, lang, **params)

    return {
        "source": plan.source, "applied": plan.applied, "writes": plan.writes,
        "counts": plan.counts, "notes": plan.notes,
        "categories": [c.name for c in plan.new_categories],
        "refused_categories": [{"name": n, "existing": e} for n, e in plan.refused_categories],
        "codes": [{"name": c.code.name, "parent": c.code.parent,
                   "category": None if c.code.parent else c.code.category,
                   "status": c.status, "status_label": say(STATUS[c.status]),
                   "details": say(c.reason, **c.params) if c.reason else ", ".join(
                       say(FIELDS[f]) for f in c.changes)}
                  for c in plan.codes],
    }


async def import_preview(request: Request) -> Response:
    """POST multipart {file}: what importing it would do; nothing is written."""
    data, filename, _reason_text = await _upload(request)
    plan = await call(project(request).codebook.preview_import, data, filename)
    return ok(plan=_plan(plan, language(request)))


async def import_apply(request: Request) -> Response:
    """POST multipart {file, reason?}: import it (added and changed codes) in one go."""
    data, filename, reason = await _upload(request)
    plan = await call(project(request).codebook.import_, data, filename, reason)
    return ok(plan=_plan(plan, language(request)))


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
    Route("/api/codebook/import/preview", import_preview, methods=["POST"]),
    Route("/api/codebook/import/apply", import_apply, methods=["POST"]),
]
