"""The cases, participants and attributes page: four sheets edited like a spreadsheet (each
save or paste is one call of the project API), and the attribute definitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.model.sheet import RowEdit
from stemmen.web.errors import describe
from stemmen.web.rendering import JSON, body, call, language, ok, project, render, text_field

TYPES = ("text", "number", "date", "boolean", "choice")
OWNERS = {"case": "Cases", "document": "Documents", "participant": "Participants"}


def _cell(value: Any) -> Any:
    """A value as the sheet shows and edits it: text, a number, true/false, or null."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _attr(attr: Any) -> dict[str, Any]:
    return {"id": f"a:{attr.name}", "name": attr.name, "type": attr.type.value,
            "choices": list(attr.choices), "description": attr.description}


def _field(name: str, label: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"f:{name}", "name": name, "label": label, "type": "text", **extra}


def _sheets(request: Request) -> dict[str, Any]:
    """Every sheet's columns and rows (read-only view of the project)."""
    p = project(request)
    cases, docs, people = p.cases.list(), p.documents.list(), p.participants.list()
    case_attrs, doc_attrs = p.cases.attributes("case"), p.cases.attributes("document")
    person_attrs = p.participants.attributes()
    case_names = [c.name for c in cases]
    lists = {"cases": case_names, "documents": [d.name for d in docs],
             "participants": [x.pseudonym for x in people]}
    n_docs = {name: sum(d.case == name for d in docs) for name in case_names}

    def attrs(values: dict[str, Any]) -> dict[str, Any]:
        return {f"a:{k}": _cell(v) for k, v in values.items()}

    return {"lists": lists, "attributes": {
        "case": [_attr(a) for a in case_attrs], "document": [_attr(a) for a in doc_attrs],
        "participant": [_attr(a) for a in person_attrs]}, "sheets": {
        "cases": {"create": True, "columns": [
            _field("name", "Case", required=True), _field("description", "Description"),
            *[_attr(a) for a in case_attrs]],
            "rows": [{"key": [c.name], "count": n_docs[c.name],
                      "cells": {"f:name": c.name, "f:description": c.description,
                                **attrs(c.attributes)}} for c in cases]},
        "documents": {"create": False, "columns": [
            _field("name", "Document", readonly=True), _field("case", "Case", list="cases"),
            *[_attr(a) for a in doc_attrs]],
            "rows": [{"key": [d.name], "cells": {"f:name": d.name, "f:case": d.case,
                                                 **attrs(d.attributes)}} for d in docs]},
        "participants": {"create": True, "columns": [
            _field("pseudonym", "Pseudonym", required=True),
            _field("case", "Case", list="cases"), *[_attr(a) for a in person_attrs]],
            "rows": [{"key": [x.pseudonym], "cells": {"f:pseudonym": x.pseudonym,
                                                      "f:case": x.case,
                                                      **attrs(x.demographics)}}
                     for x in people]},
        "speakers": {"create": True, "columns": [
            _field("participant", "Participant", required=True, list="participants"),
            _field("document", "Document", required=True, list="documents"),
            _field("speaker", "Speaker label")],
            "rows": [{"key": [x.participant, x.document],
                      "cells": {"f:participant": x.participant, "f:document": x.document,
                                "f:speaker": x.speaker}} for x in p.participants.links()]},
    }}


async def page(request: Request) -> Response:
    data = await call(_sheets, request)
    return render(request, "cases.html", data=data, types=TYPES, owners=OWNERS)


async def sheets_api(request: Request) -> Response:
    return ok(**await call(_sheets, request))


def _edits(raw: Any) -> list[RowEdit]:
    """The JSON edits of a sheet: ``[{key, fields, attributes, delete}]``."""
    if not isinstance(raw, list) or not raw:
        raise Invalid("The field {field} must be a list of row changes.", field="edits")
    edits = []
    for item in raw:
        if not isinstance(item, dict):
            raise Invalid("The field {field} must be a list of row changes.", field="edits")
        key = item.get("key")
        fields, attributes = item.get("fields") or {}, item.get("attributes") or {}
        if (key is not None and not (isinstance(key, list) and all(isinstance(k, str)
                                                                   for k in key))
                or not isinstance(fields, dict) or not isinstance(attributes, dict)):
            raise Invalid("The field {field} must be a list of row changes.", field="edits")
        edits.append(RowEdit(tuple(key) if key is not None else None, fields, attributes,
                             bool(item.get("delete"))))
    return edits


def _edit_json(edit: RowEdit) -> dict[str, Any]:
    return {"key": list(edit.key) if edit.key else None, "delete": edit.delete,
            "fields": {k: _cell(v) for k, v in edit.fields.items()},
            "attributes": {k: _cell(v) for k, v in edit.attributes.items()}}


async def update(request: Request) -> Response:
    """POST {sheet: cases|documents|participants|speakers, edits: [...]}: one call, one
    transaction. A bad value answers 400 with the message and the cell it names."""
    data = await body(request)
    p = project(request)
    action = {"cases": p.cases.update_many, "documents": p.cases.update_documents,
              "participants": p.participants.update_many,
              "speakers": p.participants.update_links}.get(str(data.get("sheet")))
    if action is None:
        raise Invalid(
            "Unknown sheet {kind!r}: use cases, documents, participants or speakers.",
            kind=data.get("sheet"))
    try:
        result = await call(action, _edits(data.get("edits")))
    except Invalid as exc:
        if "edit" not in exc.params:
            raise
        cell = {"edit": exc.params["edit"], "column": exc.params.get("column")}
        return JSON({"ok": False, "error": describe(exc, language(request)), "cell": cell,
                     "status": 400}, status_code=400, headers={"Cache-Control": "no-store"})
    return ok(changed=result.changed, undo=[_edit_json(e) for e in result.undo],
              **await call(_sheets, request))


async def add_case(request: Request) -> Response:
    """POST {name, description?}."""
    data = await body(request)
    case = await call(project(request).cases.add, text_field(data, "name"),
                      text_field(data, "description", False) or "")
    return ok(name=case.name)


async def delete_case(request: Request) -> Response:
    """POST {name}: its documents stay, in no case."""
    moved = await call(project(request).cases.delete, text_field(await body(request), "name"))
    return ok(documents=moved)


async def add_participant(request: Request) -> Response:
    """POST {pseudonym, case?}."""
    data = await body(request)
    person = await call(project(request).participants.add, text_field(data, "pseudonym"),
                        text_field(data, "case", False))
    return ok(pseudonym=person.pseudonym)


async def delete_participant(request: Request) -> Response:
    """POST {pseudonym}: their links go; documents and codings stay."""
    await call(project(request).participants.delete,
               text_field(await body(request), "pseudonym"))
    return ok()


def _owner(data: dict[str, Any]) -> str:
    return text_field(data, "applies_to", False) or "document"


def _choices(data: dict[str, Any]) -> list[str] | None:
    raw = data.get("choices")
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        return [part.strip() for part in raw.replace("\n", ";").split(";") if part.strip()]
    if isinstance(raw, list) and all(isinstance(c, str) for c in raw):
        return raw
    raise Invalid("The field {field} must be text.", field="choices")


async def define_attribute(request: Request) -> Response:
    """POST {name, type, choices?, applies_to, description?}."""
    data = await body(request)
    attr = await call(project(request).cases.define_attribute, text_field(data, "name"),
                      text_field(data, "type", False) or "text", _choices(data), _owner(data),
                      text_field(data, "description", False) or "")
    return ok(attribute=_attr(attr))


async def rename_attribute(request: Request) -> Response:
    """POST {name, new_name, applies_to}."""
    data = await body(request)
    await call(project(request).cases.rename_attribute, text_field(data, "name"),
               text_field(data, "new_name"), _owner(data))
    return ok()


async def retype_attribute(request: Request) -> Response:
    """POST {name, type, choices?, applies_to}: refused when a stored value does not fit."""
    data = await body(request)
    attr = await call(project(request).cases.retype_attribute, text_field(data, "name"),
                      text_field(data, "type"), _choices(data), _owner(data))
    return ok(attribute=_attr(attr))


async def describe_attribute(request: Request) -> Response:
    """POST {name, description, applies_to}."""
    data = await body(request)
    await call(project(request).cases.describe_attribute, text_field(data, "name"),
               text_field(data, "description", False) or "", _owner(data))
    return ok()


async def delete_attribute(request: Request) -> Response:
    """POST {name, applies_to}: the definition and every value of it go."""
    data = await body(request)
    await call(project(request).cases.delete_attribute, text_field(data, "name"), _owner(data))
    return ok()


ROUTES = [
    Route("/cases", page, name="cases"),
    Route("/api/cases/sheets", sheets_api),
    Route("/api/cases/update", update, methods=["POST"]),
    Route("/api/cases/add", add_case, methods=["POST"]),
    Route("/api/cases/delete", delete_case, methods=["POST"]),
    Route("/api/participants/add", add_participant, methods=["POST"]),
    Route("/api/participants/delete", delete_participant, methods=["POST"]),
    Route("/api/attributes/define", define_attribute, methods=["POST"]),
    Route("/api/attributes/rename", rename_attribute, methods=["POST"]),
    Route("/api/attributes/retype", retype_attribute, methods=["POST"]),
    Route("/api/attributes/describe", describe_attribute, methods=["POST"]),
    Route("/api/attributes/delete", delete_attribute, methods=["POST"]),
]
