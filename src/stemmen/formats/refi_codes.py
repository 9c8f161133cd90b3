"""The REFI-QDA code tree ⇄ Stemmen categories and codes (shared by .qdpx and .qdc).

Mapping, loss-free in both directions:

* Every codable REFI ``Code`` becomes a Stemmen :class:`Code` (``Description`` → definition,
  ``color`` → colour). A codable code under a codable code keeps that nesting
  (``Code.parent``), to any depth. A code with ``isCodable="false"`` becomes a
  :class:`Category` (with its description; nesting as ``Category.parent``) unless some
  selection is coded with it anyway, or it lies under a codable code: then it is a code.
  A codable code directly under a category is a top-level code in that category.
* Stemmen names are unique over codes and categories together, also without regard to
  case. When REFI names repeat under different parents (or differ only in case), each gets
  the shortest path that tells them apart ("Parent/Child"), and the import report says so.
* Hierarchy written into names is undone: ATLAS.ti 8 writes ``Coke::diet Coke`` and Taguette
  ``places\\café`` in a flat list. Missing parents become categories.
* Export nests categories (non-codable codes), their top-level codes, and child codes under
  their parent code. A category that has the name of a code is that code (older Stemmen
  projects kept a parent code so). Missing GUIDs are generated deterministically, so the
  same snapshot gives the same file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from stemmen.formats.refi_report import ImportReport
from stemmen.formats.refi_xml import clean_name, guid_for, kid_text, kids, norm_guid
from stemmen.model.codes import Category, Code, arrange, name_key

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_RGB = re.compile(r"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})")


@dataclass(eq=False)
class Node:
    """One REFI code (or a parent made up from a name path)."""

    guid: str
    label: str
    codable: bool = True
    colour: str = ""
    description: str = ""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # NoteRef targets
    name: str = ""  # unique Stemmen name
    is_code: bool = True
    made_up: bool = False  # a parent that exists only in a name path

    def path(self) -> list[str]:
        node: Node | None = self
        out: list[str] = []
        while node is not None:
            out.append(node.label)
            node = node.parent
        return out[::-1]


@dataclass
class Codebook:
    """Result of reading a code tree."""

    categories: list[Category]
    codes: list[Code]
    nodes: dict[str, Node]  # by normalised guid
    read: int = 0  # REFI Code elements carried over (made-up parents not counted)

    def code_name(self, guid: str) -> str | None:
        node = self.nodes.get(guid)
        return node.name if node is not None and node.is_code else None


def parse_colour(value: str | None) -> str | None:
    """``#rrggbb`` from #RGB, #RRGGBB, #RRGGBBAA or rgb()/rgba(); '' if none; None if unusable."""
    text = (value or "").strip()
    if not text:
        return ""
    hexa, rgb = _HEX.match(text), _RGB.match(text)
    if hexa:
        digits = hexa.group(1)
        digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits[:6]
        return "#" + digits.lower()
    if rgb and all(int(x) <= 255 for x in rgb.groups()):
        return "#" + "".join(f"{int(x):02x}" for x in rgb.groups())
    return None


def read_codes(codes_el: etree._Element | None, report: ImportReport, used: set[str]) -> Codebook:
    """Categories and codes from a ``Codes`` element; ``used`` holds GUIDs that codings cite."""
    found = kids(codes_el, "Code") if codes_el is not None else iter(())
    roots = [_node(el, None, report) for el in found]
    roots = _split_named_paths(roots, report)
    nodes: dict[str, Node] = {}
    ordered = list(_preorder(roots))
    for node in ordered:
        node.is_code = node.codable or node.guid in used
        if not node.codable and node.guid in used:
            report.deviation(f"Code {node.label!r} is marked not codable but has codings; "
                             "it was imported as a code.")
        if node.guid and node.guid in nodes:
            report.deviation(f"Two codes share the GUID {node.guid}; the second one got a new one.")
            node.guid = ""
        if node.guid:
            nodes[node.guid] = node
    _name_nodes(ordered, report)
    categories: list[Category] = []
    codes_found: list[Code] = []
    for node in ordered:
        parent = node.parent
        if not node.is_code and parent is not None and parent.is_code:
            node.is_code = True
            report.deviation(f"Code {node.label!r} is marked not codable but lies under a "
                             "codable code; it was imported as a code.")
        if not node.is_code:
            categories.append(Category(node.name, node.guid, node.description,
                                       parent.name if parent else None))
            if node.colour:
                report.note(f"The colour of category {node.name!r} was not kept "
                            "(categories have no colour in Stemmen).")
            continue
        under_code = parent is not None and parent.is_code
        codes_found.append(Code(node.name, node.guid,
                          None if under_code or parent is None else parent.name,
                          node.description, node.colour,
                          parent=parent.name if under_code and parent else None))
    codes = [n.code for n in arrange(codes_found)]
    real = sum(1 for node in ordered if not node.made_up)
    return Codebook(categories, codes, nodes, real)


def _node(el: etree._Element, parent: Node | None, report: ImportReport) -> Node:
    raw_guid = el.get("guid", "")
    guid = norm_guid(raw_guid)
    if not guid:
        report.deviation(f"Code {el.get('name')!r} has no valid GUID ({raw_guid!r}).")
    colour = parse_colour(el.get("color"))
    if colour is None:
        report.deviation(f"Code {el.get('name')!r} has an unusable colour {el.get('color')!r}; "
                         "it was left out.")
    node = Node(guid, el.get("name") or "", el.get("isCodable", "true").strip() in ("true", "1"),
                colour or "", kid_text(el, "Description").strip(), parent)
    node.notes = [norm_guid(r.get("targetGUID")) for r in kids(el, "NoteRef")]
    node.children = [_node(child, node, report) for child in kids(el, "Code")]
    return node


def _split_named_paths(roots: list[Node], report: ImportReport) -> list[Node]:
    flat = all(not n.children for n in roots)
    seps = ["::", "\\"] if flat else ["::"]
    by_path: dict[tuple[str, ...], Node] = {}
    paths: dict[int, tuple[str, ...]] = {}
    used_sep: set[str] = set()
    for node in roots:
        path: tuple[str, ...] = (node.label,)
        for sep in seps:
            parts = tuple(p.strip() for p in node.label.split(sep))
            if sep in node.label and all(parts):
                path = parts
                used_sep.add(sep)
                break
        paths[id(node)] = path
        by_path.setdefault(path, node)
    if not used_sep:
        return roots
    new_roots: list[Node] = []

    def ensure(path: tuple[str, ...]) -> Node:
        if path in by_path and id(by_path[path]) in placed:
            return by_path[path]
        node = by_path.get(path) or Node("", path[-1], codable=False, made_up=True)
        by_path[path] = node
        place(node, path)
        return node

    def place(node: Node, path: tuple[str, ...]) -> None:
        placed.add(id(node))
        node.label = path[-1]
        node.parent = ensure(path[:-1]) if len(path) > 1 else None
        (node.parent.children if node.parent else new_roots).append(node)

    placed: set[int] = set()
    for node in roots:
        if id(node) not in placed:
            place(node, paths[id(node)])
    shown = " and ".join(repr(s) for s in sorted(used_sep))
    report.deviation(f"Code names carry their hierarchy with {shown} (ATLAS.ti / Taguette "
                     "style); they were split into parent codes and categories.")
    return new_roots


def _preorder(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _preorder(node.children)


def _name_nodes(nodes: list[Node], report: ImportReport) -> None:
    for node in nodes:
        label = clean_name(node.label)
        if label != node.label:
            report.deviation(f"Code name {node.label!r} had line breaks or extra spaces.")
        node.label = label or "(unnamed code)"
        if len(node.label) > 200:
            report.deviation(f"Code name {node.label[:40]!r}… was cut to 200 characters.")
            node.label = node.label[:200]
    groups: dict[str, list[Node]] = {}
    for node in nodes:
        groups.setdefault(name_key(node.label), []).append(node)
    taken = {key for key, group in groups.items() if len(group) == 1}
    for node in nodes:
        group = groups[name_key(node.label)]
        if len(group) == 1:
            node.name = node.label
            continue
        name = _shortest_unique(node, group)
        base, n = name, 2
        while name_key(name) in taken:
            name, n = f"{base} ({n})", n + 1
        taken.add(name_key(name))
        node.name = name
        report.note(f"Code name {node.label!r} occurs {len(group)} times (upper and lower "
                    f"case alike); this one is called {name!r}.")


def _shortest_unique(node: Node, group: list[Node]) -> str:
    path = [clean_name(p) for p in node.path()]
    others = [[name_key(p) for p in other.path()] for other in group if other is not node]
    keys = [name_key(p) for p in path]
    for depth in range(2, len(path) + 1):
        if all(o[-depth:] != keys[-depth:] for o in others):
            return "/".join(path[-depth:])
    return "/".join(path)


# ---------------------------------------------------------------- export


@dataclass(eq=False)
class OutNode:
    """A code element to write."""

    name: str
    guid: str
    codable: bool
    colour: str = ""
    description: str = ""
    children: list[OutNode] = field(default_factory=list)


def build_tree(
    categories: list[Category], codes: list[Code]
) -> tuple[list[OutNode], dict[str, str]]:
    """Root nodes to write and the GUID of every code and category by name."""
    cats = {c.name: c for c in reversed(categories)}
    by_code = {c.name: c for c in reversed(codes)}
    made: dict[str, OutNode] = {}
    roots: list[OutNode] = []
    seen_guids: set[str] = set()

    def ensure(name: str, trail: tuple[str, ...] = ()) -> OutNode:
        if name in made:
            return made[name]
        code, cat = by_code.get(name), cats.get(name)
        guid = norm_guid(code.guid if code else "") or norm_guid(cat.guid if cat else "")
        if not guid or guid in seen_guids:
            guid = guid_for("code", name)
        seen_guids.add(guid)
        description = (code.definition if code else "") or (cat.description if cat else "")
        node = OutNode(name, guid, code is not None, code.colour if code else "", description)
        made[name] = node
        parent = ((code.parent or code.category) if code else None) or (
            cat.parent if cat and cat.parent else None)
        if parent and parent != name and parent not in trail:
            ensure(parent, (*trail, name)).children.append(node)
        else:
            roots.append(node)
        return node

    for name in [c.name for c in codes] + [c.name for c in categories]:
        ensure(name)  # codes first: keeps the order of a tree read in pre-order
    return roots, {name: node.guid for name, node in made.items()}


def write_codes(
    parent: etree._Element,
    ns: str,
    nodes: list[OutNode],
    note_refs: dict[str, list[str]] | None = None,
) -> None:
    """Append nested ``Code`` elements; ``note_refs`` maps a code name to note GUIDs."""
    for node in nodes:
        el = etree.SubElement(parent, f"{{{ns}}}Code", guid=node.guid, name=node.name,
                              isCodable="true" if node.codable else "false")
        colour = parse_colour(node.colour)
        if colour:
            el.set("color", colour)
        if node.description:
            etree.SubElement(el, f"{{{ns}}}Description").text = node.description
        for target in (note_refs or {}).get(node.name, []):
            etree.SubElement(el, f"{{{ns}}}NoteRef", targetGUID=target)
        write_codes(el, ns, node.children, note_refs)
