"""What blind rounds and copies cost, on the demo study (31 documents, two coders).

    python bench/bench_rounds.py [--runs 5]

- retrieval of every segment as the owner and as a coder in an open round on the (up to 10)
  documents both coded (the coder's rows are filtered after the query);
- the document view of a round document, owner and coder;
- a coder's copy (.qdpx export --coder) and merging it back twice (the second adds nothing).
CPU-bound figures in process (time.perf_counter), medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import stemmen
from stemmen.demo import build_demo_study
from stemmen.model.access import Role, Viewer


def median_ms(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        p = stemmen.create_project(tmp / "demo.stemmen", actor="owner")
        p.exchange.load(build_demo_study())
        coders = p.codings.coders()[:2]
        docs = sorted({c.document for c in p.codings.list(coders=[coders[1]])})[:10]
        p.rounds.open("bench", docs, coders)
        coder = p.acting_as(Viewer(coders[0], Role.CODER))
        n_all, n_mine = len(p.segments.retrieve()), len(coder.segments.retrieve())
        rows = [
            ("retrieve every segment, owner", median_ms(p.segments.retrieve, runs)),
            ("retrieve every segment, coder in the round",
             median_ms(coder.segments.retrieve, runs)),
            ("document view, owner", median_ms(lambda: p.workspace.document_view(docs[0]),
                                               runs)),
            ("document view, coder in the round",
             median_ms(lambda: coder.workspace.document_view(docs[0]), runs)),
            ("codings.list, owner", median_ms(p.codings.list, runs)),
            ("codings.list, coder in the round", median_ms(coder.codings.list, runs)),
        ]
        copy = tmp / "copy.qdpx"
        rows.append(("export a copy for one coder (.qdpx)",
                     median_ms(lambda: p.exchange.export_qdpx(copy, coder=coders[0]), 1)))
        with stemmen.create_project(tmp / "copy.stemmen", actor=coders[0]) as mine:
            mine.exchange.import_qdpx(copy)
            for doc in docs:
                mine.codings.apply(doc, mine.codebook.codes()[0].name, coders[0], paragraph=1)
            mine.exchange.export_qdpx(tmp / "back.qdpx")
        start = time.perf_counter()
        first, _ = p.exchange.merge_copy(tmp / "back.qdpx")
        rows.append((f"merge the copy back ({first.added['codings']} codings added)",
                     (time.perf_counter() - start) * 1000))
        start = time.perf_counter()
        again, _ = p.exchange.merge_copy(tmp / "back.qdpx")
        rows.append((f"merge it again ({sum(again.added.values())} added)",
                     (time.perf_counter() - start) * 1000))
        p.close()
    print(f"demo: {n_all} segments, {n_mine} visible to {coders[0]} in the round")
    print("| what | ms |\n|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
