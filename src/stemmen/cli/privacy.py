"""``stemmen privacy ...``: find identifiers, decide, replace them with labels, reveal."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table, progress_bar
from stemmen.i18n import _

NAME = "privacy"
app = typer.Typer(help="Pseudonymise transcripts: find names, places, phone numbers and other "
                  "identifiers offline, review them, replace them with labels.",
                  no_args_is_help=True)
KeyOpt = typer.Option(..., "--key-file", help="Key file for the encrypted mapping of the "
                      "original strings (created when absent; keep it outside the project).")
DecisionsOpt = typer.Option(None, "--decisions", exists=True, dir_okay=False,
                            help="CSV with columns id, decision (accept/reject), label.")


def _table(found: list) -> None:
    print_table(["#", "Document", "Start", "Text", "Kind", "Label", "State"],
                [[c.id, c.document, c.start, c.text, _(c.kind), c.label, _(c.state)]
                 for c in found])


@app.command("scan")
def scan(project: str = ProjectArg,
         document: str = typer.Option(None, "--document", help="Only this document."),
         as_json: bool = JsonOpt) -> None:
    """Find identifiers (offline) and list them as candidates with the label they would get."""
    with open_project(project) as p, progress_bar("Preparing the name lists") as update:
        found = p.privacy.scan(document, progress=lambda share: update(int(share * 100), 100))
    if as_json:
        print_json({"candidates": [c.as_dict() for c in found]})
    else:
        _table(found)


@app.command("list")
def list_(project: str = ProjectArg,
          document: str = typer.Option(None, "--document", help="Only this document."),
          state: str = typer.Option(None, "--state", help="pending, accept, reject or applied."),
          as_json: bool = JsonOpt) -> None:
    """List the stored candidates and their decisions."""
    with open_project(project) as p:
        found = p.privacy.candidates(document, state)
    if as_json:
        print_json({"candidates": [c.as_full_dict() for c in found]})
    else:
        _table(found)


@app.command("decide")
def decide(project: str = ProjectArg, decisions: Path = DecisionsOpt,
           text: str = typer.Option(None, "--text", help="Decide every candidate with this "
                                    "text at once."),
           decision: str = typer.Option(None, "--decision", help="With --text: accept or "
                                        "reject."),
           label: str = typer.Option(None, "--label", help="With --text: the label to use.")
           ) -> None:
    """Accept or reject candidates: from a CSV file, or all with one text."""
    from stemmen.project.privacy import read_decisions

    if (decisions is None) == (text is None) or (text is not None and not decision):
        raise typer.BadParameter(_("give --decisions FILE, or --text with --decision"))
    with open_project(project) as p:
        if decisions is not None:
            result = p.privacy.decide(read_decisions(decisions))
        else:
            result = p.privacy.decide_text(text, decision, label)
    console.print(_("Accepted {a}, rejected {r}.", a=result.accepted, r=result.rejected))


@app.command("add")
def add(project: str = ProjectArg, document: str = typer.Argument(...),
        start: int = typer.Argument(..., help="First character (code points from 0)."),
        end: int = typer.Argument(..., help="Character after the last."),
        kind: str = typer.Option("person", help="person, place, phone, email, date, id or "
                                 "address."),
        label: str = typer.Option(None, help="The label (default: by kind).")) -> None:
    """Mark a span the detectors missed (accepted at once)."""
    with open_project(project) as p:
        found = p.privacy.add(document, start, end, kind, label)
    console.print(_("Added candidate #{id}: {label}.", id=found.id, label=found.label))


@app.command("apply")
def apply(project: str = ProjectArg, key_file: Path = KeyOpt, decisions: Path = DecisionsOpt,
          accept_all: bool = typer.Option(False, "--all", help="Accept every undecided "
                                          "candidate first.")) -> None:
    """Replace the accepted candidates with their labels in the stored texts (one
    transaction; codings keep their words); the originals go into the encrypted mapping."""
    from stemmen.project.privacy import read_decisions

    if decisions is not None and accept_all:
        raise typer.BadParameter(_("give --decisions or --all, not both"))
    with open_project(project) as p:
        chosen = read_decisions(decisions) if decisions is not None else []
        result = p.privacy.apply(key_file, chosen, accept_all)
    if result.key_created:
        console.print(_("Created the key file {file}: keep it safe, outside the project.",
                        file=str(key_file)))
    console.print(_("Replaced {n} identifier(s) in {d} document(s).", n=result.replaced,
                    d=result.documents))


@app.command("reveal")
def reveal(project: str = ProjectArg, key_file: Path = KeyOpt, as_json: bool = JsonOpt) -> None:
    """Show which original strings the labels replaced (needs the key file)."""
    with open_project(project) as p:
        entries = p.privacy.reveal(key_file)
    if as_json:
        print_json([e.as_dict() for e in entries])
    else:
        print_table(["Label", "Text", "Document"],
                    [[e.label, e.text, e.document] for e in entries])


@app.command("allow")
def allow(project: str = ProjectArg,
          names: list[str] = typer.Argument(None, help="The whole allow-list (replaces it)."),
          as_json: bool = JsonOpt) -> None:
    """Show or set the allow-list: names never proposed (such as "OCMW Gent")."""
    with open_project(project) as p:
        found = p.privacy.set_allow_list(names) if names else p.privacy.allow_list()
    if as_json:
        print_json(found)
    else:
        for name in found:
            console.print(name)
