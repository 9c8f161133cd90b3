"""Blocks → one self-contained HTML page (Jinja2, autoescaped; figures inline as SVG)."""

from __future__ import annotations

import base64

from jinja2 import Environment, PackageLoader, select_autoescape

from stemmen.reports.blocks import (
    Block,
    Bullets,
    FigureBlock,
    FindingBlock,
    Heading,
    Paragraph,
    QuoteBlock,
    TableBlock,
)

KINDS = {Heading: "heading", Paragraph: "paragraph", Bullets: "bullets", TableBlock: "table",
         FigureBlock: "figure", QuoteBlock: "quote", FindingBlock: "finding"}


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("stemmen.reports", "templates"),
        autoescape=select_autoescape(["html", "css"]),
        keep_trailing_newline=True,
    )


def write_html(blocks: list[Block], lang: str) -> str:
    """The report as a single HTML page in ``lang``."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    svg = {b.chart.key: base64.b64encode(b.chart.svg.encode("utf-8")).decode("ascii")
           for b in blocks if isinstance(b, FigureBlock)}
    template = _environment().get_template("report.html")
    return template.render(lang=lang, title=title, svg=svg,
                           blocks=[(KINDS[type(b)], b) for b in blocks])
