"""``stemmen report``: the researchers' outline, or a report across cases, on one case or one
part per case, as md, html, docx, pdf or xlsx; slides as pptx."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import ProjectArg, open_project
from stemmen.cli.outline import print_warnings
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
    lang: str = typer.Option(None, "--lang", help="nl, fr or en (default: $STEMMEN_LANG); "
                             "slides (.pptx) take several: nl,fr."),
    coder: list[str] = typer.Option([], "--coder", help="Only codings by this coder."),
    title: str = typer.Option(None, "--title", help="Report title (default: project name)."),
    reliability: bool = typer.Option(True, "--reliability/--no-reliability",
                                     help="Include Cohen's kappa of double-coded documents."),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1, nothing written) when "
                                "a quote or finding of the outline is gone or changed."),
    generic: bool = typer.Option(False, "--generic", help="The generic report (findings by "
                                 "code category) even when the project has an outline."),
    pseudonymised: bool = typer.Option(False, "--pseudonymised", help="Quotes and texts with "
                                       "the accepted privacy candidates replaced by their "
                                       "labels (see `stemmen privacy`)."),
) -> None:
    """Write a report: the researchers' outline (title page, contents, chapters, method,
    annexes) when the project has one, else method, profiles, frequencies, matrix, findings
    with quotes and annexes; .pptx writes slides."""
    langs = [x.strip() for x in (lang or current_language()).split(",") if x.strip()]
    if not langs or any(x not in ("nl", "fr", "en") for x in langs):
        raise typer.BadParameter("--lang is nl, fr or en (slides: nl,fr)")
    slides = (fmt or output.suffix.lstrip(".")).lower() == "pptx"
    if len(langs) > 1 and not slides:
        raise typer.BadParameter("several languages (--lang nl,fr) make slides: use a .pptx file")
    if pseudonymised and slides:
        raise typer.BadParameter("--pseudonymised makes md, html, docx, pdf or xlsx reports")
    with open_project(project) as p:
        written = None
        if not generic and len(case) <= 1 and not all_cases:
            one_case = case[0] if case else None
            written = p.reports.written(langs[0], one_case, title, coder or None)
            plain = title is None and not coder  # then the check reads the same report
            for one in langs:
                found = p.reports.check(one, one_case,
                                        written if plain and one == langs[0] else None)
                if found.problems or found.untranslated:
                    print_warnings(found)
                if strict and found.problems:
                    console.print(_("Nothing written: the outline has broken references "
                                    "(--strict)."))
                    raise typer.Exit(1)
        if slides:
            written_files = p.reports.render(output, fmt, case[0] if case else None,
                                             ",".join(langs), coder or None, title)
        else:
            data = written or p.reports.prepare(case or None, all_cases, langs[0],
                                                coder or None, title, reliability)
            if pseudonymised:
                data = p.privacy.scrub(data)
            written_files = p.reports.render(output, fmt, data=data)
    console.print(_("Wrote {path}.", path=str(written_files[0])), markup=False, highlight=False)
    if len(written_files) > 1:
        console.print(_("Figures in {folder}.", folder=str(written_files[1].parent)),
                      markup=False, highlight=False)
