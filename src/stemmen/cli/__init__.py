"""The command line face: ``stemmen <noun> <verb>``. Parse, call the project API, print."""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from stemmen.cli import (
    cases,
    codebook,
    codings,
    db,
    demo,
    documents,
    exchange,
    findings,
    query,
    reliability,
    report,
    retrieve,
    serve,
)
from stemmen.errors import ImportFailed, StemmenError
from stemmen.i18n import translate


def describe(exc: StemmenError) -> str:
    """The error as a translated sentence, with each failed file on its own line."""
    text = translate(exc.template, **exc.params)
    if isinstance(exc, ImportFailed):
        text += "".join(f"\n  {translate(e.template, **e.params)}" for e in exc.errors)
    return text


class StemmenGroup(TyperGroup):
    """Turns a StemmenError anywhere below into a clear message and exit code 1."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except StemmenError as exc:
            typer.echo(f"{translate('Error')}: {describe(exc)}", err=True)
            raise typer.Exit(1) from exc


app = typer.Typer(
    name="stemmen",
    cls=StemmenGroup,
    help="Qualitative data analysis on your own machine: transcripts, codebooks, coding, "
    "inter-coder reliability, REFI-QDA exchange.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (documents, codebook, codings, cases, exchange, db):
    app.add_typer(module.app, name=module.NAME)
for module in (demo, retrieve, reliability, query, findings, report, serve):
    module.register(app)


def main() -> None:
    """Entry point of the ``stemmen`` command."""
    app()
