"""Code suggestions on the AMIF-42 demo: training time and peak memory, suggestions per
second, and the trust report (per code kappa, how many codes pass the threshold).

    python bench/bench_suggest.py [--coder an] [--json]

Builds the demo in a temporary folder, trains on the coder's codings (5-fold cross-validation
grouped by document, then the final model), then lists the suggestions of every document for
a person who coded nothing (so every paragraph is scored).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import stemmen


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--coder", default="an")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-suggest-"))
    subprocess.run([sys.executable, "-m", "stemmen", "demo", str(folder)], check=True,
                   capture_output=True)
    path = next(folder.glob("*.stemmen"))
    with stemmen.open_project(path, actor="bench-reader") as p:
        rss_before = _peak_rss_mb()
        started = time.perf_counter()
        report = p.suggestions.train(args.coder)
        train_seconds = time.perf_counter() - started
        rss_after_training = _peak_rss_mb()
        documents = [d.name for d in p.documents.list()]
        started = time.perf_counter()
        found = [s for d in documents for s in p.suggestions.list(d)]
        list_seconds = time.perf_counter() - started
        paragraphs = report.units
    kappas = {c.code: c.kappa for c in report.codes}
    result = {
        "documents": report.documents, "paragraphs": paragraphs, "codes": len(report.codes),
        "train_seconds": round(train_seconds, 2),
        "peak_rss_mb_before_training": round(rss_before, 1),
        "peak_rss_mb_after_training": round(rss_after_training, 1),
        "suggest_paragraphs_per_second": round(paragraphs / list_seconds, 1),
        "suggestions": len(found),
        "codes_passing": sum(c.enabled for c in report.codes),
        "threshold": report.threshold, "pooled": report.pooled, "kappa_per_code": kappas,
        "disabled": {c.code: c.reason_text() for c in report.codes if not c.enabled},
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
