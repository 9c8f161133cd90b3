"""``stemmen rounds ...``: blind double-coding rounds (open, list, close with agreement)."""

from __future__ import annotations

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _, translate

NAME = "rounds"
app = typer.Typer(help="Blind double-coding rounds: each coder sees only their own codings "
                       "in the round's documents until the round closes.",
                  no_args_is_help=True)


@app.command("open")
def open_(project: str = ProjectArg,
          name: str = typer.Argument(..., help="Name of the round."),
          document: list[str] = typer.Option([], "--document", help="Document, repeatable."),
          coder: list[str] = typer.Option([], "--coder", help="Coder, repeatable (two or "
                                          "more)."),
          as_json: bool = JsonOpt) -> None:
    """Open a blind round on documents for coders."""
    with open_project(project) as p:
        found = p.rounds.open(name, document, coder)
    if as_json:
        print_json(found.as_dict())
        return
    console.print(_("Opened round {name}: {docs} document(s), coders {coders}.", name=found.name,
                    docs=len(found.documents), coders=", ".join(found.coders)),
                  markup=False, highlight=False)


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List the rounds, open and closed."""
    with open_project(project) as p:
        found = p.rounds.list()
    if as_json:
        print_json([r.as_dict() for r in found])
        return
    print_table(["Round", "State", "Documents", "Coders", "Opened", "Closed"],
                [[r.name, _(r.state), ", ".join(r.documents), ", ".join(r.coders),
                  f"{r.opened_at:%Y-%m-%d %H:%M} {r.opened_by}",
                  f"{r.closed_at:%Y-%m-%d %H:%M} {r.closed_by}" if r.closed_at else ""]
                 for r in found])


@app.command("close")
def close(project: str = ProjectArg, name: str = typer.Argument(..., help="Name of the round."),
          as_json: bool = JsonOpt) -> None:
    """Close a round and print its coders' agreement on its documents."""
    from stemmen.cli.reliability import COLUMNS, _emit, _readings

    with open_project(project) as p:
        outcome = p.rounds.close(name)
    if as_json:
        print_json(outcome.as_dict())
        return
    console.print(_("Closed round {name}.", name=name), markup=False, highlight=False)
    result = outcome.agreement
    if result is None:
        console.print(_("No agreement: {reason}", reason=translate(outcome.reason)),
                      markup=False, highlight=False)
        return
    rows = [[_("pooled"), *[result.pooled.get(k) for k in COLUMNS]],
            [_("code sets"), *[result.code_sets.get(k) for k in COLUMNS]]]
    rows += [[code, *[e.get(k) for k in COLUMNS]] for code, e in result.per_code.items()
             if e["n_units_coded"]]
    title = _("{n} {unit} units of {docs} document(s), coders {coders}: {d} unit(s) differ.",
              n=result.n_units, unit="paragraph", docs=len(result.documents),
              coders=", ".join(result.coders), d=result.n_disagreements)
    _emit(result.as_dict(), rows, "table", title)
    for line in _readings(result, result.threshold):
        typer.echo(line)
