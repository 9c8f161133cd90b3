"""The written report (the researchers' outline) against the generic report on the demo, and
the bilingual slides: `stemmen report` as a user runs it (a new process each time), median of
several runs.

    python bench/bench_report_outline.py --runs 3

The demo is built once in a temporary folder (it holds the study's outline: 50 sections,
93 referenced quotes). Rows: ``outline`` (default when a project has an outline), ``generic``
(``--generic``, the report before issue 21), and ``pptx nl,fr``.
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


def run(project: Path, out: Path, *args: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system; steadier on a shared machine) of one run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stemmen", "report", str(project), "-o", str(out),
                    *args], check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = work / "amif42-demo.stemmen"
        subprocess.run([sys.executable, "-m", "stemmen", "demo", str(work)], check=True,
                       stdout=subprocess.DEVNULL,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        rows = []
        for fmt in ("md", "docx", "pdf"):
            for label, extra in (("outline", []), ("generic", ["--generic"])):
                times = [run(project, work / f"r.{fmt}", "--lang", "nl", *extra)
                         for _ in range(args.runs)]
                rows.append((f"{fmt} {label}", times))
        times = [run(project, work / "s.pptx", "--lang", "nl,fr") for _ in range(args.runs)]
        rows.append(("pptx nl,fr", times))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| report | wall s (median) | CPU s (median) |")
    print("|---|---:|---:|")
    for label, found in rows:
        print(f"| {label} | {statistics.median(w for w, _ in found):.2f} "
              f"| {statistics.median(c for _, c in found):.2f} |")


if __name__ == "__main__":
    main()
