"""How much text coded spans cover: characters and words in the union of some spans.

Overlapping spans count once (two codings of the same stretch cover it once). A *word* is a
run of letters, digits, apostrophes and hyphens with at least one letter or digit ("OCMW's",
"late-instapper", "15"); a word is covered when any of its characters is. Offsets are code
points, as everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[\w'’-]*\w[\w'’-]*")
_RUN = re.compile(r"[\w'’-]*")  # word characters from an offset on


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "_'’-"


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


def words(spans: Iterable[tuple[int, int]], text: str) -> int:
    """Words of ``text`` with at least one character covered by a span, each counted once.

    A covered stretch is widened to the words it touches (word characters reach the span's
    ends), so the words are counted by the regular expression engine, not one by one."""
    covered, counted_to = 0, 0
    for start, end in merged(spans):
        first, last = start, end
        floor = max(counted_to, start - 200)  # words are far shorter than 200 characters
        if _in_word(text[start]):  # the span starts inside a word: from its beginning on
            while first > floor and _in_word(text[first - 1]):
                first -= 1
        if _in_word(text[end - 1]):  # it ends inside a word: on to the word's end
            last = _RUN.match(text, end).end()  # type: ignore[union-attr]
        first = max(first, counted_to)
        if last > first:
            covered += len(WORD.findall(text, first, last))
            counted_to = last
    return covered
