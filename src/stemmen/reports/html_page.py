"""Blocks → one self-contained HTML page (Jinja2, autoescaped; figures inline as SVG)."""

from __future__ import annotations

import base64

from jinja2 import Environment, PackageLoader, select_autoescape

from stemmen.reports.blocks import (
    Block,
    Bullets,
    Contents,
    FigureBlock,
    FindingBlock,
    Heading,
    Paragraph,
    QuoteBlock,
    TableBlock,
    TitlePage,
)

KINDS = {Heading: "heading", Paragraph: "paragraph", Bullets: "bullets", TableBlock: "table",
         FigureBlock: "figure", QuoteBlock: "quote", FindingBlock: "finding",
         TitlePage: "titlepage", Contents: "contents"}


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("stemmen.reports", "templates"),
        autoescape=select_autoescape(["html", "css"]),
        keep_trailing_newline=True,
    )


def _image(block: FigureBlock, raster: bool) -> tuple[str, str]:
    """The figure as (media type, base64 data): SVG, or PNG when ``raster``."""
    if raster:
        return "image/png", base64.b64encode(block.chart.png).decode("ascii")
    return "image/svg+xml", base64.b64encode(block.chart.svg.encode("utf-8")).decode("ascii")


def write_html(blocks: list[Block], lang: str, raster: bool = False) -> str:
    """The report as a single HTML page in ``lang``; ``raster`` embeds the figures as PNG
    (for the PDF: WeasyPrint lays out each SVG text on its own, which costs more than the
    whole rest of a figure)."""
    title = next((b.title for b in blocks if isinstance(b, TitlePage)),
                 next((b.text for b in blocks if isinstance(b, Heading)), ""))
    images = {b.chart.key: _image(b, raster) for b in blocks if isinstance(b, FigureBlock)}
    template = _environment().get_template("report.html")
    return template.render(lang=lang, title=title, images=images,
                           blocks=[(KINDS[type(b)], b) for b in blocks])
