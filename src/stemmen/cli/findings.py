"""``stemmen findings ...`` and ``stemmen quotes ...``: findings backed by evidence, quotes."""

from __future__ import annotations

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

findings_app = typer.Typer(help="Findings (results, good practices, recommendations) and the "
                           "coded segments that back them.", no_args_is_help=True)
quotes_app = typer.Typer(help="Quotes for reports: segments marked by the team.",
                         no_args_is_help=True)
FindingArg = typer.Argument(..., help="Finding id (see `findings list`).")


def register(root: typer.Typer) -> None:
    root.add_typer(findings_app, name="findings")
    root.add_typer(quotes_app, name="quotes")


def _row(f: object) -> list[object]:
    s = f.strength  # type: ignore[attr-defined]
    return [f.id, f.statement, f.case or _("all"), s.segments, s.interviews,  # type: ignore
            len(s.roles), ", ".join(_(flag) for flag in s.flags)]


@findings_app.command("add")
def add(project: str = ProjectArg, statement: str = typer.Argument(...),
        kind: str = typer.Option("result", help="result, good-practice or recommendation."),
        case: str = typer.Option(None, help="The case it is about (default: all cases)."),
        level: str = typer.Option("", help="Level of a recommendation, e.g. OCMW, federal."),
        description: str = typer.Option("", help="A longer explanation."),
        as_json: bool = JsonOpt) -> None:
    """Add a finding."""
    with open_project(project) as p:
        finding = p.findings.add(statement, kind, case, level, description)
    if as_json:
        print_json(finding.as_dict())
    else:
        console.print(_("Added finding #{id}.", id=finding.id))


@findings_app.command("list")
def list_(project: str = ProjectArg, case: str = typer.Option(None, help="Only this case."),
          kind: str = typer.Option(None, help="Only this kind."), as_json: bool = JsonOpt) -> None:
    """List findings with their evidence strength and warnings."""
    with open_project(project) as p:
        found = p.findings.list(case, kind)
    if as_json:
        print_json([f.as_dict() for f in found])
        return
    print_table(["#", "Finding", "Case", "Segments", "Interviews", "Roles", "Warnings"],
                [_row(f) for f in found])


@findings_app.command("link")
def link(project: str = ProjectArg, finding: int = FindingArg,
         coding: list[int] = typer.Option([], "--coding", help="Coding id, repeatable."),
         code: list[str] = typer.Option([], "--code", help="Every coding of this code."),
         case: list[str] = typer.Option([], "--case", help="With --code: only in this case."),
         coder: list[str] = typer.Option([], "--coder", help="With --code: only this coder.")
         ) -> None:
    """Link coded segments to a finding as evidence (by id, or by code and case)."""
    if not coding and not code:
        raise typer.BadParameter("give --coding or --code")
    with open_project(project) as p:
        added = p.findings.link(finding, coding or None, code or None, case or None,
                                coder or None)
    console.print(_("Linked {n} new segment(s) to finding #{id}.", n=added, id=finding))


@findings_app.command("unlink")
def unlink(project: str = ProjectArg, finding: int = FindingArg,
           coding: list[int] = typer.Option(..., "--coding", help="Coding id, repeatable.")
           ) -> None:
    """Remove coded segments from the evidence of a finding."""
    with open_project(project) as p:
        removed = p.findings.unlink(finding, coding)
    console.print(_("Removed {n} segment(s) from finding #{id}.", n=removed, id=finding))


@findings_app.command("show")
def show(project: str = ProjectArg, finding: int = FindingArg, as_json: bool = JsonOpt) -> None:
    """A finding with its strength and every segment behind it."""
    with open_project(project) as p:
        found = p.findings.get(finding)
        evidence = p.findings.evidence(finding)
    if as_json:
        print_json({**found.as_dict(), "segments": [s.as_dict() for s in evidence]})
        return
    s = found.strength
    console.print(f"#{found.id} {found.statement}", style="bold", markup=False, highlight=False)
    console.print(_("Evidence: {segments} segments from {interviews} interviews; roles: {roles}; "
                    "cases: {cases}; waves: {waves}.", segments=s.segments,
                    interviews=s.interviews, roles=", ".join(s.roles) or "-",
                    cases=", ".join(s.cases) or "-", waves=", ".join(s.waves) or "-"),
                  markup=False, highlight=False)
    for flag in s.flags:
        console.print("⚠ " + _(flag), style="yellow", markup=False)
    for seg in evidence:
        console.print(f"[dim]#{seg.coding_id} {seg.code} · {seg.document}[/dim]", highlight=False)
        console.print(f"{seg.text} {seg.attribution}", markup=False, highlight=False)


@findings_app.command("delete")
def delete(project: str = ProjectArg, finding: int = FindingArg) -> None:
    """Delete a finding (its segments and codings stay)."""
    with open_project(project) as p:
        p.findings.delete(finding)
    console.print(_("Deleted finding #{id}.", id=finding))


@quotes_app.command("mark")
def mark(project: str = ProjectArg, coding: int = typer.Argument(..., help="Coding id."),
         text: str = typer.Option(None, help="Trimmed text; cut parts replaced by […]."),
         finding: int = typer.Option(None, help="The finding this quote illustrates."),
         note: str = typer.Option("", help="A note for the team."), as_json: bool = JsonOpt
         ) -> None:
    """Mark a coded segment as a quote for the report."""
    with open_project(project) as p:
        quote = p.quotes.mark(coding, text, finding, note)
    if as_json:
        print_json(quote.as_dict())
    else:
        console.print(f"“{quote.text}” {quote.attribution}", markup=False, highlight=False)


@quotes_app.command("unmark")
def unmark(project: str = ProjectArg, coding: int = typer.Argument(..., help="Coding id.")
           ) -> None:
    """Remove the quote mark from a coded segment."""
    with open_project(project) as p:
        p.quotes.unmark(coding)
    console.print(_("Coding #{id} is no longer a quote.", id=coding))


@quotes_app.command("list")
def list_quotes(project: str = ProjectArg,
                finding: int = typer.Option(None, help="Only quotes of this finding."),
                case: str = typer.Option(None, help="Only quotes from this case."),
                pseudonymised: bool = typer.Option(False, "--pseudonymised", help="With the "
                                                   "accepted privacy candidates replaced by "
                                                   "their labels."),
                as_json: bool = JsonOpt) -> None:
    """List the marked quotes with their attribution."""
    with open_project(project) as p:
        found = p.quotes.list(finding, case)
        if pseudonymised:
            found = p.privacy.scrub(found)
    if as_json:
        print_json([q.as_dict() for q in found])
        return
    print_table(["Coding", "Code", "Quote", "Attribution", "Finding"],
                [[q.coding_id, q.segment.code, q.text, q.attribution, q.finding_id or ""]
                 for q in found])
