"""Benchmark: agreement on 100,000 paragraph units x 40 codes x 2 coders.

    .venv/bin/python bench/bench_agreement.py [--units 100000] [--codes 40] [--seed 0]

Builds synthetic codings (not timed), then times what a reliability report does: the presence
array from units and coding tuples, every coefficient per code, pooled and on code sets, the
list of disagreements and the code-confusion table. Target: under 5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from stemmen.model.text import Unit
from stemmen.stats import (
    character_presence,
    code_agreement,
    code_confusion,
    list_disagreements,
    unit_presence,
)


def synthetic(n_units: int, n_codes: int, seed: int, per_document: int = 2000):
    """Paragraph units per document and codings of two coders who mostly agree."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(50, 400, n_units)
    units: dict[str, list[Unit]] = {}
    codings: list[tuple[str, int, int, str, str]] = []
    codes = [f"C{k:02d}" for k in range(n_codes)]
    for d, first in enumerate(range(0, n_units, per_document)):
        name = f"doc{d:03d}"
        size = lengths[first : first + per_document]
        starts = np.concatenate([[0], np.cumsum(size + 1)[:-1]])
        ends = starts + size
        pairs = zip(starts.tolist(), ends.tolist(), strict=True)
        units[name] = [Unit(i + 1, s, e) for i, (s, e) in enumerate(pairs)]
        chosen = np.nonzero(rng.random(size.size) < 0.35)[0]
        for i in chosen.tolist():
            last = min(i + int(rng.integers(0, 3)), size.size - 1)
            for code in rng.choice(n_codes, size=int(rng.integers(1, 3)), replace=False).tolist():
                start, end = int(starts[i]), int(ends[last])
                codings.append((name, start, end, codes[code], "an"))
                luck = rng.random()
                if luck < 0.85:
                    codings.append((name, start, end, codes[code], "bert"))
                elif luck < 0.90:
                    codings.append((name, start, int(ends[i]) - 5, codes[code], "bert"))
                elif luck < 0.97:
                    other = codes[int(rng.integers(n_codes))]
                    codings.append((name, start, end, other, "bert"))
        for i in np.nonzero(rng.random(size.size) < 0.03)[0].tolist():
            code = codes[int(rng.integers(n_codes))]
            codings.append((name, int(starts[i]), int(ends[i]), code, "bert"))
    return units, codings, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--codes", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    units, codings, codes = synthetic(args.units, args.codes, args.seed)
    print(f"{args.units} units, {len(codes)} codes, 2 coders, {len(codings)} codings")
    steps: list[tuple[str, float]] = []
    began = time.perf_counter()

    def lap(label: str, since: float) -> float:
        now = time.perf_counter()
        steps.append((label, now - since))
        return now

    t = time.perf_counter()
    presence = unit_presence(units, codings, codes=codes)
    t = lap("presence array (units x codes x coders)", t)
    report = code_agreement(presence)
    t = lap("all coefficients: per code, pooled, code sets", t)
    disagreements = list_disagreements(presence)
    t = lap(f"list of disagreements ({len(disagreements)})", t)
    code_confusion(presence)
    t = lap("code confusion table", t)
    total = time.perf_counter() - began
    lengths = {name: us[-1].end for name, us in units.items()}
    t = time.perf_counter()
    characters = code_agreement(character_presence(codings, lengths, codes=codes))
    char_time = time.perf_counter() - t
    for label, seconds in steps:
        print(f"  {seconds:7.3f} s  {label}")
    print(f"  {total:7.3f} s  TOTAL (target < 5 s)")
    print(f"  {char_time:7.3f} s  (extra) character units: {characters['n_units']} characters")
    pooled = report["pooled"]
    print(
        f"pooled kappa {pooled['cohen_kappa']:.3f}, alpha {pooled['krippendorff_alpha']:.3f}; "
        f"units whose code sets differ: {report['n_disagreements']}"
    )


if __name__ == "__main__":
    main()
