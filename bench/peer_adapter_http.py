"""Stemmen in the peer harness (../shared/peer-bench), over HTTP to ``stemmen serve``.

    PYTHONPATH=bench .venv/bin/python ../shared/peer-bench/run.py \\
        --adapter peer_adapter_http:StemmenHttpAdapter --docs 50 --segments 5000

The adapter starts Stemmen's own CLI, ``python -m stemmen serve PROJECT --no-browser --port
N --coder bench``, on a free port of 127.0.0.1 with a fresh SQLite project in the run's folder,
opens the printed launch URL once (its token sets the session cookie), reads the page's CSRF
token, and then sends one request per operation with keep-alive, as the peers are measured:

    POST /api/codebook/add                       one code (its category is created with it)
    GET  /api/documents/view?name=D              open a document: text, codings, codes, memos
    POST /api/codings {document, codes, start, end}   one segment, all of its codes
    GET  /api/retrieve?code=C                    every segment of one code (not paged)
    GET  /api/codebook                           the codebook as JSON (no .qdc endpoint yet)
    GET  /api/retrieve?code=…(all 40)            every segment as JSON, written as CSV

What the web API does not offer yet is done another way and marked in ``describe()``:
creating the project is ``stemmen init`` before the server starts (one server serves one
project: the phase shows n/a); uploading a transcript has no endpoint, so the harness writes it
through the Python API into the served SQLite file (the server reads it from there); the whole
project export (.qdpx) has no endpoint (n/a).
"""

from __future__ import annotations

import csv
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

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes, Any]:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
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

    def json(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        status, payload, _ = self.request(method, path, body)
        if status != 200:
            raise RuntimeError(f"{method} {path} -> {status}: {payload[:300]!r}")
        return json.loads(payload)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class StemmenHttpAdapter(Adapter):
    """``stemmen serve`` in its own process, driven over its JSON API."""

    name = "stemmen-http"

    def describe(self) -> dict:
        return {"version": stemmen.__version__,
                "transport": "HTTP/1.1 keep-alive to 127.0.0.1 (stemmen serve: uvicorn, "
                             "Starlette), launch token cookie + CSRF header",
                "storage": "SQLite file (WAL), one transaction per request",
                "create_project": "n/a: `stemmen init` before the server starts",
                "upload_docs": "NOT over HTTP (no endpoint): Python API into the served file",
                "codings": "POST /api/codings, one request per segment (all its codes)",
                "export_codebook": "GET /api/codebook (JSON; no .qdc endpoint)",
                "export_segments": "GET /api/retrieve with every code (JSON), saved as CSV",
                "export_project": "n/a: no .qdpx endpoint"}

    def start(self, workdir: str) -> None:
        os.makedirs(workdir, exist_ok=True)
        self.path = Path(workdir) / "bench.stemmen"
        subprocess.run([*STEMMEN, "init", str(self.path)], check=True,
                       capture_output=True)
        self.writer = stemmen.open_project(self.path, actor=CODER)
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
        if getattr(self, "writer", None):
            self.writer.close()
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
        return self.writer.documents.add(doc.name, doc.text).name  # no upload endpoint

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
        answer = self.http.json("GET", "/api/retrieve?code=" + quote(code_handle))
        return [RetrievedSegment(s["document"], s["text"]) for s in answer["segments"]]

    def export_codebook(self, dest_dir: str) -> str:
        status, payload, _ = self.http.request("GET", "/api/codebook")
        if status != 200:
            raise RuntimeError(f"GET /api/codebook -> {status}")
        path = Path(dest_dir) / "codebook.json"
        path.write_bytes(payload)
        return str(path)

    def export_segments(self, dest_dir: str) -> str:
        codes = [c["name"] for c in self.http.json("GET", "/api/codebook")["codes"]]
        answer = self.http.json("GET", "/api/retrieve?" + urlencode([("code", c)
                                                                    for c in codes]))
        path = Path(dest_dir) / "segments.csv"
        with path.open("w", encoding="utf-8", newline="") as fp:
            writer = csv.writer(fp)
            writer.writerow(["document", "code", "coder", "start", "end", "text"])
            writer.writerows([s["document"], s["code"], s["coder"], s["start"], s["end"],
                              s["text"]] for s in answer["segments"])
        return str(path)

    def export_project(self, dest_dir: str) -> str:
        raise NotImplementedError  # no .qdpx endpoint in the web API yet
