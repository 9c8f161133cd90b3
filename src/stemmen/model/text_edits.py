"""Edits of a text, and where a span of the old text lands in the new one.

A change of a document's text is a list of :class:`Edit` replacements on the *old* text
(offsets in code points, sorted, not overlapping). :func:`edits_from_diff` finds them between
two versions; a caller that knows what it replaced (pseudonymisation: names -> labels) builds
them itself. :func:`map_span` says where a coded span goes:

- ``kept``: no edit touches its inside; it moved and covers exactly the same characters;
- ``flagged``: characters inside it changed; it keeps its place (widened to cover the new
  text that replaced its edges) and waits for a coder's review;
- ``detached``: every character it covered was deleted or replaced; it is placed where its
  text was (on the replacing text, else on one character beside the cut) and listed.

``widen=True`` is for explicit replacements that do not change meaning (a name replaced by
its label): a span that starts or ends inside a replaced region, or holds one, is widened to
cover the whole replacement and stays ``kept`` (``widened`` tells it happened).

Edits never cut a character from the marks that attach to it (combining accents, emoji
modifiers and variation selectors, zero-width joiner sequences): :func:`edits_from_diff`
grows an edit to whole clusters, so a kept span never gains or loses an accent at its ends.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

State = Literal["kept", "flagged", "detached"]
KEPT: State = "kept"
FLAGGED: State = "flagged"
DETACHED: State = "detached"

_ZWJ = "\u200d"
_WORDS = re.compile(r"\S+\s*|\s+")
_CHARACTER_BLOCK = 200  # above this many code points a side, diff words before characters


@dataclass(frozen=True)
class Edit:
    """Replace ``old[start:end]`` with ``text`` (start == end: an insertion; text "": a cut)."""

    start: int
    end: int
    text: str = ""

    @property
    def delta(self) -> int:
        """How much longer the text is after this edit."""
        return len(self.text) - (self.end - self.start)


@dataclass(frozen=True)
class MappedSpan:
    """Where a span of the old text is in the new text, and what happened to its words."""

    start: int
    end: int
    state: State
    widened: bool = False


def apply_edits(old: str, edits: Sequence[Edit]) -> str:
    """The new text: ``old`` with every edit applied (edits as :func:`check_edits` wants)."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(old[pos:edit.start])
        parts.append(edit.text)
        pos = edit.end
    parts.append(old[pos:])
    return "".join(parts)


def check_edits(edits: Iterable[Edit], length: int) -> list[Edit]:
    """Edits sorted by place, without empty ones; ValueError when one is outside
    ``[0, length]`` or two overlap (two insertions at one place: give them as one)."""
    ordered = sorted((e for e in edits if e.start < e.end or e.text),
                     key=lambda e: (e.start, e.end))
    for i, edit in enumerate(ordered):
        if not 0 <= edit.start <= edit.end <= length:
            raise ValueError(f"edit {edit.start}-{edit.end} is outside the text (0-{length})")
        if i:
            before = ordered[i - 1]
            if edit.start < before.end or (edit.start == edit.end == before.start == before.end):
                raise ValueError(f"edit {edit.start}-{edit.end} overlaps the edit before it")
    return ordered


def _attaches(ch: str) -> bool:
    """Whether ``ch`` belongs to the character before it (a mark, not a character)."""
    if ch == _ZWJ or "\ufe00" <= ch <= "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff":
        return True
    if "\U000e0020" <= ch <= "\U000e007f":  # emoji tag sequences
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _boundary(text: str, pos: int) -> bool:
    """Whether a cut at ``pos`` falls between two characters with their marks."""
    if 0 < pos < len(text):
        return not _attaches(text[pos]) and text[pos - 1] != _ZWJ
    return True


def _blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int, int]]:
    """The non-equal (i1, i2, j1, j2) blocks of a diff of two token lists."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _tokens(text: str, level: int) -> list[str]:
    if level == 0:
        return text.splitlines(keepends=True)
    if level == 1:
        return _WORDS.findall(text)
    return list(text)


def _diff(old: str, new: str, level: int, at_old: int, at_new: int,
          out: list[tuple[int, int, int, int]]) -> None:
    """Changed (old start, old end, new start, new end) regions, coarse tokens first."""
    if level == 1 and max(len(old), len(new)) <= _CHARACTER_BLOCK:
        level = 2  # a small block: characters straight away
    a, b = _tokens(old, level), _tokens(new, level)
    offsets_a = _offsets(a)
    offsets_b = _offsets(b)
    for i1, i2, j1, j2 in _blocks(a, b):
        s, e = offsets_a[i1], offsets_a[i2]
        ns, ne = offsets_b[j1], offsets_b[j2]
        if level < 2 and s < e and ns < ne:
            _diff(old[s:e], new[ns:ne], level + 1, at_old + s, at_new + ns, out)
        else:
            out.append((at_old + s, at_old + e, at_new + ns, at_new + ne))


def _offsets(tokens: list[str]) -> list[int]:
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets


def edits_from_diff(old: str, new: str) -> list[Edit]:
    """The edits that turn ``old`` into ``new``: a diff of lines, then of words and characters
    inside changed lines (fast on long transcripts), each edit grown to whole characters with
    their marks. ``apply_edits(old, edits_from_diff(old, new)) == new``."""
    if old == new:
        return []
    # the lines both share at the ends are never part of an edit (cheap; helps the matcher)
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    # ... but only whole lines of it: a shared "." at the end of two different lines must not
    # tie them together before the lines are compared
    head = old.rfind("\n", 0, head) + 1
    cut = len(old) - tail
    if cut and old[cut - 1] != "\n":
        line_end = old.find("\n", cut)
        tail = 0 if line_end == -1 else len(old) - line_end - 1
    regions: list[tuple[int, int, int, int]] = []
    _diff(old[head:len(old) - tail], new[head:len(new) - tail], 0, head, head, regions)
    grown: list[list[int]] = []
    for s, e, ns, ne in regions:
        while s > 0 and ns > 0 and not (_boundary(old, s) and _boundary(new, ns)):
            s, ns = s - 1, ns - 1
        while e < len(old) and ne < len(new) and not (_boundary(old, e) and _boundary(new, ne)):
            e, ne = e + 1, ne + 1
        if grown and s <= grown[-1][1]:  # grown into the one before: one edit
            grown[-1][1], grown[-1][3] = e, ne
        else:
            grown.append([s, e, ns, ne])
    return [Edit(s, e, new[ns:ne]) for s, e, ns, ne in grown]


class EditMap:
    """Sorted edits with their running shifts, to map many spans quickly."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = list(edits)
        self._starts = [e.start for e in self.edits]
        self._ends = [e.end for e in self.edits]
        shift = 0
        self._before: list[int] = []  # the shift of everything before edit i
        for edit in self.edits:
            self._before.append(shift)
            shift += edit.delta
        self._total = shift

    def _shift_before(self, i: int) -> int:
        return self._before[i] if i < len(self.edits) else self._total

    def position(self, pos: int) -> int:
        """Where a position outside every replaced region goes (an insertion at ``pos``
        pushes it right)."""
        i = bisect_right(self._starts, pos)
        return pos + self._shift_before(i)

    def span(self, start: int, end: int, widen: bool = False) -> MappedSpan:
        """Where ``[start, end)`` goes (see :func:`map_span`)."""
        # the edits touching the inside: they end after start and begin before end (an
        # insertion exactly at start or at end is outside the span)
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        if first >= last:
            shift = self._shift_before(first)
            return MappedSpan(start + shift, end + shift, KEPT)
        head, tail = self.edits[first], self.edits[last - 1]
        head_at = head.start + self._before[first]  # where the head's replacement begins
        tail_at = tail.start + self._before[last - 1]
        new_start = head_at if head.start <= start else start + self._before[first]
        if tail.end >= end:
            new_end = tail_at + len(tail.text)
        else:
            new_end = end + self._before[last - 1] + tail.delta
        if widen:
            return _placed(new_start, new_end, KEPT, True)
        covered = sum(min(e.end, end) - max(e.start, start) for e in self.edits[first:last])
        return _placed(new_start, new_end, DETACHED if covered >= end - start else FLAGGED)


def _placed(start: int, end: int, state: State, widened: bool = False) -> MappedSpan:
    return MappedSpan(start, max(start, end), state, widened)


def map_span(edits: Sequence[Edit], start: int, end: int, widen: bool = False) -> MappedSpan:
    """Where ``[start, end)`` of the old text is in the new text (see the module's words).

    A detached span whose words were cut without replacement comes back empty
    (``start == end``, the place of the cut); :func:`place_span` gives it a character.
    """
    return EditMap(edits).span(start, end, widen)


def map_spans(edits: Sequence[Edit], spans: Iterable[tuple[int, int]],
              widen: bool = False) -> list[MappedSpan]:
    """:func:`map_span` for many spans over one list of edits (each in log time)."""
    mapper = EditMap(edits)
    return [mapper.span(s, e, widen) for s, e in spans]


def place_span(mapped: MappedSpan, length: int) -> tuple[int, int]:
    """A non-empty span inside a text of ``length`` code points for a mapped span: an empty
    (detached) one gets the character after its place, or the one before at the very end."""
    start, end = min(mapped.start, length), min(mapped.end, length)
    if start < end:
        return start, end
    if start < length:
        return start, start + 1
    return max(0, length - 1), length


@dataclass(frozen=True)
class TextVersion:
    """One text a document has had: its number (from 1), who wrote it, when and why."""

    number: int
    length: int
    author: str
    created_at: dt.datetime | None
    reason: str
    kind: str  # import, edit, restore, or what a caller names (pseudonymise)
    current: bool = False


@dataclass(frozen=True)
class Anchor:
    """A coding or a memo on a span of a document, with its review state if an edit changed
    its words (``state`` flagged/detached, ``made_on`` the version of those words)."""

    kind: Literal["coding", "memo"]
    id: int
    start: int
    end: int
    state: str | None = None
    made_on: int | None = None
    since: int | None = None
    old_start: int | None = None
    old_end: int | None = None
    quote: str | None = None
