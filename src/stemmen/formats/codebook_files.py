"""Codebooks as CSV (or XLSX) and YAML files, read and written.

**CSV/XLSX**: one row per code, columns ``category``, ``code``, ``definition`` (the shape the
AMIF-42 study published), optional ``colour`` (#rrggbb; ``color`` accepted), ``parent`` (the
parent of the row's category) and ``category_description``. Headers are case-insensitive;
the Dutch/French headers categorie/catégorie, definitie/définition and kleur/couleur are
accepted too. A row with an empty ``code`` declares a category without codes; a row with an
empty ``category`` is a code outside any category.

**YAML** (read with PyYAML's safe loader only)::

    categories:
      - name: Randvoorwaarden OCMW's
        description: optional text
        parent: optional name of the parent category
        codes:
          - name: R-tolk
            definition: Er wordt gebruik gemaakt van een tolk ...
            colour: "#4e79a7"          # optional
    codes:                             # optional: codes outside any category
      - name: Z-andere

Code names must be unique (a duplicate is a FormatError with its line). Categories appear in
the order they are first met; a category named only as a parent is added after the others.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath
from typing import Any

import yaml

from stemmen.errors import FormatError, Invalid
from stemmen.formats.encodings import decode_text
from stemmen.formats.safety import check_size
from stemmen.formats.sheets import load_table
from stemmen.model.codes import Category, Code, check_code_name, check_colour

Codebook = tuple[list[Category], list[Code]]

_ALIASES = {
    "category": ("category", "categorie", "catégorie"),
    "code": ("code",),
    "definition": ("definition", "definitie", "définition", "description"),
    "colour": ("colour", "color", "kleur", "couleur"),
    "parent": ("parent",),
    "category_description": ("category_description", "category description"),
}


def read_codebook(name: str, data: bytes) -> Codebook:
    """Read a codebook from .csv, .tsv, .xlsx, .yaml or .yml (chosen by extension)."""
    ext = PurePath(name).suffix.lower()
    if ext in {".yaml", ".yml"}:
        return _read_yaml(name, data)
    if ext in {".csv", ".tsv", ".xlsx"}:
        return _read_rows(name, data)
    raise FormatError(name, "is not a codebook file; use .csv, .xlsx, .yaml or .yml")


class _Builder:
    """Collects categories and codes, checking names and colours, with line numbers."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.categories: dict[str, Category] = {}
        self.codes: dict[str, tuple[Code, int]] = {}
        self.parents: list[str] = []

    def category(self, cat: str, line: int, description: str = "", parent: str = "") -> None:
        cat, parent = " ".join(cat.split()), " ".join(parent.split())
        known = self.categories.get(cat)
        if known is None:
            self.categories[cat] = Category(cat, description=description, parent=parent or None)
        elif parent and known.parent and parent != known.parent:
            raise FormatError(
                self.name, f"gives category {cat!r} two parents ({known.parent}, {parent})", line
            )
        elif (parent and not known.parent) or (description and not known.description):
            self.categories[cat] = Category(
                cat, description=known.description or description, parent=known.parent or parent
            )
        if parent and parent not in self.parents:
            self.parents.append(parent)

    def code(self, code: str, cat: str | None, line: int, definition: str, colour: str) -> None:
        try:
            code = check_code_name(code)
            colour = check_colour(colour.strip() or None)
        except Invalid as exc:
            raise FormatError(self.name, exc.message, line) from exc
        if code in self.codes:
            first = self.codes[code][1]
            raise FormatError(self.name, f"has code {code!r} twice (first on line {first})", line)
        cat = " ".join(cat.split()) if cat else None
        self.codes[code] = (
            Code(code, category=cat, definition=definition.strip(), colour=colour),
            line,
        )

    def result(self) -> Codebook:
        for parent in self.parents:
            self.categories.setdefault(parent, Category(parent))
        return list(self.categories.values()), [code for code, _ in self.codes.values()]


def _read_rows(name: str, data: bytes) -> Codebook:
    table = load_table(name, data)
    columns: dict[str, str] = {}
    for header in table.headers:
        key = next((k for k, names in _ALIASES.items() if header.lower() in names), None)
        if key and key not in columns:
            columns[key] = header
    if "code" not in columns:
        raise FormatError(name, "has no 'code' column (expected: category,code,definition)", 1)
    builder = _Builder(name)
    for row, line in zip(table.rows, table.lines, strict=True):
        value = {key: row[header] for key, header in columns.items()}
        cat = value.get("category", "")
        if cat:
            builder.category(
                cat, line, value.get("category_description", ""), value.get("parent", "")
            )
        if value["code"]:
            builder.code(
                value["code"], cat, line, value.get("definition", ""), value.get("colour", "")
            )
    return builder.result()


class _LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, remembering the line of every mapping under ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _read_yaml(name: str, data: bytes) -> Codebook:
    check_size(name, data)
    text, _ = decode_text(name, data)
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # _LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or "damaged YAML"
        raise FormatError(name, f"is not valid YAML ({problem})", line) from exc
    if not isinstance(doc, dict):
        raise FormatError(name, "should hold a mapping with 'categories' and/or 'codes'", 1)
    builder = _Builder(name)
    for cat in _items(name, doc, "categories"):
        cat_name = _text(name, cat, "name")
        if not cat_name:
            raise FormatError(name, "has a category without a name", cat["__line__"])
        builder.category(
            cat_name, cat["__line__"], _text(name, cat, "description"), _text(name, cat, "parent")
        )
        for code in _items(name, cat, "codes"):
            _yaml_code(name, builder, code, cat_name)
    for code in _items(name, doc, "codes"):
        _yaml_code(name, builder, code, None)
    return builder.result()


def _yaml_code(name: str, builder: _Builder, code: dict[str, Any], cat: str | None) -> None:
    colour = _text(name, code, "colour") or _text(name, code, "color")
    builder.code(
        _text(name, code, "name"), cat, code["__line__"], _text(name, code, "definition"), colour
    )


def _items(name: str, mapping: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = mapping.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise FormatError(name, f"'{key}' should be a list of mappings", mapping["__line__"])
    return items


def _text(name: str, mapping: dict[str, Any], key: str) -> str:
    value = mapping.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise FormatError(name, f"'{key}' should be text", mapping["__line__"])
    return str(value).strip()


# --- writers ---------------------------------------------------------------------------


def _ordered(categories: list[Category], codes: list[Code]) -> list[tuple[Category, list[Code]]]:
    """Categories with their codes; a category that only a code names is added at the end."""
    by_cat: dict[str, tuple[Category, list[Code]]] = {cat.name: (cat, []) for cat in categories}
    for code in codes:
        if code.category is not None:
            by_cat.setdefault(code.category, (Category(code.category), []))[1].append(code)
    return list(by_cat.values())


def write_codebook_csv(categories: list[Category], codes: list[Code]) -> str:
    """The codebook as CSV text (LF line ends): category,code,definition,colour,parent.

    ``category_description`` is added when a category has a description.
    """
    described = any(cat.description for cat in categories)
    header = ["category", "code", "definition", "colour", "parent"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header + (["category_description"] if described else []))
    for cat, members in _ordered(categories, codes):
        extra = [cat.description] if described else []
        for code in members or [None]:
            writer.writerow(
                [
                    cat.name,
                    code.name if code else "",
                    code.definition if code else "",
                    code.colour if code else "",
                    cat.parent or "",
                    *extra,
                ]
            )
    for code in codes:
        if code.category is None:
            writer.writerow(
                ["", code.name, code.definition, code.colour, "", *([""] if described else [])]
            )
    return out.getvalue()


def write_codebook_yaml(categories: list[Category], codes: list[Code]) -> str:
    """The codebook as YAML in the shape :func:`read_codebook` reads (empty fields left out)."""

    def code_entry(code: Code) -> dict[str, str]:
        entry = {"name": code.name, "definition": code.definition, "colour": code.colour}
        return {k: v for k, v in entry.items() if v}

    doc: dict[str, Any] = {"categories": []}
    for cat, members in _ordered(categories, codes):
        entry: dict[str, Any] = {"name": cat.name}
        if cat.description:
            entry["description"] = cat.description
        if cat.parent:
            entry["parent"] = cat.parent
        entry["codes"] = [code_entry(code) for code in members]
        doc["categories"].append(entry)
    loose = [code_entry(code) for code in codes if code.category is None]
    if loose:
        doc["codes"] = loose
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1_000_000)
