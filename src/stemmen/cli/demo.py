"""``stemmen demo DIR`` and ``stemmen init``: the built-in study project, and an empty one."""

from __future__ import annotations

import time
from pathlib import Path

import typer

import stemmen
from stemmen.cli.options import ProjectArg
from stemmen.cli.output import console, print_json, print_table, progress_bar
from stemmen.i18n import _

DEMO_FILE = "amif42-demo.stemmen"


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
    app.command("init")(init)


def init(project: str = ProjectArg) -> None:
    """Create an empty project (SQLite file or postgresql:// URL)."""
    stemmen.create_project(project).close()
    console.print(_("Created project {project}.", project=project))


def demo(
    folder: Path = typer.Argument(..., help="Folder to build the demo project in."),
    database: str = typer.Option(None, envvar="STEMMEN_DATABASE_URL",
                                 help="Put the project in this database (postgresql://…)."),
    seed: int = typer.Option(42, help="Seed of the synthetic transcripts."),
    force: bool = typer.Option(False, help="Replace an existing demo project file."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Build a realistic project of the AMIF-42 study (synthetic transcripts) and describe it."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    target = database or str(folder / DEMO_FILE)
    if not database and force:
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
    with progress_bar("Building the demo") as update:
        summary = stemmen.build_demo(target, folder, seed=seed, progress=update)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    if not database:
        summary["size_bytes"] = Path(target).stat().st_size
    if as_json:
        print_json(summary)
        return
    console.print(_("Built the demo project {project} in {seconds} s.", project=target,
                    seconds=summary["seconds"]))
    print_table(["Item", "Count"], [[k, v] for k, v in summary["counts"].items()])
    console.print(_("Transcripts, codebook and metadata sheet written to {folder}.",
                    folder=str(summary["files"])))
    console.print(_("Open it in the workspace: stemmen serve {project}", project=target))
