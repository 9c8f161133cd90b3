"""How much text coded spans cover: characters and words in the union of some spans.

Overlapping spans count once (two codings of the same stretch cover it once). A *word* is a
run of letters, digits, apostrophes and hyphens with at least one letter or digit ("OCMW's",
"late-instapper", "15"); a word is covered when any of its characters is. Offsets are code
points, as everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from stemmen.stats.arrays import Ints

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



@dataclass(frozen=True)
class UnitIndex:
    """The units (sorted, disjoint ``(start, end)`` spans, e.g. paragraphs) of many documents
    laid end to end (each document ``length + 1`` long), to find with NumPy, for many spans
    at once, the units each span touches."""

    documents: Ints  # document ids, ascending
    base: Ints  # where each document starts, end to end
    offsets: Ints  # the first unit of each document (and the count of all at the end)
    starts: Ints
    ends: Ints

    @classmethod
    def build(cls, units: Mapping[int, Sequence[tuple[int, int]]],
              lengths: Mapping[int, int]) -> UnitIndex:
        docs = sorted(units)
        base = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum([lengths[d] + 1 for d in docs], out=base[1:])
        offsets = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum([len(units[d]) for d in docs], out=offsets[1:])
        flat = np.array([(s, e) for d in docs for s, e in units[d]],
                        dtype=np.int64).reshape(-1, 2)
        shift = np.repeat(base[:-1], np.diff(offsets))
        return cls(np.array(docs, dtype=np.int64), base, offsets, flat[:, 0] + shift,
                   flat[:, 1] + shift)

    def touched(self, rows: Ints) -> dict[int, dict[int, int]]:
        """Per document id and group id: how many of the document's units share a code point
        with at least one of the group's spans; ``rows`` holds ``(document id, group id,
        start, end)`` (documents not in the index are left out). Every unit counts once."""
        rows = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
        doc_ix = np.searchsorted(self.documents, rows[:, 0])
        known = doc_ix < len(self.documents)
        known[known] = self.documents[doc_ix[known]] == rows[known, 0]
        rows, doc_ix = rows[known], doc_ix[known]
        first = np.searchsorted(self.ends, self.base[doc_ix] + rows[:, 2], side="right")
        last = np.searchsorted(self.starts, self.base[doc_ix] + rows[:, 3], side="left") - 1
        valid = first <= last
        n = len(self.starts)
        found: dict[int, dict[int, int]] = {}
        for group in np.unique(rows[valid, 1]).tolist():
            mine = valid & (rows[:, 1] == group)
            depth = np.cumsum(np.bincount(first[mine], minlength=n + 1)
                              - np.bincount(last[mine] + 1, minlength=n + 1))[:n]
            covered = np.concatenate(([0], np.cumsum(depth > 0)))
            per_doc = covered[self.offsets[1:]] - covered[self.offsets[:-1]]
            for i in np.unique(doc_ix[mine]).tolist():
                found.setdefault(int(self.documents[i]), {})[group] = int(per_doc[i])
        return found
