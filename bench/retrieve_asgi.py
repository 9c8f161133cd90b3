"""Time ``GET /api/retrieve?code=C`` through the ASGI app, in one process, on the peer workload.

    PYTHONPATH=bench .ci-venv/bin/python bench/retrieve_asgi.py /tmp/rp-now
    PYTHONPATH=/tmp/before/src:bench .ci-venv/bin/python bench/retrieve_asgi.py /tmp/rp-before

Builds the harness's project (``../shared/peer-bench`` or ``$PEER_BENCH``: 50 documents,
5,000 segments) in FOLDER with the in-process API adapter, then calls the app directly in one
event loop (no server, no TestClient threads) and prints the median ms per request of the
most used code's segments, the full answer (``EXTRA=&fields=document,text`` for two keys),
before and after the harness's three exports. Whichever ``stemmen`` is first on PYTHONPATH
is measured, so two trees compare in two processes; the body is written to FOLDER/answer.json.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.append(os.environ.get("PEER_BENCH", str(Path(__file__).resolve().parents[2]
                                                 / "shared" / "peer-bench")))

from peer_adapter_api import StemmenApiBatchAdapter  # noqa: E402
from workload import generate  # noqa: E402

from stemmen.web import WebSettings, create_app  # noqa: E402


def build(folder: Path) -> tuple[StemmenApiBatchAdapter, str]:
    """The peer workload's project in ``folder`` and the probe code's name."""
    shutil.rmtree(folder, ignore_errors=True)
    wl = generate(50, 5000)
    adapter = StemmenApiBatchAdapter()
    adapter.start(str(folder))
    adapter.create_project("bench")
    codes = {c.index: adapter.create_code(c) for c in wl.codes}
    docs = {d.index: adapter.upload_document(d) for d in wl.documents}
    for d in wl.documents:
        adapter.open_document(docs[d.index], d)
    for s in wl.segments:
        d = wl.documents[s.doc_index]
        adapter.code_segment(docs[d.index], d, s.start, s.end, [codes[c] for c in s.codes])
    adapter._commit()
    return adapter, codes[wl.probe_code.index]


async def main(folder: Path, n: int) -> None:
    adapter, probe = build(folder)
    app = create_app(adapter.project, WebSettings(csrf="x", token=None,
                                                  allowed_hosts=("testserver",)))
    query = ("code=" + probe + os.environ.get("EXTRA", "")).encode()

    async def get() -> bytes:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": "GET", "scheme": "http", "path": "/api/retrieve",
                 "raw_path": b"/api/retrieve", "query_string": query, "root_path": "",
                 "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1),
                 "server": ("testserver", 80), "state": {}}
        body: list[bytes] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                body.append(message.get("body", b""))

        await app(scope, receive, send)
        return b"".join(body)

    async with app.router.lifespan_context(app):
        (folder / "answer.json").write_bytes(await get())
        for label in ("warm", "after the exports"):
            times = []
            for _ in range(n):
                started = time.perf_counter()
                await get()
                times.append((time.perf_counter() - started) * 1000)
            print(f"{label}: median {statistics.median(times):.2f} ms, "
                  f"p10 {sorted(times)[n // 10]:.2f} ms ({n} requests)")
            adapter.export_codebook(str(folder))
            adapter.export_segments(str(folder))
            adapter.export_project(str(folder))
    adapter.stop()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 300))
