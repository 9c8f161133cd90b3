"""The study around the coding: the sampling plan's check, fieldwork, topic guides and
codebook versions, with their main actions (freeze a codebook version, compare two, store a
sampling plan, download a guide for the field). Each calls the same project function as
``stemmen sampling``, ``fieldwork``, ``guides`` and ``codebook version``."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import NotFound
from stemmen.web.rendering import body, call, ok, project, render, text_field
from stemmen.web.routes.study_people import people_data


def _page_data(request: Request) -> dict[str, Any]:
    p = project(request)
    check = p.sampling.check() if p.sampling.has_plan() else None
    return {"check": check, "fieldwork": p.fieldwork.overview(), "guides": p.guides.list(),
            "versions": p.codebook_versions.list(), **people_data(p)}


async def page(request: Request) -> Response:
    data = await call(_page_data, request)
    return render(request, "study.html", **data)


async def version_api(request: Request) -> Response:
    data = await body(request)
    made = await call(project(request).codebook_versions.create, text_field(data, "name") or "",
                      text_field(data, "note", required=False) or "")
    return ok(version=made.as_dict())


async def diff_api(request: Request) -> Response:
    old = request.query_params.get("old", "")
    new = request.query_params.get("new", "") or "current"
    found = await call(project(request).codebook_versions.diff, old, new)
    return ok(diff=found.as_dict())


async def plan_api(request: Request) -> Response:
    data = await body(request)
    text = text_field(data, "plan") or ""
    plan = await call(project(request).sampling.set_plan, text.encode("utf-8"), "plan.yaml")
    return ok(name=plan.name, criteria=len(plan.criteria), targets=len(plan.targets))


def _guide_bytes(request: Request, kind: str, wave: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = project(request).guides.export(kind, wave, Path(folder) / "guide.docx")
        return path.read_bytes()


async def guide_download(request: Request) -> Response:
    kind = request.query_params.get("type", "")
    wave = request.query_params.get("wave", "")
    if not kind or not wave:
        raise NotFound("There is no topic guide for {type} in wave {wave}.", type=kind,
                       wave=wave)
    data = await call(_guide_bytes, request, kind, wave)
    name = f"guide-{wave}.docx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument."
                    "wordprocessingml.document",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


ROUTES = [
    Route("/study", page, name="study"),
    Route("/api/study/version", version_api, methods=["POST"]),
    Route("/api/study/diff", diff_api),
    Route("/api/study/plan", plan_api, methods=["POST"]),
    Route("/api/study/guide", guide_download),
]
