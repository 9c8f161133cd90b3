"""``stemmen search``: paragraphs that contain words or phrases (the full-text index)."""

from __future__ import annotations

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json
from stemmen.i18n import _


def register(app: typer.Typer) -> None:
    app.command("search")(search)


def search(
    project: str = ProjectArg,
    query: str = typer.Argument(..., help='Words (all must be in the paragraph), "a phrase" '
                                'in quotes, or the start of a word followed by * (tolk*).'),
    case: str = typer.Option(None, "--case", help="Only the documents of this case."),
    code: str = typer.Option(None, "--code",
                             help="Only paragraphs that a coding of this code touches."),
    limit: int = typer.Option(200, "--limit", min=1, max=1000, help="At most this many hits."),
    as_json: bool = JsonOpt,
) -> None:
    """Search every document's text, accents and capitals ignored: one hit per paragraph,
    with its document, paragraph number, offsets and the words around the match."""
    with open_project(project) as p:
        found = p.workspace.search_all(query, case=case, code=code, limit=limit)
    if as_json:
        print_json({"query": found.query, "total": found.total,
                    "hits": [h.as_dict() for h in found.hits]})
        return
    for hit in found.hits:
        snippet = "".join(f"[{text}]" if marked else text for text, marked in hit.snippet)
        console.print(f"{hit.document} ¶{hit.paragraph} [{hit.start}-{hit.end}]  {snippet}",
                      markup=False, highlight=False)
    if found.total > len(found.hits):
        console.print(_("{n} paragraphs match; the first {shown} are shown.",
                        n=found.total, shown=len(found.hits)), markup=False, highlight=False)
    else:
        console.print(_("{n} paragraph(s) match.", n=found.total), markup=False,
                      highlight=False)
