"""``stemmen suggest ...``: code suggestions learnt from a coder, measured like a coder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, errors, print_json, print_table
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
        "model": report.model, "kind": report.kind, "unit": report.unit,
        "speaker": report.speaker, "pooled": report.pooled,
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
    console.print(_("Model: {model}.", model=report.model), markup=False, highlight=False)
    if report.kind == "hints":
        console.print(_("Hints measured on {units} {unit} of {documents} documents against "
                        "{coder} (nothing learnt from any coder): pooled kappa {kappa}, AC1 "
                        "{ac1}, precision {precision}, recall {recall}. {enabled} of {codes} "
                        "codes reach {threshold}.",
                        units=report.units, unit=_(report.unit), documents=report.documents,
                        coder=report.coder, kappa=_figure(pooled.get("kappa")),
                        ac1=_figure(pooled.get("ac1")),
                        precision=_figure(pooled.get("precision")),
                        recall=_figure(pooled.get("recall")), enabled=len(report.enabled),
                        codes=len(report.codes), threshold=f"{report.threshold:.2f}"),
                      markup=False, highlight=False)
        return
    figures = {"units": report.units, "documents": report.documents, "folds": report.folds,
               "coder": report.coder, "kappa": _figure(pooled.get("kappa")),
               "ac1": _figure(pooled.get("ac1")), "enabled": len(report.enabled),
               "codes": len(report.codes), "threshold": f"{report.threshold:.2f}"}
    if report.unit == "turns":
        console.print(_("Cross-validated on {units} speaker turns of {documents} documents in "
                        "{folds} folds (grouped by document) against {coder}: pooled kappa "
                        "{kappa}, AC1 {ac1}. {enabled} of {codes} codes reach {threshold} and "
                        "get suggestions.", **figures), markup=False, highlight=False)
        if report.speaker:
            console.print(_("Only the turns of {speaker}.", speaker=report.speaker),
                          markup=False, highlight=False)
        return
    console.print(_("Cross-validated on {units} paragraphs of {documents} documents in {folds} "
                    "folds (grouped by document) against {coder}: pooled kappa {kappa}, AC1 "
                    "{ac1}. {enabled} of {codes} codes reach {threshold} and get suggestions.",
                    **figures),
                  markup=False, highlight=False)


Update = Callable[[int, int], None]


@contextmanager
def _bars() -> Iterator[tuple[Update, Update]]:
    """Two progress bars on stderr (embedding, training); silent when not a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=errors, transient=True,
                  disable=not errors.is_terminal) as bar:
        tasks: dict[str, Any] = {}

        def updater(label: str) -> Update:
            def update(done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = bar.add_task(_(label), total=total)
                bar.update(tasks[label], completed=done, total=total)
            return update

        yield updater("Embedding"), updater("Training")


@app.command("train")
def train(project: str = ProjectArg,
          coder: str = typer.Option(..., "--coder", help="The coder to learn from."),
          threshold: float = typer.Option(0.60, "--threshold",
                                          help="Kappa a code needs to get suggestions."),
          model: str = typer.Option("lexical", "--model",
                                    help="lexical (TF-IDF n-grams), semantic (multilingual "
                                    "sentence embeddings) or combined (both, stacked)."),
          units: str = typer.Option("paragraphs", "--units",
                                    help="paragraphs or turns (speaker turns)."),
          speaker: str = typer.Option(None, "--speaker",
                                      help="With --units turns: only this speaker's turns "
                                      "(e.g. the respondent)."),
          as_json: bool = JsonOpt) -> None:
    """Learn from a coder's codings, measure the model by cross-validation and store it."""
    with open_project(project) as p, _bars() as (embedding, training):
        report = p.suggestions.train(coder, threshold=threshold, progress=training,
                                     model=model, units=units, speaker=speaker,
                                     embed_progress=embedding)
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


@app.command("hints")
def hints(project: str = ProjectArg,
          document: str = typer.Option(..., "--document", help="The document."),
          coder: str = typer.Option(None, "--coder", help="Whom to measure the hints against "
                                    "(default: the coder the newest model learnt from)."),
          units: str = typer.Option("paragraphs", "--units", help="paragraphs or turns."),
          as_json: bool = JsonOpt) -> None:
    """Zero-shot HINTS from the code definitions alone (no coder's codings learnt), with
    their measured agreement with a coder. Hints are not suggestions and are not stored."""
    with open_project(project) as p, _bars() as (embedding, _training):
        found = p.suggestions.hints(document, coder=coder, units=units)
    if as_json:
        print_json({"kind": "hints", "document": found.document,
                    "hints": [h.to_dict() for h in found.hints],
                    "agreement": report_json(found.report) if found.report else None})
        return
    print_table(["Start", "End", "Speaker", "Code (hint)", "Similarity"],
                [[h.start, h.end, h.speaker or "", h.code, f"{h.similarity:.3f}"]
                 for h in found.hints], title="Hints from code definitions (not learnt)",
                empty="No hints for this document.")
    if found.report is None:
        console.print(_("Not measured: name a coder with --coder to measure the hints."),
                      markup=False, highlight=False)
    else:
        print_report(found.report)


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
