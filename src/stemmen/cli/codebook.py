"""``stemmen codebook ...``: import, export, list, add, rename, move, merge, split, history."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "codebook"
app = typer.Typer(help="Categories and codes, and the history of every change.",
                  no_args_is_help=True)


@app.command("import")
def import_(project: str = ProjectArg,
            file: Path = typer.Argument(..., help="codebook .csv, .yaml or REFI-QDA .qdc")) -> None:
    """Add the categories and codes of a codebook file."""
    with open_project(project) as p:
        counts = p.codebook.import_(file)
    console.print(_("Imported {codes} codes in {categories} categories.", **counts))


@app.command("export")
def export(project: str = ProjectArg,
           file: Path = typer.Argument(..., help="Output .csv, .yaml or .qdc")) -> None:
    """Write the codebook to a file (format from the extension)."""
    with open_project(project) as p:
        p.codebook.export(file)
    console.print(_("Wrote {file}.", file=str(file)))


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List codes with category, definition and number of codings."""
    with open_project(project) as p:
        codes, counts = p.codebook.codes(), p.codebook.counts()
    if as_json:
        print_json([{"name": c.name, "category": c.category, "definition": c.definition,
                     "colour": c.colour, "guid": c.guid, "codings": counts.get(c.name, 0)}
                    for c in codes])
        return
    print_table(["Category", "Code", "Codings", "Definition"],
                [[c.category, c.name, counts.get(c.name, 0), c.definition] for c in codes])


@app.command("add")
def add(project: str = ProjectArg, name: str = typer.Argument(...),
        category: str = typer.Option(None), definition: str = typer.Option(""),
        colour: str = typer.Option(None, help="#rrggbb")) -> None:
    """Add a code."""
    with open_project(project) as p:
        code = p.codebook.add(name, category=category, definition=definition, colour=colour)
    console.print(_("Added code {name}.", name=code.name))


@app.command("rename")
def rename(project: str = ProjectArg, name: str = typer.Argument(...),
           new_name: str = typer.Argument(...)) -> None:
    """Rename a code (its codings keep it)."""
    with open_project(project) as p:
        p.codebook.rename(name, new_name)
    console.print(_("Renamed {old} to {new}.", old=name, new=new_name))


@app.command("edit")
def edit(project: str = ProjectArg, name: str = typer.Argument(...),
         definition: str = typer.Option(None), colour: str = typer.Option(None)) -> None:
    """Change a code's definition or colour."""
    with open_project(project) as p:
        p.codebook.edit(name, definition=definition, colour=colour)
    console.print(_("Updated {name}.", name=name))


@app.command("move")
def move(project: str = ProjectArg, name: str = typer.Argument(...),
         category: str = typer.Option(None, "--to", help="Target category (none: top level).")
         ) -> None:
    """Move a code to another category."""
    with open_project(project) as p:
        p.codebook.move(name, category)
    console.print(_("Moved {name} to {category}.", name=name, category=category or "-"))


@app.command("merge")
def merge(project: str = ProjectArg, name: str = typer.Argument(...),
          into: str = typer.Option(..., "--into", help="The code that remains.")) -> None:
    """Merge a code into another; its codings follow."""
    with open_project(project) as p:
        moved = p.codebook.merge(name, into)
    console.print(_("Merged {name} into {into}: {n} coding(s) moved.", name=name, into=into,
                    n=moved))


@app.command("split")
def split(project: str = ProjectArg, name: str = typer.Argument(...),
          into: list[str] = typer.Option(..., "--into", help="New code, repeatable."),
          assign: list[str] = typer.Option([], help="CODING_ID=NEW_CODE, repeatable."),
          remove_original: bool = typer.Option(False, help="Remove the original code.")) -> None:
    """Split a code into new codes; assigned codings move to them."""
    mapping = {}
    for item in assign:
        key, _sep, value = item.partition("=")
        if not key.isdigit() or not value:
            raise typer.BadParameter(f"{item!r}: use CODING_ID=NEW_CODE")
        mapping[int(key)] = value
    with open_project(project) as p:
        counts = p.codebook.split(name, into, mapping, keep_original=not remove_original)
    console.print(_("Split {name} into {codes}.", name=name,
                    codes=", ".join(f"{k} ({v})" for k, v in counts.items())))


@app.command("delete")
def delete(project: str = ProjectArg, name: str = typer.Argument(...)) -> None:
    """Delete a code and its codings."""
    with open_project(project) as p:
        removed = p.codebook.delete(name)
    console.print(_("Deleted {name} and {n} coding(s).", name=name, n=removed))


@app.command("history")
def history(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """Every change to the codebook: who, when, what."""
    with open_project(project) as p:
        entries = p.codebook.history()
    if as_json:
        print_json([{"at": e.at, "actor": e.actor, "change": e.action, **e.details}
                    for e in entries])
        return
    print_table(["When", "Who", "Change", "Details"],
                [[e.at.strftime("%Y-%m-%d %H:%M") if e.at else "", e.actor, e.action,
                  ", ".join(f"{k}={v}" for k, v in e.details.items())] for e in entries])
