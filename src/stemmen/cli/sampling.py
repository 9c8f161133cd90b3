"""``stemmen sampling ...``: store the study's sampling plan (criteria per participant role,
targets per case, interview type and wave) and show it; ``stemmen query sampling`` checks it."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "sampling"
app = typer.Typer(help="The sampling plan: criteria per role, targets per case and wave.",
                  no_args_is_help=True)


@app.command("plan")
def plan(project: str = ProjectArg,
         file: Path = typer.Argument(..., help="the plan as YAML (see docs/study.md)")) -> None:
    """Store the sampling plan of a YAML file (it replaces the one before)."""
    with open_project(project) as p:
        stored = p.sampling.set_plan(file)
    console.print(_("Stored the sampling plan {name}: {criteria} criteria for {roles} role(s), "
                    "{targets} target(s).", name=stored.name, criteria=len(stored.criteria),
                    roles=len(stored.roles), targets=len(stored.targets)))


@app.command("show")
def show(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """The stored plan: every criterion and target."""
    with open_project(project) as p:
        stored = p.sampling.plan()
    if as_json:
        print_json({"name": stored.name,
                    "criteria": [{"role": c.role, "name": c.name, "kind": c.kind,
                                  "attribute": c.attribute, "per": list(c.per)}
                                 for c in stored.criteria],
                    "targets": [{"name": t.name, "type": t.type, "role": t.role,
                                 "wave": t.wave, "case": t.case, "per_case": t.n}
                                for t in stored.targets]})
        return
    print_table(["Role", "Criterion", "Kind", "Attribute", "Per"],
                [[c.role or "", c.name, c.kind, c.attribute or "", ", ".join(c.per)]
                 for c in stored.criteria], stored.name)
    print_table(["Target", "Interview type or role", "Wave", "Per case"],
                [[t.name, t.type or t.role or "", t.wave or "", t.n] for t in stored.targets])
