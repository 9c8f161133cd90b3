"""Stemmen in the peer harness (../shared/peer-bench), over HTTP to ``stemmen serve``.

    PYTHONPATH=bench .venv/bin/python ../shared/peer-bench/run.py \\
        --adapter peer_adapter_http:StemmenHttpAdapter --docs 50 --segments 5000

The adapter starts Stemmen's own CLI, ``python -m stemmen serve PROJECT --no-browser --port
N --coder bench``, on a free port of 127.0.0.1 with a fresh SQLite project in the run's folder,
opens the printed launch URL once (its token sets the session cookie), reads the page's CSRF
token, and then sends one request per operation with keep-alive, as the peers are measured:

    POST /api/codebook/add                       one code (its category is created with it)
    POST /api/documents                          one transcript, multipart (a .txt file)
    GET  /api/documents/view?name=D              open a document: text, codings, codes, memos
    POST /api/codings {document, codes, start, end}   one segment, all of its codes
    GET  /api/retrieve?code=C&fields=document,text   every segment of one code (not paged),
                                                 with the two keys the harness reads
    GET  /api/export/codebook.qdc                the codebook as REFI-QDC
    GET  /api/export/segments.csv                every coded segment as CSV
    GET  /api/export/project.qdpx                the whole project as REFI-QDA

Creating the project is ``stemmen init`` before the server starts (one server serves one
project: the phase shows n/a).

``StemmenHttpFullAnswerAdapter`` is the same, except that retrieval asks for every key of a
segment (13: id, document, case, code, coder, offsets, text, paragraphs, context, role,
attribution), as aqda answers with every column of its codings (15): about 2 ms of the
harness's own JSON parsing for 896 segments, against 0.35 ms for the two keys.
"""

from __future__ import annotations

import gc
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from adapters.base import Adapter, RetrievedSegment  # from the peer harness (on sys.path)
from peer_adapter_api import CODER, Layout
from workload import Code, Document

import stemmen

HOST = "127.0.0.1"
STEMMEN = [sys.executable, "-m", "stemmen"]  # the `stemmen` command of this environment


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Client:
    """Keep-alive HTTP/1.1 to one loopback server, with the session cookie and CSRF header."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.headers = {"Host": f"{HOST}:{port}"}

    def request(self, method: str, path: str, body: Any = None,
                files: dict[str, tuple[str, bytes]] | None = None) -> tuple[int, bytes, Any]:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if files is not None:
            data, headers["Content-Type"] = multipart(files)
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=600)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                answer = self.conn.getresponse()
                payload = answer.read()
                return answer.status, payload, answer.headers
            except (http.client.RemoteDisconnected, ConnectionError):
                self.close()
                if attempt == 2 or method != "GET":
                    raise
        raise AssertionError("unreachable")

    def json(self, method: str, path: str, body: Any = None,
             files: dict[str, tuple[str, bytes]] | None = None) -> dict[str, Any]:
        status, payload, _ = self.request(method, path, body, files)
        if status != 200:
            raise RuntimeError(f"{method} {path} -> {status}: {payload[:300]!r}")
        return json.loads(payload)

    def download(self, path: str, dest: Path) -> str:
        """GET a file and write it to ``dest`` (the server names it in Content-Disposition)."""
        status, payload, headers = self.request("GET", path)
        if status != 200 or "attachment" not in headers.get("content-disposition", ""):
            raise RuntimeError(f"GET {path} -> {status}: {payload[:300]!r}")
        dest.write_bytes(payload)
        return str(dest)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class GcWatch:
    """The time the garbage collector of this (the harness's) process runs inside a ``with``,
    and how many full (generation 2) collections: a client-side pause that the harness counts
    in the phase (a full collection takes 10-20 ms with the workload in memory)."""

    def __enter__(self) -> GcWatch:
        self.ms = 0.0
        self.full = 0
        self._started = 0.0
        gc.callbacks.append(self._seen)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._seen)

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            self.full += info["generation"] == 2
        elif self._started:
            self.ms += (time.perf_counter() - self._started) * 1000


def multipart(files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body of files (field → (file name, bytes)), and its type."""
    boundary = "stemmen-bench-" + os.urandom(12).hex()
    parts = []
    for field, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                     f'filename="{filename}"\r\nContent-Type: application/octet-stream'
                     '\r\n\r\n'.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), \
        f"multipart/form-data; boundary={boundary}"


class StemmenHttpAdapter(Adapter):
    """``stemmen serve`` in its own process, driven over its JSON API."""

    name = "stemmen-http"
    RETRIEVE = "&fields=document,text"  # the keys segments_for_code reads

    def describe(self) -> dict:
        return {"version": stemmen.__version__,
                "transport": "HTTP/1.1 keep-alive to 127.0.0.1 (stemmen serve: uvicorn, "
                             "Starlette), launch token cookie + CSRF header",
                "storage": "SQLite file (WAL), one transaction per request",
                "create_project": "n/a: `stemmen init` before the server starts",
                "upload_docs": "POST /api/documents, multipart, one .txt file a request",
                "codings": "POST /api/codings, one request per segment (all its codes)",
                "segments_for_code": f"GET /api/retrieve?code=C{self.RETRIEVE} (JSON, one "
                                     "request)",
                "export_codebook": "GET /api/export/codebook.qdc (REFI-QDC)",
                "export_segments": "GET /api/export/segments.csv (every code, UTF-8 CSV)",
                "export_project": "GET /api/export/project.qdpx (REFI-QDA)"}

    def start(self, workdir: str) -> None:
        os.makedirs(workdir, exist_ok=True)
        self.path = Path(workdir) / "bench.stemmen"
        subprocess.run([*STEMMEN, "init", str(self.path)], check=True,
                       capture_output=True)
        self.layouts: dict[str, Layout] = {}
        port = free_port()
        self.log = open(Path(workdir) / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [*STEMMEN, "serve", str(self.path), "--no-browser", "--port", str(port),
             "--coder", CODER], stdout=self.log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=dict(os.environ, COLUMNS="500"))
        self.http = Client(port)
        token = self._token()
        status, _, headers = self.http.request("GET", f"/?token={token}")
        cookie = headers.get("set-cookie", "").split(";", 1)[0]
        if status != 303 or not cookie:
            raise RuntimeError(f"the launch token was refused ({status})")
        self.http.headers["Cookie"] = cookie
        status, page, _ = self.http.request("GET", "/")
        found = re.search(rb'name="csrf-token" content="([^"]+)"', page)
        if status != 200 or not found:
            raise RuntimeError("no CSRF token on the overview page")
        self.http.headers["X-CSRF-Token"] = found.group(1).decode()

    def _token(self, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.log.seek(0)
            found = re.search(r"\?token=([A-Za-z0-9_\-]+)", self.log.read())
            if found:
                try:
                    self.http.request("GET", "/static/missing")
                    return found.group(1)
                except OSError:
                    self.http.close()
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.log.seek(0)
        raise RuntimeError("stemmen serve did not start:\n" + self.log.read()[-2000:])

    def stop(self) -> None:
        if getattr(self, "http", None):
            self.http.close()
        if getattr(self, "proc", None) and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()

    def pids(self) -> list[int]:
        return [self.proc.pid] if self.proc.poll() is None else []

    def create_project(self, name: str) -> None:
        raise NotImplementedError  # one server serves one project, made before it starts

    def create_code(self, code: Code) -> Any:
        self.http.json("POST", "/api/codebook/add", {
            "name": code.name, "category": code.category, "definition": code.definition,
            "colour": code.color})
        return code.name

    def upload_document(self, doc: Document) -> Any:
        answer = self.http.json("POST", "/api/documents", files={
            "file": (f"{doc.name}.txt", doc.text.encode("utf-8"))})
        return answer["document"]["name"]

    def open_document(self, handle: Any, doc: Document) -> str:
        view = self.http.json("GET", "/api/documents/view?" + urlencode({"name": handle,
                                                                          "view": "all"}))
        text = view["document"]["text"]
        self.layouts[handle] = Layout(text, doc)
        return text

    def code_segment(self, doc_handle: Any, doc: Document, start: int, end: int,
                     code_handles: Any) -> Any:
        if doc_handle not in self.layouts:
            self.open_document(doc_handle, doc)
        layout = self.layouts[doc_handle]
        answer = self.http.json("POST", "/api/codings", {
            "document": doc_handle, "codes": list(code_handles),
            "start": layout.offset(doc, start), "end": layout.offset(doc, end)})
        return [c["id"] for c in answer["codings"]]

    def segments_for_code(self, code_handle: Any, code: Code) -> list[RetrievedSegment]:
        with GcWatch() as pauses:
            started = time.perf_counter()
            status, payload, _ = self.http.request(
                "GET", "/api/retrieve?code=" + quote(code_handle) + self.RETRIEVE)
            received = time.perf_counter()
            if status != 200:
                raise RuntimeError(f"GET /api/retrieve -> {status}: {payload[:300]!r}")
            answer = json.loads(payload)
            got = [RetrievedSegment(s["document"], s["text"]) for s in answer["segments"]]
            done = time.perf_counter()
        print(f"[{self.name}] retrieval: answer in {(received - started) * 1000:.2f} ms, "
              f"parsed in {(done - received) * 1000:.2f} ms; garbage collection in this "
              f"(the harness's) process {pauses.ms:.2f} ms ({pauses.full} full)",
              file=sys.stderr, flush=True)
        return got

    def export_codebook(self, dest_dir: str) -> str:
        return self.http.download("/api/export/codebook.qdc", Path(dest_dir) / "codebook.qdc")

    def export_segments(self, dest_dir: str) -> str:
        return self.http.download("/api/export/segments.csv", Path(dest_dir) / "segments.csv")

    def export_project(self, dest_dir: str) -> str:
        return self.http.download("/api/export/project.qdpx", Path(dest_dir) / "project.qdpx")


class StemmenHttpFullAnswerAdapter(StemmenHttpAdapter):
    """:class:`StemmenHttpAdapter` with the full answer of retrieval (every key of a segment)."""

    name = "stemmen-http-full"
    RETRIEVE = ""


class StemmenHttpBeforeAdapter(StemmenHttpAdapter):
    """The server of another source tree (``STEMMEN_BEFORE_SRC``, e.g. the ``src`` folder of
    ``git archive <commit> src``), for a before/after in the same run; full answers."""

    name = "stemmen-http-before"
    RETRIEVE = ""

    def start(self, workdir: str) -> None:
        tree = os.environ.get("STEMMEN_BEFORE_SRC")
        if not tree:
            raise RuntimeError("Set STEMMEN_BEFORE_SRC to the src folder of the tree to run.")
        old = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = tree  # for `stemmen init` and `stemmen serve` only
        try:
            super().start(workdir)
        finally:
            if old is None:
                os.environ.pop("PYTHONPATH", None)
            else:
                os.environ["PYTHONPATH"] = old
