"""``stemmen documents ...``: import, list, show, rename, delete, set an attribute."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, errors, print_json, print_table, progress_bar
from stemmen.i18n import _, translate

NAME = "documents"
app = typer.Typer(help="Import and manage transcripts.", no_args_is_help=True)


def _pairs(values: list[str]) -> dict[str, str]:
    pairs = {}
    for item in values:
        if "=" not in item:
            raise typer.BadParameter(f"{item!r}: use NAME=VALUE")
        key, value = item.split("=", 1)
        pairs[key.strip()] = value.strip()
    return pairs


@app.command("import")
def import_(
    project: str = ProjectArg,
    paths: list[Path] = typer.Argument(
        ..., help="Files or folders (txt, md, docx, odt, rtf, pdf)."),
    case: str = typer.Option(None, help="Put every document in this case."),
    metadata: Path = typer.Option(None, help="CSV/XLSX sheet: file, case, attribute columns."),
    attribute: list[str] = typer.Option([], "--attribute", "-a", help="NAME=VALUE, repeatable."),
    as_json: bool = JsonOpt,
) -> None:
    """Import transcripts; one bad file is reported and the others are imported."""
    with open_project(project) as p, progress_bar("Importing") as update:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files += sorted(f for f in path.rglob("*") if f.is_file()
                                and f.suffix.lower() in _supported()
                                and (metadata is None or f.resolve() != metadata.resolve()))
            else:
                files.append(path)
        result = p.documents.import_files(files, case=case, attributes=_pairs(attribute),
                                          metadata=metadata, progress=update)
    if as_json:
        print_json({"imported": result.imported, "warnings": result.warnings,
                    "errors": [{"file": e.file, "reason": e.reason, "line": e.line}
                               for e in result.errors]})
    else:
        console.print(_("Imported {n} document(s).", n=len(result.imported)))
        for warning in result.warnings:
            errors.print(f"[yellow]{warning}[/yellow]", highlight=False)
        for exc in result.errors:
            errors.print(f"[red]{translate(exc.template, **exc.params)}[/red]", highlight=False)
    if result.errors:
        raise typer.Exit(1 if not result.imported else 0)


def _supported() -> set[str]:
    from stemmen.formats.transcripts import TRANSCRIPT_EXTENSIONS

    return set(TRANSCRIPT_EXTENSIONS)


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List documents with case, attributes and length."""
    with open_project(project) as p:
        docs = p.documents.list()
        counts = {}
        for coding in p.codings.list():
            counts[coding.document] = counts.get(coding.document, 0) + 1
    if as_json:
        print_json([{"name": d.name, "case": d.case, "attributes": d.attributes,
                     "format": d.source_format, "codings": counts.get(d.name, 0)} for d in docs])
        return
    keys = sorted({k for d in docs for k in d.attributes})
    print_table(["Document", "Case", *keys, "Codings"],
                [[d.name, d.case, *[d.attributes.get(k) for k in keys], counts.get(d.name, 0)]
                 for d in docs])


@app.command("show")
def show(project: str = ProjectArg, name: str = typer.Argument(..., help="Document name."),
         as_json: bool = JsonOpt) -> None:
    """Print a document with numbered paragraphs."""
    with open_project(project) as p:
        doc = p.documents.get(name)
        paras = p.documents.paragraphs(name)
    if as_json:
        print_json({"name": doc.name, "case": doc.case, "attributes": doc.attributes,
                    "paragraphs": [{"n": u.index, "start": u.start, "end": u.end,
                                    "text": doc.text[u.start:u.end]} for u in paras]})
        return
    for unit in paras:
        console.print(f"[dim]{unit.index:>4}[/dim]  ", end="")
        console.print(doc.text[unit.start:unit.end], markup=False, highlight=False)


@app.command("rename")
def rename(project: str = ProjectArg, name: str = typer.Argument(...),
           new_name: str = typer.Argument(...)) -> None:
    """Rename a document."""
    with open_project(project) as p:
        p.documents.rename(name, new_name)
    console.print(_("Renamed {old} to {new}.", old=name, new=new_name))


@app.command("delete")
def delete(project: str = ProjectArg, name: str = typer.Argument(...)) -> None:
    """Delete a document and its codings."""
    with open_project(project) as p:
        p.documents.delete(name)
    console.print(_("Deleted {name}.", name=name))


@app.command("set")
def set_(project: str = ProjectArg, name: str = typer.Argument(..., help="Document."),
         attribute: str = typer.Argument(...), value: str = typer.Argument(...)) -> None:
    """Set a typed attribute of a document (define it first with `stemmen cases define`)."""
    with open_project(project) as p:
        typed = p.documents.set_attribute(name, attribute, value)
    console.print(f"{name}: {attribute} = {typed}")
