"""``stemmen cases ...``: cases, typed attributes, participants, memos, the audit log."""

from __future__ import annotations

import csv
from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.errors import Invalid
from stemmen.i18n import _, current_language
from stemmen.i18n.moments import format_moment
from stemmen.model.sheet import RowEdit

NAME = "cases"
app = typer.Typer(help="Cases, attributes, participants, memos and the audit log.",
                  no_args_is_help=True)
people = typer.Typer(help="Participants: pseudonyms, demographics, documents and speaker "
                     "labels.", no_args_is_help=True)
app.add_typer(people, name="participants")
AppliesOpt = typer.Option("document", help="document, case or participant")


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


@app.command("rename")
def rename(project: str = ProjectArg, name: str = typer.Argument(...),
           new_name: str = typer.Argument(...)) -> None:
    """Rename a case; its documents, codings and participants follow."""
    with open_project(project) as p:
        p.cases.rename(name, new_name)
    console.print(_("Renamed {name} to {new_name}.", name=name, new_name=new_name))


@app.command("describe")
def describe(project: str = ProjectArg, name: str = typer.Argument(...),
             description: str = typer.Argument(...)) -> None:
    """Set the description of a case."""
    with open_project(project) as p:
        p.cases.describe(name, description)
    console.print(_("Saved."))


@app.command("delete")
def delete(project: str = ProjectArg, name: str = typer.Argument(...)) -> None:
    """Delete a case; its documents stay, in no case."""
    with open_project(project) as p:
        moved = p.cases.delete(name)
    console.print(_("Deleted case {name}; {n} document(s) are now in no case.", name=name,
                    n=moved))


@app.command("define")
def define(project: str = ProjectArg, name: str = typer.Argument(...),
           type: str = typer.Option("text", help="text, number, date, boolean or choice"),
           choice: list[str] = typer.Option([], help="Allowed value (choice), repeatable."),
           applies_to: str = AppliesOpt, description: str = typer.Option("")) -> None:
    """Define a typed attribute of documents, cases or participants."""
    with open_project(project) as p:
        p.cases.define_attribute(name, type, choice, applies_to, description)
    console.print(_("Defined attribute {name} ({type}).", name=name, type=type))


@app.command("attributes")
def attributes(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List the defined attributes and their types."""
    with open_project(project) as p:
        attrs = [*p.cases.attributes(), *p.participants.attributes()]
    if as_json:
        print_json([{"name": a.name, "type": a.type.value, "choices": list(a.choices),
                     "applies_to": a.applies_to, "description": a.description}
                    for a in attrs])
        return
    print_table(["Attribute", "Type", "Applies to", "Choices"],
                [[a.name, a.type.value, a.applies_to, ", ".join(a.choices)] for a in attrs])


@app.command("attribute-rename")
def attribute_rename(project: str = ProjectArg, name: str = typer.Argument(...),
                     new_name: str = typer.Argument(...), applies_to: str = AppliesOpt) -> None:
    """Rename an attribute; its values follow."""
    with open_project(project) as p:
        p.cases.rename_attribute(name, new_name, applies_to)
    console.print(_("Renamed {name} to {new_name}.", name=name, new_name=new_name))


@app.command("retype")
def retype(project: str = ProjectArg, name: str = typer.Argument(...),
           type: str = typer.Option(..., help="text, number, date, boolean or choice"),
           choice: list[str] = typer.Option([], help="Allowed value (choice), repeatable."),
           applies_to: str = AppliesOpt) -> None:
    """Give an attribute a new type (or list of choices) when every value fits it."""
    with open_project(project) as p:
        p.cases.retype_attribute(name, type, choice or None, applies_to)
    console.print(_("Defined attribute {name} ({type}).", name=name, type=type))


@app.command("attribute-delete")
def attribute_delete(project: str = ProjectArg, name: str = typer.Argument(...),
                     applies_to: str = AppliesOpt) -> None:
    """Delete an attribute and every value of it."""
    with open_project(project) as p:
        p.cases.delete_attribute(name, applies_to)
    console.print(_("Deleted attribute {name}.", name=name))


@app.command("set")
def set_(project: str = ProjectArg, case: str = typer.Argument(...),
         attribute: str = typer.Argument(...), value: str = typer.Argument(...)) -> None:
    """Set a typed attribute value of a case."""
    with open_project(project) as p:
        typed = p.cases.set_attribute(case, attribute, value)
    console.print(f"{case}: {attribute} = {typed}")


SHEETS = {"cases": ("name", ("name", "description")), "documents": ("document", ("case",)),
          "participants": ("pseudonym", ("pseudonym", "case"))}


@app.command("update")
def update(project: str = ProjectArg,
           sheet: Path = typer.Argument(..., exists=True, dir_okay=False,
                                        help="CSV or tab-separated file with a header row."),
           kind: str = typer.Option("cases", "--sheet",
                                    help="cases, documents, participants or speakers")) -> None:
    """Apply a sheet of changes in one transaction (all or nothing). The first column names
    the row (case, document or pseudonym; new names create cases or participants); the other
    columns are fields or attributes. Speakers: participant, document, speaker."""
    rows = _read_sheet(sheet)
    with open_project(project) as p:
        if kind == "speakers":
            result = p.participants.update_links(
                [RowEdit(None, {k: r.get(k, "") for k in ("participant", "document", "speaker")})
                 for r in rows])
        elif kind in SHEETS:
            result = _update_sheet(p, kind, rows)
        else:
            raise Invalid("Unknown sheet {kind!r}: use cases, documents, participants or "
                          "speakers.", kind=kind)
    console.print(_("Changed {n} row(s).", n=result.changed))


def _read_sheet(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    delimiter = "\t" if "\t" in text.splitlines()[0] else ","
    return [{k.strip(): (v or "") for k, v in row.items() if k}
            for row in csv.DictReader(text.splitlines(), delimiter=delimiter)]


def _update_sheet(p, kind: str, rows: list[dict[str, str]]):  # noqa: ANN001, ANN202
    """Rows keyed by their first column: an existing name edits, a new one creates."""
    name_field, fields = SHEETS[kind]
    existing = {"cases": lambda: [c.name for c in p.cases.list()],
                "documents": lambda: [d.name for d in p.documents.list()],
                "participants": lambda: [x.pseudonym for x in p.participants.list()]}[kind]()
    edits = []
    for row in rows:
        first, *rest = row
        name = row[first].strip()
        values = {k: row[k] for k in rest}
        own = {k: v for k, v in values.items() if k in fields}
        attrs = {k: v for k, v in values.items() if k not in fields}
        if name in existing:
            edits.append(RowEdit((name,), own, attrs))
        else:
            edits.append(RowEdit(None, {**own, name_field: name}, attrs))
    if kind == "documents":
        return p.cases.update_documents(edits)
    if kind == "participants":
        return p.participants.update_many(edits)
    return p.cases.update_many(edits)


@people.command("list")
def participants(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List participants with their demographics."""
    with open_project(project) as p:
        found = p.participants.list()
    if as_json:
        print_json(found)
        return
    keys = sorted({k for x in found for k in x.demographics})
    print_table(["Participant", "Case", *keys, "Documents"],
                [[x.pseudonym, x.case, *[x.demographics.get(k) for k in keys],
                  len(x.documents)] for x in found])


@people.command("add")
def participant_add(project: str = ProjectArg, pseudonym: str = typer.Argument(...),
                    case: str = typer.Option(None, help="The participant's case.")) -> None:
    """Add a participant under a pseudonym."""
    with open_project(project) as p:
        p.participants.add(pseudonym, case=case)
    console.print(_("Added participant {name}.", name=pseudonym))


@people.command("rename")
def participant_rename(project: str = ProjectArg, pseudonym: str = typer.Argument(...),
                       new_pseudonym: str = typer.Argument(...)) -> None:
    """Give a participant a new pseudonym."""
    with open_project(project) as p:
        p.participants.rename(pseudonym, new_pseudonym)
    console.print(_("Renamed {name} to {new_name}.", name=pseudonym, new_name=new_pseudonym))


@people.command("set")
def participant_set(project: str = ProjectArg, pseudonym: str = typer.Argument(...),
                    attribute: str = typer.Argument(...),
                    value: str = typer.Argument(..., help="'' clears the value.")) -> None:
    """Set a demographic of a participant (typed by its definition)."""
    with open_project(project) as p:
        typed = p.participants.set(pseudonym, attribute, value)
    console.print(f"{pseudonym}: {attribute} = {typed}")


@people.command("case")
def participant_case(project: str = ProjectArg, pseudonym: str = typer.Argument(...),
                     case: str = typer.Argument(..., help="Case name ('' for none).")) -> None:
    """Put a participant in a case."""
    with open_project(project) as p:
        p.participants.set_case(pseudonym, case or None)
    console.print(_("{document} is now in {case}.", document=pseudonym, case=case or "-"))


@people.command("delete")
def participant_delete(project: str = ProjectArg, pseudonym: str = typer.Argument(...)) -> None:
    """Delete a participant and their links (documents and codings stay)."""
    with open_project(project) as p:
        p.participants.delete(pseudonym)
    console.print(_("Deleted participant {name}.", name=pseudonym))


@people.command("link")
def participant_link(project: str = ProjectArg, pseudonym: str = typer.Argument(...),
                     document: str = typer.Argument(...),
                     speaker: str = typer.Option(None, help="Their label in the transcript, "
                                                 "e.g. 'Deelnemer 3'.")) -> None:
    """Link a participant to a document, under the speaker label of their turns."""
    with open_project(project) as p:
        p.participants.link(pseudonym, document, speaker)
    console.print(_("Linked {name} to {document}.", name=pseudonym, document=document))


@people.command("unlink")
def participant_unlink(project: str = ProjectArg, pseudonym: str = typer.Argument(...),
                       document: str = typer.Argument(...)) -> None:
    """Remove the link between a participant and a document."""
    with open_project(project) as p:
        p.participants.unlink(pseudonym, document)
    console.print(_("Unlinked {name} from {document}.", name=pseudonym, document=document))


@people.command("links")
def participant_links(project: str = ProjectArg, document: str = typer.Option(None),
                      as_json: bool = JsonOpt) -> None:
    """List which participant speaks in which document, under which label."""
    with open_project(project) as p:
        found = p.participants.links(document=document)
    if as_json:
        print_json(found)
        return
    print_table(["Participant", "Document", "Speaker"],
                [[x.participant, x.document, x.speaker or ""] for x in found])


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
                [[format_moment(e.at, current_language(), seconds=True), e.actor, e.action,
                  ", ".join(f"{k}={v}" for k, v in e.details.items())] for e in entries])
