"""Paragraphs as units of suggestion, each with the codes one coder gave it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stemmen.model.text import paragraph_spans


@dataclass(frozen=True)
class TextUnit:
    """One paragraph: [start, end) of a document, in code points, with its text."""

    document: str
    start: int
    end: int
    text: str


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
