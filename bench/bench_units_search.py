"""Stored text units and full-text search (issue 17, part 1), timed through the project API at
three scales: overview progress, text search (a hit and a miss), co-occurrence by paragraph
against the code x case matrix, a one-case report and the longest document's page.

    .venv/bin/python bench/bench_units_search.py                       # 50, 500, 5,000
    .venv/bin/python bench/bench_units_search.py --scales 50 500 --repeat 5 --json out.json

The studies are generate.py's (SYNTHETIC): 50 documents / 5,000 codings and 500 / 100,000 as
in bench_pages.py, and 5,000 documents of 300-1,500 words / 100,000 codings (shorter texts, so
the largest scale builds in minutes). Each project is built once under --work and reused. The
"before" numbers are the same command on the code before the change, with its own --work:
``git worktree add /tmp/before c74e407`` and ``PYTHONPATH=/tmp/before/src``. Every timing is
the median of ``--repeat`` runs after the project's kept results are dropped
(``cache_of(p).forget()``: what a page pays after any change), in milliseconds of this
process's CPU time (the machine may be shared) and of wall time. On the new code, migration
0007 is timed too, on a copy taken back to 0006.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import scale_ops  # noqa: E402

import stemmen  # noqa: E402
from stemmen.project.cache import cache_of  # noqa: E402

SCALES: dict[int, tuple[int, int, int]] = {  # documents: codings, min words, max words
    50: (5_000, 3_000, 15_000),
    500: (100_000, 3_000, 15_000),
    5000: (100_000, 300, 1_500),
}
HIT, MISS = "tolk", "zqxjv"


def build(work: Path, n_docs: int) -> Path:
    """The project of one scale (generated once next to ``work``, imported once, reused)."""
    n_codings, low, high = SCALES[n_docs]
    data = work.parent / f"data-{n_docs}-{n_codings}-{low}-{high}"
    manifest = generate.write(data, n_docs, n_codings, 42, low, high)
    path = work / f"units-{n_docs}.stemmen"
    return scale_ops.build_once(path, data, work, manifest)


def _median(project: Any, repeat: int, work: Callable[[], Any]) -> tuple[float, float]:
    """Median CPU time of this process and median wall time, in ms (the machine is shared:
    CPU time is what other processes do not change much)."""
    cpu, wall = [], []
    for _ in range(repeat):
        cache_of(project).forget()
        started, used = time.perf_counter(), time.process_time()
        work()
        cpu.append((time.process_time() - used) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def migration_0007(path: Path) -> tuple[float, float] | None:
    """CPU and wall ms of migration 0007 filling the units and index of every document (on a
    copy taken back to revision 0006); None on code without it."""
    try:
        from stemmen.store import migrate, units  # noqa: F401
    except ImportError:
        return None
    copy = path.with_name(path.stem + "-migrate.stemmen")
    shutil.copyfile(path, copy)
    try:  # later migrations (other work) must go down too: a failure is reported, not fatal
        with stemmen.open_project(copy, actor="bench") as project:
            with project.store.engine.begin() as conn:
                migrate.downgrade(conn, "0006")
            with project.store.engine.begin() as conn:
                started, used = time.perf_counter(), time.process_time()
                migrate.upgrade(conn, "0007")
                return ((time.process_time() - used) * 1000,
                        (time.perf_counter() - started) * 1000)
    except Exception as error:  # noqa: BLE001
        print(f"migration 0007 not timed: {error}", file=sys.stderr)
        return None
    finally:
        copy.unlink(missing_ok=True)


def measure(path: Path, repeat: int) -> dict[str, tuple[float, float]]:
    copy = path.with_name(path.stem + "-run.stemmen")  # an old project is upgraded: on a copy
    shutil.copyfile(path, copy)
    started = time.perf_counter()
    project = stemmen.open_project(copy, actor="bench")
    opened = (time.perf_counter() - started) * 1000
    try:
        docs = project.documents.list()
        case = sorted(d.case for d in docs if d.case)[0]
        ws = project.workspace
        ws.overview()  # warm: texts read or units loaded once
        longest = max(docs, key=lambda d: len(project.documents.get(d.name).text)).name
        out = {
            "open": (opened, opened),
            "overview (progress)": _median(project, repeat, ws.overview),
            f"search hit {HIT!r}": _median(project, repeat, lambda: ws.search(HIT)),
            f"search miss {MISS!r}": _median(project, repeat, lambda: ws.search(MISS)),
            "co-occurrence by paragraph": _median(project, repeat,
                                                  project.queries.cooccurrence),
            "matrix code x case": _median(project, repeat, project.queries.matrix),
            "report data, one case": _median(project, repeat,
                                             lambda: project.reports.build(case=case)),
            "document page (longest)": _median(project, repeat,
                                               lambda: ws.document_view(longest)),
        }
        hits = float(ws.search_all(HIT).total) if hasattr(ws, "search_all") else -1.0
        out["paragraphs matching the hit"] = (hits, hits)
    finally:
        project.close()
        copy.unlink(missing_ok=True)
    migrated = migration_0007(path)
    if migrated:
        out["migration 0007 (fill units, index)"] = migrated
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=list(SCALES))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/stemmen-bench-units"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, tuple[float, float]]] = {}
    for n in args.scales:
        results[str(n)] = measure(build(args.work, n), args.repeat)
        print(f"\n{n} documents ({stemmen.__file__}): CPU ms, wall ms")
        for name, (cpu, wall) in results[str(n)].items():
            print(f"  {name:36} {cpu:10.1f} {wall:10.1f}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
