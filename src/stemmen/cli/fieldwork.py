"""``stemmen fieldwork ...``: interviews planned (case, type, wave, date, invited people),
consent per participant, and withdrawal of consent; ``stemmen query fieldwork`` shows planned
against held."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "fieldwork"
app = typer.Typer(help="Planned interviews, consent, and withdrawal of consent.",
                  no_args_is_help=True)


@app.command("plan")
def plan(project: str = ProjectArg,
         file: Path = typer.Argument(..., help="YAML with a list 'interviews' (name, case, "
                                     "type, wave, date, participants)")) -> None:
    """Plan the interviews of a YAML file (all or nothing)."""
    with open_project(project) as p:
        added = p.fieldwork.import_plan(file)
    console.print(_("Planned {n} interview(s).", n=len(added)))


@app.command("add")
def add(project: str = ProjectArg, name: str = typer.Argument(...),
        case: str = typer.Option(None, "--case"), kind: str = typer.Option(..., "--type"),
        wave: str = typer.Option(..., "--wave"),
        date: str = typer.Option(None, "--date", help="YYYY-MM-DD"),
        participant: list[str] = typer.Option([], "--participant",
                                              help="Invited (pseudonym), repeatable.")) -> None:
    """Plan one interview."""
    with open_project(project) as p:
        planned = p.fieldwork.plan(name, case, kind, wave, date, participant)
    console.print(_("Planned {name}.", name=planned.name))


@app.command("link")
def link(project: str = ProjectArg, name: str = typer.Argument(..., help="planned interview"),
         document: str = typer.Argument(None, help="the document that holds it (none: match "
                                        "by case, type and wave)")) -> None:
    """Say which document holds a planned interview."""
    with open_project(project) as p:
        p.fieldwork.link(name, document)
    console.print(_("Linked {name} to {document}.", name=name, document=document or "-"))


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """Planned interviews with the document that holds each one."""
    with open_project(project) as p:
        plans = p.fieldwork.planned()
    if as_json:
        print_json([x.as_dict() for x in plans])
        return
    print_table(["Planned", "Case", "Type", "Wave", "Date", "Held as"],
                [[x.name, x.case or "", x.type, x.wave, x.date, x.held_by or _("missing")]
                 for x in plans])


@app.command("consent")
def consent(project: str = ProjectArg, participant: str = typer.Argument(...),
            given: str = typer.Option(None, "--given", help="date given, YYYY-MM-DD"),
            form: str = typer.Option(None, "--form", help="the consent form's version"),
            withdrawn: str = typer.Option(None, "--withdrawn", help="date withdrawn")) -> None:
    """Record a participant's consent (date, form version, withdrawal date)."""
    with open_project(project) as p:
        found = p.fieldwork.consent(participant, given, form, withdrawn)
    console.print(_("Consent of {name}: {state}.", name=found.participant, state=_(found.state)))


@app.command("consents")
def consents(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """Consent per participant."""
    with open_project(project) as p:
        found = p.fieldwork.consents()
    if as_json:
        print_json([c.as_dict() for c in found])
        return
    print_table(["Participant", "Given", "Form", "Withdrawn"],
                [[c.participant, c.given_on, c.form_version, c.withdrawn_on] for c in found])


@app.command("withdraw")
def withdraw(project: str = ProjectArg, participant: str = typer.Argument(...),
             dry_run: bool = typer.Option(False, "--dry-run",
                                          help="Show what would go; change nothing."),
             label: str = typer.Option("[consent withdrawn]", "--label",
                                       help="Text that replaces their words."),
             reason: str = typer.Option("", "--reason"), as_json: bool = JsonOpt) -> None:
    """Remove a participant who withdrew consent: their turns' codings go, their words are
    replaced by a label, the participant is deleted (one audited action)."""
    with open_project(project) as p:
        result = p.fieldwork.withdraw(participant, dry_run=dry_run, label=label, reason=reason)
    if as_json:
        print_json(result.as_dict())
        return
    print_table(["Document", "Speaker", "Turns", "Codings"],
                [[d.document, d.speaker, d.turns, d.codings] for d in result.documents])
    if result.applied:
        console.print(_("Removed {name}: {turns} turn(s) replaced, {codings} coding(s) "
                        "removed.", name=participant, turns=result.turns,
                        codings=result.codings))
    else:
        console.print(_("Would remove {name}: {turns} turn(s) replaced, {codings} coding(s) "
                        "removed. Nothing was changed.", name=participant,
                        turns=result.turns, codings=result.codings))
