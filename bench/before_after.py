"""Before and after the benchmark-driven fixes: the same operations on two source trees.

    .venv/bin/python bench/before_after.py --before 473de27      # that commit vs the work tree

The "before" tree is this work tree with the files the fixes touched taken from ``--before``
(``git show REV:path``); each tree runs in its own process (``PYTHONPATH`` puts it ahead of
the installed package) on the middle-scale study (500 transcripts, 100,000 codings): import
the transcripts and codings, 1,000 single codings, opening documents, retrieval, listing
every coding, and a whole-project snapshot loaded into a new project.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXED = ["src/stemmen/store/codings.py", "src/stemmen/store/documents.py",
         "src/stemmen/store/codebook.py", "src/stemmen/store/journal.py",
         "src/stemmen/project/codings.py", "src/stemmen/project/retrieval.py"]


def measure(data: Path, work: Path) -> dict[str, Any]:
    """The operations, timed in this process (whichever stemmen it imports)."""
    import csv

    import stemmen
    from stemmen.store import codings as cd

    out: dict[str, Any] = {"stemmen": stemmen.__file__}

    def lap(name: str, fn: Any) -> Any:
        started = time.perf_counter()
        value = fn()
        out[name] = time.perf_counter() - started
        return value

    project = stemmen.create_project(work / "p.stemmen", actor="bench")
    project.codebook.import_(data / "codebook.csv")
    lap("import_docs_s", lambda: project.documents.import_folder(
        data / "docs", metadata=data / "metadata.csv"))
    lap("import_codings_s", lambda: project.codings.import_csv(data / "codings.csv"))
    with (data / "codings.csv").open(encoding="utf-8", newline="") as fp:
        rows = [r for r, _ in zip(csv.DictReader(fp), range(1000), strict=False)]
    one = []
    for r in rows:
        started = time.perf_counter()
        project.codings.apply(r["document"], r["code"], "zoe", int(r["start"]), int(r["end"]))
        one.append((time.perf_counter() - started) * 1000)
    out["apply_p50_ms"] = statistics.median(one)
    names = [d.name for d in project.documents.list()][:200]
    got = []
    for name in names:
        started = time.perf_counter()
        project.documents.get(name)
        got.append((time.perf_counter() - started) * 1000)
    out["documents_get_p50_ms"] = statistics.median(got)
    counts = project.codebook.counts()
    probe = max(sorted(counts), key=lambda n: counts[n])
    lap("retrieve_s", lambda: project.segments.retrieve([probe], context=1))
    with project.store.reading() as conn:
        lap("list_codings_s", lambda: cd.list_codings(conn))
        tracemalloc.start()
        kept = cd.list_codings(conn)
        out["list_codings_mib"] = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        del kept
    snap = lap("snapshot_s", project.exchange.snapshot)
    copy = stemmen.create_project(work / "copy.stemmen", actor="bench")
    lap("load_snapshot_s", lambda: copy.exchange.load(snap))
    copy.close()
    project.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", default="HEAD", help="git revision of the 'before' files")
    ap.add_argument("--data", type=Path, default=Path("/tmp/stemmen-bench/data-500-100000-42"))
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print("RESULT " + json.dumps(measure(args.data, args.work)))
        return 0
    if not (args.data / "manifest.json").exists():
        sys.path.insert(0, str(ROOT / "bench"))
        import generate

        generate.write(args.data, 500, 100_000)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "before"
        shutil.copytree(ROOT / "src", old / "src")
        for path in FIXED:
            shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{args.before}:{path}"],
                                   capture_output=True, check=True)
            (old / path).write_bytes(shown.stdout)
        for label, src in (("before", old / "src"), ("after", ROOT / "src")):
            work = Path(tmp) / f"work-{label}"
            work.mkdir()
            done = subprocess.run(
                [sys.executable, __file__, "--measure", "--data", str(args.data), "--work",
                 str(work)], capture_output=True, text=True, check=True,
                env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
            line = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")][-1]
            results[label] = json.loads(line[7:])
            assert results[label]["stemmen"].startswith(str(src)), results[label]["stemmen"]
    print(f"| operation (middle scale, SQLite) | before ({args.before}) | after | after/before |")
    print("|---|---|---|---|")
    for key, value in results["before"].items():
        if key == "stemmen":
            continue
        new = results["after"][key]
        print(f"| {key} | {value:.3f} | {new:.3f} | {new / value:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
