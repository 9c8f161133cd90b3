"""Transcripts: .txt, .md, .docx, .odt, .rtf and .pdf bytes → normalised text.

The project's paragraph convention is that every non-blank line is one paragraph (usually a
speaker turn, "Name: text"). Every reader here therefore puts one paragraph on one line:

- **.txt** is taken as it is: each line is a paragraph, nothing is joined.
- **.md / .markdown** is turned into the text a reader of the rendered page sees: lines that
  markdown would join (soft wraps) are joined into one line; headings, list items, table rows
  and block quotes each become a line; the markup itself is removed (``#``, ``**``, ``_``,
  backticks, link targets, list bullets, table separator rows, rules, code fences). Numbered
  list items keep their number. One addition to markdown: a line that starts with a speaker
  label (``Name:`` or ``**Name:**``: at most four words, the first capitalised, before the
  colon) or a timestamp (``[00:12:03]``) always starts a new paragraph, so transcripts written
  one turn per line are not merged.
- **.docx, .odt, .rtf, .pdf**: see :mod:`stemmen.formats.office`.
- **.vtt, .srt**, and **.txt** files whose lines open with timestamps (``[00:01:23] Speaker 1:
  ...``): one paragraph per speaker turn, with each turn's speaker and times in
  :attr:`Transcript.turns`; see :mod:`stemmen.formats.subtitles`.

All text is then cleaned the same way: vertical tabs become line breaks, other control
characters and soft hyphens are removed, runs of blank lines become one blank line, and
:func:`stemmen.model.text.normalise_text` gives NFC and LF line endings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from stemmen.errors import FormatError
from stemmen.formats.encodings import decode_text
from stemmen.formats.office import Extracted, extract_docx, extract_odt, extract_pdf, extract_rtf
from stemmen.formats.safety import check_size
from stemmen.formats.subtitles import (
    SUBTITLE_EXTENSIONS,
    cues_to_text,
    looks_timed,
    read_subtitles,
    read_timed_lines,
)
from stemmen.model.media import Turn
from stemmen.model.text import normalise_text

TRANSCRIPT_EXTENSIONS = (".txt", ".md", ".markdown", ".docx", ".odt", ".rtf", ".pdf",
                         *SUBTITLE_EXTENSIONS)


@dataclass
class Transcript:
    """The text of one transcript file, ready to become a Document."""

    text: str
    format: str  # "txt", "md", "docx", "odt", "rtf" or "pdf"
    encoding: str | None = None  # for .txt, .md, .vtt and .srt only
    warnings: list[str] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)  # timed transcripts: one per paragraph


def read_transcript(name: str, data: bytes) -> Transcript:
    """Read a transcript file; the extension of ``name`` (any case) chooses the reader."""
    ext = PurePath(name).suffix.lower()
    if ext in {".doc", ".wpd", ".pages"}:
        raise FormatError(name, f"is a {ext} file; open it and save it as .docx, then import that")
    if ext not in TRANSCRIPT_EXTENSIONS:
        raise FormatError(
            name,
            f"has an extension ({ext or 'none'}) that Stemmen cannot read as a transcript; "
            "use one of " + ", ".join(TRANSCRIPT_EXTENSIONS),
        )
    check_size(name, data)
    fmt = "md" if ext == ".markdown" else ext[1:]
    encoding = None
    if fmt in {"vtt", "srt"} or (fmt == "txt" and looks_timed(decode_text(name, data)[0])):
        raw, encoding = decode_text(name, data)
        timed = read_subtitles(name, raw) if fmt != "txt" else cues_to_text(
            name, read_timed_lines(name, raw))
        return Transcript(text=timed.text, format=fmt, encoding=encoding,
                          warnings=timed.warnings, turns=timed.turns)
    if fmt in {"txt", "md"}:
        raw, encoding = decode_text(name, data)
        warnings = []
        if encoding == "cp1252":
            warnings.append("Not UTF-8: read as Windows-1252; check accented letters.")
        if fmt == "md":
            raw = markdown_to_text(raw)
    else:
        raw, warnings = _OFFICE_READERS[fmt](name, data)
    text = clean_text(raw)
    if not text.strip():
        raise FormatError(name, "contains no text")
    return Transcript(text=text, format=fmt, encoding=encoding, warnings=warnings)


_OFFICE_READERS: dict[str, Callable[[str, bytes], Extracted]] = {
    "docx": extract_docx,
    "odt": extract_odt,
    "rtf": extract_rtf,
    "pdf": extract_pdf,
}

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\ufeff\ufffe\uffff]")
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def clean_text(text: str) -> str:
    """Control characters out, one blank line at most between paragraphs, then normalise."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    text = _CONTROLS.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text.replace("\x0c", "\n"))
    return normalise_text(text)


# --- markdown --------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(.*)$")
_ORDERED = re.compile(r"^[ \t]*(\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_SPEAKER = re.compile(
    r"^(?:\*\*|__)?([^\s:*_][^\s:]*(?: [^\s:]+){0,3}?)(?:\*\*|__)?:(?:\*\*|__)?(?:\s|$)"
)
_TIMESTAMP = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s")
_TABLE_SEPARATOR = re.compile(r"^[\s|:-]+$")

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ESCAPED = re.compile("\ue000(\\d+)\ue001")
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image → alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link → its text
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"`([^`]+)`"), r"\1"),  # code span
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # emphasis
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
)


def markdown_to_text(source: str) -> str:
    """The text a reader of rendered markdown sees, one paragraph per line (see module notes)."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            out.append(strip_inline_markdown(" ".join(current)))
            current.clear()

    fence = None
    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if fence:
            if raw.lstrip().startswith(fence):
                fence = None
            else:
                out.append(raw)
            continue
        if match := _FENCE.match(raw):
            flush()
            fence = match.group(1)
            continue
        line = _QUOTE.sub("", raw)
        stripped = line.strip()
        if not stripped or _RULE.match(line):
            flush()
        elif match := _HEADING.match(line):
            flush()
            out.append(strip_inline_markdown(match.group(1) or ""))
        elif stripped.startswith("|"):
            flush()
            if not _TABLE_SEPARATOR.match(stripped):
                cells = [c.strip() for c in stripped.strip("|").split("|")]
                out.append(strip_inline_markdown(" | ".join(c for c in cells if c)))
        elif match := _BULLET.match(line):
            flush()
            current.append(match.group(1).strip())
        elif match := _ORDERED.match(line):
            flush()
            current.append(f"{match.group(1)} {match.group(2).strip()}")
        else:
            if is_speaker_line(stripped):
                flush()
            current.append(stripped.removesuffix("\\").strip())
        if line.endswith(("  ", "\\")) and current:
            flush()  # hard line break
    flush()
    return "\n".join(out)


def is_speaker_line(line: str) -> bool:
    """True if the line opens with a speaker label ("Name:", "**Name:**") or a timestamp."""
    if _TIMESTAMP.match(line):
        return True
    match = _SPEAKER.match(line)
    if not match or len(match.group(1)) > 40:
        return False
    first = match.group(1).lstrip("[")[:1]
    return first.isupper() or first.isdigit()


def strip_inline_markdown(text: str) -> str:
    """Remove inline markup (emphasis, code, links); backslash escapes become the character."""
    text = _ESCAPE.sub(lambda m: f"\ue000{ord(m.group(1))}\ue001", text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
