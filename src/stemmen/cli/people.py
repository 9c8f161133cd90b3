"""``stemmen people ...``: participants of every kind as persons: their turns and codes per
transcript, and late entrants (the wave they joined, whom they replaced)."""

from __future__ import annotations

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "people"
app = typer.Typer(help="Participants as persons: their own turns, codes and waves.",
                  no_args_is_help=True)


@app.command("turns")
def turns(project: str = ProjectArg, participant: str = typer.Argument(..., help="pseudonym"),
          coder: list[str] = typer.Option([], "--coder", help="Only this coder, repeatable."),
          as_json: bool = JsonOpt) -> None:
    """Per transcript: the participant's speaker label, turns and the codes on them."""
    with open_project(project) as p:
        found = p.people.turns(participant, coder or None)
    if as_json:
        print_json([{"document": t.document, "speaker": t.speaker, "turns": t.turns,
                     "codes": list(t.codes)} for t in found])
        return
    print_table(["Document", "Speaker", "Turns", "Codes"],
                [[t.document, t.speaker or "", t.turns, ", ".join(t.codes)] for t in found])


@app.command("late-entrants")
def late_entrants(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """Participants who joined in a later wave, and whom they replaced."""
    with open_project(project) as p:
        found = p.people.late_entrants()
    if as_json:
        print_json([{"participant": e.participant, "case": e.case,
                     "joined_wave": e.joined_wave, "replaces": e.replaces,
                     "documents": list(e.documents)} for e in found])
        return
    print_table(["Participant", "Case", "Joined wave", "Replaces"],
                [[e.participant, e.case or "", e.joined_wave, e.replaces or ""]
                 for e in found])


@app.command("late-entrant")
def late_entrant(project: str = ProjectArg,
                 participant: str = typer.Argument(..., help="pseudonym"),
                 wave: str = typer.Option(..., "--wave", help="The wave they joined."),
                 replaces: str = typer.Option(None, "--replaces",
                                              help="The participant they replaced.")) -> None:
    """Record the wave a participant joined and whom they replaced."""
    with open_project(project) as p:
        entry = p.people.mark_late_entrant(participant, wave, replaces)
    console.print(_("{name} joined in wave {wave}.", name=entry.participant,
                    wave=entry.joined_wave))
