"""Codebooks written in Word (.docx), read by one of two conventions.

1. **A table.** A table whose first row names the columns, with at least ``code``: the
   same columns as a CSV codebook (category, code, definition, inclusion, exclusion,
   example, parent, colour; Dutch and French headers accepted). Every such table is read;
   other tables and the text around them are ignored.
2. **Headings.** Without such a table, the document's headings are the tree:
   *Heading 1* is a category, *Heading 2* a code in that category, *Heading 3* a child
   code of the Heading 2 above it, *Heading 4* a grandchild, and so on. The paragraphs
   under a code heading are its definition, except paragraphs that start with a label:
   ``Inclusion:`` (``Inclusie:``, ``Inclusiecriteria:``, ``Critères d'inclusion:``),
   ``Exclusion:`` (``Exclusie:``, ``Critères d'exclusion:``), ``Example:`` (``Voorbeeld:``,
   ``Exemple:``) and ``Colour:`` (``Kleur:``, ``Couleur:``); the paragraphs after a label
   continue that field until the next label. Paragraphs under a category heading (before
   its first code) are the category's description. Headings are recognised by their
   style (Word's built-in "Heading n" in any language) or their outline level.

The file is checked like every office file (size, zip limits, no DTDs) before it is read.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from stemmen.errors import FormatError
from stemmen.formats.codebook_files import Codebook, CodebookBuilder, add_row, column_keys
from stemmen.formats.safety import check_size, local_name, open_zip, parse_xml, read_member

_WORD = "a Word document"
_HEADING = re.compile(r"^(?:heading|kop|titre|überschrift|titel)\s*(\d)$", re.IGNORECASE)
_LABELS = {
    "inclusion": ("inclusion", "inclusie", "inclusiecriteria", "inclusion criteria",
                  "critères d'inclusion", "criteres d'inclusion"),
    "exclusion": ("exclusion", "exclusie", "exclusiecriteria", "exclusion criteria",
                  "critères d'exclusion", "criteres d'exclusion"),
    "example": ("example", "voorbeeld", "exemple"),
    "colour": ("colour", "color", "kleur", "couleur"),
    "definition": ("definition", "definitie", "définition"),
}
_LABEL = re.compile(r"^\s*([^:]{3,30}?)\s*:\s*(.*)$", re.DOTALL)


def read_codebook_docx(name: str, data: bytes) -> Codebook:
    """Categories and codes of a Word codebook (a table, or headings and paragraphs)."""
    check_size(name, data)
    with open_zip(name, data, ".docx", _WORD) as archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise FormatError(name, "is not a valid .docx file (it has no word/document.xml)")
        root = parse_xml(name, read_member(name, archive, "word/document.xml", ".docx", _WORD),
                         ".docx")
        styles = (_style_levels(parse_xml(name, read_member(
            name, archive, "word/styles.xml", ".docx", _WORD), ".docx"))
            if "word/styles.xml" in names else {})
    body = next((el for el in root if local_name(el.tag) == "body"), None)
    if body is None:
        raise FormatError(name, "is not a valid .docx file (it has no document body)")
    blocks = [el for el in body if local_name(el.tag) in {"p", "tbl"}]
    tables = [_table(el) for el in blocks if local_name(el.tag) == "tbl"]
    tables = [t for t in tables if t and "code" in column_keys(t[0])]
    builder = CodebookBuilder(name)
    if tables:
        line = 0
        for table in tables:
            columns = column_keys(table[0])
            index = {key: table[0].index(header) for key, header in columns.items()}
            for row in table[1:]:
                line += 1
                add_row(builder, {k: row[i] if i < len(row) else "" for k, i in index.items()},
                        line)
        return builder.result()
    _read_headings(name, builder, [el for el in blocks if local_name(el.tag) == "p"], styles)
    categories, codes = builder.result()
    if not codes:
        raise FormatError(name, "holds no codebook: no table with a 'code' column and no "
                          "codes as Heading 2 (categories are Heading 1)")
    return categories, codes


def _text(el: Element) -> str:
    parts = []
    for node in el.iter():
        tag = local_name(node.tag)
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in {"br", "cr"}:
            parts.append("\n")
    return "".join(parts)


def _table(tbl: Element) -> list[list[str]]:
    rows = []
    for tr in (el for el in tbl if local_name(el.tag) == "tr"):
        cells = [el for el in tr if local_name(el.tag) == "tc"]
        rows.append(["\n".join(_text(p) for p in cell if local_name(p.tag) == "p").strip()
                     for cell in cells])
    return rows


def _attr(el: Element | None, key: str) -> str:
    if el is None:
        return ""
    return next((v for k, v in el.attrib.items() if local_name(k) == key), "")


def _kid(el: Element | None, tag: str) -> Element | None:
    if el is None:
        return None
    return next((k for k in el if local_name(k.tag) == tag), None)


def _style_levels(styles: Element) -> dict[str, int]:
    """Heading level (1 = top) of every paragraph style that is a heading."""
    levels: dict[str, int] = {}
    for style in (el for el in styles if local_name(el.tag) == "style"):
        name = _attr(_kid(style, "name"), "val")
        match = _HEADING.match(name.strip())
        outline = _attr(_kid(_kid(style, "pPr"), "outlineLvl"), "val")
        if match:
            levels[_attr(style, "styleId")] = int(match.group(1))
        elif outline.isdigit() and int(outline) < 9:
            levels[_attr(style, "styleId")] = int(outline) + 1
    return levels


def _level(p: Element, styles: dict[str, int]) -> int:
    ppr = _kid(p, "pPr")
    outline = _attr(_kid(ppr, "outlineLvl"), "val")
    if outline.isdigit() and int(outline) < 9:
        return int(outline) + 1
    style = _attr(_kid(ppr, "pStyle"), "val")
    match = _HEADING.match(style)
    return styles.get(style) or (int(match.group(1)) if match else 0)


def _read_headings(name: str, builder: CodebookBuilder, paragraphs: list[Element],
                   styles: dict[str, int]) -> None:
    category: str | None = None
    stack: list[str] = []  # the code at each depth above the current heading
    fields: dict[str, list[str]] | None = None
    current: tuple[str, int, int] | None = None  # code heading, its depth, its line
    cat_text: list[str] = []

    def flush() -> None:
        if current is not None and fields is not None:
            code, depth, line = current
            values = {k: "\n".join(v).strip() for k, v in fields.items() if k != "__open__"}
            builder.code(code, category, line, values.pop("definition", ""),
                         values.pop("colour", ""), stack[depth - 1] if depth else "", **values)
        elif category is not None and cat_text:
            builder.category(category, 0, "\n".join(cat_text).strip())

    for line, p in enumerate(paragraphs, start=1):
        text, level = _text(p).strip(), _level(p, styles)
        if level and text:
            flush()
            cat_text, current, fields = [], None, None
            if level == 1:
                category, stack = text, []
                builder.category(text, line)
                continue
            depth = min(level - 2, len(stack))
            stack = stack[:depth] + [" ".join(text.split())]
            current, fields = (text, depth, line), {"definition": []}
            continue
        if not text:
            continue
        if fields is None:
            cat_text.append(text)
            continue
        label = _LABEL.match(text)
        key = next((k for k, names in _LABELS.items()
                    if label and label.group(1).lower() in names), None)
        if key:
            fields["__open__"] = [key]
            fields.setdefault(key, []).append(label.group(2).strip())  # type: ignore[union-attr]
        else:
            fields.setdefault(fields.get("__open__", ["definition"])[0], []).append(text)
    flush()
