"""Codebooks as CSV (or XLSX) and YAML files, read and written.

**CSV/XLSX**: one row per code, columns ``category``, ``code``, ``definition`` (the shape the
AMIF-42 study published), optional ``inclusion``, ``exclusion``, ``example``, ``parent`` (the
code this code nests under), ``colour`` (#rrggbb; ``color`` accepted), ``category_parent``
and ``category_description``. Headers are case-insensitive; Dutch and French headers are
accepted too (categorie/catégorie, definitie/définition, inclusie, exclusie, voorbeeld/exemple,
ouder/parent, kleur/couleur). A row with an empty ``code`` declares a category without codes;
a row with an empty ``category`` and ``parent`` is a code outside any category. A child code
(with a ``parent``) lives under its parent; its ``category`` column is informative only.
Older Stemmen files used ``parent`` for the parent of the row's category: a ``parent`` that
names a category of the file and no code of the file is still read that way.

**YAML** (read with PyYAML's safe loader only)::

    categories:
      - name: A-activering
        description: optional text
        parent: optional name of the parent category
        codes:
          - name: A-werk
            definition: ...
            inclusion: ...             # optional, as exclusion, example and colour
            codes:                     # child codes, to any depth
              - name: A-sollicitatie
    codes:                             # optional: codes outside any category
      - name: Z-andere

Code names must be unique, also without regard to case (a duplicate is a FormatError with
its line). Categories appear in the order they are first met; a category named only as a
parent is added after the others. Codes come parents first.
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
from stemmen.model.codes import Category, Code, arrange, check_code_name, check_colour, name_key

Codebook = tuple[list[Category], list[Code]]
CRITERIA = ("inclusion", "exclusion", "example")

ALIASES = {
    "category": ("category", "categorie", "catégorie"),
    "code": ("code",),
    "definition": ("definition", "definitie", "définition", "description"),
    "inclusion": ("inclusion", "inclusie", "inclusion criteria", "inclusiecriteria"),
    "exclusion": ("exclusion", "exclusie", "exclusion criteria", "exclusiecriteria"),
    "example": ("example", "voorbeeld", "exemple"),
    "parent": ("parent", "parent code", "ouder", "bovenliggende code", "code parent"),
    "colour": ("colour", "color", "kleur", "couleur"),
    "category_parent": ("category_parent", "category parent"),
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


def column_keys(headers: list[str]) -> dict[str, str]:
    """Which header holds which field (first match wins), headers compared in lower case."""
    columns: dict[str, str] = {}
    for header in headers:
        low = " ".join(str(header).lower().replace("_", " ").split())
        key = next((k for k, names in ALIASES.items()
                    if low in {n.replace("_", " ") for n in names}), None)
        if key and key not in columns:
            columns[key] = header
    return columns


class CodebookBuilder:
    """Collects categories and codes, checking names and colours, with line numbers."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.categories: dict[str, Category] = {}
        self.codes: dict[str, tuple[Code, int]] = {}
        self.keys: dict[str, str] = {}  # name_key → first spelling
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

    def code(self, code: str, cat: str | None, line: int, definition: str, colour: str,
             parent: str = "", **criteria: str) -> str:
        try:
            code = check_code_name(code)
            colour = check_colour(colour.strip() or None)
            parent = check_code_name(parent) if parent.strip() else ""
        except Invalid as exc:
            raise FormatError(self.name, exc.message, line) from exc
        if code in self.codes:
            first = self.codes[code][1]
            raise FormatError(self.name, f"has code {code!r} twice (first on line {first})", line)
        other = self.keys.setdefault(name_key(code), code)
        if other != code:
            first = self.codes[other][1]
            raise FormatError(self.name, f"has codes {other!r} (line {first}) and {code!r}, "
                              "whose names differ only in upper and lower case", line)
        cat = " ".join(cat.split()) if cat else None
        self.codes[code] = (
            Code(code, category=cat, definition=definition.strip(), colour=colour,
                 parent=parent or None, inclusion=(criteria.get("inclusion") or "").strip(),
                 exclusion=(criteria.get("exclusion") or "").strip(),
                 example=(criteria.get("example") or "").strip()),
            line,
        )
        return code

    def result(self) -> Codebook:
        codes = [code for code, _ in self.codes.values()]
        legacy = {c.parent for c in codes if c.parent and c.parent not in self.codes
                  and c.parent in self.categories}
        fixed = []
        for code in codes:
            if code.parent in legacy:  # an older file: ``parent`` of the row's category
                line = self.codes[code.name][1]
                if code.category:
                    self.category(code.category, line, parent=code.parent or "")
                code = Code(**{**code.__dict__, "parent": None})
            elif code.parent:
                code = Code(**{**code.__dict__, "category": None})
            fixed.append(code)
        for parent in self.parents:
            self.categories.setdefault(parent, Category(parent))
        return list(self.categories.values()), [n.code for n in arrange(fixed)]


def _read_rows(name: str, data: bytes) -> Codebook:
    table = load_table(name, data)
    columns = column_keys(table.headers)
    if "code" not in columns:
        raise FormatError(name, "has no 'code' column (expected: category,code,definition)", 1)
    builder = CodebookBuilder(name)
    for row, line in zip(table.rows, table.lines, strict=True):
        add_row(builder, {key: row[header] for key, header in columns.items()}, line)
    return builder.result()


def add_row(builder: CodebookBuilder, value: dict[str, str], line: int) -> None:
    """One row of a codebook table (keys as in :data:`ALIASES`)."""
    value = {k: ("" if v is None else str(v)) for k, v in value.items()}
    cat = value.get("category", "")
    if cat:
        builder.category(cat, line, value.get("category_description", ""),
                         value.get("category_parent", ""))
    if value.get("code"):
        builder.code(value["code"], cat, line, value.get("definition", ""),
                     value.get("colour", ""), value.get("parent", ""),
                     **{k: value.get(k, "") for k in CRITERIA})


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
    builder = CodebookBuilder(name)
    for cat in _items(name, doc, "categories"):
        cat_name = _text(name, cat, "name")
        if not cat_name:
            raise FormatError(name, "has a category without a name", cat["__line__"])
        builder.category(
            cat_name, cat["__line__"], _text(name, cat, "description"), _text(name, cat, "parent")
        )
        for code in _items(name, cat, "codes"):
            _yaml_code(name, builder, code, cat_name, "")
    for code in _items(name, doc, "codes"):
        _yaml_code(name, builder, code, None, "")
    return builder.result()


def _yaml_code(name: str, builder: CodebookBuilder, code: dict[str, Any], cat: str | None,
               parent: str) -> None:
    colour = _text(name, code, "colour") or _text(name, code, "color")
    added = builder.code(
        _text(name, code, "name"), cat, code["__line__"], _text(name, code, "definition"),
        colour, parent or _text(name, code, "parent"),
        **{k: _text(name, code, k) for k in CRITERIA},
    )
    for child in _items(name, code, "codes"):
        _yaml_code(name, builder, child, None, added)


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
    """Categories with their top-level codes; a category only a code names is added last."""
    by_cat: dict[str, tuple[Category, list[Code]]] = {cat.name: (cat, []) for cat in categories}
    for code in codes:
        if code.category is not None and code.parent is None:
            by_cat.setdefault(code.category, (Category(code.category), []))[1].append(code)
    return list(by_cat.values())


def _children(codes: list[Code]) -> dict[str | None, list[Code]]:
    known = {c.name for c in codes}
    out: dict[str | None, list[Code]] = {}
    for code in codes:
        out.setdefault(code.parent if code.parent in known else None, []).append(code)
    return out


HEADER = ["category", "code", "definition", "inclusion", "exclusion", "example", "parent",
          "colour", "category_parent"]


def write_codebook_csv(categories: list[Category], codes: list[Code]) -> str:
    """The codebook as CSV text (LF line ends), one row per code in tree order:
    category,code,definition,inclusion,exclusion,example,parent,colour,category_parent.

    A child code's ``category`` is that of its top-level ancestor. ``category_description``
    is added when a category has a description.
    """
    described = any(cat.description for cat in categories)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER + (["category_description"] if described else []))
    kids = _children(codes)

    def rows(code: Code, cat: Category | None) -> None:
        writer.writerow([cat.name if cat else "", code.name, code.definition, code.inclusion,
                         code.exclusion, code.example, code.parent or "", code.colour,
                         cat.parent or "" if cat else "",
                         *([cat.description if cat else ""] if described else [])])
        for child in kids.get(code.name, []):
            rows(child, cat)

    for cat, members in _ordered(categories, codes):
        if not members:
            writer.writerow([cat.name, "", "", "", "", "", "", "", cat.parent or "",
                             *([cat.description] if described else [])])
        for code in members:
            rows(code, cat)
    for code in kids.get(None, []):
        if code.category is None:
            rows(code, None)
    return out.getvalue()


def write_codebook_yaml(categories: list[Category], codes: list[Code]) -> str:
    """The codebook as YAML in the shape :func:`read_codebook` reads (empty fields left out,
    child codes nested under ``codes`` of their parent)."""
    kids = _children(codes)

    def code_entry(code: Code) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": code.name, "definition": code.definition,
                                 **{k: getattr(code, k) for k in CRITERIA},
                                 "colour": code.colour}
        entry = {k: v for k, v in entry.items() if v}
        if kids.get(code.name):
            entry["codes"] = [code_entry(child) for child in kids[code.name]]
        return entry

    doc: dict[str, Any] = {"categories": []}
    for cat, members in _ordered(categories, codes):
        entry: dict[str, Any] = {"name": cat.name}
        if cat.description:
            entry["description"] = cat.description
        if cat.parent:
            entry["parent"] = cat.parent
        entry["codes"] = [code_entry(code) for code in members]
        doc["categories"].append(entry)
    loose = [code_entry(code) for code in kids.get(None, []) if code.category is None]
    if loose:
        doc["codes"] = loose
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1_000_000)
