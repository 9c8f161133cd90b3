"""``stemmen db ...``: upgrade and inspect project databases."""

from __future__ import annotations

import typer

import stemmen
from stemmen.cli.options import ProjectArg
from stemmen.cli.output import console
from stemmen.i18n import _

NAME = "db"
app = typer.Typer(help="Project database: upgrade, status.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(project: str = ProjectArg) -> None:
    """Upgrade the project's schema to this version of Stemmen."""
    stemmen.open_project(project, auto_upgrade=True).close()
    console.print(_("{project} is up to date.", project=project))


@app.command("status")
def status(project: str = ProjectArg) -> None:
    """Print the schema revision of a project, its kind of database and where it is."""
    with stemmen.open_project(project, auto_upgrade=False) as p:
        found = p.status()
    console.print(_("Schema revision {rev}.", rev=found.revision), markup=False,
                  highlight=False)
    console.print(_("{kind} database: {location}", kind=found.kind, location=found.location),
                  markup=False, highlight=False)
