"""Text normalisation, paragraph and sentence units, snippets. Offsets are Unicode code points."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+")


@dataclass(frozen=True)
class Unit:
    """A stretch of text used as a unit of coding or agreement: [start, end) in code points."""

    index: int
    start: int
    end: int


def normalise_text(text: str) -> str:
    """NFC, LF line endings, no BOM, no trailing whitespace on lines, no blank runs at the ends."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def paragraphs(text: str) -> list[Unit]:
    """Paragraph units: every non-blank line, numbered from 1 (as NVivo and the study count)."""
    units: list[Unit] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            lead = len(line) - len(line.lstrip())
            units.append(Unit(len(units) + 1, pos + lead, end))
        pos = end + 1
    return units


_PARAGRAPH = re.compile(r"^[^\S\n]*(\S[^\n]*)", re.MULTILINE)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each unit :func:`paragraphs` gives, found with one regular expression
    (no Unit per line: for long texts and many documents)."""
    return [m.span(1) for m in _PARAGRAPH.finditer(text)]


def sentences(text: str) -> list[Unit]:
    """Sentence units inside paragraphs: split after . ! ? … followed by whitespace."""
    units: list[Unit] = []
    for para in paragraphs(text):
        body = text[para.start : para.end]
        start = 0
        for match in _SENTENCE_END.finditer(body):
            units.append(Unit(len(units) + 1, para.start + start, para.start + match.start()))
            start = match.end()
        if start < len(body):
            units.append(Unit(len(units) + 1, para.start + start, para.end))
    return units


def paragraph_span(text: str, first: int, last: int | None = None) -> tuple[int, int]:
    """Start and end offsets covering paragraphs ``first``..``last`` (1-based, inclusive)."""
    units = paragraphs(text)
    last = first if last is None else last
    if not units or first < 1 or last < first or last > len(units):
        raise IndexError(f"paragraphs {first}-{last} outside 1-{len(units)}")
    return units[first - 1].start, units[last - 1].end


def units_touching(units: list[Unit], start: int, end: int) -> list[Unit]:
    """Units that share at least one code point with [start, end)."""
    return [u for u in units if u.start < end and start < u.end]


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """The span with ``width`` code points of context on each side, on one line."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    core = text[left:right].replace("\n", " ")
    return ("…" if left else "") + core + ("…" if right < len(text) else "")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each unit :func:`sentences` gives."""
    return [(u.start, u.end) for u in sentences(text)]


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    lower = base.lower() if base else ch.lower()
    if len(lower) == 1:
        return lower
    return ch.lower() if len(ch.lower()) == 1 else ch


def fold(text: str) -> str:
    """``text`` lower-cased and without accents, code point for code point (the result has the
    same length, so offsets found in it hold in ``text``): "Réunion" -> "reunion"."""
    table = {ord(c): f for c in set(text) if (f := _fold_char(c)) != c}
    return text.translate(table) if table else text


_WORD = re.compile(r"\w+")
_QUERY_PART = re.compile(r'"([^"]*)"(\*?)|(\S+)')


@dataclass(frozen=True)
class QueryPart:
    """One part of a text search: a word or a phrase (folded words in a row); ``prefix``: the
    last word may go on (``interv*``)."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(query: str) -> list[QueryPart]:
    """The parts of a search: ``"..."`` is a phrase, a trailing ``*`` a prefix, and every part
    must be found (in the same paragraph). Words are folded (:func:`fold`); what is not a
    letter or digit separates words."""
    parts: list[QueryPart] = []
    for match in _QUERY_PART.finditer(query):
        phrase, star, bare = match.groups()
        raw = phrase if phrase is not None else bare
        prefix = bool(star) if phrase is not None else bare.endswith("*")
        words = tuple(_WORD.findall(fold(raw)))
        if not words:
            continue
        parts.append(QueryPart(words, prefix))  # "l'école", "zelf-reflectie": a phrase
    return parts


def match_spans(text: str, parts: list[QueryPart]) -> list[tuple[int, int]]:
    """Where the parts of a search occur in ``text`` (whole words, accents and case ignored),
    in order, as [start, end) code points of ``text``."""
    folded = fold(text)
    found: list[tuple[int, int]] = []
    for part in parts:
        words = [re.escape(w) for w in part.words]
        pattern = r"(?<!\w)" + r"\W+".join(words) + (r"\w*" if part.prefix else r"(?!\w)")
        found.extend(m.span() for m in re.finditer(pattern, folded))
    return sorted(set(found))
