"""``stemmen audit export``: the audit log (who changed what, when) as CSV or JSON."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from stemmen.cli.options import ProjectArg, open_project
from stemmen.cli.output import console
from stemmen.errors import Invalid
from stemmen.i18n import _

NAME = "audit"
app = typer.Typer(help="The audit log: who changed what, when (see also `cases log`).",
                  no_args_is_help=True)


def _day(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid("The option {option} needs a day like 2026-03-31.", option=option) from None


@app.command("export")
def export(project: str = ProjectArg,
           fmt: str = typer.Option("csv", "--format", help="csv or json."),
           file: Path = typer.Option(..., "--output", "-o",
                                     help="File to write (- for standard output)."),
           actor: str = typer.Option("", "--actor", help="Only this user's entries."),
           action: str = typer.Option("", "--action", help="Only this action, e.g. coding.apply."),
           since: str = typer.Option(None, "--since", help="From this day (YYYY-MM-DD)."),
           until: str = typer.Option(None, "--until", help="Until this day, included.")) -> None:
    """Export the audit log, oldest first: id, at (UTC), actor, action, details."""
    with open_project(project) as p:
        text = p.journal.export(fmt, action, actor, _day(since, "--since"),
                                _day(until, "--until"))
    if str(file) == "-":
        sys.stdout.write(text)
        return
    file.write_text(text, encoding="utf-8")
    console.print(_("Wrote the audit log to {path}.", path=str(file)))
