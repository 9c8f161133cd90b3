"""Tables of query results ⇄ bytes: CSV (UTF-8 with BOM, for spreadsheets) and XLSX.

A :class:`Table` is what a face shows: a title, the column headers and the rows. The CSV and
XLSX files hold exactly those rows, headers first; values are text, numbers or None (an
empty cell); dates are written in ISO form.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

FIXED_DATE = dt.datetime(2000, 1, 1)  # workbook metadata: the same rows give the same bytes


@dataclass(frozen=True)
class Table:
    """One table of a query result: ``name`` names its file or sheet."""

    name: str
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "headers": self.headers,
                "rows": [[cell_value(v) for v in row] for row in self.rows]}


def cell_value(value: Any) -> Any:
    """A value as a cell holds it: None, a number, or text (dates in ISO form)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _text(value: Any) -> str:
    value = cell_value(value)
    return "" if value is None else str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV: headers, then the rows (UTF-8 with a BOM so Excel reads accents)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([_text(v) for v in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (31 characters, no []:*?/\\), unique in ``taken``."""
    base = _SHEET_UNSAFE.sub("_", name)[:28] or "table"
    chosen, n = base, 1
    while chosen.lower() in taken:
        n += 1
        chosen = f"{base}_{n}"
    taken.add(chosen.lower())
    return chosen


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """The tables as one workbook, a sheet each: headers in bold, then the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.properties.created = book.properties.modified = FIXED_DATE
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables or [Table("table", "", [])]:
        sheet = book.create_sheet(sheet_name(table.name, taken))
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([cell_value(v) for v in row])
        sheet.freeze_panes = "A2"
        for i, header in enumerate(table.headers, 1):
            width = max([len(str(header))] + [len(_text(r[i - 1])) for r in table.rows[:500]
                                              if i - 1 < len(r)])
            sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = min(
                max(8, width + 2), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
