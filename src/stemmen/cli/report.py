"""``stemmen report``: a report across cases, on one case or one part per case, as md, html,
docx, pdf or xlsx."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import ProjectArg, open_project
from stemmen.cli.output import console
from stemmen.i18n import _, current_language


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    project: str = ProjectArg,
    output: Path = typer.Option(..., "--output", "-o", help="File to write.", dir_okay=False),
    fmt: str = typer.Option(None, "--format", "-f",
                            help="md, html, docx, pdf or xlsx (default: from the extension)."),
    case: list[str] = typer.Option([], "--case", help="Report on this case (default: across "
                                   "cases); repeat for one part per case."),
    all_cases: bool = typer.Option(False, "--all-cases", help="One part per case, every case."),
    lang: str = typer.Option(None, "--lang", help="nl, fr or en (default: $STEMMEN_LANG)."),
    coder: list[str] = typer.Option([], "--coder", help="Only codings by this coder."),
    title: str = typer.Option(None, "--title", help="Report title (default: project name)."),
    reliability: bool = typer.Option(True, "--reliability/--no-reliability",
                                     help="Include Cohen's kappa of double-coded documents."),
) -> None:
    """Write a report: method, profiles, frequencies, matrix, findings with quotes, annexes."""
    if lang is not None and lang not in ("nl", "fr", "en"):
        raise typer.BadParameter("--lang is nl, fr or en")
    with open_project(project) as p:
        data = p.reports.prepare(case or None, all_cases, lang or current_language(),
                                 coder or None, title, reliability)
        written = p.reports.render(output, fmt, data=data)
    console.print(_("Wrote {path}.", path=str(written[0])), markup=False, highlight=False)
    if len(written) > 1:
        console.print(_("Figures in {folder}.", folder=str(written[1].parent)), markup=False,
                      highlight=False)
