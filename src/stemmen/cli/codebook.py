"""``stemmen codebook ...``: import, export, list, add, rename, edit, move, merge, split,
delete, history. ``--reason`` is kept with the change in the codebook history."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _, current_language, translate
from stemmen.i18n.moments import format_moment

NAME = "codebook"
app = typer.Typer(help="Categories and codes, and the history of every change.",
                  no_args_is_help=True)

ReasonOpt = typer.Option("", "--reason", help="Why: kept with the change in the history.")
RequestedOpt = typer.Option("", "--requested-by",
                            help="The reviewer (or panel) who asked for the change.")
STATUS = {"added": "added", "changed": "changed", "unchanged": "unchanged",
          "refused": "refused"}


@app.command("import")
def import_(project: str = ProjectArg,
            file: Path = typer.Argument(..., help="codebook .csv, .xlsx, .docx, .yaml or .qdc"),
            dry_run: bool = typer.Option(False, "--dry-run",
                                         help="Show what would change; write nothing."),
            as_json: bool = JsonOpt, reason: str = ReasonOpt) -> None:
    """Add (or update) the categories and codes of a codebook file, after a preview."""
    with open_project(project) as p:
        plan = p.codebook.preview_import(file) if dry_run else p.codebook.import_(
            file, reason=reason)
    if as_json:
        print_json({"applied": plan.applied, "counts": plan.counts, "notes": plan.notes,
                    "codes": [{"name": c.code.name, "status": c.status,
                               "changes": list(c.changes), "reason": c.message}
                              for c in plan.codes]})
        return
    rows = [[c.code.name, c.code.parent or c.code.category or "", _(STATUS[c.status]),
             ", ".join(c.changes) or (translate(c.reason, **c.params) if c.reason else "")]
            for c in plan.codes if c.status != "unchanged"]
    if rows:
        print_table(["Code", "Under", "Import", "Details"], rows)
    for note in plan.notes:
        console.print(f"- {note}")
    counts = plan.counts
    if dry_run:
        console.print(_("Would add {added}, change {changed}, leave {unchanged} unchanged and "
                        "refuse {refused} code(s); {categories} new category(ies). Nothing "
                        "was written.", **counts))
    else:
        console.print(_("Imported {codes} codes in {categories} categories.",
                        codes=counts["added"] + counts["changed"],
                        categories=counts["categories"]))
        console.print(_("{added} added, {changed} changed, {unchanged} unchanged, {refused} "
                        "refused.", **counts))


@app.command("export")
def export(project: str = ProjectArg,
           file: Path = typer.Argument(..., help="Output .csv, .yaml or .qdc")) -> None:
    """Write the codebook to a file (format from the extension)."""
    with open_project(project) as p:
        p.codebook.export(file)
    console.print(_("Wrote {file}.", file=str(file)))


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List codes in tree order with category, definition and number of codings."""
    with open_project(project) as p:
        tree, counts = p.codebook.list(), p.codebook.counts()
    if as_json:
        print_json([{"name": n.code.name, "category": n.code.category, "parent": n.code.parent,
                     "depth": n.depth, "path": n.path_text, "definition": n.code.definition,
                     "inclusion": n.code.inclusion, "exclusion": n.code.exclusion,
                     "example": n.code.example, "colour": n.code.colour, "guid": n.code.guid,
                     "codings": counts.get(n.code.name, 0)} for n in tree])
        return
    print_table(["Category", "Code", "Codings", "Definition"],
                [[n.code.category, "  " * n.depth + n.code.name, counts.get(n.code.name, 0),
                  n.code.definition] for n in tree])


@app.command("add")
def add(project: str = ProjectArg, name: str = typer.Argument(...),
        category: str = typer.Option(None), parent: str = typer.Option(
            None, "--parent", help="Add as a child of this code."),
        definition: str = typer.Option(""), inclusion: str = typer.Option(""),
        exclusion: str = typer.Option(""), example: str = typer.Option(""),
        colour: str = typer.Option(None, help="#rrggbb"), reason: str = ReasonOpt,
        requested_by: str = RequestedOpt) -> None:
    """Add a code (in a category, or under a parent code)."""
    with open_project(project) as p:
        code = p.codebook.add(name, category=category, definition=definition, colour=colour,
                              parent=parent, inclusion=inclusion, exclusion=exclusion,
                              example=example, reason=reason, requested_by=requested_by)
    console.print(_("Added code {name}.", name=code.name))


@app.command("rename")
def rename(project: str = ProjectArg, name: str = typer.Argument(...),
           new_name: str = typer.Argument(...), reason: str = ReasonOpt,
           requested_by: str = RequestedOpt) -> None:
    """Rename a code (its codings keep it)."""
    with open_project(project) as p:
        p.codebook.rename(name, new_name, reason=reason, requested_by=requested_by)
    console.print(_("Renamed {old} to {new}.", old=name, new=new_name))


@app.command("edit")
def edit(project: str = ProjectArg, name: str = typer.Argument(...),
         definition: str = typer.Option(None), inclusion: str = typer.Option(None),
         exclusion: str = typer.Option(None), example: str = typer.Option(None),
         colour: str = typer.Option(None), reason: str = ReasonOpt,
         requested_by: str = RequestedOpt) -> None:
    """Change a code's definition, inclusion or exclusion criteria, example or colour."""
    with open_project(project) as p:
        p.codebook.edit(name, definition=definition, colour=colour, inclusion=inclusion,
                        exclusion=exclusion, example=example, reason=reason,
                        requested_by=requested_by)
    console.print(_("Updated {name}.", name=name))


@app.command("move")
def move(project: str = ProjectArg, name: str = typer.Argument(...),
         category: str = typer.Option(None, "--to", help="Target category (none: top level)."),
         parent: str = typer.Option(None, "--under", help="Make it a child of this code."),
         reason: str = ReasonOpt) -> None:
    """Move a code to another category, or under another code."""
    with open_project(project) as p:
        p.codebook.move(name, category, parent=parent, reason=reason)
    console.print(_("Moved {name} to {category}.", name=name, category=parent or category or "-"))


@app.command("merge")
def merge(project: str = ProjectArg, name: str = typer.Argument(...),
          into: str = typer.Option(..., "--into", help="The code that remains."),
          reason: str = ReasonOpt, requested_by: str = RequestedOpt) -> None:
    """Merge a code into another; its codings follow."""
    with open_project(project) as p:
        moved = p.codebook.merge(name, into, reason=reason, requested_by=requested_by)
    console.print(_("Merged {name} into {into}: {n} coding(s) moved.", name=name, into=into,
                    n=moved))


@app.command("split")
def split(project: str = ProjectArg, name: str = typer.Argument(...),
          into: list[str] = typer.Option(..., "--into", help="New code, repeatable."),
          assign: list[str] = typer.Option([], help="CODING_ID=NEW_CODE, repeatable."),
          remove_original: bool = typer.Option(False, help="Remove the original code."),
          reason: str = ReasonOpt, requested_by: str = RequestedOpt) -> None:
    """Split a code into new codes; assigned codings move to them."""
    mapping = {}
    for item in assign:
        key, _sep, value = item.partition("=")
        if not key.isdigit() or not value:
            raise typer.BadParameter(f"{item!r}: use CODING_ID=NEW_CODE")
        mapping[int(key)] = value
    with open_project(project) as p:
        counts = p.codebook.split(name, into, mapping, keep_original=not remove_original,
                                  reason=reason, requested_by=requested_by)
    console.print(_("Split {name} into {codes}.", name=name,
                    codes=", ".join(f"{k} ({v})" for k, v in counts.items())))


@app.command("delete")
def delete(project: str = ProjectArg, name: str = typer.Argument(...),
           reason: str = ReasonOpt, requested_by: str = RequestedOpt) -> None:
    """Delete a code and its codings (its child codes take its place)."""
    with open_project(project) as p:
        removed = p.codebook.delete(name, reason=reason, requested_by=requested_by)
    console.print(_("Deleted {name} and {n} coding(s).", name=name, n=removed))


@app.command("history")
def history(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """Every change to the codebook: who, when, what and why."""
    with open_project(project) as p:
        entries = p.codebook.history()
    if as_json:
        print_json([{"at": e.at, "actor": e.actor, "change": e.action, **e.details}
                    for e in entries])
        return
    print_table(["When", "Who", "Change", "Details", "Why"],
                [[format_moment(e.at, current_language()), e.actor, e.action,
                  ", ".join(f"{k}={v}" for k, v in e.details.items() if k != "reason"),
                  e.details.get("reason", "")] for e in entries])


# --- versions (issue 20) ------------------------------------------------------------------


@app.command("version")
def version(project: str = ProjectArg,
            name: str = typer.Argument(..., help='e.g. "pilot", "after wave 1"'),
            note: str = typer.Option("", "--note", help="What this version is.")) -> None:
    """Freeze the codebook as it is now under a name."""
    with open_project(project) as p:
        made = p.codebook_versions.create(name, note)
    console.print(_("Codebook version {name}: {n} codes.", name=made.name, n=len(made.codes)))


@app.command("versions")
def versions(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """The named versions of the codebook, oldest first."""
    with open_project(project) as p:
        found = p.codebook_versions.list()
    if as_json:
        print_json([v.as_dict() for v in found])
        return
    print_table(["Version", "When", "Who", "Codes", "Note"],
                [[v.name, format_moment(v.created_at, current_language()), v.actor,
                  len(v.codes), v.note] for v in found])


@app.command("diff")
def diff(project: str = ProjectArg, old: str = typer.Argument(..., help="older version"),
         new: str = typer.Argument("current", help="newer version ('current': as it is now)"),
         as_json: bool = JsonOpt,
         output: Path = typer.Option(None, "--output", "-o",
                                     help="Write it for the expert panel: .docx or .xlsx.")
         ) -> None:
    """Codes added, removed, renamed, merged, split, redefined and moved between versions."""
    with open_project(project) as p:
        found = p.codebook_versions.diff(old, new)
        if output is not None:
            written = p.codebook_versions.export_diff(old, new, output)
            console.print(_("Wrote {path}.", path=str(written)))
            return
    if as_json:
        print_json(found.as_dict())
        return
    print_table(["Change", "Code", "Became", "What", "Why", "Requested by"],
                [[_(c.kind), c.code, ", ".join(c.to), ", ".join(c.fields), c.reason,
                  c.requested_by] for c in found.changes],
                title=f"{found.old} → {found.new}")
