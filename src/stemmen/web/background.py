"""Pages whose analysis may take long (reliability over 100,000 codings, co-occurrence by
paragraph over 500 long texts) still answer at once: the analysis runs as a background job,
kept in the project's cache (``project.cache``) when done.

``quick_or_job`` answers the result when the cache holds it for the project as it is now, or
when the job ends within ``QUICK`` seconds; otherwise it answers the job, and the page shows
its progress (``static/js/background.js`` follows it and comes back with ``?job=<id>``, which
picks up that job's result even if the project changed meanwhile).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from starlette.requests import Request

from stemmen.project.cache import ProjectCache, cache_of
from stemmen.web.jobs import Job, Jobs, Progress
from stemmen.web.rendering import call, project

QUICK = 0.05  # seconds a page waits for its analysis before it shows progress instead
KEEP = 32  # finished results kept for the pages that come back for them

_finished: OrderedDict[str, tuple[Hashable, Any]] = OrderedDict()
_running: dict[tuple[int, Hashable], Job] = {}  # (project cache, key) → the job computing it
_lock = threading.Lock()


def _keep(job_id: str, key: Hashable, value: Any) -> None:
    with _lock:
        _finished[job_id] = (key, value)
        while len(_finished) > KEEP:
            _finished.popitem(last=False)


def _picked_up(request: Request, key: Hashable) -> tuple[bool, Any]:
    job_id = request.query_params.get("job")
    with _lock:
        found = _finished.get(job_id or "")
    return (True, found[1]) if found is not None and found[0] == key else (False, None)


def _start(request: Request, kind: str, cache: ProjectCache, key: Hashable,
           compute: Callable[[Progress], Any]) -> Job:
    """A job computing ``key``: the one already running for it, or a new one."""
    slot = (id(cache), key)
    holder: dict[str, str] = {}
    started = threading.Event()

    def work(progress: Progress) -> dict[str, bool]:
        started.wait()
        try:
            result = cache.remember(key, lambda: compute(progress))
            _keep(holder["id"], key, result)
        finally:
            with _lock:
                _running.pop(slot, None)
        return {"ready": True}

    with _lock:
        running = _running.get(slot)
        if running is not None and running.state == "running":
            return running
        server_jobs: Jobs = request.app.state.jobs  # as routes.jobs.jobs() reads it
        job = _running[slot] = server_jobs.start(kind, work)
    holder["id"] = job.id
    started.set()
    return job


async def quick_or_job(request: Request, kind: str, key: Hashable,
                       compute: Callable[[Progress], Any]) -> tuple[Any, Job | None]:
    """(result, None) when the result is at hand within ``QUICK`` seconds, else (None, job).
    A StemmenError of the analysis raised within that time is raised here."""
    key = (key, await call(project(request).rounds.blind_key))  # kept per what one may see
    picked, value = _picked_up(request, key)
    if picked:
        return value, None
    cache = cache_of(project(request))
    hit, value = await call(cache.peek, key)
    if hit:
        return value, None
    job = _start(request, kind, cache, key, compute)
    deadline = time.monotonic() + QUICK
    while job.state == "running" and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    if job.state == "failed" and job.error is not None:
        raise job.error
    if job.state == "done":
        with _lock:
            found = _finished.get(job.id)
        if found is not None:
            return found[1], None
    return None, job
