"""Blocks → an Excel workbook (openpyxl): summary, one sheet per table, findings, figures."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from stemmen.i18n import translate
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

FIXED_DATE = dt.datetime(2000, 1, 1)
BOLD = Font(bold=True)


def _sheet_name(key: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", key)[:28] or "table"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name)
    return name


def _table(ws: Worksheet, block: TableBlock) -> None:
    ws.append([block.title])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(list(block.headers))
    for cell in ws[3]:
        cell.font = BOLD
    for row in block.rows:
        ws.append(list(row))
    if block.note:
        ws.append([])
        ws.append([block.note])
    ws.freeze_panes = "A4"
    for i, header in enumerate(block.headers):
        width = max([len(str(header))] + [len(str(r[i])) for r in block.rows if i < len(r)])
        ws.column_dimensions[ws.cell(row=3, column=i + 1).column_letter].width = min(
            max(10, width + 2), 60)


def _findings(ws: Worksheet, blocks: list[Block], lang: str) -> None:
    ws.append([translate(h, lang) for h in
               ("Section", "Finding", "About", "Evidence", "Warnings", "Quotes")])
    for cell in ws[1]:
        cell.font = BOLD
    section = ""
    for block in blocks:
        if isinstance(block, Heading):
            section = block.text
        elif isinstance(block, FindingBlock):
            quotes = "\n\n".join(f"{q.text} {q.attribution}" for q in block.quotes)
            ws.append([section, block.statement, block.meta, block.strength,
                       "\n".join(block.flags), quotes])
    for column, width in zip("ABCDEF", (28, 50, 30, 50, 30, 80), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _summary(ws: Worksheet, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 2:
            ws.append([block.text])
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=14 - block.level)
        elif isinstance(block, Paragraph):
            ws.append([block.text])
        elif isinstance(block, Bullets):
            for item in block.items:
                ws.append(["• " + item])
        elif isinstance(block, QuoteBlock):
            ws.append([f"{block.text} {block.attribution}"])
    ws.column_dimensions["A"].width = 120


def write_xlsx(blocks: list[Block], lang: str) -> bytes:
    """The report as an .xlsx workbook."""
    wb = Workbook()
    wb.properties.created = wb.properties.modified = FIXED_DATE
    wb.properties.language = lang
    summary = wb.active
    summary.title = "report"
    _summary(summary, blocks)
    taken = {"report", "findings", "figures"}
    for block in blocks:
        if isinstance(block, TableBlock):
            _table(wb.create_sheet(_sheet_name(block.key, taken)), block)
    _findings(wb.create_sheet("findings"), blocks, lang)
    figures = wb.create_sheet("figures")
    row = 1
    for block in blocks:
        if isinstance(block, FigureBlock):
            figures.cell(row=row, column=1, value=block.caption).font = BOLD
            image = Image(io.BytesIO(block.chart.png))
            image.width, image.height = image.width * 0.5, image.height * 0.5
            figures.add_image(image, f"A{row + 1}")
            row += int(image.height / 20) + 4
    out = io.BytesIO()
    # ExcelWriter, not wb.save(): save stamps the workbook "modified now"
    ExcelWriter(wb, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return out.getvalue()
