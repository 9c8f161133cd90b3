"""The Study page's people and fieldwork actions that were command-line only: plan an
interview (one, or a YAML plan), link it to its document, record consent, withdraw a
participant (a dry run shown first, then applied), mark a late entrant, import topic guides,
read a guide's topics and the guides' coverage, a person's turns and the waves per person.
Each calls the same project function as ``stemmen fieldwork``, ``people`` and ``guides``."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.project import Project
from stemmen.web.rendering import body, call, ok, project, text_field


def people_data(p: Project) -> dict[str, Any]:
    """What the Study page's people section shows (read by ``study.py``'s page)."""
    return {"planned": p.fieldwork.planned(), "consents": p.fieldwork.consents(),
            "late_entrants": p.people.late_entrants(),
            "pseudonyms": [x.pseudonym for x in p.participants.list()],
            "document_names": [d.name for d in p.documents.list()]}


def _flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key)
    return value is True or str(value).lower() in ("1", "true", "yes", "on")


async def _upload(request: Request) -> tuple[bytes, str]:
    async with request.form(max_files=1, max_fields=2) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise Invalid("Choose a file to send (form field {field}).", field="file")
        return await upload.read(), PurePosixPath(upload.filename.replace("\\", "/")).name


async def interview_api(request: Request) -> Response:
    """POST {name, case?, type, wave, date?, participants?: [pseudonyms] or "a, b"}."""
    data = await body(request)
    people = data.get("participants") or []
    if isinstance(people, str):
        people = [x.strip() for x in people.split(",") if x.strip()]
    planned = await call(project(request).fieldwork.plan, text_field(data, "name") or "",
                         text_field(data, "case", required=False) or None,
                         text_field(data, "type") or "", text_field(data, "wave") or "",
                         text_field(data, "date", required=False) or None,
                         [str(x) for x in people])
    return ok(planned=planned.as_dict())


def _import_plan(p: Project, data: bytes, filename: str) -> list[Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (filename or "plan.yaml")
        path.write_bytes(data)
        return p.fieldwork.import_plan(path)


async def plan_upload_api(request: Request) -> Response:
    """POST multipart {file}: a YAML fieldwork plan (``interviews:``), all or nothing."""
    data, filename = await _upload(request)
    added = await call(_import_plan, project(request), data, filename)
    return ok(planned=[x.as_dict() for x in added])


async def link_api(request: Request) -> Response:
    """POST {name, document?}: the document that holds a planned interview (none: match)."""
    data = await body(request)
    name = text_field(data, "name") or ""
    await call(project(request).fieldwork.link, name,
               text_field(data, "document", required=False) or None)
    return ok(name=name)


async def consent_api(request: Request) -> Response:
    """POST {participant, given?, form?, withdrawn?}: only the fields given change."""
    data = await body(request)
    found = await call(project(request).fieldwork.consent,
                       text_field(data, "participant") or "",
                       text_field(data, "given", required=False) or None,
                       text_field(data, "form", required=False) or None,
                       text_field(data, "withdrawn", required=False) or None)
    return ok(consent=found.as_dict())


async def withdraw_api(request: Request) -> Response:
    """POST {participant, dry_run, label?, reason?}: what would go (dry run), or remove it."""
    data = await body(request)
    kwargs: dict[str, Any] = {"dry_run": _flag(data, "dry_run"),
                              "reason": text_field(data, "reason", required=False) or ""}
    label = text_field(data, "label", required=False)
    if label:
        kwargs["label"] = label
    result = await call(project(request).fieldwork.withdraw,
                        text_field(data, "participant") or "", **kwargs)
    return ok(withdrawal=result.as_dict())


async def late_entrant_api(request: Request) -> Response:
    """POST {participant, wave, replaces?}."""
    data = await body(request)
    entry = await call(project(request).people.mark_late_entrant,
                       text_field(data, "participant") or "", text_field(data, "wave") or "",
                       text_field(data, "replaces", required=False) or None)
    return ok(participant=entry.participant, joined_wave=entry.joined_wave,
              replaces=entry.replaces)


async def guides_import_api(request: Request) -> Response:
    """POST multipart {file}: topic guides (YAML or DOCX), each a new version."""
    data, filename = await _upload(request)
    found = await call(project(request).guides.import_, data, filename)
    return ok(guides=[g.as_dict() for g in found])


async def turns_api(request: Request) -> Response:
    """?participant=: per transcript, their speaker label, turns and the codes on them."""
    name = request.query_params.get("participant", "")
    if not name:
        raise Invalid("The field {field} is required.", field="participant")
    found = await call(project(request).people.turns, name, None)
    return ok(turns=[{"document": t.document, "speaker": t.speaker, "turns": t.turns,
                      "codes": list(t.codes)} for t in found])


async def waves_api(request: Request) -> Response:
    """?role=: each person's codes per wave (their own turns), appeared and disappeared."""
    role = request.query_params.get("role") or None
    found = await call(project(request).people.waves, None, None, role)
    return ok(waves=found.as_dict())


async def guide_topics_api(request: Request) -> Response:
    """?type=&wave=&version=: one guide's topics, titles and questions per language, codes."""
    q = request.query_params
    version = q.get("version", "")
    guide = await call(project(request).guides.get, q.get("type", ""), q.get("wave", ""),
                       int(version) if version.isdigit() else None)
    return ok(guide=guide.as_dict())


async def coverage_api(request: Request) -> Response:
    """Per interview: the guide's topics that were coded, and those not coded at all."""
    found = await call(project(request).guides.coverage, None, None)
    return ok(coverage=[c.as_dict() for c in found])


ROUTES = [
    Route("/api/study/interview", interview_api, methods=["POST"]),
    Route("/api/study/fieldwork-plan", plan_upload_api, methods=["POST"]),
    Route("/api/study/link", link_api, methods=["POST"]),
    Route("/api/study/consent", consent_api, methods=["POST"]),
    Route("/api/study/withdraw", withdraw_api, methods=["POST"]),
    Route("/api/study/late-entrant", late_entrant_api, methods=["POST"]),
    Route("/api/study/guides/import", guides_import_api, methods=["POST"]),
    Route("/api/study/turns", turns_api),
    Route("/api/study/waves", waves_api),
    Route("/api/study/guide-topics", guide_topics_api),
    Route("/api/study/coverage", coverage_api),
]
