"""``stemmen outline ...``: the report the researchers write (chapters, sections, narrative),
case objectives and descriptions, the title page; ``stemmen quotes translate``."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.findings import quotes_app
from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "outline"
app = typer.Typer(help="The report outline: chapters and sections with narrative per "
                  "language, case objectives and descriptions, the title page.",
                  no_args_is_help=True)
SectionArg = typer.Argument(..., help="Section id (see `outline list`).")
LangOpt = typer.Option("nl", "--lang", help="Language of the title and narrative: nl, fr, en.")


def _narrative(text: str | None, from_file: Path | None) -> str | None:
    if from_file is not None:
        try:
            return from_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise typer.BadParameter(f"cannot read {from_file}: {exc.strerror}") from exc
    return text


def _print(section: object, as_json: bool) -> None:
    if as_json:
        print_json(section.as_dict())  # type: ignore[attr-defined]
    else:
        console.print(_("Section {number} (#{id}).", number=section.number,  # type: ignore
                        id=section.id), markup=False, highlight=False)  # type: ignore


@app.command("add")
def add(project: str = ProjectArg, title: str = typer.Argument("", help="Title."),
        kind: str = typer.Option("free", help="free, case, objective, good_practices, across, "
                                 "recommendations, method or annexes."),
        parent: int = typer.Option(None, help="Parent section id (default: a new chapter)."),
        case: str = typer.Option(None, help="The case of a case/objective section."),
        objective: str = typer.Option(None, help="The objective of an objective section."),
        level: str = typer.Option("", help="Level of a recommendations section."),
        lang: str = LangOpt,
        text: str = typer.Option(None, "--text", help="Narrative (Markdown)."),
        from_file: Path = typer.Option(None, "--from-file", help="Read the narrative from a "
                                       "Markdown file.", dir_okay=False),
        as_json: bool = JsonOpt) -> None:
    """Add a chapter or section."""
    narrative = _narrative(text, from_file) or ""
    with open_project(project) as p:
        section = p.outline.add(title, kind, parent, case, objective, level, lang, narrative)
    _print(section, as_json)


@app.command("list")
def list_(project: str = ProjectArg, lang: str = LangOpt, as_json: bool = JsonOpt) -> None:
    """The outline in reading order, numbered."""
    with open_project(project) as p:
        found = p.outline.list()
    if as_json:
        print_json([s.as_dict() for s in found])
        return
    print_table(["#", "Number", "Kind", "Title", "Case"],
                [[s.id, s.number, s.kind, ("  " * (s.depth - 1)) + s.title(lang), s.case or ""]
                 for s in found])


@app.command("show")
def show(project: str = ProjectArg, section: int = SectionArg, lang: str = LangOpt,
         as_json: bool = JsonOpt) -> None:
    """One section: its title and narrative."""
    with open_project(project) as p:
        found = p.outline.get(section)
    if as_json:
        print_json(found.as_dict())
        return
    console.print(f"{found.number} {found.title(lang)}", markup=False, highlight=False)
    console.print(found.narrative(lang), markup=False, highlight=False)


@app.command("edit")
def edit(project: str = ProjectArg, section: int = SectionArg, lang: str = LangOpt,
         title: str = typer.Option(None, "--title", help="New title."),
         text: str = typer.Option(None, "--text", help="New narrative (Markdown)."),
         from_file: Path = typer.Option(None, "--from-file", help="Read the narrative from a "
                                        "Markdown file.", dir_okay=False),
         level: str = typer.Option(None, "--level", help="New level (recommendations)."),
         as_json: bool = JsonOpt) -> None:
    """Change a section's title or narrative in one language."""
    with open_project(project) as p:
        found = p.outline.edit(section, lang, title, _narrative(text, from_file), level)
    _print(found, as_json)


@app.command("move")
def move(project: str = ProjectArg, section: int = SectionArg,
         position: int = typer.Option(..., "--position", help="1 = first among its siblings."),
         parent: int = typer.Option(None, "--parent", help="Move under this section."),
         chapter: bool = typer.Option(False, "--chapter", help="Make it a chapter."),
         as_json: bool = JsonOpt) -> None:
    """Move a section among its siblings, under another section, or out as a chapter."""
    where: int | None | str = None if chapter else (parent if parent is not None else "same")
    with open_project(project) as p:
        found = p.outline.move(section, position, where)
    _print(found, as_json)


@app.command("remove")
def remove(project: str = ProjectArg, section: int = SectionArg) -> None:
    """Remove a section and its subsections."""
    with open_project(project) as p:
        n = p.outline.remove(section)
    console.print(_("Removed {n} section(s).", n=n))


@app.command("objective")
def objective(project: str = ProjectArg, case: str = typer.Argument(...),
              name: str = typer.Argument(...),
              description: str = typer.Option("", help="What the objective or module is."),
              remove_it: bool = typer.Option(False, "--remove", help="Remove it instead.")
              ) -> None:
    """Add (or remove) an objective or module of a case."""
    with open_project(project) as p:
        if remove_it:
            p.outline.remove_objective(case, name)
            console.print(_("Removed objective {name}.", name=name), markup=False)
            return
        p.outline.add_objective(case, name, description)
    console.print(_("Added objective {name}.", name=name), markup=False)


@app.command("objectives")
def objectives(project: str = ProjectArg, case: str = typer.Option(None, help="Only this case."),
               as_json: bool = JsonOpt) -> None:
    """List the objectives and modules of the cases."""
    with open_project(project) as p:
        found = p.outline.objectives(case)
    if as_json:
        print_json([o.as_dict() for o in found])
        return
    print_table(["Case", "Objective", "Description"],
                [[o.case, o.name, o.description] for o in found])


@app.command("describe")
def describe(project: str = ProjectArg, case: str = typer.Argument(...),
             lang: str = LangOpt, text: str = typer.Option(None, "--text"),
             from_file: Path = typer.Option(None, "--from-file", dir_okay=False)) -> None:
    """The description of a case's project in one language (intake, frame, trajectory)."""
    with open_project(project) as p:
        p.outline.describe(case, lang, _narrative(text, from_file) or "")
    console.print(_("Described {case}.", case=case), markup=False)


@app.command("title")
def title_page(project: str = ProjectArg, lang: str = LangOpt,
               title: str = typer.Option(None, "--title"),
               subtitle: str = typer.Option(None, "--subtitle"),
               authors: str = typer.Option(None, "--authors"),
               commissioner: str = typer.Option(None, "--commissioner",
                                                help="The commissioning body."),
               date: str = typer.Option(None, "--date")) -> None:
    """The title page of the report in one language."""
    fields = {"title": title, "subtitle": subtitle, "authors": authors,
              "commissioner": commissioner, "date": date}
    with open_project(project) as p:
        for key, value in fields.items():
            if value is not None:
                p.labels.set("report", key, lang, value)
    console.print(_("Title page saved."))


@app.command("label")
def label(project: str = ProjectArg,
          kind: str = typer.Argument(..., help="case, role, type, category, code, finding, "
                                     "objective or level."),
          name: str = typer.Argument(..., help="The name in the project."),
          text: str = typer.Argument(..., help="The label ('' removes it)."),
          lang: str = typer.Option("fr", "--lang")) -> None:
    """Give a name a label in one language (OCMW Gent → CPAS Gand)."""
    with open_project(project) as p:
        p.labels.set(kind, name, lang, text)
    console.print(_("Label saved."))


@app.command("labels")
def labels(project: str = ProjectArg, lang: str = typer.Option(None, "--lang"),
           as_json: bool = JsonOpt) -> None:
    """List the labels per language."""
    with open_project(project) as p:
        found = [x for x in p.labels.list(lang) if x.kind != "report"]
    if as_json:
        print_json([x.as_dict() for x in found])
        return
    print_table(["Kind", "Name", "Language", "Label"],
                [[x.kind, x.name, x.lang, x.label] for x in found])


@app.command("check")
def check(project: str = ProjectArg, lang: str = LangOpt,
          case: str = typer.Option(None, "--case"), as_json: bool = JsonOpt) -> None:
    """What a render would warn about: broken references, untranslated quotes."""
    with open_project(project) as p:
        found = p.reports.check(lang, case)
    if as_json:
        print_json(found.as_dict())
        return
    print_warnings(found)
    if found.problems:
        raise typer.Exit(1)


def print_warnings(found: object) -> None:
    """The problems and untranslated quotes of a :class:`ReportCheck`, one per line."""
    problems = found.problems  # type: ignore[attr-defined]
    untranslated = found.untranslated  # type: ignore[attr-defined]
    for line in problems:
        console.print("⚠ " + line, markup=False, highlight=False)
    if untranslated:
        console.print(_("{n} quote(s) lack a translation into {language}:", n=len(untranslated),
                        language=found.lang), markup=False)  # type: ignore[attr-defined]
        for q in untranslated:
            console.print(f"  #{q.coding_id} “{q.text[:70]}” {q.attribution}", markup=False,
                          highlight=False)
    if not problems and not untranslated:
        console.print(_("Every reference resolves."))


@quotes_app.command("translate")
def translate(project: str = ProjectArg,
              quote: int = typer.Argument(..., help="The quote's coding id."),
              lang: str = typer.Option(..., "--lang", help="nl, fr or en."),
              text: str = typer.Option(..., "--text", help="The translation."),
              translator: str = typer.Option(None, "--translator",
                                             help="Who translated it (default: you)."),
              as_json: bool = JsonOpt) -> None:
    """Give a quote its translation into another language."""
    with open_project(project) as p:
        found = p.translations.translate(quote, lang, text, translator)
    if as_json:
        print_json(found.as_dict())
    else:
        console.print(_("Quote #{id} translated into {language}.", id=quote, language=lang))


@quotes_app.command("translations")
def translations(project: str = ProjectArg,
                 missing: str = typer.Option(None, "--missing", help="List the quotes that "
                                             "lack a translation into this language."),
                 as_json: bool = JsonOpt) -> None:
    """List quote translations (or the quotes lacking one)."""
    with open_project(project) as p:
        if missing:
            lacking = p.translations.missing(missing)
            rows = [[q.coding_id, q.text[:70], q.attribution] for q in lacking]
            if as_json:
                print_json([q.as_dict() for q in lacking])
                return
            print_table(["#", "Quote", "Who"], rows)
            return
        found = p.translations.list()
    if as_json:
        print_json([t.as_dict() for t in found])
        return
    print_table(["#", "Language", "Translation", "Translator", "Machine", "Stale"],
                [[t.coding_id, t.lang, t.text[:70], t.translator, t.machine, t.stale]
                 for t in found])
