"""``stemmen codings ...``: apply, remove, list, import."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import CoderOpt, JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table, progress_bar
from stemmen.i18n import _

NAME = "codings"
app = typer.Typer(help="Apply codes to paragraphs or spans, without a UI.", no_args_is_help=True)


def _paragraphs(spec: str | None) -> tuple[int | None, int | None]:
    if not spec:
        return None, None
    first, _sep, last = spec.partition("-")
    try:
        return int(first), int(last) if last else None
    except ValueError as exc:
        raise typer.BadParameter(f"{spec!r}: use N or N-M") from exc


@app.command("apply")
def apply(project: str = ProjectArg, document: str = typer.Argument(...),
          code: str = typer.Argument(...),
          paragraph: str = typer.Option(None, "--paragraph", "-p", help="N or N-M."),
          start: int = typer.Option(None, help="Start offset (code points)."),
          end: int = typer.Option(None, help="End offset (code points, exclusive)."),
          coder: str = CoderOpt, as_json: bool = JsonOpt) -> None:
    """Apply a code to paragraph(s) or a span of a document."""
    first, last = _paragraphs(paragraph)
    with open_project(project) as p:
        coding = p.codings.apply(document, code, coder, start, end, first, last)
    if as_json:
        print_json(coding)
    else:
        console.print(_("Coded {document} {start}-{end} with {code} (#{id}).",
                        document=document, start=coding.start, end=coding.end, code=code,
                        id=coding.id))


@app.command("remove")
def remove(project: str = ProjectArg,
           coding_id: int = typer.Argument(None, help="Coding id (see `codings list`)."),
           document: str = typer.Option(None), code: str = typer.Option(None),
           paragraph: str = typer.Option(None, "--paragraph", "-p"),
           coder: str = CoderOpt) -> None:
    """Remove a coding by id, or a code from paragraph(s) of a document."""
    with open_project(project) as p:
        if coding_id is not None:
            p.codings.remove(coding_id)
            n = 1
        else:
            if not (document and code and paragraph):
                raise typer.BadParameter("give a coding id, or --document, --code and --paragraph")
            first, last = _paragraphs(paragraph)
            n = p.codings.remove_span(document, code, coder, paragraph=first,
                                      last_paragraph=last)
    console.print(_("Removed {n} coding(s).", n=n))


@app.command("list")
def list_(project: str = ProjectArg, document: str = typer.Option(None),
          code: str = typer.Option(None), coder: list[str] = typer.Option([]),
          as_json: bool = JsonOpt) -> None:
    """List codings."""
    with open_project(project) as p:
        rows = p.codings.list(document, code, coder or None)
    if as_json:
        print_json(rows)
        return
    print_table(["#", "Document", "Start", "End", "Code", "Coder"],
                [[c.id, c.document, c.start, c.end, c.code, c.coder] for c in rows])


@app.command("import")
def import_(project: str = ProjectArg,
            file: Path = typer.Argument(..., help="CSV: document, code, coder, paragraph or "
                                                  "start,end"),
            coder: str = CoderOpt) -> None:
    """Bulk import codings from CSV (all or nothing)."""
    with open_project(project) as p, progress_bar("Importing codings") as update:
        n = p.codings.import_csv(file, coder=coder, progress=update)
    console.print(_("Imported {n} coding(s).", n=n))
