"""Report speed on the demo: `stemmen report` in each format, as a user runs it (a new process
each time), median of several runs.

    python bench/bench_reports.py                       # this work tree, 5 runs per format
    python bench/bench_reports.py --runs 7 --before 7920dfb^

``--before REV`` also times the reports of that commit's ``src/`` (checked out with ``git
worktree`` in a temporary folder and put first on ``PYTHONPATH``), interleaved with this tree's
runs so both see the same load. The demo is built once, with this tree, in a temporary folder.
Targets (issue 16): Markdown and HTML under 1 s, DOCX under 2 s, PDF under 4 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("md", "html", "docx", "pdf", "xlsx")
TARGETS = {"md": 1.0, "html": 1.0, "docx": 2.0, "pdf": 4.0}


def run_once(src: Path, project: Path, fmt: str, out: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one ``python -m stemmen report`` with
    ``src`` first on the path; on a shared machine the CPU time varies less."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stemmen", "report", str(project), "--format", fmt,
                    "-o", str(out / f"report.{fmt}")], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="a git revision to time as well")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = work / "amif42-demo.stemmen"
        subprocess.run([sys.executable, "-m", "stemmen", "demo", str(work)], check=True,
                       stdout=subprocess.DEVNULL, env={**os.environ,
                                                        "PYTHONPATH": str(ROOT / "src")})
        trees = {"after": ROOT / "src"}
        if args.before:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                            str(work / "before"), args.before], check=True)
            trees = {"before": work / "before" / "src", **trees}
        try:
            times: dict[tuple[str, str], list[tuple[float, float]]] = {}
            for fmt in formats:
                for _ in range(args.runs):
                    for name, src in trees.items():
                        times.setdefault((name, fmt), []).append(
                            run_once(src, project, fmt, work))
        finally:
            if args.before:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(work / "before")], check=True)
    print(f"stemmen report on the demo, median of {args.runs} runs: wall s (min-max) / cpu s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for fmt in formats:
        cells = []
        for name in trees:
            walls = [w for w, _ in times[(name, fmt)]]
            cpus = [c for _, c in times[(name, fmt)]]
            cells.append(f"{name} {statistics.median(walls):.2f} ({min(walls):.2f}-"
                         f"{max(walls):.2f}) / {statistics.median(cpus):.2f}")
        target = f"  target < {TARGETS[fmt]:.0f} s" if fmt in TARGETS else ""
        print(f"{fmt:5} " + "   ".join(cells) + target)


if __name__ == "__main__":
    main()
