"""``stemmen codings ...``: apply, remove, list, import."""

from __future__ import annotations

from pathlib import Path

import typer

from stemmen.cli.options import CoderOpt, JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table, progress_bar
from stemmen.i18n import _

NAME = "codings"
app = typer.Typer(help="Apply codes to paragraphs or spans, without a UI.", no_args_is_help=True)


def _paragraphs(spec: str | None) -> tuple[int | None, int | None]:
    if not spec:
        return None, None
    first, _sep, last = spec.partition("-")
    try:
        return int(first), int(last) if last else None
    except ValueError as exc:
        raise typer.BadParameter(f"{spec!r}: use N or N-M") from exc


ParagraphOpt = typer.Option(None, "--paragraph", "-p", help="N or N-M.")
StartOpt = typer.Option(None, help="Start offset (code points).")
EndOpt = typer.Option(None, help="End offset (code points, exclusive).")


def _span(paragraph: str | None, start: int | None, end: int | None) -> dict[str, int | None]:
    """The span as apply and remove both take it: paragraphs, or start and end offsets."""
    first, last = _paragraphs(paragraph)
    return {"start": start, "end": end, "paragraph": first, "last_paragraph": last}


@app.command("apply")
def apply(project: str = ProjectArg, document: str = typer.Argument(..., metavar="DOCUMENT"),
          codes: list[str] = typer.Argument(..., metavar="CODE",
                                            help="One or more codes (all or nothing)."),
          paragraph: str = ParagraphOpt, start: int = StartOpt, end: int = EndOpt,
          coder: str = CoderOpt, as_json: bool = JsonOpt) -> None:
    """Apply one or more codes to paragraph(s) or a span of a document."""
    span = _span(paragraph, start, end)
    with open_project(project) as p:
        codings = p.codings.apply_many(document, codes, coder, **span)
    if as_json:
        print_json(codings[0] if len(codings) == 1 else codings)
        return
    for coding in codings:
        console.print(_("Coded {document} {start}-{end} with {code} (#{id}).",
                        document=document, start=coding.start, end=coding.end,
                        code=coding.code, id=coding.id))


@app.command("apply-turns")
def apply_turns(project: str = ProjectArg,
                documents: list[str] = typer.Argument(..., metavar="DOCUMENT...",
                                                      help="One or more documents."),
                speaker: str = typer.Option(..., "--speaker", help="The speaker whose turns "
                                            "to code (e.g. Interviewer)."),
                code: str = typer.Option(..., "--code", "-c", help="The code to apply."),
                coder: str = CoderOpt, as_json: bool = JsonOpt) -> None:
    """Code every turn of a speaker in one or more documents (timed transcripts, or
    "Name: ..." speaker labels)."""
    with open_project(project) as p:
        result = p.codings.apply_turns(documents, speaker, code, coder)
    if as_json:
        print_json(result)
        return
    console.print(_("Coded {added} of {turns} turn(s) of {speaker} with {code}.",
                    added=len(result.added), turns=result.turns, speaker=result.speaker,
                    code=result.code))


@app.command("remove")
def remove(project: str = ProjectArg,
           document: str | None = typer.Argument(None, metavar="DOCUMENT",
                                          help="Document (as for `codings apply`)."),
           codes: list[str] = typer.Argument(None, metavar="CODE",
                                             help="Codes to remove from the span."),
           paragraph: str = ParagraphOpt, start: int = StartOpt, end: int = EndOpt,
           coder: str = CoderOpt,
           ids: list[int] = typer.Option([], "--id", help="A coding id (see `codings list`); "
                                                          "repeat for several.")) -> None:
    """Remove codes from a span, given exactly as `codings apply` takes it (the codings of
    those codes by the coder that overlap the span), or codings by id; all or nothing."""
    if document and not codes and document.isdigit() and not ids:
        ids = [int(document)]  # the older form: `codings remove PROJECT ID`
        document = None
    with open_project(project) as p:
        if ids:
            if document or codes:
                raise typer.BadParameter(_("Give coding ids, or a document, codes and a span; "
                                           "not both."))
            removed = p.codings.remove_many(ids)
        else:
            if not (document and codes):
                raise typer.BadParameter(_("Give a document, one or more codes and a span, "
                                           "or --id."))
            removed = p.codings.remove_span(document, codes, coder,
                                            **_span(paragraph, start, end))
    console.print(_("Removed {n} coding(s).", n=len(removed)))


@app.command("list")
def list_(project: str = ProjectArg, document: str = typer.Option(None),
          code: str = typer.Option(None), coder: list[str] = typer.Option([]),
          as_json: bool = JsonOpt) -> None:
    """List codings."""
    with open_project(project) as p:
        rows = p.codings.list(document, code, coder or None)
    if as_json:
        print_json(rows)
        return
    print_table(["#", "Document", "Start", "End", "Code", "Coder"],
                [[c.id, c.document, c.start, c.end, c.code, c.coder] for c in rows])


@app.command("import")
def import_(project: str = ProjectArg,
            file: Path = typer.Argument(..., help="CSV: document, code, coder, paragraph or "
                                                  "start,end"),
            coder: str = CoderOpt) -> None:
    """Bulk import codings from CSV (all or nothing)."""
    with open_project(project) as p, progress_bar("Importing codings") as update:
        n = p.codings.import_csv(file, coder=coder, progress=update)
    console.print(_("Imported {n} coding(s).", n=n))
