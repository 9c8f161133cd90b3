"""The exchange page: download the project (.qdpx) and codebook (.qdc); import a REFI-QDA file
into a new project and show, per kind, what was imported and what was left out.

The downloads are in ``routes/exports.py``; the import runs ``project.exchange.
import_as_new_project`` (as ``stemmen exchange import`` does for a new project) in a job.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.project import recent
from stemmen.project.exchange import PROJECT_SUFFIXES, import_as_new_project
from stemmen.web.jobs import Progress
from stemmen.web.rendering import project, render
from stemmen.web.routes.jobs import jobs, started

ACCEPTED = (*PROJECT_SUFFIXES, ".qdc")
FIELDS = ("file", "folder", "name")
CHUNK = 1024 * 1024


def beside_current(request: Request) -> str:
    """Where a new project goes by default: the current project's folder (else here)."""
    url = project(request).url
    if url.startswith("sqlite:///"):
        return str(Path(url.removeprefix("sqlite:///")).parent)
    return os.getcwd()


async def page(request: Request) -> Response:
    name = request.app.state.project_name
    return render(request, "exchange.html", folder=beside_current(request),
                  suggested=f"{name}-import" if name else "import",
                  accepted=",".join(ACCEPTED))


async def import_new(request: Request) -> Response:
    """POST multipart: ``file`` (.qdpx, .qde, .zip or .qdc), ``folder`` and ``name`` of the new
    project. The upload is kept in a private temporary folder while the job imports it."""
    async with request.form(max_files=1, max_fields=len(FIELDS)) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise Invalid("Send the REFI-QDA file in the form field {field}.", field="file")
        filename = PurePosixPath(upload.filename.replace("\\", "/")).name
        if PurePosixPath(filename).suffix.lower() not in ACCEPTED:
            raise Invalid("Import a .qdpx project or a .qdc codebook, not {name}.",
                          name=filename)
        name = _text(form.get("name")) or PurePosixPath(filename).stem
        target = recent.new_project_file(_text(form.get("folder")) or beside_current(request),
                                         name)
        folder = Path(tempfile.mkdtemp(prefix="stemmen-import-"))
        try:
            await _save(upload, folder / filename)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def work(progress: Progress) -> dict[str, Any]:
        try:
            outcome = import_as_new_project(target, folder / filename, progress=progress)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return {**outcome.as_dict(), "name": recent.display_name(target)}

    return started(request, jobs(request).start("import", work))


async def _save(upload: UploadFile, path: Path) -> None:
    """Copy the upload to ``path`` a chunk at a time."""
    with path.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            out.write(chunk)


def _text(value: Any) -> str | None:
    """A form field as stripped text (None if absent, empty or a file)."""
    return value.strip() or None if isinstance(value, str) else None


ROUTES = [
    Route("/exchange", page, name="exchange"),
    Route("/api/exchange/import", import_new, methods=["POST"]),
]
