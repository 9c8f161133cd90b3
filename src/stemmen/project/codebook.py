"""Codebook actions: add, rename, move, merge, split, edit, delete, import, export, history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stemmen.errors import AlreadyExists, Invalid
from stemmen.formats.codebook_files import read_codebook, write_codebook_csv, write_codebook_yaml
from stemmen.model.codes import Category, Code, check_code_name, check_colour, colour_for
from stemmen.model.codings import AuditEntry
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import journal

if TYPE_CHECKING:
    from stemmen.project import Project


class Codebook:
    """Categories and codes, with the history of every change."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def categories(self) -> list[Category]:
        with self._p.store.reading() as conn:
            return cb.list_categories(conn)

    def codes(self) -> list[Code]:
        with self._p.store.reading() as conn:
            return cb.list_codes(conn)

    def get(self, name: str) -> Code:
        with self._p.store.reading() as conn:
            return cb.get_code(conn, name)

    def counts(self) -> dict[str, int]:
        """Number of codings per code."""
        with self._p.store.reading() as conn:
            return cb.coding_counts(conn)

    def add_category(self, name: str, description: str = "", parent: str | None = None) -> None:
        name = check_code_name(name)
        with self._p.store.transaction() as tx:
            cb.add_category(tx, Category(name=name, description=description, parent=parent))
            journal.record_codebook(tx, self._p.actor, "add_category", category=name)

    def add(self, name: str, category: str | None = None, definition: str = "",
            colour: str | None = None) -> Code:
        """Add a code; a category named but not yet present is created."""
        name = check_code_name(name)
        with self._p.store.transaction() as tx:
            if category and category not in cb.category_ids(tx):
                cb.add_category(tx, Category(name=category))
            colour = check_colour(colour) or colour_for(len(cb.code_ids(tx)))
            cb.add_code(tx, Code(name=name, category=category, definition=definition,
                                 colour=colour))
            journal.record_codebook(tx, self._p.actor, "add", code=name, category=category)
        return self.get(name)

    def rename(self, name: str, new_name: str) -> None:
        new_name = check_code_name(new_name)
        with self._p.store.transaction() as tx:
            if new_name in cb.code_ids(tx):
                raise AlreadyExists("A code {name!r} already exists.", name=new_name)
            cb.update_code(tx, name, name=new_name)
            journal.record_codebook(tx, self._p.actor, "rename", old=name, new=new_name)

    def edit(self, name: str, definition: str | None = None, colour: str | None = None) -> None:
        values = {}
        if definition is not None:
            values["definition"] = definition
        if colour is not None:
            values["colour"] = check_colour(colour)
        if not values:
            return
        with self._p.store.transaction() as tx:
            cb.update_code(tx, name, **values)
            journal.record_codebook(tx, self._p.actor, "edit", code=name, **values)

    def move(self, name: str, category: str | None) -> None:
        """Move a code into another category (created if new), or out of any with None."""
        with self._p.store.transaction() as tx:
            old = cb.get_code(tx, name).category
            if category and category not in cb.category_ids(tx):
                cb.add_category(tx, Category(name=category))
            cb.update_code(tx, name, category_id=cb.category_id(tx, category) if category else None)
            journal.record_codebook(tx, self._p.actor, "move", code=name, old=old, new=category)

    def merge(self, name: str, into: str) -> int:
        """Merge code ``name`` into ``into``: its codings follow, duplicates collapse.

        Returns the number of codings moved. The merged code's definition is kept in the
        history entry.
        """
        if name == into:
            raise Invalid("A code cannot be merged into itself.")
        with self._p.store.transaction() as tx:
            source, target = cb.get_code(tx, name), cb.get_code(tx, into)
            moved = cd.merge_code(tx, source.id, target.id)
            cb.delete_code(tx, name)
            journal.record_codebook(tx, self._p.actor, "merge", code=name, into=into,
                                    codings=moved, definition=source.definition)
        return moved

    def split(self, name: str, into: list[str], assign: dict[int, str] | None = None,
              keep_original: bool = True) -> dict[str, int]:
        """Split a code into new codes in the same category.

        ``assign`` maps coding ids of ``name`` to one of the new codes; those codings move.
        Unassigned codings stay on the original (kept unless ``keep_original`` is false,
        which needs every coding assigned).
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
                ids[new] = cb.add_code(tx, Code(name=new, category=original.category,
                                                colour=colour_for(len(cb.code_ids(tx)) + i)))
            counts = dict.fromkeys(ids, 0)
            for coding_id, new in assign.items():
                cd.move(tx, coding_id, ids[new])
                counts[new] += 1
            if not keep_original:
                cb.delete_code(tx, name)
            journal.record_codebook(tx, self._p.actor, "split", code=name, into=list(ids),
                                    moved=counts, kept_original=keep_original)
        return counts

    def delete(self, name: str) -> int:
        with self._p.store.transaction() as tx:
            removed = cb.delete_code(tx, name)
            journal.record_codebook(tx, self._p.actor, "delete", code=name, codings=removed)
        return removed

    def history(self) -> list[AuditEntry]:
        with self._p.store.reading() as conn:
            return journal.codebook_entries(conn)

    def import_(self, path: str | Path) -> dict[str, int]:
        """Add the categories and codes of a CSV, YAML, or REFI-QDA .qdc file."""
        path = Path(path)
        if path.suffix.lower() == ".qdc":
            return self._p.exchange.import_qdc(path)[0]
        categories, codes = read_codebook(path.name, path.read_bytes())
        return self.load(categories, codes, source=path.name)

    def load(self, categories: list[Category], codes: list[Code], source: str = "") -> dict:
        """Add categories and codes in one transaction; existing names are an error."""
        with self._p.store.transaction() as tx:
            existing = cb.code_ids(tx)
            clash = [c.name for c in codes if c.name in existing]
            if clash:
                raise AlreadyExists("These codes already exist: {names}.",
                                    names=", ".join(clash[:10]))
            known = set(cb.category_ids(tx))
            for category in categories:
                if category.name not in known:
                    cb.add_category(tx, category)
                    known.add(category.name)
            for i, code in enumerate(codes):
                if code.category and code.category not in known:
                    cb.add_category(tx, Category(name=code.category))
                    known.add(code.category)
                colour = code.colour or colour_for(len(existing) + i)
                cb.add_code(tx, Code(name=code.name, guid=code.guid, category=code.category,
                                     definition=code.definition, colour=colour))
            journal.record_codebook(tx, self._p.actor, "import", source=source,
                                    categories=len(categories), codes=len(codes))
        return {"categories": len(categories), "codes": len(codes)}

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


__all__ = ["Codebook"]
