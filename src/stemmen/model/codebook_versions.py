"""Named versions of a codebook and the differences between two of them.

A version freezes the codebook (its categories and codes) and remembers the last codebook
history entry it includes. The difference between two versions is read from both: the GUID of
a code says that a renamed code is the same code, and the history entries between the versions
say which codes were merged into which, which were split, and why (``reason``) and at whose
request (``requested_by``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stemmen.model.codes import Category, Code
from stemmen.model.codings import AuditEntry

CHANGE_KINDS = ("added", "removed", "renamed", "merged", "split", "redefined", "moved")
"""Kinds of change between two versions, in the order a diff lists them."""

TEXT_FIELDS = ("definition", "inclusion", "exclusion", "example")


@dataclass(frozen=True)
class FrozenCode:
    """One code as a version holds it."""

    name: str
    guid: str
    category: str | None = None
    parent: str | None = None
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""

    @property
    def place(self) -> str:
        return self.parent or self.category or ""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "guid": self.guid, "category": self.category,
                "parent": self.parent, "definition": self.definition,
                "inclusion": self.inclusion, "exclusion": self.exclusion,
                "example": self.example}


@dataclass(frozen=True)
class CodebookVersion:
    """A named, frozen codebook: its categories and codes when it was made."""

    name: str
    note: str
    actor: str
    created_at: dt.datetime | None
    history_id: int
    categories: tuple[str, ...] = ()
    codes: tuple[FrozenCode, ...] = ()

    def as_dict(self, with_codes: bool = False) -> dict[str, Any]:
        found: dict[str, Any] = {
            "name": self.name, "note": self.note, "actor": self.actor,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "categories": len(self.categories), "codes": len(self.codes)}
        if with_codes:
            found["code_list"] = [c.as_dict() for c in self.codes]
        return found


def freeze(categories: Iterable[Category], codes: Iterable[Code]) -> dict[str, Any]:
    """The content a version stores (plain data, JSON-ready)."""
    return {"categories": [c.name for c in categories],
            "codes": [FrozenCode(c.name, c.guid, c.category, c.parent, c.definition,
                                 c.inclusion, c.exclusion, c.example).as_dict()
                      for c in codes]}


def thaw(content: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[FrozenCode, ...]]:
    """Categories and codes of stored content (see :func:`freeze`)."""
    codes = tuple(FrozenCode(str(c["name"]), str(c.get("guid") or ""), c.get("category"),
                             c.get("parent"), *(str(c.get(f) or "") for f in TEXT_FIELDS))
                  for c in content.get("codes", []))
    return tuple(content.get("categories", [])), codes


@dataclass(frozen=True)
class CodeChange:
    """One change between two versions: ``code`` is the name in the old version (the new
    name for an added code), ``to`` the name(s) it became (renamed, merged into, split
    into), ``fields`` what changed (redefined, moved)."""

    kind: str
    code: str
    to: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    old: str = ""
    new: str = ""
    reason: str = ""
    requested_by: str = ""
    actor: str = ""
    at: dt.datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "code": self.code, "to": list(self.to),
                "fields": list(self.fields), "old": self.old, "new": self.new,
                "reason": self.reason, "requested_by": self.requested_by,
                "actor": self.actor, "at": self.at.isoformat() if self.at else None}


@dataclass(frozen=True)
class CodebookDiff:
    """What changed from version ``old`` to version ``new``."""

    old: str
    new: str
    changes: tuple[CodeChange, ...] = field(default_factory=tuple)

    def of(self, kind: str) -> list[CodeChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in CHANGE_KINDS}

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "counts": self.counts,
                "changes": [c.as_dict() for c in self.changes]}


def _aliases(entries: Sequence[AuditEntry]) -> dict[str, set[str]]:
    """Name → every name it had before, through the renames in ``entries``."""
    back: dict[str, str] = {}
    for entry in entries:
        if entry.action == "rename":
            back[str(entry.details.get("new"))] = str(entry.details.get("old"))
    found: dict[str, set[str]] = {}
    for name in list(back):
        seen, current = {name}, name
        while current in back and back[current] not in seen:
            current = back[current]
            seen.add(current)
        found[name] = seen
    return found


def _who(entry: AuditEntry | None) -> dict[str, Any]:
    if entry is None:
        return {}
    return {"reason": str(entry.details.get("reason") or ""),
            "requested_by": str(entry.details.get("requested_by") or ""),
            "actor": entry.actor, "at": entry.at}


def diff_versions(old: CodebookVersion, new: CodebookVersion,
                  history: Sequence[AuditEntry]) -> CodebookDiff:
    """Added, removed, renamed, merged, split, redefined and moved codes from ``old`` to
    ``new``; ``history`` is the codebook history (entries outside the two versions are
    ignored)."""
    low, high = sorted((old.history_id, new.history_id))
    entries = [e for e in history if e.id is not None and low < e.id <= high]
    aliases = _aliases(entries)

    def names(name: str) -> set[str]:
        return aliases.get(name, set()) | {name}

    def last(kind: str, key: str, name_set: set[str]) -> AuditEntry | None:
        hits = [e for e in entries if e.action == kind and str(e.details.get(key)) in name_set]
        return hits[-1] if hits else None

    before = {c.guid: c for c in old.codes}
    after = {c.guid: c for c in new.codes}
    new_names = {c.name: c for c in new.codes}
    changes: list[CodeChange] = []
    split_products: set[str] = set()
    handled_old: set[str] = set()
    for entry in entries:
        if entry.action != "split":
            continue
        source = str(entry.details.get("code"))
        products = tuple(str(n) for n in entry.details.get("into", []))
        olds = [c for c in old.codes if c.name == source or source in names(c.name)]
        if not olds:
            continue
        products = tuple(_current(p, new_names, aliases) for p in products)
        split_products.update(products)
        changes.append(CodeChange("split", olds[0].name, products, **_who(entry)))
        handled_old.add(olds[0].guid)
    for guid, code in before.items():
        if guid in after or guid in handled_old:
            continue
        merge = next((e for e in reversed(entries) if e.action == "merge"
                      and str(e.details.get("code")) in _old_names(code.name, aliases,
                                                                   entries)), None)
        if merge is not None:
            into = _current(str(merge.details.get("into")), new_names, aliases)
            changes.append(CodeChange("merged", code.name, (into,), **_who(merge)))
        else:
            gone = last("delete", "code", _old_names(code.name, aliases, entries))
            changes.append(CodeChange("removed", code.name, **_who(gone)))
    for guid, code in after.items():
        if guid in before or code.name in split_products:
            continue
        added = last("add", "code", names(code.name))
        changes.append(CodeChange("added", code.name, **_who(added)))
    for guid, code in after.items():
        was = before.get(guid)
        if was is None:
            continue
        if was.name != code.name:
            found = last("rename", "new", names(code.name))
            changes.append(CodeChange("renamed", was.name, (code.name,), old=was.name,
                                      new=code.name, **_who(found)))
        edited = tuple(f for f in TEXT_FIELDS if getattr(was, f) != getattr(code, f))
        if edited:
            found = last("edit", "code", names(code.name))
            changes.append(CodeChange("redefined", was.name, (code.name,), edited,
                                      old=was.definition, new=code.definition, **_who(found)))
        if was.place != _renamed_place(code.place, aliases, was.place):
            found = last("move", "code", names(code.name))
            changes.append(CodeChange("moved", was.name, (code.name,), ("place",),
                                      old=was.place, new=code.place, **_who(found)))
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    changes.sort(key=lambda c: (order[c.kind], c.code.lower()))
    return CodebookDiff(old.name, new.name, tuple(changes))


def _old_names(name: str, aliases: Mapping[str, set[str]],
               entries: Sequence[AuditEntry]) -> set[str]:
    """The names an old code went by later (forward through renames), and its own."""
    found = {name}
    for entry in entries:
        if entry.action == "rename" and str(entry.details.get("old")) in found:
            found.add(str(entry.details.get("new")))
    return found


def _current(name: str, new_names: Mapping[str, FrozenCode],
             aliases: Mapping[str, set[str]]) -> str:
    """The name in the new version of a code once called ``name``."""
    if name in new_names:
        return name
    return next((n for n, olds in aliases.items() if name in olds and n in new_names), name)


def _renamed_place(place: str, aliases: Mapping[str, set[str]], old_place: str) -> str:
    """A parent that was only renamed is the same place."""
    return old_place if old_place in aliases.get(place, set()) else place
