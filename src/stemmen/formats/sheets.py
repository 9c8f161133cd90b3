"""Tables from .csv/.tsv and .xlsx files, and the metadata sheet of a folder import.

CSV: the encoding is detected as for transcripts (:mod:`stemmen.formats.encodings`); the
delimiter is the one of comma, semicolon and tab that occurs most often in the header line
(outside quotes), comma on a tie; a first line ``sep=;`` (Excel's hint) names it, and .tsv
files always use tabs. XLSX: the first worksheet, cached values (not formulas);
numbers without a fraction are written without ".0", dates as ``yyyy-mm-dd`` (with
``Thh:mm:ss`` only when there is a time), booleans as ``true``/``false``.

In both, the first non-empty row is the header, headers are stripped and must be unique,
empty rows are skipped, every value is a stripped NFC string ('' when empty) and every row
remembers its line (CSV) or row number (XLSX) for error messages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from stemmen.errors import FormatError, Invalid
from stemmen.formats.encodings import decode_text
from stemmen.formats.safety import check_size, not_valid, open_zip
from stemmen.model.documents import AttributeDef, AttributeType, infer_type

TABLE_EXTENSIONS = (".csv", ".tsv", ".xlsx")
_EXCEL_SEP = re.compile(r"^\s*sep=.\s*$")


@dataclass
class Table:
    """Rows of a sheet as dicts keyed by header, with the line each row came from."""

    headers: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


def read_table(name: str, data: bytes) -> list[dict[str, str]]:
    """The rows of a .csv, .tsv or .xlsx file as dicts keyed by the header row."""
    return load_table(name, data).rows


def load_table(name: str, data: bytes) -> Table:
    """Like :func:`read_table`, but with the headers and the line number of every row."""
    ext = PurePath(name).suffix.lower()
    if ext in {".xls", ".ods"}:
        raise FormatError(name, f"is a {ext} spreadsheet; save it as .xlsx or .csv")
    if ext not in TABLE_EXTENSIONS:
        raise FormatError(name, f"is not a table; use one of {', '.join(TABLE_EXTENSIONS)}")
    check_size(name, data)
    grid = _xlsx_grid(name, data) if ext == ".xlsx" else _csv_grid(name, data)
    return _to_table(name, grid)


def _csv_grid(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    text, _ = decode_text(name, data)
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = sniff_delimiter(header)
    sep_hint = bool(_EXCEL_SEP.match(header))  # Excel's "sep=;" line names the delimiter
    if sep_hint:
        delimiter = header.lstrip()[4]
    elif name.lower().endswith(".tsv"):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid = []
    start = 1
    try:
        for row in reader:
            if sep_hint and any(cell.strip() for cell in row):
                sep_hint = False
            else:
                grid.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FormatError(name, f"is not a valid CSV file ({exc})", start) from exc
    return grid


def sniff_delimiter(header: str) -> str:
    """The most frequent of , ; and tab outside double quotes; comma on a tie."""
    outside = "".join(part for i, part in enumerate(header.split('"')) if i % 2 == 0)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts.values())
    return next(d for d, n in counts.items() if n == best) if best else ","


def _xlsx_grid(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # imported late: openpyxl is slow to import

    open_zip(name, data, ".xlsx", "an Excel workbook").close()
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise not_valid(name, data, ".xlsx", "an Excel workbook") from exc
    try:
        sheet = book.worksheets[0]
        return [
            (number, [cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()


def cell_text(value: Any) -> str:
    """A spreadsheet value as the string a CSV of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_table(name: str, grid: list[tuple[int, list[str]]]) -> Table:
    grid = [(line, [_clean(v) for v in row]) for line, row in grid]
    grid = [(line, row) for line, row in grid if any(row)]
    if not grid:
        raise FormatError(name, "contains no rows")
    header_line, raw_headers = grid[0]
    while raw_headers and not raw_headers[-1]:
        raw_headers.pop()
    headers: list[str] = []
    for column, header in enumerate(raw_headers, start=1):
        if not header:
            raise FormatError(name, f"column {column} has no header", header_line)
        if header in headers:
            raise FormatError(name, f"has the column {header!r} twice", header_line)
        headers.append(header)
    rows, lines = [], []
    for line, row in grid[1:]:
        if any(row[len(headers) :]):
            raise FormatError(name, f"has more values than the {len(headers)} columns", line)
        rows.append({h: (row[i] if i < len(row) else "") for i, h in enumerate(headers)})
        lines.append(line)
    return Table(headers, rows, lines)


def _clean(value: str) -> str:
    if value.isascii():  # most cells: nothing to normalise, no byte order mark
        return value.strip()
    return unicodedata.normalize("NFC", value.replace("\ufeff", "")).strip()


# --- metadata sheet --------------------------------------------------------------------

FILE_COLUMNS = ("file", "filename", "document")
CASE_COLUMNS = ("case",)
PARTICIPANT_COLUMNS = ("pseudonyms", "pseudonym")
_PARTICIPANT_SPLIT = re.compile(r"\s*[;,]\s*")


@dataclass
class MetadataRow:
    """One file of a folder import: its case, typed attribute values and participants.

    ``raw`` keeps every attribute's text as written (a project that already defines the
    attribute with another type reads it again); ``problems`` are this row's value errors.
    """

    file: str
    case: str | None
    attributes: dict[str, Any]
    line: int
    raw: dict[str, str] = field(default_factory=dict)
    participants: list[str] = field(default_factory=list)
    problems: list[FormatError] = field(default_factory=list)


@dataclass
class MetadataSheet:
    """A metadata sheet: attribute definitions, rows keyed by file name, and row errors."""

    attributes: list[AttributeDef]
    rows: dict[str, MetadataRow]
    errors: list[FormatError] = field(default_factory=list)

    def case_of(self, file: str) -> str | None:
        row = self.rows.get(file)
        return row.case if row else None

    def sheet_errors(self) -> list[FormatError]:
        """The errors that belong to no kept row (rows without a file, files named twice)."""
        kept = {id(p) for row in self.rows.values() for p in row.problems}
        return [e for e in self.errors if id(e) not in kept]


def read_metadata_sheet(name: str, data: bytes) -> MetadataSheet:
    """Read a sheet with columns ``file``, ``case``, ``pseudonyms`` and one per attribute.

    An attribute header may declare its type after a colon: ``wave:number``,
    ``date:date``, ``type:choice``, ``consent:boolean``, ``notes:text``. Without one the type is
    inferred from the values. A choice attribute's choices are its distinct values in order.
    ``pseudonyms`` names the document's participants, separated by ``;`` or ``,`` (a column
    ``participants`` stays an attribute: the demo counts people in it).
    A file named twice or a row without a file name is recorded in ``errors`` (with its line)
    and skipped; a value that does not fit its type is recorded and left out of its row. The
    rest of the sheet is still read.
    """
    table = load_table(name, data)
    lowered = {h.lower(): h for h in table.headers}
    file_col = next((lowered[c] for c in FILE_COLUMNS if c in lowered), None)
    if file_col is None:
        raise FormatError(name, "has no 'file' column naming the transcript of each row", 1)
    case_col = next((lowered[c] for c in CASE_COLUMNS if c in lowered), None)
    people_col = next((lowered[c] for c in PARTICIPANT_COLUMNS if c in lowered), None)
    columns = [h for h in table.headers if h not in {file_col, case_col, people_col}]
    defs = {h: _attribute_def(h, [row[h] for row in table.rows]) for h in columns}
    sheet = MetadataSheet(attributes=list(defs.values()), rows={})
    for row, line in zip(table.rows, table.lines, strict=True):
        file = row[file_col]
        if not file:
            sheet.errors.append(FormatError(name, "this row has no file name", line))
            continue
        if file in sheet.rows:
            first = sheet.rows[file].line
            reason = f"{file!r} is named twice (first on line {first})"
            sheet.errors.append(FormatError(name, reason, line))
            continue
        case = row[case_col] if case_col else ""
        people = row[people_col] if people_col else ""
        entry = MetadataRow(file=file, case=case or None, attributes={}, line=line,
                            raw={attr.name: row[h] for h, attr in defs.items()},
                            participants=list(dict.fromkeys(
                                p for p in _PARTICIPANT_SPLIT.split(people) if p)))
        for header, attr in defs.items():
            try:
                value = attr.parse(row[header])
            except Invalid as exc:
                problem = FormatError(name, exc.message, line)
                sheet.errors.append(problem)
                entry.problems.append(problem)
                continue
            if value is not None:
                entry.attributes[attr.name] = value
        sheet.rows[file] = entry
    return sheet


def _attribute_def(header: str, values: list[str]) -> AttributeDef:
    attr_name, _, declared = header.rpartition(":")
    kinds = {t.value: t for t in AttributeType}
    if attr_name.strip() and declared.strip().lower() in kinds:
        kind = kinds[declared.strip().lower()]
        attr_name = attr_name.strip()
    else:
        attr_name, kind = header, infer_type(values)
    choices: tuple[str, ...] = ()
    if kind is AttributeType.CHOICE:
        choices = tuple(dict.fromkeys(v for v in values if v))
    return AttributeDef(name=attr_name, type=kind, choices=choices)
