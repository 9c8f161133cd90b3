"""Paragraphs (or speaker turns) as units of suggestion, each with the codes one coder gave
it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stemmen.model.media import Turn
from stemmen.model.text import paragraph_spans


@dataclass(frozen=True)
class TextUnit:
    """One paragraph or turn: [start, end) of a document, in code points, with its text."""

    document: str
    start: int
    end: int
    text: str
    speaker: str | None = None


def document_units(document: str, text: str) -> list[TextUnit]:
    """The paragraphs (non-blank lines) of one document as units."""
    return [TextUnit(document, start, end, text[start:end])
            for start, end in paragraph_spans(text)]


def labelled_units(texts: Mapping[str, str],
                   codings: Iterable[tuple[str, int, int, str]]
                   ) -> tuple[list[TextUnit], list[frozenset[str]]]:
    """Every paragraph of every document, and for each the codes whose codings overlap it.

    ``codings`` are (document, start, end, code) of one coder.
    """
    by_document: dict[str, list[tuple[int, int, str]]] = {}
    for document, start, end, code in codings:
        by_document.setdefault(document, []).append((start, end, code))
    units: list[TextUnit] = []
    labels: list[frozenset[str]] = []
    for document in sorted(texts):
        spans = by_document.get(document, [])
        for unit in document_units(document, texts[document]):
            units.append(unit)
            labels.append(frozenset(code for start, end, code in spans
                                    if start < unit.end and unit.start < end))
    return units, labels


def coded_spans(units: Iterable[TextUnit],
                spans: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (start, end) of the units that any of ``spans`` overlaps."""
    taken = list(spans)
    return {(u.start, u.end) for u in units
            if any(start < u.end and u.start < end for start, end in taken)}


def turn_units(document: str, text: str, turns: Sequence[Turn],
               speaker: str | None = None) -> list[TextUnit]:
    """A document's speaker turns as units: consecutive turns of the same speaker (the
    paragraphs a speaker label opens and those that follow it) make one unit; only
    ``speaker``'s turns when given (case-insensitive)."""
    merged: list[TextUnit] = []
    for turn in turns:
        if merged and merged[-1].speaker == turn.speaker and turn.speaker is not None:
            last = merged[-1]
            merged[-1] = TextUnit(document, last.start, turn.end, text[last.start:turn.end],
                                  turn.speaker)
        else:
            merged.append(TextUnit(document, turn.start, turn.end,
                                   text[turn.start:turn.end], turn.speaker))
    wanted = speaker.casefold() if speaker else None
    return [u for u in merged if u.text.strip()
            and (wanted is None or (u.speaker or "").casefold() == wanted)]


def label_units(units: Sequence[TextUnit],
                codings: Iterable[tuple[str, int, int, str]]) -> list[frozenset[str]]:
    """For each unit, the codes whose codings ((document, start, end, code) of one coder)
    overlap it."""
    by_document: dict[str, list[tuple[int, int, str]]] = {}
    for document, start, end, code in codings:
        by_document.setdefault(document, []).append((start, end, code))
    return [frozenset(code for start, end, code in by_document.get(u.document, [])
                      if start < u.end and u.start < end) for u in units]
