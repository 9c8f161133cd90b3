"""Categories, codes and the rules of a codebook: names, colours and the code tree.

Codes nest under codes to any depth and each code is codable. Categories group the
top-level codes (the study's grouping, e.g. the 11 categories of the AMIF-42 codebook); a
child code lives under its parent code and belongs to the category of its top-level
ancestor. Names are unique without regard to case: "Werk" and "werk" cannot both exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from stemmen.errors import AlreadyExists, Invalid

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#17becf",
)
PATH_SEPARATOR = " / "


@dataclass(frozen=True)
class Category:
    """A group of codes, e.g. "Randvoorwaarden OCMW's"."""

    name: str
    guid: str = ""
    description: str = ""
    parent: str | None = None


@dataclass(frozen=True)
class Code:
    """A code with its definition, criteria and colour.

    ``parent`` is the name of the code it nests under (None: a top-level code).
    ``category`` is a category name or None; for a child code it is the category of its
    top-level ancestor (as the store reports it), and it does not place the code.
    """

    name: str
    guid: str = ""
    category: str | None = None
    definition: str = ""
    colour: str = ""
    id: int | None = None
    parent: str | None = None
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""


@dataclass(frozen=True)
class CodeInTree:
    """A code in tree order: its depth (0 for a top-level code) and its path of names."""

    code: Code
    depth: int
    path: tuple[str, ...]

    @property
    def path_text(self) -> str:
        """The path as people read it: "A-activering / A-werk / A-sollicitatie"."""
        return PATH_SEPARATOR.join(self.path)


def check_code_name(name: str) -> str:
    """A stripped, non-empty name without line breaks, or Invalid."""
    clean = " ".join(name.split()) if name else ""
    if not clean:
        raise Invalid("A code name cannot be empty.")
    if len(clean) > 200:
        raise Invalid("Code name {name!r} is longer than 200 characters.", name=clean[:40])
    return clean


def name_key(name: str) -> str:
    """The form under which two names count as the same: case and spacing ignored."""
    return " ".join(name.split()).casefold()


def same_name(names: Iterable[str], name: str, *, ignore: str | None = None) -> str | None:
    """The name among ``names`` that equals ``name`` without regard to case (``ignore``,
    e.g. the code being renamed, does not count), or None."""
    key = name_key(name)
    for other in names:
        if other != ignore and name_key(other) == key:
            return other
    return None


def check_new_name(names: Iterable[str], name: str, *, kind: str = "code",
                   ignore: str | None = None) -> None:
    """AlreadyExists when ``name`` is taken, or taken but for its case ("Werk", "werk");
    ``kind`` is "code" or "category"."""
    clash = same_name(names, name, ignore=ignore)
    if clash is None:
        return
    if kind == "category":
        if clash == name:
            raise AlreadyExists("A category {name!r} already exists.", name=name)
        raise AlreadyExists("A category {existing!r} already exists; category names may not "
                            "differ only in upper and lower case ({name!r}).",
                            existing=clash, name=name)
    if clash == name:
        raise AlreadyExists("A code {name!r} already exists.", name=name)
    raise AlreadyExists("A code {existing!r} already exists; code names may not differ only "
                        "in upper and lower case ({name!r}).", existing=clash, name=name)


def check_colour(colour: str | None) -> str:
    """A #rrggbb colour in lower case, or '' for none."""
    if not colour:
        return ""
    if not _COLOUR.match(colour):
        raise Invalid("Colour {colour!r} is not of the form #rrggbb.", colour=colour)
    return colour.lower()


def colour_for(index: int) -> str:
    """A default colour from a palette that people with colour-blindness can tell apart."""
    return PALETTE[index % len(PALETTE)]


def prefix_of(code_name: str) -> str | None:
    """The category prefix of a code name such as ``R-tolk`` (→ ``R``), if it has one."""
    match = re.match(r"^([A-Z]{1,3})-", code_name)
    return match.group(1) if match else None


# --- the code tree ----------------------------------------------------------------------


def ancestors(parents: Mapping[str, str | None], name: str) -> list[str]:
    """The names above ``name``, nearest first (stops at a cycle or an unknown parent)."""
    out: list[str] = []
    seen = {name}
    node = parents.get(name)
    while node is not None and node not in seen and node in parents:
        out.append(node)
        seen.add(node)
        node = parents.get(node)
    return out


def code_path(parents: Mapping[str, str | None], name: str) -> str:
    """The path of a code from its top-level ancestor: "A-activering / A-werk / A-cv"."""
    return PATH_SEPARATOR.join([*reversed(ancestors(parents, name)), name])


def check_move(parents: Mapping[str, str | None], name: str, new_parent: str | None) -> None:
    """Invalid when ``name`` would nest under itself or under one of its descendants."""
    if new_parent is None:
        return
    if new_parent == name:
        raise Invalid("Code {name!r} cannot be placed under itself.", name=name)
    if name in ancestors(parents, new_parent):
        raise Invalid("Code {name!r} cannot be placed under {parent!r}: {parent!r} lies "
                      "inside {name!r} (path {path}).", name=name, parent=new_parent,
                      path=code_path(parents, new_parent))


def descendants(codes: Iterable[Code], name: str) -> list[str]:
    """The names below ``name``, in tree order."""
    return [node.code.name for node in arrange(list(codes))
            if name in node.path[:-1]]


def arrange(codes: list[Code]) -> list[CodeInTree]:
    """The codes in tree order: each top-level code followed by its descendants, siblings in
    the order given. A child's ``category`` becomes that of its top-level ancestor. A code
    whose parent is unknown, or caught in a cycle, is shown at the top level."""
    by_name = {c.name: c for c in codes}
    children: dict[str, list[Code]] = {}
    roots: list[Code] = []
    for code in codes:
        if code.parent is not None and code.parent in by_name and code.parent != code.name:
            children.setdefault(code.parent, []).append(code)
        else:
            roots.append(code)
    out: list[CodeInTree] = []
    placed: set[str] = set()

    def visit(code: Code, path: tuple[str, ...], category: str | None) -> None:
        placed.add(code.name)
        if path:
            code = replace(code, category=category)
        out.append(CodeInTree(code, len(path), (*path, code.name)))
        for child in children.get(code.name, []):
            if child.name not in placed:
                visit(child, (*path, code.name), code.category)

    for root in roots:
        visit(root, (), root.category)
    for code in codes:  # cycles: no member is reachable from a root
        if code.name not in placed:
            visit(replace(code, parent=None), (), code.category)
    return out
