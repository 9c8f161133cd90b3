"""Timed speaker turns of a transcript and the audio or video file linked to a document."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from stemmen.model.text import Unit


@dataclass(frozen=True)
class Turn:
    """One speaker turn: the paragraph [start, end) in code points of the document's text,
    who speaks (None when the file does not say) and when, in milliseconds of the media."""

    start: int
    end: int
    speaker: str | None = None
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass(frozen=True)
class MediaLink:
    """The audio or video file of a document: ``path`` is an absolute path when the file is
    referenced where it is, or the file name inside the project's media folder when copied."""

    document: str
    path: str
    copied: bool
    mime_type: str
    size: int


def format_ms(ms: int | None) -> str:
    """``1:02:03.450``-style clock time (hours only when needed; no milliseconds when 0)."""
    if ms is None:
        return ""
    seconds, millis = divmod(max(ms, 0), 1000)
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    clock = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    return f"{clock}.{millis:03d}" if millis else clock


_LABEL = re.compile(r"([^\s:.!?][^:\n.!?]{0,38}):\s")


def label_turns(text: str, units: list[Unit]) -> list[Turn]:
    """Turns of an untimed transcript: paragraphs that open with a speaker label ("Ann: ...").
    A label counts when it opens at least two paragraphs, or, in a transcript with such
    labels, when it looks like a name (at most three words, each capitalised or a number:
    "Deelnemer 2" speaking once), so "Ik zei: ja" is not a speaker. A paragraph without a
    label continues the turn before it; paragraphs before the first label have no speaker."""
    found = []
    for u in units:
        match = _LABEL.match(text, u.start, u.end)
        found.append(match.group(1).strip() if match else None)
    seen = Counter(f for f in found if f)
    labelled = any(n >= 2 for n in seen.values())
    turns: list[Turn] = []
    current: str | None = None
    for u, label in zip(units, found, strict=True):
        if label and (seen[label] >= 2 or (labelled and _name_like(label))):
            current = label
        turns.append(Turn(u.start, u.end, current))
    return turns


def turn_at(turns: list[Turn], position: int) -> Turn | None:
    """The turn a position falls in: the turn holding it, else the next one (a position on
    the line break between two paragraphs belongs to the second)."""
    i = bisect_right([t.end for t in turns], position)
    return turns[i] if i < len(turns) else None


def _name_like(label: str) -> bool:
    words = label.split()
    return 0 < len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() for w in words)
