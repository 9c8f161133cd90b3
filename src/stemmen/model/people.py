"""Participants as persons across a study: their turns in a transcript (by speaker label),
the codes of their own turns, and what changed for a person seen in two waves.

A turn starts on a line "Label: text"; lines without a label continue the turn before them.
A coding belongs to a person when it overlaps one of their turns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

LABEL = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s")


def speaker_turns(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of every turn of ``text`` (offsets in code points); text before
    the first label belongs to no one and is left out."""
    turns: list[tuple[str, int, int]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        match = LABEL.match(line)
        if match:
            turns.append((match.group(1), position, end))
        elif turns and line.strip():
            label, start, _ = turns[-1]
            turns[-1] = (label, start, end)
        position = end + 1
    return turns


def turns_of(text: str, label: str) -> list[tuple[int, int]]:
    """The [start, end) ranges of the turns spoken under ``label`` (case and spaces aside)."""
    wanted = " ".join(label.split()).lower()
    return [(s, e) for lab, s, e in speaker_turns(text) if " ".join(lab.split()).lower()
            == wanted]


def codes_in(ranges: Sequence[tuple[int, int]],
             codings: Iterable[tuple[str, int, int]]) -> set[str]:
    """Codes of the codings (code, start, end) that overlap one of ``ranges``."""
    return {code for code, start, end in codings
            if any(start < r_end and r_start < end for r_start, r_end in ranges)}


@dataclass(frozen=True)
class PersonWave:
    """One person seen in two waves: the codes of their own turns in the first and the last,
    and what appeared, disappeared or stayed."""

    participant: str
    case: str | None
    role: str | None
    first: str
    last: str
    first_codes: tuple[str, ...]
    last_codes: tuple[str, ...]
    appeared: tuple[str, ...]
    disappeared: tuple[str, ...]
    kept: tuple[str, ...]
    documents: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"participant": self.participant, "case": self.case, "role": self.role,
                "first": self.first, "last": self.last, "first_codes": list(self.first_codes),
                "last_codes": list(self.last_codes), "appeared": list(self.appeared),
                "disappeared": list(self.disappeared), "kept": list(self.kept),
                "documents": list(self.documents)}


@dataclass(frozen=True)
class CodeShift:
    """One code summed over the people seen in two waves."""

    code: str
    appeared: int
    disappeared: int
    kept: int


@dataclass(frozen=True)
class PersonWaves:
    """Per person and summed: codes of people's own turns in their first and last wave."""

    attribute: str
    people: tuple[PersonWave, ...] = ()
    summed: tuple[CodeShift, ...] = field(default_factory=tuple)
    unlabelled: tuple[str, ...] = ()  # people seen twice but without a speaker label

    def as_dict(self) -> dict[str, Any]:
        return {"attribute": self.attribute, "people": [p.as_dict() for p in self.people],
                "summed": [{"code": s.code, "appeared": s.appeared,
                            "disappeared": s.disappeared, "kept": s.kept}
                           for s in self.summed],
                "unlabelled": list(self.unlabelled)}


def compare_waves(person: str, case: str | None, role: str | None,
                  by_wave: Mapping[str, set[str]], order: Mapping[str, int],
                  documents: Sequence[str] = ()) -> PersonWave:
    """The person's codes in their first and last wave (``by_wave``: wave → codes, in wave
    order); codes sorted by ``order`` (codebook order)."""
    waves = list(by_wave)
    first, last = by_wave[waves[0]], by_wave[waves[-1]]

    def ordered(names: set[str]) -> tuple[str, ...]:
        return tuple(sorted(names, key=lambda n: (order.get(n, len(order)), n)))

    return PersonWave(person, case, role, waves[0], waves[-1], ordered(first), ordered(last),
                      ordered(last - first), ordered(first - last), ordered(first & last),
                      tuple(documents))


def sum_shifts(people: Iterable[PersonWave], order: Mapping[str, int]) -> tuple[CodeShift, ...]:
    """How many people each code appeared for, disappeared for, or stayed with."""
    up: Counter[str] = Counter()
    down: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for p in people:
        up.update(p.appeared)
        down.update(p.disappeared)
        kept.update(p.kept)
    codes = sorted(set(up) | set(down) | set(kept), key=lambda n: (order.get(n, len(order)), n))
    return tuple(CodeShift(c, up[c], down[c], kept[c]) for c in codes)


def turn_bodies(text: str, label: str) -> list[tuple[int, int]]:
    """The [start, end) of what ``label`` says in each of their turns: the turn without its
    "Label: " prefix (for replacing their words and keeping who spoke)."""
    found = []
    for start, end in turns_of(text, label):
        match = LABEL.match(text[start:end])
        body = start + (match.end() if match else 0)
        if body < end:
            found.append((body, end))
    return found
