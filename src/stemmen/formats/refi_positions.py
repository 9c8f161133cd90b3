"""Text positions of REFI-QDA selections: how tools count, and conversion to Stemmen offsets.

Stemmen offsets are Unicode code points into the document text with LF line endings (the
text of the source file with its BOM removed and CRLF/CR turned into LF; nothing else changes).
The spec says selections count code points, but real tools differ (samples in tests/data):

* NVivo (Windows and Mac) counts UTF-16 code units (an emoji counts 2) and CRLF as 2.
* ATLAS.ti counts CRLF as 1 (QualCoder's importer); code points as far as known.
* QualCoder and Stemmen count code points; MAXQDA is taken to follow the spec.

A source's positions are read in each of four schemes (code points or UTF-16 units; CRLF as 2
or as 1). When the text makes them differ (it has emoji or CRLF), the scheme under which the
selections are cut most cleanly wins (on word boundaries, with no white space at their edges,
matching the selected text a tool stores in the selection's name; an edge that would fall
inside a CRLF or a surrogate pair rules the scheme out for that selection), one decision per
source; ties go to what the tool is known to do. Export writes code points
(optionally UTF-16 units, for NVivo) into LF text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from enum import StrEnum

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Scheme(StrEnum):
    """How a tool counts positions."""

    CODEPOINT = "code points, CRLF as 2"
    UTF16 = "UTF-16 code units, CRLF as 2"
    CODEPOINT_LF = "code points, CRLF as 1"
    UTF16_LF = "UTF-16 code units, CRLF as 1"


UTF16_MARK = "(positions in UTF-16 code units)"
PRIORS: dict[str, Scheme] = {
    "NVivo": Scheme.UTF16,
    "ATLAS.ti": Scheme.CODEPOINT_LF,
    "QualCoder": Scheme.CODEPOINT,
    "Stemmen": Scheme.CODEPOINT,
}


def decode_text(data: bytes) -> tuple[str, str]:
    """Raw text (BOM removed) of a source file and how it was decoded; raises UnicodeError."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 with BOM"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16"), "UTF-16"
    return data.decode("utf-8"), "UTF-8"


def to_lf(raw: str) -> str:
    """CRLF and lone CR as LF (a lone CR keeps its length, so only CRLF shifts offsets)."""
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def _astral_units(text: str) -> list[int]:
    """UTF-16 start offsets of the non-BMP characters of ``text``."""
    return [m.start() + k for k, m in enumerate(_ASTRAL.finditer(text))]


class TextIndex:
    """Maps offsets counted by some scheme in a source file to Stemmen offsets."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = to_lf(raw)
        self._crlf = [m.start() for m in re.finditer("\r\n", raw)]
        self._astral_raw = _astral_units(raw)
        self._astral_lf = _astral_units(self.text) if self._crlf else self._astral_raw

    @property
    def has_crlf(self) -> bool:
        return bool(self._crlf)

    @property
    def has_astral(self) -> bool:
        return bool(self._astral_raw)

    def schemes(self, prior: Scheme) -> list[Scheme]:
        """Distinct schemes for this text, ``prior`` first."""
        order = [prior] + [s for s in Scheme if s != prior]
        if not self.has_crlf:
            order = [_fold_crlf(s) for s in order]
        if not self.has_astral:
            order = [_fold_utf16(s) for s in order]
        return list(dict.fromkeys(order))

    def length(self, scheme: Scheme) -> int:
        """The text length counted in ``scheme``."""
        crlf2 = scheme in (Scheme.CODEPOINT, Scheme.UTF16)
        base, astral = (self.raw, self._astral_raw) if crlf2 else (self.text, self._astral_lf)
        return len(base) + (len(astral) if scheme in (Scheme.UTF16, Scheme.UTF16_LF) else 0)

    def convert(self, offset: int, scheme: Scheme, end: bool = False) -> int:
        """A position counted in ``scheme`` as a code point offset into ``self.text``."""
        crlf2 = scheme in (Scheme.CODEPOINT, Scheme.UTF16)
        if scheme in (Scheme.UTF16, Scheme.UTF16_LF):
            units = self._astral_raw if crlf2 else self._astral_lf
            before = bisect_left(units, offset)
            inside = before > 0 and units[before - 1] == offset - 1  # between two surrogates
            offset = offset - before + (1 if inside and end else 0)
        if crlf2:
            offset -= bisect_left(self._crlf, offset)
        return offset

    def splits(self, offset: int, scheme: Scheme) -> bool:
        """True when ``offset`` counted in ``scheme`` falls between the two halves of a CRLF
        (code points, CRLF as 2) or of a surrogate pair (UTF-16 schemes): no tool counting
        that way would put a selection edge there."""
        if scheme == Scheme.CODEPOINT:
            i = bisect_left(self._crlf, offset - 1)
            return i < len(self._crlf) and self._crlf[i] == offset - 1
        if scheme in (Scheme.UTF16, Scheme.UTF16_LF):
            units = self._astral_raw if scheme == Scheme.UTF16 else self._astral_lf
            i = bisect_left(units, offset - 1)
            return i < len(units) and units[i] == offset - 1
        return False


def _fold_crlf(scheme: Scheme) -> Scheme:
    return {Scheme.CODEPOINT_LF: Scheme.CODEPOINT, Scheme.UTF16_LF: Scheme.UTF16}.get(
        scheme, scheme
    )


def _fold_utf16(scheme: Scheme) -> Scheme:
    return {Scheme.UTF16: Scheme.CODEPOINT, Scheme.UTF16_LF: Scheme.CODEPOINT_LF}.get(
        scheme, scheme
    )


def at_boundary(text: str, i: int) -> bool:
    """True when offset ``i`` does not cut a word in two."""
    return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())


def _name_matches(text: str, start: int, end: int, name: str) -> bool:
    quoted = " ".join(name.rstrip("…").split())
    return len(quoted) >= 8 and " ".join(text[start:end].split()).startswith(quoted)


def _edges(text: str, a: int, b: int) -> int:
    """How cleanly [a, b) is cut: on word boundaries, and not starting or ending on white
    space (people select words and lines, not the blank before them): 0 to 4."""
    clean_start = a < len(text) and not text[a].isspace()
    clean_end = b > 0 and not text[b - 1].isspace()
    return at_boundary(text, a) + at_boundary(text, b) + clean_start + clean_end


def score(index: TextIndex, scheme: Scheme, spans: list[tuple[int, int, str]]) -> int:
    """How well ``scheme`` fits: clean starts and ends (word boundaries, no white space at
    either edge), stored texts, spans in range. A selection that cuts a surrogate pair or a
    CRLF in two under the scheme counts against it (its tool could not have made it)."""
    total, length = 0, index.length(scheme)
    for start, end, name in spans:
        if not 0 <= start < end <= length:
            total -= 5
            continue
        a, b = index.convert(start, scheme), index.convert(end, scheme, end=True)
        if a >= b or index.splits(start, scheme) or index.splits(end, scheme):
            total -= 5
            continue
        total += _edges(index.text, a, b)
        if name and _name_matches(index.text, a, b, name):
            total += 5
    return total


def prior_for(tool: str, origin: str) -> Scheme:
    """What a tool is known to do; Stemmen marks its UTF-16 exports in ``origin``."""
    if tool == "Stemmen" and UTF16_MARK in origin:
        return Scheme.UTF16
    return PRIORS.get(tool, Scheme.CODEPOINT)


def choose(index: TextIndex, spans: list[tuple[int, int, str]],
           prior: Scheme) -> tuple[Scheme, str]:
    """The scheme for one source and a sentence explaining the choice ('' when moot)."""
    candidates = index.schemes(prior)
    if len(candidates) == 1 or not spans:
        return candidates[0], ""
    scores = {s: score(index, s, spans) for s in candidates}
    best = max(candidates, key=lambda s: scores[s])  # max keeps the first (prior) on ties
    fits = sum(
        at_boundary(index.text, index.convert(a, best)) for a, b, _ in spans
        if 0 <= a < b <= index.length(best)
    )
    others = "; ".join(f"{s.value}: score {scores[s]}" for s in candidates if s != best)
    return best, (
        f"positions read as {best.value}: {fits} of {len(spans)} selections start on a word "
        f"boundary (score {scores[best]}; {others})"
    )


def to_units(text: str, offsets: list[int]) -> list[int]:
    """Code point offsets into ``text`` as UTF-16 code units (for NVivo)."""
    starts = [m.start() for m in _ASTRAL.finditer(text)]
    return [o + bisect_left(starts, o) for o in offsets]
