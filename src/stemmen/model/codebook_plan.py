"""What importing a codebook file would do, decided before anything is written.

:func:`plan_import` compares the categories and codes read from a file with the project's
codebook and says, per code, whether it would be added, changed (which fields), left
unchanged, or refused (with the reason, an English template and its parameters). Applying
the plan writes the added and changed codes and skips the refused ones.

Rules: a code with the same name is the same code; empty fields in the file leave the
project's values alone; a code without parent and category in the file keeps its place.
A name that differs from an existing one only in case is refused ("Werk" and "werk"), as
is a code whose parent is missing or refused, or a move that would put a code inside itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

from stemmen.errors import Invalid
from stemmen.model.codes import Category, Code, arrange, check_move, same_name

Status = Literal["added", "changed", "unchanged", "refused"]
FIELDS = ("definition", "inclusion", "exclusion", "example", "colour")


class PlanCounts(TypedDict):
    """How many codes an import adds, changes, leaves and refuses, and its new categories."""

    added: int
    changed: int
    unchanged: int
    refused: int
    categories: int


@dataclass(frozen=True)
class PlannedCode:
    """One code of the file and what importing it would do."""

    code: Code
    status: Status
    changes: tuple[str, ...] = ()  # the fields (and "place") that would change
    reason: str = ""  # why it is refused: an English template filled from params
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.reason.format(**self.params) if self.reason else ""


@dataclass
class ImportPlan:
    """The preview of a codebook import (and, once applied, what it did)."""

    source: str
    codes: list[PlannedCode] = field(default_factory=list)
    new_categories: list[Category] = field(default_factory=list)
    refused_categories: list[tuple[str, str]] = field(default_factory=list)  # name, existing
    notes: list[str] = field(default_factory=list)
    applied: bool = False

    def of(self, status: Status) -> list[PlannedCode]:
        return [c for c in self.codes if c.status == status]

    @property
    def counts(self) -> PlanCounts:
        return PlanCounts(added=len(self.of("added")), changed=len(self.of("changed")),
                          unchanged=len(self.of("unchanged")), refused=len(self.of("refused")),
                          categories=len(self.new_categories))

    @property
    def writes(self) -> bool:
        """Whether applying the plan would change the codebook."""
        return bool(self.new_categories or self.of("added") or self.of("changed"))


def plan_import(source: str, have_categories: list[Category], have_codes: list[Code],
                categories: list[Category], codes: list[Code]) -> ImportPlan:
    """The plan for adding ``categories`` and ``codes`` (read from ``source``) to a
    codebook that holds ``have_categories`` and ``have_codes``."""
    plan = ImportPlan(source)
    have = {c.name: c for c in have_codes}
    cat_names = [c.name for c in have_categories]
    refused_cats: dict[str, str] = {}
    for cat in [*categories, *(Category(c.category) for c in codes if c.category)]:
        if cat.name in cat_names or cat.name in refused_cats:
            continue
        clash = same_name(cat_names, cat.name)
        if clash is not None:
            refused_cats[cat.name] = clash
            plan.refused_categories.append((cat.name, clash))
            continue
        cat_names.append(cat.name)
        plan.new_categories.append(cat)
    parents = {c.name: c.parent for c in have_codes}
    accepted: set[str] = set(have)
    incoming = [node.code for node in arrange(list(codes))]
    by_name = {c.name: c for c in codes}
    for node_code in incoming:
        code = by_name[node_code.name]  # as read: a child keeps no derived category
        planned = _plan_one(code, have, parents, accepted, refused_cats)
        if planned.status != "refused":
            accepted.add(code.name)
            if "place" in planned.changes or planned.status == "added":
                parents[code.name] = code.parent
        plan.codes.append(planned)
    return plan


def _plan_one(code: Code, have: dict[str, Code], parents: dict[str, str | None],
              accepted: set[str], refused_cats: dict[str, str]) -> PlannedCode:
    clash = same_name(have, code.name) if code.name not in have else None
    if clash is not None:
        return PlannedCode(code, "refused", reason="A code {existing!r} already exists; code "
                           "names may not differ only in upper and lower case ({name!r}).",
                           params={"existing": clash, "name": code.name})
    if code.parent is not None and code.parent not in accepted:
        return PlannedCode(code, "refused", reason="Its parent code {parent!r} is neither in "
                           "the codebook nor accepted from the file.",
                           params={"parent": code.parent})
    if code.parent is None and code.category in refused_cats:
        return PlannedCode(code, "refused", reason="A category {existing!r} already exists; "
                           "category names may not differ only in upper and lower case "
                           "({name!r}).",
                           params={"existing": refused_cats[code.category],
                                   "name": code.category})
    old = have.get(code.name)
    if old is None:
        return PlannedCode(code, "added")
    changes = [f for f in FIELDS if getattr(code, f) and getattr(code, f) != getattr(old, f)]
    if code.parent is not None and code.parent != old.parent:
        try:
            check_move(parents, code.name, code.parent)
        except Invalid as exc:  # the move would put the code inside itself
            return PlannedCode(code, "refused", reason=exc.template, params=exc.params)
        changes.append("place")
    elif code.parent is None and code.category and (old.parent is not None
                                                     or code.category != old.category):
        changes.append("place")
    return PlannedCode(code, "changed" if changes else "unchanged", tuple(changes))

