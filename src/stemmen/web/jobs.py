"""Long work in the background (imports, reports, exports): started by a request, followed by
the page through ``GET /api/jobs/{id}`` while the user works on, its file fetched from
``GET /api/jobs/{id}/download``.

A job is a function ``work(progress)`` run in a worker thread; it reports with
``progress(done, total)`` and returns a :class:`Download` (a file to send) or any JSON-able
result. A StemmenError it raises becomes the job's error message, in the page's language.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stemmen.errors import NotFound, StemmenError

Progress = Callable[[int, int], None]
KEEP_SECONDS = 3600  # finished jobs (and their files) are forgotten after an hour


@dataclass(frozen=True)
class Download:
    """A job's result that the browser downloads."""

    filename: str
    media_type: str
    data: bytes


@dataclass
class Job:
    """One piece of background work and what is known of it so far."""

    id: str
    kind: str
    state: str = "running"  # running | done | failed
    done: int = 0
    total: int = 0
    result: Any = None
    error: StemmenError | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def status(self, describe: Callable[[StemmenError], str]) -> dict[str, Any]:
        """What the page polls: state, progress, and the result or the error message."""
        answer: dict[str, Any] = {"id": self.id, "kind": self.kind, "state": self.state,
                                  "done": self.done, "total": self.total}
        if self.state == "done":
            if isinstance(self.result, Download):
                answer["download"] = f"/api/jobs/{self.id}/download"
                answer["filename"] = self.result.filename
            else:
                answer["result"] = self.result
        if self.error is not None:
            answer["error"] = describe(self.error)
        return answer


class Jobs:
    """The jobs of one server, kept in memory."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, kind: str, work: Callable[[Progress], Any]) -> Job:
        """Run ``work(progress)`` in a new thread; returns the job at once."""
        job = Job(id=uuid.uuid4().hex, kind=kind)
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, work), daemon=True,
                         name=f"stemmen-job-{kind}").start()
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound("No such job: {job}.", job=job_id)
        return job

    def wait(self, job_id: str, timeout: float = 60) -> Job:
        """Block until the job ends (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        job = self.get(job_id)
        while job.state == "running" and time.monotonic() < deadline:
            time.sleep(0.01)
        return job

    @staticmethod
    def _run(job: Job, work: Callable[[Progress], Any]) -> None:
        try:
            job.result = work(job.progress)
            job.state = "done"
        except StemmenError as exc:
            job.error, job.state = exc, "failed"
        except Exception as exc:  # noqa: BLE001 - logged; the page shows a generic message
            import logging

            logging.getLogger("stemmen.web").exception("job %s failed", job.kind)
            job.error, job.state = _Unexpected(), "failed"
            del exc
        finally:
            job.finished = time.monotonic()

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [k for k, j in self._jobs.items()
                    if j.finished is not None and now - j.finished > KEEP_SECONDS]:
            del self._jobs[key]


class _Unexpected(StemmenError):
    def __init__(self) -> None:
        super().__init__("Something went wrong on the server. The error has been logged.")
