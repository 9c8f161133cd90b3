"""Shared CLI arguments and the project opener."""

from __future__ import annotations

import typer

import stemmen

ProjectArg = typer.Argument(
    ..., help="Project file (SQLite) or postgresql:// URL.", metavar="PROJECT"
)
JsonOpt = typer.Option(False, "--json", help="Print JSON instead of a table.")
CoderOpt = typer.Option(None, "--coder", help="Coder name (default: $STEMMEN_USER or login).")


def open_project(target: str) -> stemmen.Project:
    return stemmen.open_project(target)
