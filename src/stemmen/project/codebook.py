"""Codebook actions: add, rename, move, merge, split, edit, delete, import, export, history.

Each action is one transaction and one entry in the codebook history, with who did it and,
when given, why (``reason``, kept in the entry's details).
"""

from __future__ import annotations

import builtins
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from stemmen.errors import FormatError, Invalid, NotFound
from stemmen.formats.codebook_docx import read_codebook_docx
from stemmen.formats.codebook_files import read_codebook, write_codebook_csv, write_codebook_yaml
from stemmen.formats.refi_qdc import read_qdc
from stemmen.model.codebook_plan import ImportPlan, plan_import
from stemmen.model.codes import (
    Category,
    Code,
    CodeInTree,
    check_code_name,
    check_colour,
    check_move,
    colour_for,
)
from stemmen.model.codings import AuditEntry
from stemmen.project.stored import stored_id
from stemmen.store import Tx, journal
from stemmen.store import codebook as cb
from stemmen.store import codings as cd

if TYPE_CHECKING:
    from stemmen.project import Project

IMPORT_EXTENSIONS = (".csv", ".tsv", ".xlsx", ".docx", ".qdc", ".yaml", ".yml")
CRITERIA = ("inclusion", "exclusion", "example")


def read_codebook_file(name: str, data: bytes) -> tuple[list[Category], list[Code], list[str]]:
    """Categories, codes and notes of a codebook file, chosen by its extension."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".qdc":
        categories, codes, report = read_qdc(name, data)
        return categories, codes, [*report.deviations, *report.notes]
    if suffix == ".docx":
        return (*read_codebook_docx(name, data), [])
    if suffix not in IMPORT_EXTENSIONS:
        raise FormatError(name, "is not a codebook file; use " + ", ".join(IMPORT_EXTENSIONS))
    return (*read_codebook(name, data), [])


class Codebook:
    """Categories and codes (nested to any depth), with the history of every change."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def categories(self) -> list[Category]:
        with self._p.store.reading() as conn:
            return cb.list_categories(conn)

    def codes(self) -> list[Code]:
        """Every code, parents before their children (see :meth:`list`)."""
        with self._p.store.reading() as conn:
            return cb.list_codes(conn)

    def list(self) -> list[CodeInTree]:
        """Every code in tree order, with its depth and path ("A-activering / A-werk")."""
        with self._p.store.reading() as conn:
            return cb.list_tree(conn)

    def get(self, name: str) -> Code:
        with self._p.store.reading() as conn:
            return cb.get_code(conn, name)

    def counts(self) -> dict[str, int]:
        """Number of codings per code (a parent's count leaves out its children's)."""
        with self._p.store.reading() as conn:
            return cb.coding_counts(conn)

    def _record(self, tx: Tx, kind: str, reason: str | None, requested_by: str = "",
                **details: Any) -> None:
        why = " ".join((reason or "").split())
        who = " ".join(requested_by.split())
        journal.record_codebook(tx, self._p.actor, kind, **details,
                                **({"reason": why} if why else {}),
                                **({"requested_by": who} if who else {}))

    def add_category(self, name: str, description: str = "", parent: str | None = None,
                     reason: str = "") -> None:
        name = check_code_name(name)
        with self._p.store.transaction() as tx:
            cb.add_category(tx, Category(name=name, description=description, parent=parent))
            self._record(tx, "add_category", reason, category=name)

    def add(self, name: str, category: str | None = None, definition: str = "",
            colour: str | None = None, *, parent: str | None = None, inclusion: str = "",
            exclusion: str = "", example: str = "", reason: str = "",
            requested_by: str = "") -> Code:
        """Add a code under ``parent`` (a code), or at the top level in ``category`` (a
        category named but not yet present is created)."""
        name = check_code_name(name)
        if parent and category:
            raise Invalid("A child code lives under its parent code: give a parent code or a "
                          "category, not both.")
        with self._p.store.transaction() as tx:
            if category and category not in cb.category_ids(tx):
                cb.add_category(tx, Category(name=category))
            colour = check_colour(colour) or colour_for(len(cb.code_ids(tx)))
            cb.add_code(tx, Code(name=name, category=category, definition=definition,
                                 colour=colour, parent=parent or None, inclusion=inclusion,
                                 exclusion=exclusion, example=example))
            self._record(tx, "add", reason, requested_by, code=name, category=category,
                         **({"parent": parent} if parent else {}))
        return self.get(name)

    def rename(self, name: str, new_name: str, reason: str = "",
               requested_by: str = "", *, expected_version: int | None = None) -> None:
        """Rename a code; with ``expected_version`` (see :meth:`version`), only if nobody
        changed it since (else Conflict)."""
        new_name = check_code_name(new_name)
        with self._p.store.transaction() as tx:
            cb.claim_code(tx, name, expected_version)
            cb.update_code(tx, name, name=new_name)
            self._record(tx, "rename", reason, requested_by, old=name, new=new_name)

    def edit(self, name: str, definition: str | None = None, colour: str | None = None, *,
             inclusion: str | None = None, exclusion: str | None = None,
             example: str | None = None, reason: str = "", requested_by: str = "",
             expected_version: int | None = None) -> None:
        """Change a code's definition, criteria or colour (only the fields given); with
        ``expected_version``, only if nobody changed the code since (else Conflict)."""
        given = {"definition": definition, "inclusion": inclusion, "exclusion": exclusion,
                 "example": example}
        values: dict[str, str] = {k: v for k, v in given.items() if v is not None}
        if colour is not None:
            values["colour"] = check_colour(colour)
        if not values:
            return
        with self._p.store.transaction() as tx:
            cb.claim_code(tx, name, expected_version)
            old = cb.get_code(tx, name)
            changed = {k: v for k, v in values.items() if getattr(old, k) != v}
            if not changed:
                return
            cb.update_code(tx, name, **changed)
            self._record(tx, "edit", reason, requested_by, code=name, **changed)

    def move(self, name: str, category: str | None = None, *, parent: str | None = None,
             reason: str = "", expected_version: int | None = None) -> None:
        """Move a code under another code (``parent``), or to the top level of a category
        (created if new; None: outside any category). A code never moves inside itself."""
        with self._p.store.transaction() as tx:
            cb.claim_code(tx, name, expected_version)
            code = cb.get_code(tx, name)
            if parent:
                cb.code_id(tx, parent)
                check_move(cb.parents(tx), name, parent)
            elif category and category not in cb.category_ids(tx):
                cb.add_category(tx, Category(name=category))
            cb.place_code(tx, name, parent=parent or None, category=None if parent else category)
            old = {"old_parent": code.parent} if code.parent else {"old": code.category}
            new = {"parent": parent} if parent else {"new": category}
            self._record(tx, "move", reason, code=name, **old, **new)

    def merge(self, name: str, into: str, reason: str = "", requested_by: str = "",
              expected_version: int | None = None) -> int:
        """Merge code ``name`` into ``into``: its codings follow, duplicates collapse, and
        its child codes move under ``into``.

        Returns the number of codings moved. The merged code's definition is kept in the
        history entry.
        """
        if name == into:
            raise Invalid("A code cannot be merged into itself.")
        with self._p.store.transaction() as tx:
            cb.claim_code(tx, name, expected_version)
            source, target = cb.get_code(tx, name), cb.get_code(tx, into)
            moved = cd.merge_code(tx, stored_id(source), stored_id(target))
            children = cb.lift_children(tx, name, into=into)
            cb.delete_code(tx, name)
            self._record(tx, "merge", reason, requested_by, code=name, into=into,
                         codings=moved,
                         definition=source.definition,
                         **({"children": children} if children else {}))
        return moved

    def split(self, name: str, into: builtins.list[str], assign: dict[int, str] | None = None,
              keep_original: bool = True, reason: str = "",
              requested_by: str = "") -> dict[str, int]:
        """Split a code into new codes beside it (same parent, or same category).

        ``assign`` maps coding ids of ``name`` to one of the new codes; those codings move.
        Unassigned codings stay on the original (kept unless ``keep_original`` is false,
        which needs every coding assigned; its children then take its place).
        """
        assign = assign or {}
        with self._p.store.transaction() as tx:
            original = cb.get_code(tx, name)
            own = {c.id for c in cd.list_codings(tx, code=name)}
            if set(assign) - own:
                raise Invalid("Codings {ids} are not codings of {name!r}.",
                              ids=sorted(set(assign) - own), name=name)
            if set(assign.values()) - set(into):
                raise Invalid("Every assigned code must be one of the new codes.")
            if not keep_original and own - set(assign):
                raise Invalid("Assign every coding before removing the original code.")
            ids = {}
            for i, new in enumerate(into):
                new = check_code_name(new)
                ids[new] = cb.add_code(tx, Code(
                    name=new, category=None if original.parent else original.category,
                    parent=original.parent, colour=colour_for(len(cb.code_ids(tx)) + i)))
            counts = dict.fromkeys(ids, 0)
            for coding_id, new in assign.items():
                cd.move(tx, coding_id, ids[new])
                counts[new] += 1
            if not keep_original:
                cb.lift_children(tx, name)
                cb.delete_code(tx, name)
            self._record(tx, "split", reason, requested_by, code=name, into=list(ids),
                         moved=counts,
                         kept_original=keep_original)
        return counts

    def delete(self, name: str, reason: str = "", requested_by: str = "",
               expected_version: int | None = None) -> int:
        """Delete a code and its codings; its child codes take its place."""
        with self._p.store.transaction() as tx:
            cb.claim_code(tx, name, expected_version)
            children = cb.lift_children(tx, name)
            removed = cb.delete_code(tx, name)
            self._record(tx, "delete", reason, requested_by, code=name, codings=removed,
                         **({"children": children} if children else {}))
        return removed

    def version(self, name: str) -> int:
        """A code's version, raised by every change: give it back as ``expected_version``
        to rename, edit, move, merge or delete the code only if nobody changed it since."""
        with self._p.store.reading() as conn:
            return cb.code_version(conn, name)

    def versions(self) -> dict[str, int]:
        """Every code's version by name (see :meth:`version`)."""
        with self._p.store.reading() as conn:
            return cb.code_versions(conn)

    def history(self) -> builtins.list[AuditEntry]:
        with self._p.store.reading() as conn:
            return journal.codebook_entries(conn)

    # --- import and export --------------------------------------------------------------

    def preview_import(self, source: str | Path | bytes,
                       filename: str | None = None) -> ImportPlan:
        """What importing a codebook file would add, change, leave alone or refuse (and
        why); nothing is written. ``source``: a path, or the bytes with their ``filename``."""
        data, filename = _file(source, filename)
        categories, codes, notes = read_codebook_file(filename, data)
        with self._p.store.reading() as conn:
            plan = plan_import(filename, cb.list_categories(conn), cb.list_codes(conn),
                               categories, codes)
        plan.notes = notes
        return plan

    def import_(self, source: str | Path | bytes, filename: str | None = None,
                reason: str = "") -> ImportPlan:
        """Import a codebook file (.csv, .xlsx, .docx, .qdc, .yaml) in one transaction: the
        codes the preview calls added or changed are written, refused ones are skipped.
        ``source`` is a path, or the file's bytes with its ``filename``."""
        data, filename = _file(source, filename)
        categories, codes, notes = read_codebook_file(filename, data)
        with self._p.store.transaction() as tx:
            plan = plan_import(filename, cb.list_categories(tx), cb.list_codes(tx),
                               categories, codes)
            plan.notes = notes
            self._apply(tx, plan)
            self._record(tx, "import", reason, source=filename, **plan.counts)
        plan.applied = True
        return plan

    def _apply(self, tx: Tx, plan: ImportPlan) -> None:
        known = set(cb.category_ids(tx))
        for category in _parents_first(plan.new_categories):
            parent = category.parent if category.parent in known else None
            cb.add_category(tx, Category(category.name, category.guid, category.description,
                                         parent))
            known.add(category.name)
        n = len(cb.code_ids(tx))
        for i, item in enumerate(plan.of("added")):
            code = item.code
            cb.add_code(tx, Code(name=code.name, guid=code.guid,
                                 category=None if code.parent else code.category,
                                 definition=code.definition, colour=code.colour or colour_for(
                                     n + i), parent=code.parent, inclusion=code.inclusion,
                                 exclusion=code.exclusion, example=code.example))
        for item in plan.of("changed"):
            code = item.code
            fields = {f: getattr(code, f) for f in item.changes if f != "place"}
            if fields:
                cb.update_code(tx, code.name, **fields)
            if "place" in item.changes:
                cb.place_code(tx, code.name, parent=code.parent,
                              category=None if code.parent else code.category)

    def export(self, path: str | Path) -> Path:
        """Write the codebook as CSV, YAML or REFI-QDA .qdc (chosen by extension)."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".qdc":
            return self._p.exchange.export_qdc(path)
        writers = {".csv": write_codebook_csv, ".yaml": write_codebook_yaml,
                   ".yml": write_codebook_yaml}
        if suffix not in writers:
            raise Invalid("Export the codebook as .csv, .yaml or .qdc, not {suffix}.",
                          suffix=suffix or path.name)
        path.write_text(writers[suffix](self.categories(), self.codes()), encoding="utf-8")
        return path


def _file(source: str | Path | bytes, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, filename or "codebook.csv"
    path = Path(source)
    if path.is_dir():
        raise Invalid("{name} is a folder; give a codebook file (.csv, .xlsx, .docx, .qdc, "
                      ".yaml).", name=str(path))
    if not path.is_file():
        raise NotFound("The codebook file {name} does not exist.", name=str(path))
    return path.read_bytes(), filename or path.name


def _parents_first(categories: list[Category]) -> list[Category]:
    names = {c.name for c in categories}
    done: set[str] = set()
    ordered: list[Category] = []
    pending = list(categories)
    while pending:
        ready = [c for c in pending if not c.parent or c.parent not in names
                 or c.parent in done] or pending
        ordered += ready
        done.update(c.name for c in ready)
        pending = [c for c in pending if c not in ready]
    return ordered


__all__ = ["Codebook", "read_codebook_file"]
