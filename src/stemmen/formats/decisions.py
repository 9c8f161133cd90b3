"""Reconciliation decisions as a table: ``document,unit,code,choice`` (CSV, TSV or XLSX).

One row per disagreement: the unit is the unit's number in its document (paragraph 6), the
code the disputed code, the choice ``a``, ``b``, ``both`` or ``neither``. An empty code
decides every disputed code of that unit at once. The CLI reads a file with this module and
the web page sends the same rows as JSON; both end in ``project.reliability.reconcile``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from stemmen.errors import FormatError
from stemmen.formats.sheets import load_table

CHOICES: tuple[str, ...] = ("a", "b", "both", "neither")
COLUMNS: tuple[str, ...] = ("document", "unit", "code", "choice")


@dataclass(frozen=True)
class Decision:
    """The reviewer's choice for one disagreement (or, with code "", for a whole unit)."""

    document: str
    unit: int
    code: str
    choice: str

    @property
    def key(self) -> tuple[str, int, str]:
        return self.document, self.unit, self.code


def read_decisions(name: str, data: bytes) -> list[Decision]:
    """The decisions of a table file; a bad row raises :class:`FormatError` with its line."""
    table = load_table(name, data)
    headers = {h.strip().lower() for h in table.headers}
    missing = [c for c in COLUMNS if c not in headers and c != "code"]
    if missing:
        raise FormatError(name, "needs the columns document, unit, code and choice; "
                                f"missing {', '.join(missing)}")
    found = []
    for row, line in zip(table.rows, table.lines, strict=True):
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(cells.values()):
            continue
        found.append(_decision(cells, name, line))
    return found


def _decision(cells: dict[str, str], name: str, line: int) -> Decision:
    choice = cells.get("choice", "").lower()
    if choice == "2":  # the page's key for "both"
        choice = "both"
    if choice not in CHOICES:
        raise FormatError(name, f"choice {choice!r} is not a, b, both or neither", line)
    if not cells.get("document"):
        raise FormatError(name, "a row has no document", line)
    try:
        unit = int(cells.get("unit", ""))
    except ValueError:
        raise FormatError(name, f"unit {cells.get('unit')!r} is not a whole number",
                          line) from None
    return Decision(cells["document"], unit, cells.get("code", ""), choice)


def write_decisions(decisions: Iterable[Decision]) -> bytes:
    """The decisions as CSV (UTF-8 with BOM, so spreadsheet programs read the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows((d.document, d.unit, d.code, d.choice) for d in decisions)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
