"""``stemmen exchange ...``: REFI-QDA .qdpx projects and .qdc codebooks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "exchange"
app = typer.Typer(help="Move projects to and from NVivo, ATLAS.ti, MAXQDA, QualCoder "
                       "(REFI-QDA).", no_args_is_help=True)


@app.command("import")
def import_(project: str = ProjectArg,
            file: Path = typer.Argument(..., help=".qdpx project or .qdc codebook"),
            create: bool = typer.Option(True, help="Create the project if it does not exist."),
            merge: bool = typer.Option(False, "--merge", help="Merge into a project that already "
                                       "holds documents, codes or cases (refused otherwise): "
                                       "a coder's copy adds what the project lacks."),
            as_json: bool = JsonOpt) -> None:
    """Import a REFI-QDA file; nothing changes (and no project is left) if it fails."""
    from stemmen.project.exchange import import_into

    outcome = import_into(project, file, create=create, merge=merge)
    if as_json:
        print_json(outcome.as_dict())
        return
    if outcome.merged is not None:
        merged = outcome.merged
        refused = Counter(r.kind for r in merged.refused)
        print_table(["Item", "Added", "Already there", "Refused"],
                    [[k, n, merged.present.get(k, 0), refused.get(k, 0)]
                     for k, n in merged.added.items()],
                    title=_("Merged {file}", file=file.name))
        for r in merged.refused:
            console.print(_("Refused {kind} {name}: {reason}", kind=_(r.kind), name=r.name,
                            reason=_(r.template, **dict(r.params))),
                          markup=False, highlight=False)
        return
    print_table(["Item", "Count"], [[k, v] for k, v in outcome.written.items()],
                title=_("Imported from {file}", file=file.name))
    if outcome.report is not None:
        for line in outcome.report.lines():
            console.print(line, markup=False, highlight=False)


@app.command("export")
def export(project: str = ProjectArg,
           file: Path = typer.Argument(..., help="Output .qdpx or .qdc"),
           coder: str = typer.Option(None, "--coder", help="A copy for this coder: the "
                                     "other coders' codings in the open rounds they code in "
                                     "are left out."),
           pseudonymised: bool = typer.Option(False, "--pseudonymised", help="Texts with the "
                                              "accepted privacy candidates replaced by their "
                                              "labels (see `stemmen privacy`)."),
           as_json: bool = JsonOpt) -> None:
    """Export the project (.qdpx) or its codebook (.qdc)."""
    with open_project(project) as p:
        if file.suffix.lower() == ".qdc":
            p.exchange.export_qdc(file)
            counts = {"codes": len(p.codebook.codes()),
                      "categories": len(p.codebook.categories())}
        else:
            counts = p.exchange.export_qdpx(file, coder=coder or None,
                                            pseudonymised=pseudonymised)
    if as_json:
        print_json({"file": str(file), "written": counts})
        return
    print_table(["Item", "Count"], [[k, v] for k, v in counts.items()],
                title=_("Wrote {file}", file=file.name))
