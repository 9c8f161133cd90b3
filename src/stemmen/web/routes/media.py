"""The media of a document: its paragraph times for the player, and the audio or video file
itself, served with HTTP Range support (browsers seek with Range requests)."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import call, ok, project


def _name(request: Request) -> str:
    name = request.query_params.get("name", "")
    if not name:
        raise Invalid("The field {field} is required.", field="name")
    return name


async def info_api(request: Request) -> Response:
    """?name=: the linked media (or null) and the paragraphs with a time: index, start and end
    in seconds, speaker."""
    name = _name(request)
    p = project(request)
    link = await call(p.media.get, name)
    times = await call(p.media.paragraph_times, name)
    media = None if link is None else {
        "mime_type": link.mime_type, "size": link.size, "copied": link.copied,
        "url": f"/api/media/file?name={quote(name, safe='')}"}
    return ok(media=media, paragraphs=[
        {"index": t.index, "start": t.start_ms / 1000,
         "end": None if t.end_ms is None else t.end_ms / 1000, "speaker": t.speaker}
        for t in times if t.start_ms is not None])


async def file(request: Request) -> Response:
    """?name=: the document's media file (Range requests answered with 206)."""
    found = await call(project(request).media.file, _name(request))
    return FileResponse(found.path, media_type=found.mime_type,
                        headers={"Cache-Control": "no-store"})


ROUTES = [
    Route("/api/media/info", info_api),
    Route("/api/media/file", file),
]
