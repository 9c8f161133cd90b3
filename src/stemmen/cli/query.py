"""``stemmen query ...``: matrices, co-occurrence, coding progress, waves, profiles, annexes,
sampling check, text search, and saved queries.

Every listing prints a table, or JSON with ``--json``, and can be written to ``--csv FILE``
and ``--xlsx FILE`` (formats.tables, as the web page downloads them); ``--save NAME`` keeps
the query in the project to run again with ``stemmen query saved run NAME``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _, current_language
from stemmen.i18n.moments import format_moment

if TYPE_CHECKING:  # the query results load the statistics: only when a query runs
    from stemmen.project.query_results import Table

app = typer.Typer(help="Analysis queries: matrices, co-occurrence, progress, waves, profiles, "
                  "annexes, sampling check, search, saved queries.", no_args_is_help=True)
saved_app = typer.Typer(help="Saved queries: list, run again, delete.", no_args_is_help=True)
app.add_typer(saved_app, name="saved")

CsvOpt = typer.Option(None, "--csv", help="Also save the table as CSV.", metavar="FILE")
XlsxOpt = typer.Option(None, "--xlsx", help="Also save the table as XLSX.", metavar="FILE")
CoderFilter = typer.Option([], "--coder", help="Only codings by this coder, repeatable.")
CaseFilter = typer.Option([], "--case", help="Only this case, repeatable.")
RowsOpt = typer.Option("code", "--rows", help="code or category.")
ColumnsOpt = typer.Option("case", "--columns", help="case, document or an attribute name.")
CountOpt = typer.Option("segments", "--count", help="segments, words, characters, documents, "
                        "participants or people (participants, and a document with nobody "
                        "linked as one person).")
SaveOpt = typer.Option(None, "--save", help="Also keep this query in the project under NAME.",
                       metavar="NAME")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="query")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else value


def save_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
               csv_path: Path | None, xlsx_path: Path | None) -> None:
    """Write a table to CSV and/or XLSX (first row: headers)."""
    from stemmen.project.query_results import Table

    save_tables([Table("table", "", list(headers), [list(r) for r in rows])], csv_path,
                xlsx_path)


def save_tables(tables: list[Table], csv_path: Path | None, xlsx_path: Path | None) -> None:
    """CSV: the first table to FILE, any other to FILE-<name>.csv; XLSX: a sheet each."""
    from stemmen.project.query_results import csv_bytes, xlsx_bytes

    if csv_path:
        for i, table in enumerate(tables):
            target = csv_path if i == 0 else csv_path.with_name(
                f"{csv_path.stem}-{table.name}{csv_path.suffix}")
            target.write_bytes(csv_bytes(table))
    if xlsx_path:
        xlsx_path.write_bytes(xlsx_bytes(tables))


def keep(p: Any, name: str | None, kind: str, params: dict[str, Any]) -> None:
    """``--save NAME``: keep the query in the project."""
    if name:
        saved = p.queries.save(name, kind, params)
        console.print(_("Saved the query as {name!r}.", name=saved.name))


def show_result(result: Any, as_json: bool, csv_path: Path | None,
                xlsx_path: Path | None) -> None:
    """The tables of a query result (or its JSON), and the files asked for."""
    save_tables(result.tables, csv_path, xlsx_path)
    if as_json:
        print_json(result.as_dict())
        return
    for table in result.tables:
        print_table(table.headers, [[_cell(v) for v in row] for row in table.rows],
                    table.title)


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
           as_json: bool = JsonOpt, csv_path: Path = CsvOpt, xlsx_path: Path = XlsxOpt,
           save: str = SaveOpt) -> None:
    """Codes or categories x cases or an attribute, counting segments, words, people..."""
    if percent not in (None, "row", "column"):
        raise typer.BadParameter("--percent is row or column")
    params = {"rows": rows, "columns": columns, "count": count, "coders": coder,
              "cases": case}
    with open_project(project) as p:
        m = p.queries.run("matrix", params).value
        keep(p, save, "matrix", params)
    show([rows, *m.columns, "total"], _matrix_rows(m, percent), m.as_dict(), as_json, csv_path,
         xlsx_path, _("{count} per {rows} and {columns}", count=count, rows=rows,
                      columns=columns))


@app.command("cell")
def cell(project: str = ProjectArg, row: str = typer.Argument(..., help="Code or category."),
         column: str = typer.Argument(..., help="Case, document or attribute value."),
         rows: str = RowsOpt, columns: str = ColumnsOpt, coder: list[str] = CoderFilter,
         case: list[str] = CaseFilter, as_json: bool = JsonOpt) -> None:
    """The segments behind one cell of the matrix, as attributed quotes."""
    with open_project(project) as p:
        segments = p.queries.segments(row, column, rows, columns, coder or None, case or None)
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
                 xlsx_path: Path = XlsxOpt, save: str = SaveOpt) -> None:
    """Codes x codes: paragraphs coded with both, or overlapping spans."""
    params = {"unit": unit, "codes": code, "coders": coder, "cases": case}
    with open_project(project) as p:
        m = p.queries.run("cooccurrence", params).value
        keep(p, save, "cooccurrence", params)
    show(["code", *m.columns], [[r, *row] for r, row in zip(m.rows, m.cells, strict=True)],
         m.as_dict(), as_json, csv_path, xlsx_path)


@app.command("waves")
def waves(project: str = ProjectArg, rows: str = RowsOpt, columns: str = ColumnsOpt,
          count: str = CountOpt,
          attribute: str = typer.Option(None, help="Wave attribute (default: the project's "
                                        "setting attribute.wave)."),
          coder: list[str] = CoderFilter, as_json: bool = JsonOpt, csv_path: Path = CsvOpt,
          xlsx_path: Path = XlsxOpt, save: str = SaveOpt,
          by: str = typer.Option("document", "--by", help="document: codes of the whole "
                                 "transcripts; person: codes of each person's own turns."),
          role: str = typer.Option(None, "--role", help="With --by person: only this role.")
          ) -> None:
    """The matrix per wave, and codes that appear or disappear for people seen twice."""
    if by not in ("document", "person"):
        raise typer.BadParameter(_("use document or person"), param_hint="--by")
    if by == "person":
        _waves_by_person(project, attribute, coder, role, as_json)
        return
    params = {"rows": rows, "columns": columns, "count": count, "coders": coder,
              **({"attribute": attribute} if attribute else {})}
    with open_project(project) as p:
        run = p.queries.run("waves", params)
        keep(p, save, "waves", params)
    save_tables(run.tables, csv_path, xlsx_path)
    result = run.value
    if as_json:
        print_json({"attribute": result.attribute,
                    "matrices": {w: m.as_dict() for w, m in result.matrices.items()},
                    "people": result.people})
        return
    for wave, m in result.matrices.items():
        print_table([rows, *m.columns, "total"], _matrix_rows(m, None),
                    _("{attribute} {wave}", attribute=result.attribute, wave=wave))
    print_table(["Participant", "Case", "From", "To", "Appeared", "Disappeared"],
                [[e.participant, e.case, e.first, e.last, ", ".join(e.appeared),
                  ", ".join(e.disappeared)] for e in result.people])


def _waves_by_person(project: str, attribute: str | None, coder: list[str],
                     role: str | None, as_json: bool) -> None:
    with open_project(project) as p:
        result = p.people.waves(attribute, coder or None, role)
    if as_json:
        print_json(result.as_dict())
        return
    print_table(["Participant", "Role", "Case", "From", "To", "Appeared", "Disappeared"],
                [[e.participant, e.role or "", e.case or "", e.first, e.last,
                  ", ".join(e.appeared), ", ".join(e.disappeared)] for e in result.people])
    print_table(["Code", "Appeared", "Disappeared", "Kept"],
                [[s.code, s.appeared, s.disappeared, s.kept] for s in result.summed],
                _("Summed over {n} people", n=len(result.people)))
    if result.unlabelled:
        console.print(_("Left out (no speaker label in a transcript): {names}",
                        names=", ".join(result.unlabelled)))


@app.command("profiles")
def profiles(project: str = ProjectArg, case: str = typer.Option(None, help="Only this case."),
             key: list[str] = typer.Option([], "--key", help="Demographic, repeatable."),
             as_json: bool = JsonOpt, csv_path: Path = CsvOpt, xlsx_path: Path = XlsxOpt,
             save: str = SaveOpt) -> None:
    """Profile tables: values with counts, and counts and mean age by gender."""
    params = {"keys": key, "case": case}
    with open_project(project) as p:
        result = p.queries.run("profiles", params).value
        keep(p, save, "profiles", params)
    rows = [["gender", a.group, a.people, a.mean_age, result.covered, result.total]
            for a in result.ages]
    rows += [[t.key, value, n, None, t.covered, t.total] for t in result.tables
             for value, n in t.rows]
    show(["table", "value", "participants", "mean_age", "covered", "of"], rows, result, as_json,
         csv_path, xlsx_path)


@app.command("interviews")
def interviews(project: str = ProjectArg, case: str = typer.Option(None, help="Only this case."),
               as_json: bool = JsonOpt, csv_path: Path = CsvOpt,
               xlsx_path: Path = XlsxOpt, save: str = SaveOpt) -> None:
    """Annex 1: every interview with type, who, where and when."""
    with open_project(project) as p:
        found = p.queries.run("interviews", {"case": case}).value
        keep(p, save, "interviews", {"case": case})
    show(["document", "type", "role", "participants", "case", "date", "wave"],
         [[r.document, r.type, r.role, r.participants, r.case, r.date, r.wave] for r in found],
         found, as_json, csv_path, xlsx_path)


@app.command("codebook")
def codebook(project: str = ProjectArg, as_json: bool = JsonOpt, csv_path: Path = CsvOpt,
             xlsx_path: Path = XlsxOpt, save: str = SaveOpt) -> None:
    """Annex 2: categories with their codes and definitions."""
    with open_project(project) as p:
        groups = p.queries.run("codebook").value
        keep(p, save, "codebook", {})
    rows = [[category, c.name, c.definition] for category, codes in groups for c in codes]
    show(["category", "code", "definition"], rows,
         [{"category": cat, "codes": [{"name": c.name, "definition": c.definition}
                                      for c in codes]} for cat, codes in groups],
         as_json, csv_path, xlsx_path)


@app.command("sampling")
def sampling(project: str = ProjectArg,
             criteria: Path = typer.Option(None, "--criteria", help="YAML file of criteria "
                                           "(older form; without it: the stored plan).",
                                           exists=True, dir_okay=False),
             as_json: bool = JsonOpt, csv_path: Path = CsvOpt, xlsx_path: Path = XlsxOpt,
             save: str = SaveOpt) -> None:
    """Check the sampling plan (stemmen sampling plan): met or short by n per criterion, case
    and wave, with the people who count; interviews and people per case, type and wave."""
    if criteria is None:
        _plan_check(project, as_json)
        return
    params = {"text": criteria.read_text(encoding="utf-8")}
    with open_project(project) as p:
        checks = p.queries.run("sampling", params).value
        keep(p, save, "sampling", params)
    rows = [[c.criterion, c.scope or _("overall"), c.observed, c.required,
             _("pass") if c.passed else _("FAIL")] for c in checks]
    show(["criterion", "scope", "observed", "required", "result"], rows, checks, as_json,
         csv_path, xlsx_path)


def _plan_check(project: str, as_json: bool) -> None:
    with open_project(project) as p:
        found = p.sampling.check()
    if as_json:
        print_json(found.as_dict())
        return
    print_table(["Role", "Criterion", "Case", "Wave", "Observed", "Required", "Result",
                 "People"],
                [[r.role or "", r.criterion, r.case or _("overall"), r.wave or "",
                  r.observed, r.required,
                  _("met") if r.met else _("short by {n}", n=r.short),
                  _people(r.people)] for r in found.criteria], found.plan)
    print_table(["Target", "Case", "Wave", "Planned", "Held", "Result", "Names"],
                [[t.target, t.case or "", t.wave or "", t.planned, t.held,
                  _("met") if t.met else _("short by {n}", n=t.short), _people(t.names)]
                 for t in found.targets])
    console.print(_("{met} of {total} checks met.", met=found.met, total=found.total))


def _people(names: Sequence[str], most: int = 6) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" (+{len(names) - most})" if len(names) > most else "")


@app.command("fieldwork")
def fieldwork(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """Interviews planned, held and missing per case, type and wave; participants without
    a recorded consent."""
    with open_project(project) as p:
        found = p.fieldwork.overview()
    if as_json:
        print_json(found.as_dict())
        return
    print_table(["Case", "Type", "Wave", "Planned", "Held", "Missing", "Not planned"],
                [[r.case or "", r.type, r.wave, len(r.planned), len(r.held),
                  ", ".join(r.missing) or "-", ", ".join(r.unplanned) or "-"]
                 for r in found.rows])
    totals = found.totals
    console.print(_("{planned} planned, {held} held, {missing} missing, {unplanned} held "
                    "without a plan.", planned=totals["planned"], held=totals["held"],
                    missing=totals["missing"], unplanned=totals["unplanned"]))
    if found.no_consent:
        console.print(_("No consent recorded for {n} participant(s).",
                        n=len(found.no_consent)))


@app.command("progress")
def progress(project: str = ProjectArg, coder: list[str] = CoderFilter,
             case: list[str] = CaseFilter, as_json: bool = JsonOpt, csv_path: Path = CsvOpt,
             xlsx_path: Path = XlsxOpt, save: str = SaveOpt) -> None:
    """Coding progress: per document and coder, paragraphs coded of all paragraphs."""
    params = {"coders": coder, "cases": case}
    with open_project(project) as p:
        result = p.queries.run("progress", params)
        keep(p, save, "progress", params)
    show_result(result, as_json, csv_path, xlsx_path)


@app.command("search")
def search(project: str = ProjectArg, text: str = typer.Argument(..., help="Text to find."),
           code: list[str] = typer.Option([], "--code", help="Only inside segments of this "
                                          "code, repeatable."),
           coder: list[str] = CoderFilter, case: list[str] = CaseFilter,
           attribute: list[str] = typer.Option([], "--attribute", metavar="NAME=VALUE",
                                               help="Only documents with this value, "
                                               "repeatable."),
           as_json: bool = JsonOpt, csv_path: Path = CsvOpt, xlsx_path: Path = XlsxOpt,
           save: str = SaveOpt) -> None:
    """Find a word or phrase (any case) in the documents, with filters."""
    attributes: dict[str, list[str]] = {}
    for item in attribute:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter("--attribute is NAME=VALUE")
        attributes.setdefault(name.strip(), []).append(value.strip())
    params = {"text": text, "codes": code, "coders": coder, "cases": case,
              "attributes": attributes}
    with open_project(project) as p:
        result = p.queries.run("search", params)
        keep(p, save, "search", params)
    show_result(result, as_json, csv_path, xlsx_path)


@saved_app.command("list")
def saved_list(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """The saved queries: name, kind, parameters, author and date."""
    with open_project(project) as p:
        found = p.queries.saved()
    if as_json:
        print_json(found)
        return
    print_table(["Name", "Kind", "Parameters", "Author", "Saved"],
                [[q.name, q.kind, ", ".join(f"{k}={v}" for k, v in q.params.items()), q.author,
                  format_moment(q.created_at, current_language())] for q in found])


@saved_app.command("run")
def saved_run(project: str = ProjectArg, name: str = typer.Argument(..., help="Its name."),
              as_json: bool = JsonOpt, csv_path: Path = CsvOpt,
              xlsx_path: Path = XlsxOpt) -> None:
    """Run a saved query again on the project as it is now."""
    with open_project(project) as p:
        result = p.queries.run_saved(name)
    show_result(result, as_json, csv_path, xlsx_path)


@saved_app.command("delete")
def saved_delete(project: str = ProjectArg,
                 name: str = typer.Argument(..., help="Its name.")) -> None:
    """Forget a saved query."""
    with open_project(project) as p:
        gone = p.queries.delete_saved(name)
    console.print(_("Deleted the saved query {name!r}.", name=gone.name))
