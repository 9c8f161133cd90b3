"""Blocks → a Word document (python-docx): headings, tables, figures (PNG) and quotes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor

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

FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
GREY = RGBColor(0x55, 0x55, 0x55)


def _table(doc: DocxDocument, block: TableBlock) -> None:
    doc.add_paragraph().add_run(block.title).bold = True
    table = doc.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(header)).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
            if isinstance(value, (int, float)):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8)
    if block.note:
        _small(doc, block.note, italic=True)


def _small(doc: DocxDocument, text: str, italic: bool = False, bold: bool = False,
           colour: RGBColor = GREY) -> None:
    run = doc.add_paragraph().add_run(text)
    run.font.size, run.italic, run.bold = Pt(8.5), italic, bold
    run.font.color.rgb = colour


def _quote(doc: DocxDocument, block: QuoteBlock) -> None:
    para = doc.add_paragraph(style="Quote")
    para.add_run(block.text + " ")
    who = para.add_run(block.attribution)
    who.italic = False
    if block.note:
        para.add_run(f" [{block.note}]").font.superscript = True


def _finding(doc: DocxDocument, block: FindingBlock) -> None:
    doc.add_paragraph().add_run(block.statement).bold = True
    _small(doc, block.meta)
    _small(doc, block.strength)
    for flag in block.flags:
        _small(doc, "⚠ " + flag, bold=True, colour=RGBColor(0x9C, 0x3D, 0x00))
    if block.description:
        doc.add_paragraph(block.description)
    for quote in block.quotes:
        _quote(doc, quote)


def _title_page(doc: DocxDocument, block: TitlePage) -> None:
    for _ in range(6):
        doc.add_paragraph()
    title = doc.add_paragraph(style="Title")
    title.add_run(block.title)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.subtitle:
        sub = doc.add_paragraph(style="Subtitle")
        sub.add_run(block.subtitle)
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in block.lines:
        para = doc.add_paragraph()
        para.add_run(line)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(doc: DocxDocument, block: Contents) -> None:
    """The table of contents, written out (the numbers are ours, so it is right without
    Word updating a field)."""
    doc.add_heading(block.title, level=1)
    for level, text in block.entries:
        para = doc.add_paragraph()
        para.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        para.paragraph_format.space_after = Pt(1)
        run = para.add_run(text)
        run.bold = level == 1
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _add(doc: DocxDocument, block: Block) -> None:
    if isinstance(block, Heading):
        doc.add_heading(block.text, level=min(block.level - 1, 9) if block.level > 1 else 0)
    elif isinstance(block, Paragraph):
        doc.add_paragraph(block.text)
    elif isinstance(block, Bullets):
        for item in block.items:
            doc.add_paragraph(item, style="List Bullet")
    elif isinstance(block, TableBlock):
        _table(doc, block)
    elif isinstance(block, FigureBlock):
        doc.add_picture(io.BytesIO(block.chart.png), width=Cm(16))
        _small(doc, block.caption, italic=True)
    elif isinstance(block, QuoteBlock):
        _quote(doc, block)
    elif isinstance(block, TitlePage):
        _title_page(doc, block)
    elif isinstance(block, Contents):
        _contents(doc, block)
    else:
        _finding(doc, block)


def write_docx(blocks: list[Block], lang: str) -> bytes:
    """The report as a .docx file (fixed core dates, so only zip stamps vary between runs)."""
    doc = Document()
    props: Any = doc.core_properties
    props.title = next((b.title for b in blocks if isinstance(b, TitlePage)),
                       next((b.text for b in blocks if isinstance(b, Heading)), ""))
    props.author = props.last_modified_by = "Stemmen"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    props.language = lang
    for block in blocks:
        _add(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
