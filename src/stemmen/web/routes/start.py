"""The start page: create a project, open a recent or existing one, or build the demo.

The server then works on the chosen project (``OpenProject`` in ``web/app.py``); the page is
reachable with or without a project open (``Projects`` in the header).
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import stemmen
from stemmen.errors import Invalid
from stemmen.project import recent
from stemmen.web.app import OpenProject
from stemmen.web.jobs import Progress
from stemmen.web.rendering import body, call, ok, render, text_field
from stemmen.web.routes.jobs import jobs, started

DEMO_FOLDER = "stemmen-demo"
DEMO_FILE = "amif42-demo.stemmen"


def projects(request: Request) -> OpenProject:
    return request.app.state.projects


def _here() -> str:
    """The folder Stemmen was started in: where new projects go unless told otherwise."""
    return os.getcwd()


async def page(request: Request) -> Response:
    current = request.app.state.project
    return render(request, "start.html", recent=[r.as_dict() for r in recent.recent_projects()],
                  current=recent.readable(current.url) if current else None,
                  folder=_here(), demo_folder=str(Path(_here()) / DEMO_FOLDER),
                  demo_file=DEMO_FILE)


async def create(request: Request) -> Response:
    """POST {folder, name} (a SQLite file) or {url} (postgresql://…): a new, empty project."""
    data = await body(request)
    url = text_field(data, "url", required=False)
    if url:
        if not url.startswith(("postgresql://", "postgres://")):
            raise Invalid("A database URL starts with postgresql://.")
        target: str | Path = url.strip()
    else:
        target = await call(recent.new_project_file, text_field(data, "folder"),
                            text_field(data, "name"))
    project = await call(projects(request).create, target)
    return ok(project=recent.display_name(project.url), go="/")


async def open_(request: Request) -> Response:
    """POST {project}: open an existing project file or database URL."""
    target = text_field(await body(request), "project")
    project = await call(projects(request).open, target)
    return ok(project=recent.display_name(project.url), go="/")


async def forget(request: Request) -> Response:
    """POST {project}: take a project off the recent list (the project itself stays)."""
    await call(recent.forget, text_field(await body(request), "project"))
    return ok()


async def demo(request: Request) -> Response:
    """POST {folder}: build the AMIF-42 demo project in a folder, as ``stemmen demo`` does
    (a background job with progress); the page then opens it."""
    folder = Path(text_field(await body(request), "folder") or "").expanduser().resolve()
    target = folder / DEMO_FILE

    def work(progress: Progress) -> dict[str, str]:
        summary = stemmen.build_demo(target, folder, progress=progress)
        return {"project": str(target), "files": summary["files"]}

    return started(request, jobs(request).start("demo", work))


ROUTES = [
    Route("/start", page, name="start"),
    Route("/api/start/create", create, methods=["POST"]),
    Route("/api/start/open", open_, methods=["POST"]),
    Route("/api/start/forget", forget, methods=["POST"]),
    Route("/api/start/demo", demo, methods=["POST"]),
]
