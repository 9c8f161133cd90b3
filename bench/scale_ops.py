"""The operations of the scale benchmark and their hand-written SQL references.

Each ``op_*`` takes a :class:`Context` (the project URL and the generated study) and returns a
dict of seconds and sizes. bench_scale.py runs each one in a fresh process so that its peak
memory is its own; the smoke test runs them in-process.
"""

from __future__ import annotations

import csv
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import text

import stemmen
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc


@dataclass
class Context:
    """Where the project lives and where the generated study is."""

    url: str  # a SQLite path or a postgresql:// URL (a fresh schema)
    data: Path  # output of generate.py
    work: Path  # scratch files (exports)
    import_url: str  # an empty place for the .qdpx import
    manifest: dict[str, Any]

    def open(self) -> stemmen.Project:
        return stemmen.open_project(self.url, actor="bench")


def timed(fn: Callable[[], Any], repeat: int = 3, budget: float = 20.0) -> tuple[float, Any]:
    """Median seconds of up to ``repeat`` runs (fewer when one run takes budget/3 or more)."""
    samples, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        samples.append(time.perf_counter() - started)
        if sum(samples) >= budget / 3 * len(samples) or sum(samples) >= budget:
            break
    return statistics.median(samples), value


def op_import_docs(ctx: Context) -> dict[str, Any]:
    """Create the project, import the codebook, import the N transcripts with metadata."""
    started = time.perf_counter()
    project = stemmen.create_project(ctx.url, actor="bench")
    create = time.perf_counter() - started
    started = time.perf_counter()
    project.codebook.import_(ctx.data / "codebook.csv")
    codebook = time.perf_counter() - started
    started = time.perf_counter()
    result = project.documents.import_folder(ctx.data / "docs",
                                             metadata=ctx.data / "metadata.csv")
    seconds = time.perf_counter() - started
    project.close()
    assert not result.errors, result.errors[:3]
    assert len(result.imported) == ctx.manifest["documents"]
    return {"seconds": seconds, "create_s": create, "codebook_s": codebook,
            "size": ctx.manifest["characters"], "documents": len(result.imported)}


def op_import_codings(ctx: Context) -> dict[str, Any]:
    """Import the M codings of both coders from codings.csv (the public bulk path)."""
    with ctx.open() as project:
        started = time.perf_counter()
        added = project.codings.import_csv(ctx.data / "codings.csv")
        seconds = time.perf_counter() - started
    assert added == ctx.manifest["codings"], added
    return {"seconds": seconds, "size": added, "codings": added}


def build_once(path: Path, data: Path, work: Path, manifest: dict[str, Any]) -> Path:
    """The project at ``path``: ``data``'s transcripts and codings imported the first time,
    through a ``.partial`` file so an interrupted build is never reused; later runs reuse it."""
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        ctx = Context(str(partial), data, work, str(work / "unused.stemmen"), manifest)
        started = time.perf_counter()
        op_import_docs(ctx)
        op_import_codings(ctx)
        partial.rename(path)
        print(f"built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def probe_code(project: stemmen.Project) -> str:
    """The most used code: the heaviest realistic retrieval."""
    counts = project.codebook.counts()
    return max(sorted(counts), key=lambda name: counts[name])


RETRIEVE_SQL = """
SELECT c.id, c.document_id, d.name, cs.name, co.name, cr.name, c.start, c."end",
       substr(d.text, c.start + 1, c."end" - c.start)
FROM codings c
JOIN documents d ON d.id = c.document_id
JOIN codes co ON co.id = c.code_id
JOIN coders cr ON cr.id = c.coder_id
LEFT JOIN cases cs ON cs.id = d.case_id
WHERE co.name = :code
ORDER BY d.name, c.start, c."end", c.id
"""


def op_retrieve(ctx: Context) -> dict[str, Any]:
    """Every segment of the most used code, with one paragraph of context, against SQL."""
    with ctx.open() as project:
        code = probe_code(project)
        with_context, found = timed(lambda: project.segments.retrieve([code], context=1))
        bare, _ = timed(lambda: project.segments.retrieve([code]))
        without_text = RETRIEVE_SQL.replace(
            ',\n       substr(d.text, c.start + 1, c."end" - c.start)', "")
        with project.store.engine.connect() as conn:
            sql, rows = timed(lambda: conn.execute(text(RETRIEVE_SQL), {"code": code}).all())
            floor, _ = timed(lambda: conn.execute(text(without_text), {"code": code}).all())
    assert [(s.coding_id, s.text) for s in found] == [(r[0], r[8]) for r in rows]
    return {"seconds": with_context, "no_context_s": bare, "sql_s": sql,
            "ratio_to_sql": with_context / sql, "no_context_ratio": bare / sql,
            "sql_rows_s": floor, "rows_ratio": bare / floor,
            "size": len(found), "segments": len(found), "code": code}


MATRIX_SQL = (
    """SELECT s.code_id, d.case_id, count(*) FROM
       (SELECT DISTINCT code_id, document_id, start, "end" FROM codings) s
       JOIN documents d ON d.id = s.document_id GROUP BY s.code_id, d.case_id""",
    """SELECT d.case_id, count(*) FROM
       (SELECT DISTINCT document_id, start, "end" FROM codings) s
       JOIN documents d ON d.id = s.document_id GROUP BY d.case_id""",
    """SELECT s.code_id, count(*) FROM
       (SELECT DISTINCT code_id, document_id, start, "end" FROM codings) s
       GROUP BY s.code_id""",
)


def op_matrix(ctx: Context) -> dict[str, Any]:
    """Code x case matrix counting distinct coded spans, against the same counts in SQL."""
    with ctx.open() as project:
        queries = getattr(project, "queries", None)
        how = "project.queries.matrix"
        if queries is None:
            from stemmen.project.queries import Queries

            queries, how = Queries(project), "Queries(project).matrix (not yet on Project)"
        seconds, table = timed(lambda: queries.matrix(rows="code", columns="case"))
        with project.store.engine.connect() as conn:
            sql, (cells, _columns, _rows) = timed(
                lambda: [conn.execute(text(q)).all() for q in MATRIX_SQL])
            codes = dict(conn.execute(text("SELECT id, name FROM codes")).all())
            cases = dict(conn.execute(text("SELECT id, name FROM cases")).all())
    want = {(codes[a], cases.get(b, "(none)")): n for a, b, n in cells}
    have = {(r, c): table.cells[i][j] for i, r in enumerate(table.rows)
            for j, c in enumerate(table.columns) if table.cells[i][j]}
    assert want == have, "matrix differs from SQL"
    return {"seconds": seconds, "sql_s": sql, "ratio_to_sql": seconds / sql,
            "size": ctx.manifest["codings"], "cells": len(table.rows) * len(table.columns),
            "how": how}


def op_agreement(ctx: Context) -> dict[str, Any]:
    """Agreement of an and bert over every paragraph unit of the documents both coded."""
    with ctx.open() as project:
        seconds, report = timed(lambda: project.reliability.compare(coders=["an", "bert"]),
                                repeat=2)
    return {"seconds": seconds, "size": report.n_units, "units": report.n_units,
            "codes": report.n_codes,
            "kappa": round(report.pooled.get("cohen_kappa") or 0, 3)}


def op_export_qdpx(ctx: Context) -> dict[str, Any]:
    """Export the whole project as REFI-QDA .qdpx."""
    path = ctx.work / "export.qdpx"
    with ctx.open() as project:
        started = time.perf_counter()
        counts = project.exchange.export_qdpx(path)
        seconds = time.perf_counter() - started
    assert counts["codings"] == ctx.manifest["codings"] + ctx.manifest.get("extra", 0)
    return {"seconds": seconds, "size": path.stat().st_size, "bytes": path.stat().st_size}


def op_import_qdpx(ctx: Context) -> dict[str, Any]:
    """Import the exported .qdpx into a new, empty project."""
    path = ctx.work / "export.qdpx"
    with stemmen.create_project(ctx.import_url, actor="bench") as project:
        started = time.perf_counter()
        counts, _report = project.exchange.import_qdpx(path)
        seconds = time.perf_counter() - started
    assert counts["codings"] == ctx.manifest["codings"], counts
    return {"seconds": seconds, "size": path.stat().st_size, "codings": counts["codings"]}


def op_web_page(ctx: Context) -> dict[str, Any]:
    """GET the document page of the longest transcript, every coder's codings shown."""
    from starlette.testclient import TestClient

    from stemmen.web import WebSettings, create_app

    with ctx.open() as project:
        name = ctx.manifest["longest_document"]
        shown = len(project.codings.list(document=name))
        app = create_app(project, WebSettings(token=None, coder="an"))
        with TestClient(app, base_url="http://127.0.0.1:8765") as client:
            client.cookies.set("stemmen_view", "all")
            url = f"/documents/{quote(name)}"

            def get() -> int:
                answer = client.get(url)
                assert answer.status_code == 200, answer.status_code
                return len(answer.content)

            get()  # templates compiled once per process
            seconds, size = timed(get, repeat=5)
    return {"seconds": seconds, "size": shown, "codings_shown": shown, "html_bytes": size}


def _first_rows(ctx: Context, n: int) -> list[dict[str, str]]:
    with (ctx.data / "codings.csv").open(encoding="utf-8", newline="") as fp:
        reader = csv.DictReader(fp)
        return [row for row, _ in zip(reader, range(n), strict=False)]


def op_codings_5000(ctx: Context) -> dict[str, Any]:
    """5,000 more codings on the full project: bulk insert, CSV import, one by one, in a batch."""
    rows = _first_rows(ctx, 5000)
    with ctx.open() as project:
        with project.store.reading() as conn:
            docs = {d.name: d.id for d in dc.list_documents(conn)}
            codes = cb.code_ids(conn)
        with project.store.transaction() as tx:
            who = cd.coder_id(tx, "carla")
        batch = [{"document_id": docs[r["document"]], "code_id": codes[r["code"]],
                  "coder_id": who, "start": int(r["start"]), "end": int(r["end"])}
                 for r in rows]
        started = time.perf_counter()
        with project.store.transaction() as tx:
            cd.insert_many(tx, batch)
        bulk = time.perf_counter() - started
        sheet = ctx.work / "codings-5000.csv"
        with sheet.open("w", encoding="utf-8", newline="") as fp:
            writer = csv.writer(fp)
            writer.writerow(["document", "code", "coder", "start", "end"])
            writer.writerows([r["document"], r["code"], "dora", r["start"], r["end"]]
                             for r in rows)
        started = time.perf_counter()
        project.codings.import_csv(sheet)
        from_csv = time.perf_counter() - started
        one = []
        started_all = time.perf_counter()
        for r in rows:  # 5,000 calls, one transaction each
            started = time.perf_counter()
            project.codings.apply(r["document"], r["code"], "eva", int(r["start"]),
                                  int(r["end"]))
            one.append((time.perf_counter() - started) * 1000)
        apply_all = time.perf_counter() - started_all
        started = time.perf_counter()
        with project.batch():  # 5,000 calls, one transaction
            for r in rows:
                project.codings.apply(r["document"], r["code"], "fien", int(r["start"]),
                                      int(r["end"]))
        in_batch = time.perf_counter() - started
    one.sort()
    return {"seconds": bulk, "import_csv_s": from_csv, "apply_p50_ms": one[len(one) // 2],
            "apply_p95_ms": one[int(len(one) * 0.95)], "apply_5000_s": apply_all,
            "batch_5000_s": in_batch,
            "size": ctx.manifest["codings"]}


OPERATIONS: dict[str, Callable[[Context], dict[str, Any]]] = {
    "import_docs": op_import_docs,
    "import_codings": op_import_codings,
    "retrieve": op_retrieve,
    "matrix": op_matrix,
    "agreement": op_agreement,
    "export_qdpx": op_export_qdpx,
    "import_qdpx": op_import_qdpx,
    "web_page": op_web_page,
    "codings_5000": op_codings_5000,
}


def load_manifest(data: Path) -> dict[str, Any]:
    return json.loads((data / "manifest.json").read_text(encoding="utf-8"))
