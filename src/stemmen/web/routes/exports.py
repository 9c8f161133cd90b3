"""Downloads: the codebook (.qdc), the whole project (.qdpx) and the coded segments (CSV).

``POST /api/export/project.qdpx`` makes the .qdpx in a background job (the exchange page
shows its progress); ``GET`` sends it at once.

Each export is written by the project API to a file in a private temporary folder, sent back
as a file (Content-Disposition: attachment) and the folder is removed once the response has
been sent, or at once if the export fails.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import call, project
from stemmen.web.routes.retrieve import query, speakers

QDC = "application/xml"
QDPX = "application/zip"
CSV = "text/csv; charset=utf-8"
MAX_CONTEXT = 20


def stem(request: Request) -> str:
    """The download's base name: the project's name, or "stemmen"."""
    name = request.app.state.project_name.strip()
    return name if name and "/" not in name and "\\" not in name else "stemmen"


async def download(request: Request, filename: str, media_type: str,
                   write: Callable[[Path], Any]) -> Response:
    """Run ``write(path)`` in a worker thread and send the file it wrote."""
    folder = Path(tempfile.mkdtemp(prefix="stemmen-export-"))
    path = folder / filename
    try:
        await call(write, path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(path, media_type=media_type, filename=filename,
                        headers={"Cache-Control": "no-store"},
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


async def codebook_qdc(request: Request) -> Response:
    """GET: the codebook as REFI-QDC (codes, categories as parent codes, sets); small, so
    built in memory rather than through a file."""
    filename = f"{stem(request)}.qdc"
    data = await call(project(request).exchange.qdc_bytes, filename)
    return Response(data, media_type=QDC, headers={
        "Cache-Control": "no-store",
        "Content-Disposition": disposition(filename)})


def disposition(filename: str) -> str:
    """Content-Disposition for a download, RFC 6266 style as Starlette's FileResponse does."""
    quoted = quote(filename)
    if quoted != filename:
        return f"attachment; filename*=utf-8''{quoted}"
    return f'attachment; filename="{filename}"'


async def project_qdpx(request: Request) -> Response:
    """GET: the whole project as REFI-QDA (.qdpx): sources, cases, codes, codings, memos."""
    return await download(request, f"{stem(request)}.qdpx", QDPX,
                          project(request).exchange.export_qdpx)


async def project_qdpx_job(request: Request) -> Response:
    """POST: export the whole project as .qdpx in a background job with progress (documents
    written); the page follows it and fetches the file from ``/api/jobs/{id}/download``."""
    from stemmen.web.jobs import Download, Progress
    from stemmen.web.routes.jobs import jobs, started

    filename = f"{stem(request)}.qdpx"
    exchange = project(request).exchange

    def work(progress: Progress) -> Download:
        folder = Path(tempfile.mkdtemp(prefix="stemmen-export-"))
        try:
            path = folder / filename
            exchange.export_qdpx(path, progress=progress)
            return Download(filename, QDPX, path.read_bytes())
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return started(request, jobs(request).start("export", work))


async def segments_csv(request: Request) -> Response:
    """GET: coded segments as CSV, filtered like /api/retrieve (no ``code``: every code);
    ``context=N`` adds N paragraphs before and after each segment."""
    asked, names = query(request), speakers(request)
    context = _context(request.query_params.get("context"))
    segments = project(request).segments

    def write(path: Path) -> None:
        segments.export_csv(path, codes=asked["codes"] or None, cases=asked["cases"],
                            coders=asked["coders"], documents=asked["documents"],
                            attributes=asked["attributes"], context=context,
                            speakers=names)

    return await download(request, f"{stem(request)}-segments.csv", CSV, write)


def _context(raw: str | None) -> int:
    if raw is None or not raw.strip():
        return 0
    if not raw.strip().isdigit() or int(raw) > MAX_CONTEXT:
        raise Invalid("The field {field} must be a whole number from 0 to {n}.",
                      field="context", n=MAX_CONTEXT)
    return int(raw)


ROUTES = [
    Route("/api/export/codebook.qdc", codebook_qdc),
    Route("/api/export/project.qdpx", project_qdpx),
    Route("/api/export/project.qdpx", project_qdpx_job, methods=["POST"]),
    Route("/api/export/segments.csv", segments_csv),
]
