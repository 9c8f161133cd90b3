"""A document's recording and speakers, from the document page: link an audio or video file
(sent from the browser and copied into the project's media folder, or a path on this
computer, copied or referenced), remove the link, and code every turn of a speaker. Each calls
the same project function as ``stemmen documents media`` and ``stemmen codings apply-turns``."""

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
from stemmen.web.rendering import body, call, coder, ok, project, text_field

CHUNK = 1 << 20


def _name(request: Request) -> str:
    name = request.query_params.get("name", "")
    if not name:
        raise Invalid("The field {field} is required.", field="name")
    return name


def _speakers(p: Project, name: str) -> dict[str, Any]:
    link = p.media.get(name)
    return {"speakers": p.media.speakers([name])[name],
            "can_copy": p.media.folder() is not None,
            "media": None if link is None else {"file": PurePosixPath(
                link.path.replace("\\", "/")).name, "copied": link.copied,
                "size": link.size, "mime_type": link.mime_type}}


async def speakers_api(request: Request) -> Response:
    """?name=: the document's speakers, its media link (or null), and whether this project
    can keep copies (a SQLite project has a media folder; PostgreSQL links by path)."""
    return ok(**await call(_speakers, project(request), _name(request)))


def _link_upload(p: Project, name: str, source: Any, filename: str) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / filename
        with path.open("wb") as out:
            while chunk := source.read(CHUNK):
                out.write(chunk)
        return p.media.link(name, path, copy=True)


async def link_api(request: Request) -> Response:
    """POST multipart {name, file} (copied into the media folder), or {name, path, copy}:
    a file on this computer, copied (copy=1) or referenced where it is."""
    async with request.form(max_files=1, max_fields=4) as form:
        name = str(form.get("name") or "").strip()
        if not name:
            raise Invalid("The field {field} is required.", field="name")
        upload = form.get("file")
        p = project(request)
        if isinstance(upload, UploadFile) and upload.filename:
            filename = PurePosixPath(upload.filename.replace("\\", "/")).name
            link = await call(_link_upload, p, name, upload.file, filename)
        else:
            path = str(form.get("path") or "").strip()
            if not path:
                raise Invalid("Choose an audio or video file, or give its path.")
            copy = str(form.get("copy") or "").lower() in ("1", "true", "on", "yes")
            link = await call(p.media.link, name, path, copy)
    return ok(media={"file": PurePosixPath(link.path.replace("\\", "/")).name,
                     "copied": link.copied, "size": link.size, "mime_type": link.mime_type})


async def unlink_api(request: Request) -> Response:
    """POST {name}: the document's recording is no longer linked (a copy is deleted)."""
    data = await body(request)
    removed = await call(project(request).media.unlink, text_field(data, "name") or "")
    return ok(removed=removed)


async def apply_turns_api(request: Request) -> Response:
    """POST {documents: [names], speaker, code}: every turn of the speaker gets the code,
    by this browser's coder (turns already coded so are left as they are)."""
    data = await body(request)
    documents = data.get("documents") or []
    if isinstance(documents, str):
        documents = [documents]
    p = project(request)
    if data.get("all_documents") is True:
        documents = [d.name for d in await call(p.documents.list)]
    result = await call(p.codings.apply_turns, [str(d) for d in documents],
                        text_field(data, "speaker") or "", text_field(data, "code") or "",
                        coder(request))
    return ok(speaker=result.speaker, code=result.code, turns=result.turns,
              added=len(result.added))


ROUTES = [
    Route("/api/media/speakers", speakers_api),
    Route("/api/media/link", link_api, methods=["POST"]),
    Route("/api/media/unlink", unlink_api, methods=["POST"]),
    Route("/api/codings/apply-turns", apply_turns_api, methods=["POST"]),
]
