"""Codings from a CSV (or XLSX) file: who applied which code where.

Columns (headers case-insensitive): ``document``, ``code``, ``coder``, and for the place either
``paragraph`` (a number, or a range such as ``3-5``; paragraphs are counted from 1 as in
:func:`stemmen.model.text.paragraphs`) or ``start`` and ``end`` (code point offsets, end
exclusive). A file may have both kinds of column; each row must fill exactly one kind.

Rows are checked one by one: every faulty row becomes a FormatError with its line, and the
good rows are still returned, so a researcher can fix all mistakes in one go. Whether the
document, code and paragraphs exist is for the project layer to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stemmen.errors import FormatError
from stemmen.formats.sheets import load_table

REQUIRED = ("document", "code", "coder")
_RANGE = re.compile(r"^(\d+)(?:\s*[-–—]\s*(\d+))?$")


@dataclass(frozen=True)
class CodingRow:
    """One row of a codings file: a paragraph range or a [start, end) span, never both."""

    document: str
    code: str
    coder: str
    paragraph_first: int | None
    paragraph_last: int | None
    start: int | None
    end: int | None
    line: int


def read_codings_csv(name: str, data: bytes) -> tuple[list[CodingRow], list[FormatError]]:
    """The valid rows and one FormatError per faulty row (with its line).

    A file that cannot be read at all, or lacks a required column, raises FormatError.
    """
    table = load_table(name, data)
    columns = {h.lower(): h for h in table.headers}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise FormatError(name, f"has no column {', '.join(repr(m) for m in missing)}", 1)
    has_paragraph = "paragraph" in columns
    has_span = "start" in columns and "end" in columns
    if not (has_paragraph or has_span):
        raise FormatError(name, "needs a 'paragraph' column or 'start' and 'end' columns", 1)
    rows: list[CodingRow] = []
    errors: list[FormatError] = []
    for row, line in zip(table.rows, table.lines, strict=True):
        value = {key: row[header] for key, header in columns.items()}
        try:
            rows.append(_coding_row(value, line))
        except ValueError as exc:
            errors.append(FormatError(name, str(exc), line))
    return rows, errors


def _coding_row(value: dict[str, str], line: int) -> CodingRow:
    empty = [c for c in REQUIRED if not value[c]]
    if empty:
        raise ValueError(f"{' and '.join(empty)} {'is' if len(empty) == 1 else 'are'} empty")
    paragraph = value.get("paragraph", "")
    start, end = value.get("start", ""), value.get("end", "")
    first = last = begin = stop = None
    if paragraph and (start or end):
        raise ValueError("give either a paragraph or start and end, not both")
    if paragraph:
        first, last = parse_paragraphs(paragraph)
    elif start or end:
        begin, stop = _offset(start, "start"), _offset(end, "end")
        if begin >= stop:
            raise ValueError(f"start ({begin}) must be smaller than end ({stop})")
    else:
        raise ValueError("gives no paragraph and no start and end")
    return CodingRow(
        value["document"], value["code"], value["coder"], first, last, begin, stop, line
    )


def parse_paragraphs(text: str) -> tuple[int, int]:
    """``"3"`` → (3, 3); ``"3-5"`` → (3, 5). Paragraphs count from 1."""
    match = _RANGE.match(text.strip())
    if not match:
        raise ValueError(f"paragraph {text!r} is not a number or a range such as 3-5")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 1:
        raise ValueError("paragraphs are counted from 1")
    if last < first:
        raise ValueError(f"paragraph range {text!r} ends before it starts")
    return first, last


def _offset(text: str, label: str) -> int:
    if not text:
        raise ValueError(f"{label} is empty")
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{label} {text!r} is not a whole number of 0 or more")
    return int(text)
