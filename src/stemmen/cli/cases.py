"""``stemmen cases ...``: cases, typed attributes, participants, memos, the audit log."""

from __future__ import annotations

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "cases"
app = typer.Typer(help="Cases, attributes, participants, memos and the audit log.",
                  no_args_is_help=True)


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List cases with their attributes and number of documents."""
    with open_project(project) as p:
        cases, docs = p.cases.list(), p.documents.list()
    n_docs = {c.name: sum(d.case == c.name for d in docs) for c in cases}
    if as_json:
        print_json([{"name": c.name, "description": c.description, "attributes": c.attributes,
                     "documents": n_docs[c.name]} for c in cases])
        return
    keys = sorted({k for c in cases for k in c.attributes})
    print_table(["Case", *keys, "Documents"],
                [[c.name, *[c.attributes.get(k) for k in keys], n_docs[c.name]] for c in cases])


@app.command("add")
def add(project: str = ProjectArg, name: str = typer.Argument(...),
        description: str = typer.Option("")) -> None:
    """Add a case."""
    with open_project(project) as p:
        p.cases.add(name, description)
    console.print(_("Added case {name}.", name=name))


@app.command("assign")
def assign(project: str = ProjectArg, document: str = typer.Argument(...),
           case: str = typer.Argument(..., help="Case name ('' for none).")) -> None:
    """Put a document in a case."""
    with open_project(project) as p:
        p.cases.assign(document, case or None)
    console.print(_("{document} is now in {case}.", document=document, case=case or "-"))


@app.command("define")
def define(project: str = ProjectArg, name: str = typer.Argument(...),
           type: str = typer.Option("text", help="text, number, date, boolean or choice"),
           choice: list[str] = typer.Option([], help="Allowed value (choice), repeatable."),
           applies_to: str = typer.Option("document", help="document or case")) -> None:
    """Define a typed attribute of documents or cases."""
    with open_project(project) as p:
        p.cases.define_attribute(name, type, choice, applies_to)
    console.print(_("Defined attribute {name} ({type}).", name=name, type=type))


@app.command("attributes")
def attributes(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List the defined attributes and their types."""
    with open_project(project) as p:
        attrs = p.cases.attributes()
    if as_json:
        print_json([{"name": a.name, "type": a.type.value, "choices": list(a.choices),
                     "applies_to": a.applies_to} for a in attrs])
        return
    print_table(["Attribute", "Type", "Applies to", "Choices"],
                [[a.name, a.type.value, a.applies_to, ", ".join(a.choices)] for a in attrs])


@app.command("set")
def set_(project: str = ProjectArg, case: str = typer.Argument(...),
         attribute: str = typer.Argument(...), value: str = typer.Argument(...)) -> None:
    """Set a typed attribute value of a case."""
    with open_project(project) as p:
        typed = p.cases.set_attribute(case, attribute, value)
    console.print(f"{case}: {attribute} = {typed}")


@app.command("participants")
def participants(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List participants with their demographics."""
    with open_project(project) as p:
        people = p.participants.list()
    if as_json:
        print_json(people)
        return
    keys = sorted({k for x in people for k in x.demographics})
    print_table(["Participant", "Case", *keys, "Documents"],
                [[x.pseudonym, x.case, *[x.demographics.get(k) for k in keys],
                  len(x.documents)] for x in people])


@app.command("memo")
def memo(project: str = ProjectArg, text: str = typer.Argument(...),
         document: str = typer.Option(None), title: str = typer.Option("")) -> None:
    """Write a memo on the project or a document."""
    with open_project(project) as p:
        p.memos.add(text, title=title, document=document)
    console.print(_("Memo saved."))


@app.command("memos")
def memos(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List memos."""
    with open_project(project) as p:
        rows = p.memos.list()
    if as_json:
        print_json(rows)
        return
    print_table(["Title", "Document", "Author", "Memo"],
                [[m.title, m.document, m.author, m.text] for m in rows])


@app.command("log")
def log(project: str = ProjectArg, limit: int = typer.Option(50), as_json: bool = JsonOpt) -> None:
    """The audit log: who changed what, when."""
    with open_project(project) as p:
        entries = p.journal.entries(limit)
    if as_json:
        print_json([{"at": e.at, "actor": e.actor, "action": e.action, "details": e.details}
                    for e in entries])
        return
    print_table(["When", "Who", "Action", "Details"],
                [[e.at.strftime("%Y-%m-%d %H:%M:%S") if e.at else "", e.actor, e.action,
                  ", ".join(f"{k}={v}" for k, v in e.details.items())] for e in entries])
