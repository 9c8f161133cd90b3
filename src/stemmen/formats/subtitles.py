"""Timed transcripts: WebVTT (.vtt), SubRip (.srt) and plain text with timestamps.

Every reader gives cues (start and end time, speaker when known, text), and
:func:`cues_to_text` makes them one paragraph per speaker turn:

- The speaker of a cue is its WebVTT voice tag (``<v Interviewer>``, also ``<v.loud Ann>``)
  or a ``Name:`` label at its start (at most four words, the first capitalised or a digit).
  Consecutive cues of the same speaker are merged into one turn (start of the first, end of
  the last). When a file names speakers, a cue without a speaker continues the turn before it
  (subtitle tools name the speaker on the first cue of a turn only); when it names none,
  every cue is its own paragraph.
- A paragraph is ``Speaker: text`` (or the text alone), so the project's usual speaker
  convention holds; the times are kept next to the text, never in it.
- WebVTT: a BOM, CRLF, the header block, ``NOTE``, ``STYLE`` and ``REGION`` blocks, cue
  identifiers, cue settings (``align:start``), tags (``<i>``, ``<c.x>``, ``<00:00:01.000>``)
  and character references are handled; hours are optional (``01:02.500``).
- SubRip: numeric cue ids, ``,`` or ``.`` before the milliseconds, coordinates after the
  timing, ``<i>``/``<font>`` tags and ``{\\an8}`` positioning codes.
- Plain text (.txt): see :func:`read_timed_lines`.

A file that breaks the format raises :class:`~stemmen.errors.FormatError` naming the file and
the line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from stemmen.errors import FormatError
from stemmen.model.media import Turn
from stemmen.model.text import paragraphs

SUBTITLE_EXTENSIONS = (".vtt", ".srt")

_TS = r"(?:(\d{1,3}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMESTAMP = re.compile(_TS)
_TIMING = re.compile(rf"^\s*({_TS})\s*-->\s*({_TS})(?:\s+(.*))?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_ASS = re.compile(r"\{\\[^}]*\}")
_LABEL = re.compile(r"^([^\s:\[\]()<>][^:\[\]()<>]{0,39}?)\s*:\s+(.*)$", re.DOTALL)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Cue:
    """One timed piece of text as the file gives it; ``line`` is where it starts (from 1)."""

    start_ms: int | None
    end_ms: int | None
    speaker: str | None
    text: str
    line: int = 0


@dataclass
class TimedText:
    """The text of a timed transcript (one paragraph per turn) and its turns."""

    text: str
    turns: list[Turn]
    warnings: list[str] = field(default_factory=list)


# --- times and labels ----------------------------------------------------------------------

def parse_timestamp(value: str) -> int | None:
    """Milliseconds of ``[h:]mm:ss[.mmm]`` (``,`` also before the milliseconds), or None."""
    match = _TIMESTAMP.fullmatch(value.strip())
    if not match:
        return None
    return _ms(match.groups())


def _ms(groups: tuple[str | None, ...]) -> int | None:
    hours, minutes, seconds, fraction = groups[:4]
    h, m, s = int(hours or 0), int(minutes or 0), int(seconds or 0)
    if s > 59 or (hours is not None and m > 59):
        return None
    millis = int((fraction or "0").ljust(3, "0"))
    return ((h * 60 + m) * 60 + s) * 1000 + millis


def is_speaker_name(text: str) -> bool:
    """A short label that can be a speaker: at most four words, the first capitalised or a
    digit, no sentence punctuation."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > 4 or len(text) > 40 or re.search(r"[.!?,;\"]", text):
        return False
    return words[0][0].isupper() or words[0][0].isdigit()


def split_label(text: str) -> tuple[str | None, str]:
    """``("Ann", "hello")`` for ``"Ann: hello"``; ``(None, text)`` when there is no label."""
    match = _LABEL.match(text)
    if match and is_speaker_name(match.group(1)):
        return match.group(1).strip(), match.group(2).strip()
    return None, text


def _clean(text: str) -> str:
    return _SPACES.sub(" ", html.unescape(_ASS.sub("", _TAG.sub("", text)))).strip()


# --- WebVTT and SubRip -----------------------------------------------------------------

def _blocks(source: str) -> list[tuple[int, list[str]]]:
    """Blocks of non-blank lines with the number of their first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(source.split("\n"), 1):
        if line.strip():
            if not current:
                first = number
            current.append(line.rstrip())
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _timing(name: str, line: str, number: int) -> tuple[int, int]:
    match = _TIMING.match(line)
    if not match:
        raise FormatError(name, "has a cue timing that cannot be read (expected "
                          "'00:00:01.000 --> 00:00:04.000')", line=number)
    start, end = _ms(match.groups()[1:5]), _ms(match.groups()[6:10])
    if start is None or end is None:
        raise FormatError(name, "has a time with more than 59 minutes or seconds",
                          line=number)
    if end < start:
        raise FormatError(name, "has a cue that ends before it starts", line=number)
    return start, end


def _normalise_source(data: str) -> str:
    return data.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_vtt(name: str, source: str) -> list[Cue]:
    """The cues of a WebVTT file (see module notes)."""
    source = _normalise_source(source)
    first_line = source.split("\n", 1)[0]
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", first_line):
        raise FormatError(name, "is not a WebVTT file: its first line must be 'WEBVTT'", line=1)
    cues: list[Cue] = []
    for index, (number, lines) in enumerate(_blocks(source)):
        if index == 0 and lines[0].startswith("WEBVTT"):
            continue  # the header block (WEBVTT, Kind:, Language:)
        if re.match(r"^(NOTE|STYLE|REGION)(\s|$)", lines[0]):
            continue
        at = 0 if "-->" in lines[0] else 1
        if at >= len(lines) or "-->" not in lines[at]:
            raise FormatError(name, "has a block without a cue timing (expected "
                              "'00:00:01.000 --> 00:00:04.000')", line=number)
        start, end = _timing(name, lines[at], number + at)
        raw = " ".join(lines[at + 1:])
        voice = _VOICE.search(raw)
        speaker = _clean(voice.group(1)) if voice else None
        text = _clean(raw)
        if not speaker:
            speaker, text = split_label(text)
        if text:
            cues.append(Cue(start, end, speaker or None, text, number))
    return cues


def parse_srt(name: str, source: str) -> list[Cue]:
    """The cues of a SubRip file (see module notes)."""
    source = _normalise_source(source)
    cues: list[Cue] = []
    for number, lines in _blocks(source):
        at = 0 if "-->" in lines[0] else 1
        if at == 1 and not lines[0].strip().isdigit():
            raise FormatError(name, "has a block that does not start with a cue number and a "
                              "timing ('1', then '00:00:01,000 --> 00:00:04,000')", line=number)
        if at >= len(lines) or "-->" not in lines[at]:
            raise FormatError(name, "has a cue number without a timing on the next line",
                              line=number + 1)
        start, end = _timing(name, lines[at], number + at)
        speaker, text = split_label(_clean(" ".join(lines[at + 1:])))
        if text:
            cues.append(Cue(start, end, speaker, text, number))
    return cues


# --- plain text with timestamps --------------------------------------------------------

_BRACKETED = rf"[\[(]\s*{_TS}\s*[\])]"
# "[00:01:23] Speaker 1: text", "00:01:23 Interviewer", "(01:23) text", "00:01:23 - text"
_TIME_FIRST = re.compile(rf"^\s*(?:{_BRACKETED}|{_TS})(?:\s*-)?(?:\s+(.*))?$")
# "Speaker 1 (00:01:23): text", "Speaker 1 [01:23] text"
_NAME_FIRST = re.compile(rf"^\s*([^\s\[(:][^\[(:]{{0,39}}?)\s*{_BRACKETED}\s*:?(?:\s+(.*))?$")
# "Speaker 1  0:15" (Otter): a name, then a time alone at the end of the line
_NAME_THEN_TIME = re.compile(rf"^\s*([^\s\[(:][^\[(:]{{0,39}}?)\s+{_TS}\s*$")


@dataclass
class _Open:
    """A turn of a plain-text transcript while its lines are read."""

    ms: int | None
    speaker: str | None
    texts: list[str]
    line: int
    alone: bool = False


@dataclass(frozen=True)
class _Header:
    ms: int | None
    speaker: str | None
    text: str
    alone: bool  # a time, then only a name: the text should follow on the next lines


def _header(line: str) -> _Header | None:
    """A line that opens a timed turn, or None."""
    if match := _TIME_FIRST.match(line):
        groups = match.groups()
        ms = _ms(groups[0:4]) if groups[1] is not None else _ms(groups[4:8])
        rest = (groups[8] or "").strip()
        speaker, text = split_label(rest)
        if speaker is None and is_speaker_name(rest) and not rest.isdigit():
            return _Header(ms, rest, "", True)
        return _Header(ms, speaker, text, False)
    for pattern in (_NAME_FIRST, _NAME_THEN_TIME):
        if (match := pattern.match(line)) and is_speaker_name(match.group(1)):
            groups = match.groups()
            text = (groups[5] or "").strip() if len(groups) > 5 else ""
            return _Header(_ms(groups[1:5]), match.group(1).strip(), text, False)
    return None


def looks_timed(source: str) -> bool:
    """True when a plain text is a timed transcript: at least two lines open a timed turn
    and they are at least a quarter of the non-blank lines."""
    lines = [line for line in _normalise_source(source).split("\n") if line.strip()]
    headers = sum(1 for line in lines if _header(line))
    return headers >= 2 and headers * 4 >= len(lines)


def read_timed_lines(name: str, source: str) -> list[Cue]:
    """The turns of a plain-text transcript with timestamps, as cues.

    A turn opens with a line such as ``[00:01:23] Speaker 1: text``, ``[01:23] text``,
    ``00:01:23 Interviewer`` (a name alone: the text follows on the next lines, as Word's
    transcription exports), ``Speaker 1 (00:01:23): text`` or ``Speaker 1  0:15`` (Otter).
    Lines without a time continue the turn (joined with a space); lines before the first
    time become paragraphs without a time. A turn ends where the next one starts.
    """
    cues: list[_Open] = []
    for number, line in enumerate(_normalise_source(source).split("\n"), 1):
        if not line.strip():
            continue
        header = _header(line)
        if header is None:
            if cues:
                cues[-1].texts.append(line.strip())
            else:
                cues.append(_Open(None, None, [line.strip()], number))
            continue
        if header.ms is None:
            raise FormatError(name, "has a time with more than 59 minutes or seconds",
                              line=number)
        cues.append(_Open(header.ms, header.speaker, [header.text] if header.text else [],
                          number, header.alone))
    out: list[Cue] = []
    for i, cue in enumerate(cues):
        if cue.alone and not cue.texts and cue.speaker:
            cue.texts, cue.speaker = [cue.speaker], None  # "[01:23] Okay": an answer, not a name
        following = [c.ms for c in cues[i + 1:] if c.ms is not None]
        end = following[0] if following and cue.ms is not None else None
        out.append(Cue(cue.ms, end, cue.speaker, " ".join(t for t in cue.texts if t),
                       cue.line))
    return [c for c in out if c.text or c.speaker]


# --- cues → paragraphs -----------------------------------------------------------------

def cues_to_text(name: str, cues: list[Cue]) -> TimedText:
    """One paragraph per turn, ``Speaker: text``, with each turn's span and times."""
    if not any(c.text for c in cues):
        raise FormatError(name, "contains no text")
    merged: list[Cue] = []
    for cue in cues:
        prev = merged[-1] if merged else None
        continues = prev is not None and prev.start_ms is not None and cue.start_ms is not None \
            and prev.speaker is not None and cue.speaker in (prev.speaker, None)
        if prev is not None and continues:
            text = f"{prev.text} {cue.text}".strip()
            merged[-1] = Cue(prev.start_ms, cue.end_ms, prev.speaker, text, prev.line)
        else:
            merged.append(cue)
    lines = [(f"{c.speaker}: {c.text}" if c.speaker else c.text).replace("\n", " ")
             for c in merged]
    from stemmen.formats.transcripts import clean_text

    text = clean_text("\n".join(lines))
    units = paragraphs(text)
    kept = [c for c, line in zip(merged, lines, strict=True) if line.strip()]
    if len(units) != len(kept):  # cannot happen: one non-blank line per cue
        raise FormatError(name, "could not be split into one paragraph per turn")
    turns = [Turn(u.start, u.end, c.speaker, c.start_ms, c.end_ms)
             for u, c in zip(units, kept, strict=True)]
    return TimedText(text, turns)


def read_subtitles(name: str, source: str) -> TimedText:
    """A .vtt or .srt file's text (already decoded) as paragraphs with timed turns."""
    lower = name.lower()
    cues = parse_vtt(name, source) if lower.endswith(".vtt") else parse_srt(name, source)
    if not cues:
        raise FormatError(name, "contains no cues")
    return cues_to_text(name, cues)
