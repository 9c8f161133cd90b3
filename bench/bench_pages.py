"""Every page of the workspace at the benchmark's scales, and every query of the queries page
as the browser asks for it, timed through Starlette's TestClient (server time, no network),
at 50 and 500 documents.

    .venv/bin/python bench/bench_pages.py                 # 50 and 500 documents
    .venv/bin/python bench/bench_pages.py --scales 50 --repeat 3 --json /tmp/pages.json

The studies are those of bench_scale.py (generate.py: 50 documents / 5,000 codings and 500 /
100,000), written once and imported once under --work, then reused. Each page is asked once
to warm up, then ``--repeat`` times; the table gives the median in milliseconds and whether
it stays under the aim of 200 ms.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import scale_ops  # noqa: E402

import stemmen  # noqa: E402
from stemmen.project.cache import cache_of  # noqa: E402

SCALES = {50: 5_000, 500: 100_000}
AIM_MS = 200.0
PAGES = [
    ("overview", "/"),
    ("document: the longest, every coder", "document"),  # filled in with a real document
    ("codebook", "/codebook"),
    ("cases", "/cases"),
    ("import", "/import"),
    ("retrieve: the most used code", "retrieve"),
    ("findings", "/findings"),
    ("reliability", "/reliability"),
    ("reports", "/reports"),
    ("exchange", "/exchange"),
    ("matrix: code x case, segments", "/queries"),
    ("matrix: code x case, words", "/queries?kind=matrix&count=words"),
    ("matrix: code x case, characters", "/queries?kind=matrix&count=characters"),
    ("matrix: code x case, people", "/queries?kind=matrix&count=people"),
    ("matrix: category x role, documents",
     "/queries?kind=matrix&rows=category&columns=role&count=documents"),
    ("matrix: code x language, segments", "/queries?kind=matrix&columns=language"),
    ("cell: segments of one cell (API)", None),  # filled in with a real cell
    ("co-occurrence by paragraph", "/queries?kind=cooccurrence"),
    ("co-occurrence by overlap", "/queries?kind=cooccurrence&unit=overlap"),
    ("coding progress", "/queries?kind=progress"),
    ("waves", "/queries?kind=waves"),
    ("sampling", "/queries?kind=sampling"),
    ("profiles", "/queries?kind=profiles"),
    ("interviews", "/queries?kind=interviews"),
    ("codebook table (queries)", "/queries?kind=codebook"),
    ("search: a word", "/queries?kind=search&text=tolk"),
    ("search: a word inside a code", None),
    ("download: matrix XLSX", "/api/queries/download?kind=matrix&format=xlsx"),
    ("download: matrix CSV", "/api/queries/download?kind=matrix&format=csv"),
]


def build(work: Path, n_docs: int) -> Path:
    """The project of one scale (generated and imported once, then reused)."""
    n_codings = SCALES[n_docs]
    data = work / f"data-{n_docs}-{n_codings}-42"
    manifest = generate.write(data, n_docs, n_codings, 42)
    path = work / f"pages-{n_docs}.stemmen"
    return scale_ops.build_once(path, data, work, manifest)


JOB = re.compile(rb'data-job="([0-9a-f]+)"')
Sample = dict[str, float | None]


def _timed(client: Any, url: str) -> tuple[float, float, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    wall, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    assert response.status_code == 200 and b"error-box" not in response.content, url
    return wall, cpu, response


def _after_change(client: Any, app: Any, project: Any,
                  url: str) -> tuple[float, float, float | None]:
    """One visit after the project changed (its kept results dropped; the paragraph splits
    stay, as a change of codings leaves the texts alone): the page's wall and CPU time, and
    when the result was on screen (the page itself, or the background job and the page it
    loads again with ``?job=``)."""
    cache_of(project).forget()
    started = time.perf_counter()
    wall, cpu, response = _timed(client, url)
    found = JOB.search(response.content)
    if not found:
        return wall, cpu, None
    if found:
        job = app.state.jobs.wait(found.group(1).decode(), timeout=600)
        assert job.state == "done", (url, job.state)
        back = client.get(url + ("&" if "?" in url else "?") + "job=" + found.group(1).decode())
        assert back.status_code == 200 and not JOB.search(back.content), url
    return wall, cpu, (time.perf_counter() - started) * 1000


def time_pages(path: Path, repeat: int, only: str | None = None) -> dict[str, Sample]:
    """Every page of PAGES on the project at ``path``: the very first visit (texts not split
    yet), the median visit after a change (wall, CPU, and when the result was ready), and the
    median visit again on the unchanged project (wall, CPU), in milliseconds ("ready": when
    a background job's result was on screen, None when the page itself held the result). CPU is
    ``time.process_time`` of this process (every thread: a background job's work while the
    page waits counts), so other processes sharing the cores do not count."""
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

    from stemmen.web import WebSettings, create_app

    project = stemmen.open_project(path, actor="bench")
    settings = WebSettings(csrf="bench", token=None, allowed_hosts=("testserver",))
    app = create_app(project, settings)
    client = TestClient(app)
    m = project.queries.matrix()
    code = m.rows[max(range(len(m.rows)), key=lambda i: m.row_totals[i])]
    longest = max(project.documents.list(), key=lambda d: len(d.text)).name
    found: dict[str, Sample] = {}
    for label, url in PAGES:
        if only and only not in label:
            continue
        if url == "document":
            url = f"/documents/{quote(longest, safe='')}"
        elif url == "retrieve":
            url = f"/retrieve?code={quote(code, safe='')}"
        elif label.startswith("cell"):
            url = f"/api/queries/cell?row={code}&column={m.columns[0]}"
        elif url is None:
            url = f"/queries?kind=search&text=tolk&codes={code}"
        first = _timed(client, url)[0]
        changed = [_after_change(client, app, project, url) for _ in range(repeat)]
        again = [_timed(client, url)[:2] for _ in range(repeat)]
        jobs = [r for _, _, r in changed if r is not None]
        ready = statistics.median(jobs) if jobs else None
        found[label] = {
            "first": first,
            "changed_wall": statistics.median(w for w, _, _ in changed),
            "changed_cpu": statistics.median(c for _, c, _ in changed),
            "ready": ready,
            "again_wall": statistics.median(w for w, _ in again),
            "again_cpu": statistics.median(c for _, c in again),
        }
    project.close()
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="50,500", help="document counts: 50 and/or 500")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", type=Path, default=Path("/tmp/stemmen-bench"))
    ap.add_argument("--json", type=Path, help="also write the timings here")
    ap.add_argument("--only", help="time only the pages whose label contains this")
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    results = {n: time_pages(build(args.work, n), args.repeat, args.only) for n in scales}
    labels = [label for label, _ in PAGES if label in results[scales[0]]]
    load = Path("/proc/loadavg")
    print(f"load average {load.read_text().split()[0]}" if load.exists() else "")
    print("| page | " + " | ".join(
        f"{n} docs: after a change (wall / CPU) | ready | again (wall / CPU)" for n in scales)
        + " | aim |")
    print("|---|" + "---:|---:|---:|" * len(scales) + "---|")
    for label in labels:
        cells, worst = [], 0.0
        for n in scales:
            r = results[n][label]
            ready = r["ready"]
            changed, again = r["changed_wall"] or 0.0, r["again_wall"] or 0.0
            cells += [f"{changed:.0f} / {r['changed_cpu']:.0f}",
                      f"{ready:.0f}" if ready is not None else "=",
                      f"{again:.0f} / {r['again_cpu']:.0f}"]
            worst = max(worst, changed, again)
        verdict = "ok" if worst < AIM_MS else f"> {AIM_MS:.0f} ms"
        print(f"| {label} | " + " | ".join(cells) + f" | {verdict} |")
    if args.json:
        args.json.write_text(json.dumps({str(n): r for n, r in results.items()}, indent=1))


if __name__ == "__main__":
    main()
