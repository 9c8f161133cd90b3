"""Reports for people: ReportData → Markdown, HTML, DOCX, PDF or XLSX, in Dutch, French or English.

:func:`render` returns the files of a report as bytes by relative name; writing them is the
caller's job. Markdown links its figures, which come along as ``<folder>/<key>.svg`` and
``.png``; the other formats embed them.
"""

from __future__ import annotations

from pathlib import Path

from stemmen.errors import Invalid
from stemmen.reports.blocks import Block, FigureBlock
from stemmen.reports.content import CaseReports, ReportData
from stemmen.reports.outline import outline
from stemmen.reports.packaging import stable_zip, zip_files
from stemmen.reports.written import WrittenReport

FORMATS = ("md", "html", "docx", "pdf", "xlsx", "pptx")
_EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
               ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".pptx": "pptx"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format asked for, or the one the file extension names."""
    if fmt:
        if fmt.lower() not in FORMATS:
            raise Invalid("Unknown report format {fmt!r}: use md, html, docx, pdf, xlsx or pptx.",
                          fmt=fmt)
        return fmt.lower()
    found = _EXTENSIONS.get(Path(path).suffix.lower())
    if found is None:
        raise Invalid("Cannot tell the report format from {name!r}: use --format or an "
                      ".md, .html, .docx, .pdf, .xlsx or .pptx file name.", name=Path(path).name)
    return found


def render(data: ReportData | CaseReports | WrittenReport, fmt: str,
           name: str = "report") -> dict[str, bytes]:
    """The report's files: ``name.<fmt>`` and, for Markdown, its figures (SVG and PNG)."""
    if isinstance(data, WrittenReport):
        from stemmen.reports.written import written_outline

        blocks = written_outline(data)
    else:
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

        html = write_html(blocks, data.lang, raster=fmt == "pdf")
        if fmt == "html":
            return {main: html.encode("utf-8")}
        from stemmen.reports.pdf import write_pdf

        return {main: write_pdf(html)}
    if fmt == "pptx":
        if not isinstance(data, WrittenReport):
            raise Invalid("Slides are made from the report outline: add sections first "
                          "(stemmen outline add).")
        from stemmen.reports.slides import write_pptx

        return {main: stable_zip(write_pptx([data]))}
    if fmt == "docx":
        from stemmen.reports.word import write_docx

        return {main: stable_zip(write_docx(blocks, data.lang))}
    from stemmen.reports.workbook import write_xlsx

    return {main: stable_zip(write_xlsx(blocks, data.lang))}


def _figures(blocks: list[Block]) -> list[FigureBlock]:
    return [b for b in blocks if isinstance(b, FigureBlock)]


MEDIA_TYPES = {
    "md": "application/zip",  # the Markdown file and its figures, as the CLI writes them
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def bundle(files: dict[str, bytes], fmt: str, name: str) -> tuple[str, str, bytes]:
    """One file to download: (filename, media type, bytes); Markdown comes as a zip of the
    report and its figures folder."""
    if fmt == "md":
        return f"{name}.zip", MEDIA_TYPES["md"], zip_files(files)
    return f"{name}.{fmt}", MEDIA_TYPES[fmt], files[f"{name}.{fmt}"]


__all__ = ["FORMATS", "MEDIA_TYPES", "CaseReports", "ReportData", "WrittenReport", "bundle",
           "format_for", "outline", "render"]
