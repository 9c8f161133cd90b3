"""``stemmen suggest ...``: code suggestions learnt from a coder, measured like a coder."""

from __future__ import annotations

from typing import Any

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table, progress_bar
from stemmen.i18n import _

NAME = "suggest"
app = typer.Typer(help="Code suggestions learnt on this machine from a coder's codings, with "
                  "their measured agreement (trust report).", no_args_is_help=True)
IdArg = typer.Argument(..., help="The suggestion's id (see `suggest list`).")


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _interval(low: float | None, high: float | None) -> str:
    return "" if low is None or high is None else f"{low:.2f}–{high:.2f}"


def report_json(report: Any) -> dict[str, Any]:
    """The trust report as the JSON the issue names: per code and pooled."""
    return {
        "coder": report.coder, "units": report.units, "documents": report.documents,
        "folds": report.folds, "threshold": report.threshold, "seconds": report.seconds,
        "model": report.model, "pooled": report.pooled,
        "codes": [{"code": c.code, "kappa": c.kappa, "kappa_interval": [c.kappa_low,
                                                                        c.kappa_high],
                   "ac1": c.ac1, "ac1_interval": [c.ac1_low, c.ac1_high],
                   "precision": c.precision, "recall": c.recall, "n": c.n,
                   "documents": c.documents, "enabled": c.enabled,
                   "reason": c.reason_text()} for c in report.codes],
    }


def print_report(report: Any) -> None:
    """The trust report as a table and a summary sentence."""
    rows = [[c.code, c.n, c.documents, _figure(c.kappa), _interval(c.kappa_low, c.kappa_high),
             _figure(c.ac1), _figure(c.precision), _figure(c.recall),
             _("yes") if c.enabled else _("no"), _(c.reason, **c.reason_params) if c.reason
             else ""] for c in report.codes]
    print_table(["Code", "Units", "Documents", "κ Cohen", "95% CI", "AC1", "Precision",
                 "Recall", "Suggested", "Why not"], rows, title="Trust report")
    pooled = report.pooled
    console.print(_("Cross-validated on {units} paragraphs of {documents} documents in {folds} "
                    "folds (grouped by document) against {coder}: pooled kappa {kappa}, AC1 "
                    "{ac1}. {enabled} of {codes} codes reach {threshold} and get suggestions.",
                    units=report.units, documents=report.documents, folds=report.folds,
                    coder=report.coder, kappa=_figure(pooled.get("kappa")),
                    ac1=_figure(pooled.get("ac1")), enabled=len(report.enabled),
                    codes=len(report.codes), threshold=f"{report.threshold:.2f}"),
                  markup=False, highlight=False)


@app.command("train")
def train(project: str = ProjectArg,
          coder: str = typer.Option(..., "--coder", help="The coder to learn from."),
          threshold: float = typer.Option(0.60, "--threshold",
                                          help="Kappa a code needs to get suggestions."),
          as_json: bool = JsonOpt) -> None:
    """Learn from a coder's codings, measure the model by cross-validation and store it."""
    with open_project(project) as p, progress_bar("Training") as update:
        report = p.suggestions.train(coder, threshold=threshold, progress=update)
    if as_json:
        print_json(report_json(report))
    else:
        print_report(report)


@app.command("report")
def show_report(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """The trust report of the model trained last."""
    with open_project(project) as p:
        report = p.suggestions.report()
    if report is None:
        console.print(_("No suggestion model is trained yet: run `stemmen suggest train` "
                        "first."), markup=False, highlight=False)
    elif as_json:
        print_json(report_json(report))
    else:
        print_report(report)


@app.command("list")
def list_(project: str = ProjectArg,
          document: str = typer.Option(..., "--document", help="The document."),
          coder: str = typer.Option(None, "--coder",
                                    help="Whose uncoded paragraphs (default: you)."),
          as_json: bool = JsonOpt) -> None:
    """Suggested codes for the paragraphs not yet coded, with the model's probability."""
    with open_project(project) as p:
        found = p.suggestions.list(document, coder=coder)
    if as_json:
        print_json([s.to_dict() for s in found])
        return
    print_table(["Id", "Start", "End", "Code", "Probability"],
                [[s.id, s.start, s.end, s.code, f"{s.probability:.2f}"] for s in found],
                empty="No suggestions for the uncoded paragraphs of this document.")


@app.command("accept")
def accept(project: str = ProjectArg, suggestion: int = IdArg,
           coder: str = typer.Option(None, "--coder", help="Who accepts (default: you).")
           ) -> None:
    """Make a suggestion a coding by you (marked as accepted from a suggestion)."""
    with open_project(project) as p:
        coding = p.suggestions.accept(suggestion, coder=coder)
    console.print(_("Coding {id}: {code} on {document} {start}-{end}, by {coder}.",
                    id=coding.id, code=coding.code, document=coding.document,
                    start=coding.start, end=coding.end, coder=coding.coder),
                  markup=False, highlight=False)


@app.command("reject")
def reject(project: str = ProjectArg, suggestion: int = IdArg) -> None:
    """Reject a suggestion: it is not shown again."""
    with open_project(project) as p:
        found = p.suggestions.reject(suggestion)
    console.print(_("Suggestion {id} ({code}) rejected.", id=found.id, code=found.code),
                  markup=False, highlight=False)


@app.command("as-coder")
def as_coder(project: str = ProjectArg,
             name: str = typer.Option("model", "--name", help="The coder's name.")) -> None:
    """Write the model's held-out predictions as a coder's codings, to compare with
    `stemmen agreement --coder an --coder model`."""
    with open_project(project) as p:
        written = p.suggestions.as_coder(name)
    console.print(_("{count} codings written for coder {name}.", count=written, name=name),
                  markup=False, highlight=False)
