"""``stemmen guides ...``: topic guides per interview type and wave, Dutch and French side by
side, in versions (wave 2 derived from wave 1); export for the field; coverage per interview."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "guides"
app = typer.Typer(help="Topic guides per interview type and wave, in Dutch and French.",
                  no_args_is_help=True)
TypeOpt = typer.Option(..., "--type", help="Interview type, as the documents' type attribute.")
WaveOpt = typer.Option(..., "--wave")
VersionOpt = typer.Option(None, "--version", help="A version (default: the latest).")


@app.command("import")
def import_(project: str = ProjectArg,
            file: Path = typer.Argument(..., help="guide(s) as .yaml or .docx"),
            note: str = typer.Option("", "--note")) -> None:
    """Import topic guides; each becomes a new version of its type and wave."""
    with open_project(project) as p:
        made = p.guides.import_(file, note=note)
    for s in made:
        g = s.guide
        console.print(_("{type}, wave {wave}: version {version}, {n} topics.", type=g.type,
                        wave=g.wave, version=g.version, n=len(g.topics)))
        if s.changes.added or s.changes.removed:
            console.print(_("  added: {added}; removed: {removed}",
                            added=", ".join(s.changes.added) or "-",
                            removed=", ".join(s.changes.removed) or "-"))


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """Every guide version, with the topics it added and removed."""
    with open_project(project) as p:
        found = p.guides.list()
    if as_json:
        print_json([s.as_dict() for s in found])
        return
    print_table(["Type", "Wave", "Version", "Topics", "Derived from", "Added", "Removed"],
                [[s.guide.type, s.guide.wave, s.guide.version, len(s.guide.topics),
                  " / ".join(str(x) for x in s.guide.derived_from[:2])
                  if s.guide.derived_from else "",
                  ", ".join(s.changes.added), ", ".join(s.changes.removed)] for s in found])


@app.command("show")
def show(project: str = ProjectArg, kind: str = TypeOpt, wave: str = WaveOpt,
         version: int = VersionOpt, as_json: bool = JsonOpt) -> None:
    """One guide: its topics, Dutch and French side by side, with their codes."""
    with open_project(project) as p:
        guide = p.guides.get(kind, wave, version)
    if as_json:
        print_json(guide.as_dict())
        return
    print_table(["Topic", "nl", "fr", "Codes"],
                [[t.key, "\n".join([t.titles.get("nl", ""), *t.questions.get("nl", ())]),
                  "\n".join([t.titles.get("fr", ""), *t.questions.get("fr", ())]),
                  ", ".join(t.codes)] for t in guide.topics],
                f"{guide.type} · {guide.wave} · v{guide.version}")


@app.command("export")
def export(project: str = ProjectArg, kind: str = TypeOpt, wave: str = WaveOpt,
           lang: str = typer.Option("nl,fr", "--lang", help="Languages, e.g. nl,fr"),
           output: Path = typer.Option(..., "--output", "-o", help=".docx or .yaml"),
           version: int = VersionOpt) -> None:
    """Write a guide for the field researcher (DOCX) or to edit and import again (YAML)."""
    langs = [x.strip() for x in lang.split(",") if x.strip()]
    with open_project(project) as p:
        written = p.guides.export(kind, wave, output, langs, version)
    console.print(_("Wrote {path}.", path=str(written)))


@app.command("coverage")
def coverage(project: str = ProjectArg,
             document: str = typer.Option(None, "--document", help="Only this interview."),
             coder: list[str] = typer.Option([], "--coder", help="Only this coder."),
             as_json: bool = JsonOpt) -> None:
    """Per interview: the guide's topics that were coded, and those not coded at all."""
    with open_project(project) as p:
        found = p.guides.coverage(document, coder or None)
    if as_json:
        print_json([c.as_dict() for c in found])
        return
    print_table(["Interview", "Guide", "Covered", "Not coded"],
                [[c.document, f"{c.type} · {c.wave} · v{c.version}",
                  f"{len(c.covered)}/{len(c.covered) + len(c.not_covered)}",
                  ", ".join(c.not_covered) or "-"] for c in found])
