"""Stemmen in the peer harness (../shared/peer-bench), through the Python API in-process.

    PYTHONPATH=bench .venv/bin/python ../shared/peer-bench/run.py \\
        --adapter peer_adapter_api:StemmenApiAdapter --docs 50 --segments 5000

One call of the public API per harness operation, as a library user would write it; every
write is its own transaction on a SQLite project file in the run's folder. Memory figures
include the harness itself (one process).

``StemmenApiBatchAdapter`` is the same, except that the coding phase runs inside
``project.batch()`` as a script that codes thousands of segments would write it: still one
``codings.apply`` call per coding, but one commit for the whole phase (opened at the first
coding, committed before the next operation of another kind).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from adapters.base import Adapter, RetrievedSegment  # from the peer harness (on sys.path)
from workload import Code, Document

import stemmen

CODER = "bench"


class Layout:
    """Where the workload's paragraphs start in the stored text (mapping checked, not assumed)."""

    def __init__(self, stored: str, doc: Document) -> None:
        self.stored = stored
        self.starts: list[int] = []
        cursor = 0
        for k, para in enumerate(doc.paragraphs):
            found = stored.find(para, cursor)
            if found < 0:
                raise RuntimeError(f"paragraph {k} of {doc.name} is not in the stored text")
            self.starts.append(found)
            cursor = found + len(para)

    def offset(self, doc: Document, offset: int) -> int:
        k, rel = doc.locate(offset)
        return self.starts[k] + rel


class StemmenApiAdapter(Adapter):
    """Stemmen's Python API in the harness's own process."""

    name = "stemmen-api"

    def describe(self) -> dict:
        return {"version": stemmen.__version__, "transport": "in-process Python API calls",
                "storage": "SQLite file (WAL), one transaction per write",
                "codings": "project.codings.apply once per code of a segment",
                "export_segments": "project.segments.export_csv (every coded segment)",
                "project_export": "REFI-QDA (.qdpx)", "codebook_export": "REFI-QDC (.qdc)"}

    def start(self, workdir: str) -> None:
        os.makedirs(workdir, exist_ok=True)
        self.path = Path(workdir) / "bench.stemmen"
        self.project: stemmen.Project | None = None
        self.layouts: dict[str, Layout] = {}

    def stop(self) -> None:
        if self.project is not None:
            self.project.close()
            self.project = None

    def pids(self) -> list[int]:
        return [os.getpid()]

    def create_project(self, name: str) -> None:
        self.project = stemmen.create_project(self.path, actor=CODER)

    def create_code(self, code: Code) -> Any:
        self.project.codebook.add(code.name, category=code.category,
                                  definition=code.definition, colour=code.color)
        return code.name

    def upload_document(self, doc: Document) -> Any:
        return self.project.documents.add(doc.name, doc.text).name

    def open_document(self, handle: Any, doc: Document) -> str:
        view = self.project.workspace.document_view(handle, coders=None)
        self.layouts[handle] = Layout(view["text"], doc)
        return view["text"]

    def code_segment(self, doc_handle: Any, doc: Document, start: int, end: int,
                     code_handles: Any) -> Any:
        layout = self.layouts.get(doc_handle) or Layout(
            self.project.documents.get(doc_handle).text, doc)
        s, e = layout.offset(doc, start), layout.offset(doc, end)
        return [self.project.codings.apply(doc_handle, code, CODER, s, e).id
                for code in code_handles]

    def segments_for_code(self, code_handle: Any, code: Code) -> list[RetrievedSegment]:
        return [RetrievedSegment(s.document, s.text)
                for s in self.project.segments.retrieve([code_handle])]

    def export_codebook(self, dest_dir: str) -> str:
        return str(self.project.exchange.export_qdc(Path(dest_dir) / "codebook.qdc"))

    def export_segments(self, dest_dir: str) -> str:
        path = Path(dest_dir) / "segments.csv"
        self.project.segments.export_csv(path)
        return str(path)

    def export_project(self, dest_dir: str) -> str:
        path = Path(dest_dir) / "project.qdpx"
        self.project.exchange.export_qdpx(path)
        return str(path)


class StemmenApiBatchAdapter(StemmenApiAdapter):
    """The API adapter with the coding phase inside one ``project.batch()``."""

    name = "stemmen-api-batch"

    def describe(self) -> dict:
        return {**super().describe(), "storage": "SQLite file (WAL); the coding phase in "
                "one project.batch() (one commit), every other write its own transaction"}

    def start(self, workdir: str) -> None:
        super().start(workdir)
        self._batch: Any = None

    def _commit(self) -> None:
        if self._batch is not None:
            batch, self._batch = self._batch, None
            started = time.perf_counter()
            batch.__exit__(None, None, None)
            print(f"[stemmen-api-batch] commit of the coding phase: "
                  f"{time.perf_counter() - started:.4f} s (counted in the next phase)",
                  file=sys.stderr, flush=True)

    def code_segment(self, doc_handle: Any, doc: Document, start: int, end: int,
                     code_handles: Any) -> Any:
        if self._batch is None:
            self._batch = self.project.batch()
            self._batch.__enter__()
        return super().code_segment(doc_handle, doc, start, end, code_handles)

    def segments_for_code(self, code_handle: Any, code: Code) -> list[RetrievedSegment]:
        self._commit()  # the coding phase ends here: its time includes this commit
        return super().segments_for_code(code_handle, code)

    def stop(self) -> None:
        self._commit()
        super().stop()
