"""Reports for people: ReportData → Markdown, HTML, DOCX, PDF or XLSX, in Dutch, French or English.

:func:`render` returns the files of a report as bytes by relative name; writing them is the
caller's job. Markdown links its figures, which come along as ``<folder>/<key>.svg`` and
``.png``; the other formats embed them.
"""

from __future__ import annotations

from pathlib import Path

from stemmen.errors import Invalid
from stemmen.reports.blocks import Block, FigureBlock
from stemmen.reports.content import ReportData
from stemmen.reports.outline import outline

FORMATS = ("md", "html", "docx", "pdf", "xlsx")
_EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
               ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format asked for, or the one the file extension names."""
    if fmt:
        if fmt.lower() not in FORMATS:
            raise Invalid("Unknown report format {fmt!r}: use md, html, docx, pdf or xlsx.",
                          fmt=fmt)
        return fmt.lower()
    found = _EXTENSIONS.get(Path(path).suffix.lower())
    if found is None:
        raise Invalid("Cannot tell the report format from {name!r}: use --format or an "
                      ".md, .html, .docx, .pdf or .xlsx file name.", name=Path(path).name)
    return found


def render(data: ReportData, fmt: str, name: str = "report") -> dict[str, bytes]:
    """The report's files: ``name.<fmt>`` and, for Markdown, its figures."""
    blocks = outline(data)
    fmt = format_for(name, fmt)
    main = f"{name}.{fmt}"
    if fmt == "md":
        from stemmen.reports.markdown import write_markdown

        folder = f"{name}-figures"
        files = {main: write_markdown(blocks, folder).encode("utf-8")}
        for block in _figures(blocks):
            files[f"{folder}/{block.chart.key}.svg"] = block.chart.svg.encode("utf-8")
            files[f"{folder}/{block.chart.key}.png"] = block.chart.png
        return files
    if fmt in ("html", "pdf"):
        from stemmen.reports.html_page import write_html

        html = write_html(blocks, data.lang)
        if fmt == "html":
            return {main: html.encode("utf-8")}
        from stemmen.reports.pdf import write_pdf

        return {main: write_pdf(html)}
    if fmt == "docx":
        from stemmen.reports.word import write_docx

        return {main: write_docx(blocks, data.lang)}
    from stemmen.reports.workbook import write_xlsx

    return {main: write_xlsx(blocks, data.lang)}


def _figures(blocks: list[Block]) -> list[FigureBlock]:
    return [b for b in blocks if isinstance(b, FigureBlock)]


__all__ = ["FORMATS", "ReportData", "format_for", "outline", "render"]
