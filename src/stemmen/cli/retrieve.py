"""``stemmen retrieve``: coded segments as attributed quotes."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json
from stemmen.i18n import _


def register(app: typer.Typer) -> None:
    app.command("retrieve")(retrieve)


def retrieve(
    project: str = ProjectArg,
    code: list[str] = typer.Option([], "--code", "-c", help="Code, repeatable (any of them)."),
    case: list[str] = typer.Option([], "--case", help="Case, repeatable."),
    coder: list[str] = typer.Option([], "--coder", help="Coder, repeatable."),
    document: list[str] = typer.Option([], "--document", help="Document, repeatable."),
    attribute: list[str] = typer.Option([], "--attribute", "-a", help="NAME=VALUE, repeatable."),
    speaker: list[str] = typer.Option([], "--speaker", help="Only segments in turns of this "
                                      "speaker, repeatable."),
    context: int = typer.Option(0, help="Paragraphs of context before and after."),
    csv_file: Path = typer.Option(None, "--csv", help="Write the segments to this CSV file "
                                  "(UTF-8 with BOM, for Excel) instead of printing them.",
                                  dir_okay=False, writable=True),
    as_json: bool = JsonOpt,
) -> None:
    """Print the coded segments of codes as quotes "(role, case)", with context.

    Without --code: every coded segment. With --csv FILE they go to a spreadsheet instead,
    one row per coding (document, case, role, code, category, coder, offsets, paragraphs,
    text, context, attribution).
    """
    attrs: dict[str, list[str]] = {}
    for item in attribute:
        key, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r}: use NAME=VALUE")
        attrs.setdefault(key.strip(), []).append(value.strip())
    with open_project(project) as p:
        if csv_file is not None:
            n = p.segments.export_csv(csv_file, code or None, case or None, coder or None,
                                      document or None, attrs or None, context,
                                      speakers=speaker or None)
            console.print(_("Wrote {n} segment(s) to {file}.", n=n, file=str(csv_file)),
                          markup=False, highlight=False)
            return
        segments = p.segments.retrieve(code or None, case or None, coder or None,
                                       document or None, attrs or None, context,
                                       speakers=speaker or None)
    if as_json:
        print_json([s.as_dict() for s in segments])
        return
    for s in segments:
        console.print(f"[bold]{s.code}[/bold]  [dim]{s.document} ¶{s.paragraphs[0]}"
                      f"{'-' + str(s.paragraphs[1]) if s.paragraphs[1] != s.paragraphs[0] else ''}"
                      f" · {s.coder}[/dim]", highlight=False)
        if s.before:
            console.print(s.before, style="dim", markup=False, highlight=False)
        console.print(f"“{s.text}” {s.attribution}", markup=False, highlight=False)
        if s.after:
            console.print(s.after, style="dim", markup=False, highlight=False)
        console.print()
    console.print(_("{n} segment(s).", n=len(segments)))
