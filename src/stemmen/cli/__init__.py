"""The command line face: ``stemmen <noun> <verb>``. Parse, call the project API, print."""

from __future__ import annotations

import typer
from typer._click import ClickException, Context
from typer.core import TyperGroup

from stemmen.cli import (
    audit,
    cases,
    codebook,
    codings,
    db,
    demo,
    documents,
    exchange,
    fieldwork,
    findings,
    guides,
    outline,
    people,
    privacy,
    query,
    reliability,
    report,
    retrieve,
    rounds,
    sampling,
    search,
    serve,
    settings,
    suggest,
    users,
)
from stemmen.errors import (
    AlreadyExists,
    FormatError,
    ImportFailed,
    Invalid,
    NotFound,
    SchemaOutdated,
    StemmenError,
)
from stemmen.i18n import translate
from stemmen.i18n.reasons import describe_file_error


def describe(exc: StemmenError) -> str:
    """The error as a translated sentence, with each failed file on its own line."""
    if isinstance(exc, FormatError) and getattr(exc, "file", None):
        return describe_file_error(exc)
    text = translate(exc.template, **exc.params)
    if isinstance(exc, ImportFailed):
        text += "".join(f"\n  {describe_file_error(e)}" for e in exc.errors)
    return text


BAD_INPUT = (Invalid, NotFound, AlreadyExists, FormatError, ImportFailed, SchemaOutdated)
UNEXPECTED = ("Unexpected error ({kind}): {detail}. Nothing was saved by the failed action. "
              "Run the command again with --debug to see the details, and report it.")
NO_FILE = "There is no file {path}."
A_FOLDER = "{path} is a folder; give a file."
NO_ACCESS = "{path} cannot be read or written here (permission denied)."
NOT_TEXT = "{path} is not text in a known encoding (UTF-8, UTF-16 or Windows-1252)."
FILE_FAILED = "{path} could not be used: {detail}."


def file_problem(exc: Exception) -> str | None:
    """A sentence for a file the user named that cannot be used, else None."""
    path = getattr(exc, "filename", None) or "?"
    if isinstance(exc, FileNotFoundError):
        return translate(NO_FILE, path=path)
    if isinstance(exc, IsADirectoryError):
        return translate(A_FOLDER, path=path)
    if isinstance(exc, PermissionError):
        return translate(NO_ACCESS, path=path)
    if isinstance(exc, UnicodeDecodeError):
        return translate(NOT_TEXT, path=path)
    if isinstance(exc, OSError) and exc.filename:
        return translate(FILE_FAILED, path=path, detail=exc.strerror or str(exc))
    return None


class StemmenGroup(TyperGroup):
    """Turns any error below into one clear sentence: exit code 2 for bad input (a
    StemmenError about what the user gave), 1 for any other failure; the traceback only with
    ``--debug``."""

    def invoke(self, ctx: Context) -> object:
        try:
            return super().invoke(ctx)
        except StemmenError as exc:
            if ctx.meta.get("stemmen.debug"):
                raise
            typer.echo(f"{translate('Error')}: {describe(exc)}", err=True)
            raise typer.Exit(2 if isinstance(exc, BAD_INPUT) else 1) from exc
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except Exception as exc:
            if ctx.meta.get("stemmen.debug"):
                raise
            problem = file_problem(exc)
            message = problem or translate(UNEXPECTED, kind=type(exc).__name__,
                                           detail=str(exc)[:300])
            typer.echo(f"{translate('Error')}: {message}", err=True)
            raise typer.Exit(2 if problem else 1) from exc


app = typer.Typer(
    name="stemmen",
    cls=StemmenGroup,
    help="Qualitative data analysis on your own machine: transcripts, codebooks, coding, "
    "inter-coder reliability, REFI-QDA exchange.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags shown as flags, and no Rich import for --help
)


@app.callback()
def root(ctx: typer.Context,
         debug: bool = typer.Option(False, "--debug",
                                    help="Show the full traceback when something fails.")) -> None:
    """Qualitative data analysis on your own machine: transcripts, codebooks, coding,
    inter-coder reliability, REFI-QDA exchange."""
    ctx.meta["stemmen.debug"] = debug


for module in (documents, codebook, codings, cases, exchange, db, settings, suggest,
               rounds, users, people, sampling, fieldwork, guides, outline, audit, privacy):
    app.add_typer(module.app, name=module.NAME)
for module in (demo, retrieve, search, reliability, query, findings, report, serve):
    module.register(app)


def main() -> None:
    """Entry point of the ``stemmen`` command; ``stemmen`` alone is ``stemmen serve``, which
    opens the start page in the browser (``stemmen --help`` still prints the help)."""
    import sys

    if len(sys.argv) == 1:
        sys.argv.append("serve")
    app()
