"""How much text coded spans cover: characters and words in the union of some spans.

Overlapping spans count once (two codings of the same stretch cover it once). A *word* is a
run of letters or digits, with inner apostrophes and hyphens ("OCMW's", "late-instapper"); a
word is covered when any of its characters is. Offsets are code points, as everywhere.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True)
class Words:
    """The words of one text as two sorted lists of their start and end offsets."""

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, text: str) -> Words:
        starts, ends = [], []
        for match in WORD.finditer(text):
            starts.append(match.start())
            ends.append(match.end())
        return cls(starts, ends)


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of half-open spans as sorted, disjoint spans."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def characters(spans: Iterable[tuple[int, int]]) -> int:
    """Characters covered by at least one span."""
    return sum(end - start for start, end in merged(spans))


def words(spans: Iterable[tuple[int, int]], text_words: Words) -> int:
    """Words with at least one character covered by a span (each word counted once)."""
    covered, last = 0, 0  # `last`: words before this index are already counted
    for start, end in merged(spans):
        first = bisect_right(text_words.ends, start)  # first word ending after start
        stop = bisect_left(text_words.starts, end)  # words starting before end
        first = max(first, last)
        if stop > first:
            covered += stop - first
            last = stop
    return covered
