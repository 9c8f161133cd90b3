"""Background jobs: their state for the page's progress bar, and the file they made."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid, StemmenError
from stemmen.web.errors import describe
from stemmen.web.jobs import Download, Job, Jobs
from stemmen.web.rendering import language, ok
from stemmen.web.routes.exports import disposition


def jobs(request: Request) -> Jobs:
    """The server's job list."""
    return request.app.state.jobs


def started(request: Request, job: Job) -> Response:
    """The answer of a route that started ``job``: its id and where to follow it."""
    return ok(job=job.id, status=f"/api/jobs/{job.id}")


async def status(request: Request) -> Response:
    lang = language(request)
    job = jobs(request).get(request.path_params["job_id"])

    def say(exc: StemmenError) -> str:
        return describe(exc, lang)

    return ok(**job.status(say))


async def download(request: Request) -> Response:
    job = jobs(request).get(request.path_params["job_id"])
    if job.state != "done" or not isinstance(job.result, Download):
        raise Invalid("This job has no file to download.")
    result = job.result
    return Response(result.data, media_type=result.media_type, headers={
        "Cache-Control": "no-store", "Content-Disposition": disposition(result.filename)})


ROUTES = [
    Route("/api/jobs/{job_id}", status),
    Route("/api/jobs/{job_id}/download", download),
]
