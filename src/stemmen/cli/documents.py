"""``stemmen documents ...``: import, list, show, rename, delete, set an attribute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, errors, print_json, print_table, progress_bar
from stemmen.errors import FormatError
from stemmen.i18n import _
from stemmen.i18n.reasons import describe_file_error, describe_reason

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
        ..., help="Files or folders (txt, md, docx, odt, rtf, pdf, vtt, srt)."),
    case: str = typer.Option(None, help="Put every document in this case."),
    metadata: Path = typer.Option(None, help="CSV/XLSX sheet: file, case, pseudonyms, "
                                  "attribute columns."),
    attribute: list[str] = typer.Option([], "--attribute", "-a", help="NAME=VALUE, repeatable."),
    as_json: bool = JsonOpt,
) -> None:
    """Import transcripts; one bad file is reported and the others are imported."""
    with open_project(project) as p, progress_bar("Importing") as update:
        result = p.documents.import_files(paths, case=case, attributes=_pairs(attribute),
                                          metadata=metadata, progress=update)
    if as_json:
        print_json({"imported": result.imported, "warnings": result.warnings,
                    "files": result.files,
                    "errors": [{"file": e.file, "reason": e.reason, "line": e.line}
                               for e in result.errors]})
    else:
        if result.imported or not result.errors:
            console.print(_("Imported {n} document(s).", n=len(result.imported)))
        notes = [f"{f.file}: {describe_reason(w)}" for f in result.files for w in f.warnings]
        for warning in [*map(describe_reason, result.warnings), *notes]:
            errors.print(f"[yellow]{escape(warning)}[/yellow]", highlight=False)
        prefix = "" if result.imported else f"{_('Error')}: "
        for exc in result.errors:
            errors.print(f"[red]{escape(prefix + describe_file_error(exc))}[/red]",
                         highlight=False)
    if result.errors and not result.imported:
        raise typer.Exit(2)  # nothing could be read: bad input


@app.command("metadata")
def metadata(
    project: str = ProjectArg,
    sheet: Path = typer.Argument(..., help="CSV/XLSX sheet: file, case, pseudonyms and "
                                 "attribute columns."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write "
                                 "nothing."),
    as_json: bool = JsonOpt,
) -> None:
    """Set cases, attributes and participants of imported documents from a metadata sheet."""
    try:
        data = sheet.read_bytes()
    except OSError as exc:
        raise FormatError(sheet.name, exc.strerror or str(exc)) from exc
    with open_project(project) as p:
        verb = p.documents.preview_metadata if dry_run else p.documents.apply_metadata
        plan = verb(data, sheet.name)
    if as_json:
        rows = [{"line": r.line, "file": r.file, "document": r.document, "case": r.case,
                 "attributes": r.attributes, "participants": r.participants,
                 "problems": [describe_file_error(e) for e in r.problems]} for r in plan.rows]
        print_json({"dry_run": dry_run, "rows": rows, "changes": plan.change_count(),
                    "new_attributes": [a.name for a in plan.new_attributes],
                    "new_cases": plan.new_cases, "new_participants": plan.new_participants,
                    "problems": [describe_file_error(e) for e in plan.problems]})
        return
    print_table(["Line", "File", "Document", "Changes"], [
        [row.line, row.file, row.document or "-", "; ".join(_changes(row)) or "-"]
        for row in plan.rows])
    for label, names in ((_("New attributes"), [a.name for a in plan.new_attributes]),
                         (_("New cases"), plan.new_cases),
                         (_("New participants"), plan.new_participants)):
        if names:
            console.print(f"{label}: {', '.join(names)}", markup=False, highlight=False)
    for problem in plan.all_problems():
        errors.print(f"[yellow]{escape(describe_file_error(problem))}[/yellow]",
                     highlight=False)
    n, m = plan.change_count(), len(plan.matched())
    if dry_run:
        console.print(_("Dry run: {n} change(s) to {m} document(s) would be made; nothing was "
                        "written.", n=n, m=m))
    else:
        console.print(_("Applied {n} change(s) to {m} document(s).", n=n, m=m))


def _changes(row: Any) -> list[str]:
    """A row's changes as short texts: ``case: old -> new``, ``+ participant``."""
    parts = [f"{c.name}: {c.old if c.old is not None else '-'} -> {c.new}"
             for c in ([row.case] if row.case else []) + row.attributes]
    return parts + [f"+ {person}" for person in row.participants]


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List documents with case, attributes and length."""
    with open_project(project) as p:
        docs = p.documents.list()
        counts: dict[str, int] = {}
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
        times = {t.index: t for t in p.media.paragraph_times(name)} if as_json else {}
        media = p.media.get(name) if as_json else None
    if as_json:
        print_json({"name": doc.name, "case": doc.case, "attributes": doc.attributes,
                    "media": media,
                    "paragraphs": [{"n": u.index, "start": u.start, "end": u.end,
                                    "text": doc.text[u.start:u.end],
                                    **_time(times.get(u.index))} for u in paras]})
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


def _time(paragraph: Any) -> dict[str, Any]:
    """``speaker`` and ``time`` ({start, end} in seconds) of a paragraph, when known."""
    if paragraph is None:
        return {}
    out: dict[str, Any] = {}
    if paragraph.speaker:
        out["speaker"] = paragraph.speaker
    if paragraph.start_ms is not None:
        out["time"] = {"start": paragraph.start_ms / 1000,
                       "end": None if paragraph.end_ms is None else paragraph.end_ms / 1000}
    return out


@app.command("media")
def media(project: str = ProjectArg, name: str = typer.Argument(..., help="Document."),
          file: Path = typer.Argument(None, help="Audio or video file (mp3, m4a, wav, ogg, "
                                      "webm, mp4...)."),
          copy: bool = typer.Option(True, "--copy/--link", help="Copy the file into the "
                                    "project's media folder (default), or link it where it "
                                    "is."),
          remove: bool = typer.Option(False, "--remove", help="Remove the document's media "
                                      "link instead."),
          as_json: bool = JsonOpt) -> None:
    """Link an audio or video file to a document, to play it from paragraph times in the
    web workspace. Without FILE: show the linked file. Nothing is ever uploaded."""
    with open_project(project) as p:
        if remove:
            removed = p.media.unlink(name)
            console.print(_("Removed the media link of {name}.", name=name) if removed
                          else _("{name} has no media file.", name=name))
            return
        link = p.media.link(name, file, copy=copy) if file is not None else p.media.get(name)
    if as_json:
        print_json(link)
    elif link is None:
        console.print(_("{name} has no media file.", name=name))
    elif file is None:
        console.print(f"{link.path} ({link.mime_type}, {link.size} B)", markup=False,
                      highlight=False)
    elif link.copied:
        console.print(_("Copied {file} into the project's media folder for {name}.",
                        file=file.name, name=name))
    else:
        console.print(_("Linked {file} to {name} (not copied).", file=str(file), name=name))


# -- editing a transcript after coding (project.texts) ----------------------------------


def _followed(result: Any) -> str:
    return _("{moved} coding(s) moved, {flagged} flagged, {detached} detached.",
             moved=result.codings.moved, flagged=result.codings.flagged,
             detached=result.codings.detached)


@app.command("edit")
def edit(project: str = ProjectArg, name: str = typer.Argument(..., help="Document."),
         from_file: Path = typer.Option(..., "--from-file", help="The corrected transcript "
                                        "(txt, md, docx, odt, rtf, pdf, vtt, srt), read as "
                                        "an import reads it."),
         reason: str = typer.Option("", help="Why the text changed (kept with the version)."),
         as_json: bool = JsonOpt) -> None:
    """Replace a document's text with a corrected one; its codings and memos follow the
    words. Codings whose words changed are flagged, those whose words were deleted are
    detached (kept and listed by `documents reviews`)."""
    with open_project(project) as p:
        result = p.texts.edit_file(name, from_file, reason)
    if as_json:
        print_json(result)
    elif not result.changed:
        console.print(_("The text of {name} is already this text; nothing changed.",
                        name=name))
    else:
        console.print(_("{name} is now version {version}.", name=name,
                        version=result.version))
        console.print(_followed(result))
        if result.memos.total:
            console.print(_("Memos: {moved} moved, {flagged} flagged, {detached} detached.",
                            moved=result.memos.moved, flagged=result.memos.flagged,
                            detached=result.memos.detached))
        if result.codings.flagged or result.codings.detached or result.memos.flagged \
                or result.memos.detached:
            console.print(_("Review them with: stemmen documents reviews PROJECT {name}",
                            name=name))


@app.command("versions")
def versions(project: str = ProjectArg, name: str = typer.Argument(..., help="Document."),
             as_json: bool = JsonOpt) -> None:
    """List every version of a document's text: number, who, when, why."""
    with open_project(project) as p:
        found = p.texts.versions(name)
    if as_json:
        print_json(found)
        return
    print_table(["Version", "Kind", "Author", "When", "Length", "Reason"],
                [[f"{v.number}{' *' if v.current else ''}", v.kind, v.author,
                  v.created_at.isoformat(timespec="seconds") if v.created_at else "",
                  v.length, v.reason] for v in found])


@app.command("diff")
def diff(project: str = ProjectArg, name: str = typer.Argument(..., help="Document."),
         from_: int = typer.Option(None, "--from", help="Older version (default: the one "
                                   "before --to)."),
         to: int = typer.Option(None, "--to", help="Newer version (default: the current)."),
         as_json: bool = JsonOpt) -> None:
    """Show what changed between two versions of a document's text (a unified diff)."""
    with open_project(project) as p:
        found = p.texts.diff(name, from_, to)
    if as_json:
        print_json(found)
    elif not found.parts:
        console.print(_("Versions {a} and {b} have the same text.", a=found.a, b=found.b))
    else:
        console.print(found.unified, markup=False, highlight=False, end="")


@app.command("restore")
def restore(project: str = ProjectArg, name: str = typer.Argument(..., help="Document."),
            version: int = typer.Argument(..., help="The version to bring back."),
            reason: str = typer.Option("", help="Why (kept with the new version)."),
            as_json: bool = JsonOpt) -> None:
    """Make an earlier version's text current again (as a new version); codings and memos
    that existed then go back exactly where they were."""
    with open_project(project) as p:
        result = p.texts.restore(name, version, reason)
    if as_json:
        print_json(result)
        return
    console.print(_("{name} is now version {version} (the text of version {old}).",
                    name=name, version=result.version, old=version))
    console.print(_followed(result))


@app.command("reviews")
def reviews(project: str = ProjectArg,
            name: str = typer.Argument(None, help="Document (default: every document)."),
            as_json: bool = JsonOpt) -> None:
    """List codings and memos that an edit flagged (words changed) or detached (words
    deleted), waiting for `documents review`."""
    with open_project(project) as p:
        found = p.texts.reviews(name)
    if as_json:
        print_json(found)
        return
    if not found:
        console.print(_("Nothing is waiting for review."))
        return
    print_table(["Id", "Kind", "Document", "State", "Code", "Coder", "Was", "Now"],
                [[i.id, i.kind, i.document, i.state, i.code or i.title or "", i.coder or "",
                  i.quote, i.text] for i in found])


@app.command("review")
def review(project: str = ProjectArg,
           item: int = typer.Argument(..., help="Coding id (or memo id with --memo)."),
           action: str = typer.Argument(..., help="keep, reattach or delete."),
           start: int = typer.Option(None, help="With reattach: where the span starts."),
           end: int = typer.Option(None, help="With reattach: where the span ends."),
           memo: bool = typer.Option(False, "--memo", help="ITEM is a memo id.")) -> None:
    """Decide about a flagged or detached coding or memo: keep it where it is, reattach it
    to another span of the current text, or delete it."""
    with open_project(project) as p:
        result = p.texts.review(item, action, start=start, end=end, memo=memo)
    console.print(_("{kind} #{id}: {action}. Still waiting for review in {document}: "
                    "{remaining}.", kind=result.kind, id=result.id, action=result.action,
                    document=result.document, remaining=result.remaining))
