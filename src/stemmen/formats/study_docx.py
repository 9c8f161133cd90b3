"""Tables (see :mod:`stemmen.formats.tables`) as a Word document: a title, a line of
introduction, and each table under its own heading. For the expert panel and the field."""

from __future__ import annotations

import io
from collections.abc import Sequence

from stemmen.formats.tables import Table, _text


def tables_docx(title: str, intro: str, tables: Sequence[Table]) -> bytes:
    """A .docx with ``title``, ``intro`` and every table (headers in bold)."""
    from docx import Document  # heavy: imported on use

    doc = Document()
    doc.add_heading(title, level=1)
    if intro:
        doc.add_paragraph(intro)
    for table in tables:
        if table.title:
            doc.add_heading(table.title, level=2)
        grid = doc.add_table(rows=1, cols=max(1, len(table.headers)))
        grid.style = "Table Grid"
        for cell, header in zip(grid.rows[0].cells, table.headers, strict=False):
            cell.text = ""
            cell.paragraphs[0].add_run(header).bold = True
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                cell.text = _text(value)
    out = io.BytesIO()
    doc.core_properties.author = "Stemmen"
    doc.save(out)
    return out.getvalue()
