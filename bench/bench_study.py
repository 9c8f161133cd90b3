"""Time the study around the coding on the demo: the sampling plan's check, waves per person,
the codebook diff, the fieldwork overview, topic-guide coverage and a withdrawal's dry run.

    python bench/bench_study.py [ROUNDS]

Builds the demo once in a temporary folder and prints the median of ROUNDS (default 7) runs
of each, in milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import stemmen


def main(rounds: int = 7) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        stemmen.build_demo(Path(folder) / "demo.stemmen", Path(folder) / "files")
        print(f"demo build (all of it): {time.perf_counter() - started:.2f} s")
        with stemmen.open_project(Path(folder) / "demo.stemmen") as p:
            cases = {
                "query sampling (16 criteria, 8 targets)": p.sampling.check,
                "query waves --by person": p.people.waves,
                "codebook diff pilot definitief": lambda: p.codebook_versions.diff(
                    "pilot", "definitief"),
                "query fieldwork": p.fieldwork.overview,
                "guides coverage (31 interviews)": p.guides.coverage,
                "fieldwork withdraw --dry-run": lambda: p.fieldwork.withdraw(
                    "EG-LUI-01", dry_run=True),
            }
            for name, run in cases.items():
                times = []
                for _ in range(rounds):
                    start = time.perf_counter()
                    run()
                    times.append((time.perf_counter() - start) * 1000)
                print(f"{name}: {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
