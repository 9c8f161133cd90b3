"""``stemmen query ...``: matrices, co-occurrence, waves, profiles, annexes, sampling check.

Every listing prints a table, or JSON with ``--json``, and can be saved with ``--csv FILE``
and ``--xlsx FILE``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

app = typer.Typer(help="Analysis queries: matrices, co-occurrence, waves, profiles, annexes, "
                  "sampling check.", no_args_is_help=True)

CsvOpt = typer.Option(None, "--csv", help="Also save the table as CSV.", metavar="FILE")
XlsxOpt = typer.Option(None, "--xlsx", help="Also save the table as XLSX.", metavar="FILE")
CoderFilter = typer.Option([], "--coder", help="Only codings by this coder, repeatable.")
CaseFilter = typer.Option([], "--case", help="Only this case, repeatable.")
RowsOpt = typer.Option("code", "--rows", help="code or category.")
ColumnsOpt = typer.Option("case", "--columns", help="case, document or an attribute name.")
CountOpt = typer.Option("segments", "--count", help="segments, documents or participants.")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="query")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else value


def save_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
               csv_path: Path | None, xlsx_path: Path | None) -> None:
    """Write a table to CSV and/or XLSX (first row: headers)."""
    if csv_path:
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows([[_cell(v) for v in row] for row in rows])
    if xlsx_path:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(list(headers))
        for row in rows:
            sheet.append([_cell(v) for v in row])
        book.save(xlsx_path)


def show(headers: list[str], rows: list[list[Any]], data: Any, as_json: bool,
         csv_path: Path | None, xlsx_path: Path | None, title: str = "") -> None:
    save_table(headers, rows, csv_path, xlsx_path)
    if as_json:
        print_json(data)
    else:
        print_table(headers, [[_cell(v) for v in row] for row in rows], title)


def _matrix_rows(m: Any, percent: str | None) -> list[list[Any]]:
    values = {"row": m.row_percent(), "column": m.column_percent()}.get(percent or "", m.cells)
    return [[name, *row, m.row_totals[i]] for i, (name, row) in enumerate(zip(m.rows, values,
                                                                              strict=True))]


@app.command("matrix")
def matrix(project: str = ProjectArg, rows: str = RowsOpt, columns: str = ColumnsOpt,
           count: str = CountOpt, coder: list[str] = CoderFilter, case: list[str] = CaseFilter,
           percent: str = typer.Option(None, "--percent", help="Show row or column percentages."),
           as_json: bool = JsonOpt, csv_path: Path = CsvOpt, xlsx_path: Path = XlsxOpt) -> None:
    """Codes or categories x cases or an attribute, counting segments, documents or people."""
    if percent not in (None, "row", "column"):
        raise typer.BadParameter("--percent is row or column")
    with open_project(project) as p:
        m = p.queries.matrix(rows, columns, count, coder or None, case or None)
    show([rows, *m.columns, "total"], _matrix_rows(m, percent), m.as_dict(), as_json, csv_path,
         xlsx_path, _("{count} per {rows} and {columns}", count=count, rows=rows,
                      columns=columns))


@app.command("cell")
def cell(project: str = ProjectArg, row: str = typer.Argument(..., help="Code or category."),
         column: str = typer.Argument(..., help="Case, document or attribute value."),
         rows: str = RowsOpt, columns: str = ColumnsOpt, coder: list[str] = CoderFilter,
         as_json: bool = JsonOpt) -> None:
    """The segments behind one cell of the matrix, as attributed quotes."""
    with open_project(project) as p:
        segments = p.queries.segments(row, column, rows, columns, coder or None)
    if as_json:
        print_json([s.as_dict() for s in segments])
        return
    for s in segments:
        console.print(f"[dim]#{s.coding_id} {s.code} · {s.document} ¶{s.paragraphs[0]}[/dim]",
                      highlight=False)
        console.print(f"{s.text} {s.attribution}", markup=False, highlight=False)
    console.print(_("{n} segment(s).", n=len(segments)))


@app.command("cooccurrence")
def cooccurrence(project: str = ProjectArg,
                 unit: str = typer.Option("paragraph", help="paragraph or overlap."),
                 code: list[str] = typer.Option([], "--code", help="Code, repeatable."),
                 coder: list[str] = CoderFilter, case: list[str] = CaseFilter,
                 as_json: bool = JsonOpt, csv_path: Path = CsvOpt,
                 xlsx_path: Path = XlsxOpt) -> None:
    """Codes x codes: paragraphs coded with both, or overlapping spans."""
    with open_project(project) as p:
        m = p.queries.cooccurrence(unit, code or None, coder or None, case or None)
    show(["code", *m.columns], [[r, *row] for r, row in zip(m.rows, m.cells, strict=True)],
         m.as_dict(), as_json, csv_path, xlsx_path)


@app.command("waves")
def waves(project: str = ProjectArg, rows: str = RowsOpt, columns: str = ColumnsOpt,
          count: str = CountOpt, attribute: str = typer.Option("wave", help="Wave attribute."),
          coder: list[str] = CoderFilter, as_json: bool = JsonOpt) -> None:
    """The matrix per wave, and codes that appear or disappear for people seen twice."""
    with open_project(project) as p:
        result = p.queries.waves(rows, columns, count, attribute, coder or None)
    if as_json:
        print_json({"attribute": result.attribute,
                    "matrices": {w: m.as_dict() for w, m in result.matrices.items()},
                    "people": result.people})
        return
    for wave, m in result.matrices.items():
        print_table([rows, *m.columns, "total"], _matrix_rows(m, None),
                    _("{attribute} {wave}", attribute=attribute, wave=wave))
    print_table(["Participant", "Case", "From", "To", "Appeared", "Disappeared"],
                [[e.participant, e.case, e.first, e.last, ", ".join(e.appeared),
                  ", ".join(e.disappeared)] for e in result.people])


@app.command("profiles")
def profiles(project: str = ProjectArg, case: str = typer.Option(None, help="Only this case."),
             key: list[str] = typer.Option([], "--key", help="Demographic, repeatable."),
             as_json: bool = JsonOpt, csv_path: Path = CsvOpt, xlsx_path: Path = XlsxOpt) -> None:
    """Profile tables: values with counts, and counts and mean age by gender."""
    with open_project(project) as p:
        result = p.queries.profiles(key or None, case)
    rows = [["gender", a.group, a.people, a.mean_age, result.covered, result.total]
            for a in result.ages]
    rows += [[t.key, value, n, None, t.covered, t.total] for t in result.tables
             for value, n in t.rows]
    show(["table", "value", "participants", "mean_age", "covered", "of"], rows, result, as_json,
         csv_path, xlsx_path)


@app.command("interviews")
def interviews(project: str = ProjectArg, case: str = typer.Option(None, help="Only this case."),
               as_json: bool = JsonOpt, csv_path: Path = CsvOpt,
               xlsx_path: Path = XlsxOpt) -> None:
    """Annex 1: every interview with type, who, where and when."""
    with open_project(project) as p:
        found = p.queries.interviews(case)
    show(["document", "type", "role", "participants", "case", "date", "wave"],
         [[r.document, r.type, r.role, r.participants, r.case, r.date, r.wave] for r in found],
         found, as_json, csv_path, xlsx_path)


@app.command("codebook")
def codebook(project: str = ProjectArg, as_json: bool = JsonOpt, csv_path: Path = CsvOpt,
             xlsx_path: Path = XlsxOpt) -> None:
    """Annex 2: categories with their codes and definitions."""
    with open_project(project) as p:
        groups = p.queries.codebook()
    rows = [[category, c.name, c.definition] for category, codes in groups for c in codes]
    show(["category", "code", "definition"], rows,
         [{"category": cat, "codes": [{"name": c.name, "definition": c.definition}
                                      for c in codes]} for cat, codes in groups],
         as_json, csv_path, xlsx_path)


@app.command("sampling")
def sampling(project: str = ProjectArg,
             criteria: Path = typer.Option(..., "--criteria", help="YAML file of criteria.",
                                           exists=True, dir_okay=False),
             as_json: bool = JsonOpt, csv_path: Path = CsvOpt, xlsx_path: Path = XlsxOpt) -> None:
    """Check purposive-sampling criteria: pass or fail per criterion, overall and per case."""
    with open_project(project) as p:
        checks = p.queries.sampling(criteria)
    rows = [[c.criterion, c.scope or _("overall"), c.observed, c.required,
             _("pass") if c.passed else _("FAIL")] for c in checks]
    show(["criterion", "scope", "observed", "required", "result"], rows, checks, as_json,
         csv_path, xlsx_path)
