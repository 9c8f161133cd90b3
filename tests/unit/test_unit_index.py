"""stats.coverage.UnitIndex: units touched per document and group, against brute force."""

from __future__ import annotations

import random

import numpy as np

from stemmen.model.text import paragraph_spans
from stemmen.stats.coverage import UnitIndex


def _text(rng: random.Random) -> str:
    lines = [rng.choice(["", "  ", "a b", "woord", "  lang woord hier", "x"])
             for _ in range(rng.randint(0, 12))]
    return "\n".join(lines)


def _brute(units: list[tuple[int, int]], spans: list[tuple[int, int]]) -> int:
    return sum(any(s < e2 and s2 < e for s2, e2 in spans) for s, e in units)


def test_touched_matches_brute_force_on_random_texts() -> None:
    rng = random.Random(7)
    for _ in range(200):
        texts = {doc_id: _text(rng) for doc_id in rng.sample(range(1, 40), rng.randint(1, 6))}
        units = {i: paragraph_spans(t) for i, t in texts.items()}
        rows = []
        for i, text in texts.items():
            for _ in range(rng.randint(0, 8)):
                start = rng.randint(0, max(len(text) - 1, 0))
                rows.append((i, rng.randint(1, 3), start, rng.randint(start + 1, len(text) + 1)))
        rows.append((999, 1, 0, 3))  # a document the index does not hold is left out
        index = UnitIndex.build(units, {i: len(t) for i, t in texts.items()})
        found = index.touched(np.array(rows, dtype=np.int64))
        expected: dict[int, dict[int, int]] = {}
        for i in texts:
            for group in {g for d, g, _, _ in rows if d == i}:
                n = _brute(units[i], [(s, e) for d, g, s, e in rows if d == i and g == group])
                if n:
                    expected.setdefault(i, {})[group] = n
        assert found == expected


def test_no_spans_and_no_units() -> None:
    index = UnitIndex.build({1: [], 2: [(0, 4)]}, {1: 0, 2: 4})
    assert index.touched(np.zeros((0, 4), dtype=np.int64)) == {}
    assert index.touched(np.array([(1, 1, 0, 1), (2, 5, 3, 9)])) == {2: {5: 1}}
