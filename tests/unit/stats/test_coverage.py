"""Coded words and characters: the union of spans, checked against a count character by
character on random texts and spans (words cut by spans, gaps inside words)."""

from __future__ import annotations

import random

from stemmen.stats.coverage import WORD, characters, merged, words

PIECES = ["de", "tolk", "OCMW's", "late-instapper", "ça", "15", "🙂", " ", ", ", ".\n", "-", "'"]


def brute(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    covered = {i for s, e in spans for i in range(s, e)}
    found = sum(1 for w in WORD.finditer(text) if covered & set(range(w.start(), w.end())))
    return len(covered), found


def test_union_of_spans_matches_a_brute_force_count() -> None:
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        spans = []
        for _ in range(rng.randint(0, 6)):
            a = rng.randrange(len(text))
            spans.append((a, rng.randint(a, len(text))))
        assert (characters(spans), words(spans, text)) == brute(text, spans), (text, spans)


def test_merged_spans_are_sorted_and_disjoint() -> None:
    assert merged([(5, 9), (0, 3), (2, 4), (9, 10), (7, 7)]) == [(0, 4), (5, 10)]
    assert words([(0, 2), (3, 5)], "OCMW's") == 1  # a gap inside one word
    assert words([(0, 3)], "de tolk") == 1 and words([(0, 4)], "de tolk") == 2
