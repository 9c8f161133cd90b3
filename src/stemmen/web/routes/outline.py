"""The report outline editor: chapters and sections, each narrative in Markdown with a live
preview where ``{{quote N}}`` and ``{{finding N}}`` show as the report prints them; the
references that no longer resolve and the quotes lacking a translation, with a form to
translate them.

Every action calls the same ``project.outline`` / ``project.translations`` function as
``stemmen outline`` and ``stemmen quotes translate``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.project.labels import Label
from stemmen.web.rendering import body, call, int_field, language, ok, project, render, text_field

LANGS = ("nl", "fr", "en")
LABEL_KINDS = ("case", "role", "type", "category", "code", "finding", "objective", "level")
KINDS = ("free", "case", "objective", "good_practices", "across", "recommendations", "method",
         "annexes")


def _lang(data: dict[str, Any]) -> str:
    lang = text_field(data, "lang", required=False) or "nl"
    if lang not in LANGS:
        raise Invalid("Unknown language {language!r}: use nl, fr or en.", language=lang)
    return lang


def _state(request: Request, lang: str) -> dict[str, Any]:
    p = project(request)
    found = p.reports.check(lang)
    return {"sections": [s.as_dict() for s in p.outline.list()],
            "objectives": [o.as_dict() for o in p.outline.objectives()],
            "cases": [c.name for c in p.cases.list()],
            "problems": found.problems,
            "untranslated": [q.as_dict() for q in found.untranslated],
            "translations": [t.as_dict() for t in p.translations.list()],
            "descriptions": {case: text for (case, lg), text in p.outline.descriptions().items()
                             if lg == lang},
            "title_page": {x.name: x.label for x in p.labels.list(lang) if x.kind == "report"},
            "labels": [x.as_dict() for x in p.labels.list() if x.kind != "report"]}


async def page(request: Request) -> Response:
    lang = request.query_params.get("lang") or language(request)
    lang = lang if lang in LANGS else "nl"
    state = await call(_state, request, lang)
    return render(request, "outline.html", initial={**state, "lang": lang}, kinds=KINDS,
                  langs=LANGS, report_lang=lang, label_kinds=LABEL_KINDS)


async def state_api(request: Request) -> Response:
    lang = request.query_params.get("lang", "nl")
    if lang not in LANGS:
        raise Invalid("Unknown language {language!r}: use nl, fr or en.", language=lang)
    return ok(**await call(_state, request, lang))


async def add_api(request: Request) -> Response:
    data = await body(request)
    section = await call(project(request).outline.add,
                         text_field(data, "title", required=False) or "",
                         text_field(data, "kind", required=False) or "free",
                         int_field(data, "parent"), text_field(data, "case", required=False),
                         text_field(data, "objective", required=False),
                         text_field(data, "level", required=False) or "", _lang(data),
                         text_field(data, "narrative", required=False) or "")
    return ok(section=section.as_dict())


async def edit_api(request: Request) -> Response:
    data = await body(request)
    sid = int_field(data, "id")
    if sid is None:
        raise Invalid("The field {field} is required.", field="id")
    title = data.get("title")
    narrative = data.get("narrative")
    for key, value in (("title", title), ("narrative", narrative)):
        if value is not None and not isinstance(value, str):
            raise Invalid("The field {field} must be text.", field=key)
    section = await call(project(request).outline.edit, sid, _lang(data), title, narrative)
    return ok(section=section.as_dict())


async def move_api(request: Request) -> Response:
    data = await body(request)
    sid, position = int_field(data, "id"), int_field(data, "position")
    if sid is None or position is None:
        raise Invalid("The field {field} is required.", field="id" if sid is None else "position")
    section = await call(project(request).outline.move, sid, position)
    return ok(section=section.as_dict())


async def remove_api(request: Request) -> Response:
    data = await body(request)
    sid = int_field(data, "id")
    if sid is None:
        raise Invalid("The field {field} is required.", field="id")
    return ok(removed=await call(project(request).outline.remove, sid))


async def preview_api(request: Request) -> Response:
    data = await body(request)
    text = data.get("text", "")
    if not isinstance(text, str):
        raise Invalid("The field {field} must be text.", field="text")
    pieces, problems = await call(project(request).reports.preview, text, _lang(data))
    return ok(pieces=[asdict(x) for x in pieces], problems=problems)


async def translate_api(request: Request) -> Response:
    data = await body(request)
    coding = int_field(data, "coding")
    if coding is None:
        raise Invalid("The field {field} is required.", field="coding")
    found = await call(project(request).translations.translate, coding, _lang(data),
                       text_field(data, "text") or "",
                       text_field(data, "translator", required=False))
    return ok(translation=found.as_dict())


async def describe_api(request: Request) -> Response:
    """``stemmen outline describe``: a case's description in one language."""
    data = await body(request)
    case, lang = text_field(data, "case") or "", _lang(data)
    await call(project(request).outline.describe, case, lang,
               text_field(data, "text", required=False) or "")
    return ok(case=case, lang=lang)


async def objective_api(request: Request) -> Response:
    """``stemmen outline objective``: add (or, with ``remove``, remove) a case's objective."""
    data = await body(request)
    case, name = text_field(data, "case") or "", text_field(data, "name") or ""
    if data.get("remove") is True:
        await call(project(request).outline.remove_objective, case, name)
        return ok(removed=name)
    found = await call(project(request).outline.add_objective, case, name,
                       text_field(data, "description", required=False) or "")
    return ok(objective=found.as_dict())


TITLE_FIELDS = ("title", "subtitle", "authors", "commissioner", "date")


def _title_page(request: Request, lang: str, fields: dict[str, str]) -> dict[str, str]:
    labels = project(request).labels
    labels.set_many([Label("report", key, lang, value.strip()) for key, value in fields.items()])
    return {x.name: x.label for x in labels.list(lang) if x.kind == "report"}


async def title_api(request: Request) -> Response:
    """``stemmen outline title``: the title page fields in one language (absent: unchanged,
    empty: removed)."""
    data = await body(request)
    lang = _lang(data)
    fields: dict[str, str] = {}
    for key in TITLE_FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise Invalid("The field {field} must be text.", field=key)
        fields[key] = value
    return ok(title_page=await call(_title_page, request, lang, fields))


async def label_api(request: Request) -> Response:
    """``stemmen outline label``: a name's label in one language ('' removes it)."""
    data = await body(request)
    found = await call(project(request).labels.set, text_field(data, "kind") or "",
                       text_field(data, "name") or "", _lang(data),
                       text_field(data, "label", required=False) or "")
    return ok(label=found.as_dict())


async def labels_api(request: Request) -> Response:
    """``stemmen outline labels``: the labels (optionally of one language)."""
    lang = request.query_params.get("lang") or None
    if lang is not None and lang not in LANGS:
        raise Invalid("Unknown language {language!r}: use nl, fr or en.", language=lang)
    found = await call(project(request).labels.list, lang)
    return ok(labels=[x.as_dict() for x in found if x.kind != "report"])


ROUTES = [
    Route("/outline", page, name="outline"),
    Route("/api/outline", state_api),
    Route("/api/outline/add", add_api, methods=["POST"]),
    Route("/api/outline/edit", edit_api, methods=["POST"]),
    Route("/api/outline/move", move_api, methods=["POST"]),
    Route("/api/outline/remove", remove_api, methods=["POST"]),
    Route("/api/outline/preview", preview_api, methods=["POST"]),
    Route("/api/quotes/translate", translate_api, methods=["POST"]),
    Route("/api/outline/describe", describe_api, methods=["POST"]),
    Route("/api/outline/objective", objective_api, methods=["POST"]),
    Route("/api/outline/title", title_api, methods=["POST"]),
    Route("/api/outline/label", label_api, methods=["POST"]),
    Route("/api/outline/labels", labels_api),
]
