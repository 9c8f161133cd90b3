"""Codebook versions: freeze the codebook under a name, list the versions, and show what
changed between two of them (from the history, so a rename is a rename), for the expert panel
as a table, DOCX or XLSX."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import TYPE_CHECKING

from stemmen.errors import Invalid
from stemmen.formats.tables import Table
from stemmen.model.codebook_versions import (
    CodebookDiff,
    CodebookVersion,
    diff_versions,
    freeze,
    thaw,
)
from stemmen.store import codebook as cb
from stemmen.store import journal
from stemmen.store import study as st

if TYPE_CHECKING:
    from stemmen.project import Project

CURRENT = "current"
"""The name that stands for the codebook as it is now, in :meth:`CodebookVersions.diff`."""

EXPORTS = (".docx", ".xlsx")


class CodebookVersions:
    """Named, frozen versions of the codebook ("pilot", "after wave 1") and their diffs."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def create(self, name: str, note: str = "") -> CodebookVersion:
        """Freeze the codebook as it is now under ``name``."""
        name = " ".join(name.split())
        if not name:
            raise Invalid("A codebook version needs a name.")
        if name.lower() == CURRENT:
            raise Invalid("{name!r} stands for the codebook as it is now; choose another "
                          "name for a version.", name=name)
        with self._p.store.transaction() as tx:
            content = freeze(cb.list_categories(tx), cb.list_codes(tx))
            version = st.add_version(tx, name, note.strip(), self._p.actor, content)
            journal.record(tx, self._p.actor, "codebook.version", name=name,
                           codes=len(version.codes), note=version.note)
        return version

    def list(self) -> builtins.list[CodebookVersion]:
        """Every version, oldest first."""
        with self._p.store.reading() as conn:
            return st.list_versions(conn)

    def get(self, name: str) -> CodebookVersion:
        """A version by name; ``current``: the codebook as it is now."""
        with self._p.store.reading() as conn:
            if name.lower() == CURRENT:
                categories, codes = thaw(freeze(cb.list_categories(conn),
                                                cb.list_codes(conn)))
                return CodebookVersion(CURRENT, "", self._p.actor, None,
                                       st.last_history_id(conn), categories, codes)
            return st.get_version(conn, name)

    def diff(self, old: str, new: str = CURRENT) -> CodebookDiff:
        """Added, removed, renamed, merged, split, redefined and moved codes from ``old`` to
        ``new`` (version names; ``current``: the codebook now), with the reason and the
        reviewer who asked, as the history recorded them."""
        before, after = self.get(old), self.get(new)
        with self._p.store.reading() as conn:
            history = journal.codebook_entries(conn)
        return diff_versions(before, after, history)

    def diff_table(self, old: str, new: str = CURRENT) -> Table:
        """The diff as one table (kind, code, became, fields, reason, requested by)."""
        found = self.diff(old, new)
        return Table("codebook-diff", f"{found.old} → {found.new}",
                     ["Change", "Code", "Became", "What", "Reason", "Requested by"],
                     [[c.kind, c.code, ", ".join(c.to), ", ".join(c.fields), c.reason,
                       c.requested_by] for c in found.changes])

    def export_diff(self, old: str, new: str, path: str | Path) -> Path:
        """Write the diff for the expert panel: .docx (a table per kind of change, the
        definitions old and new) or .xlsx (one sheet)."""
        from stemmen.formats.study_docx import tables_docx
        from stemmen.formats.tables import xlsx_bytes

        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in EXPORTS:
            raise Invalid("Export the codebook diff as .docx or .xlsx, not {suffix}.",
                          suffix=suffix or path.name)
        found = self.diff(old, new)
        if suffix == ".xlsx":
            data = xlsx_bytes([self.diff_table(old, new)])
        else:
            tables = []
            for kind, n in found.counts.items():
                if not n:
                    continue
                tables.append(Table(kind, f"{kind} ({n})",
                                    ["Code", "Became", "Old definition", "New definition",
                                     "Reason", "Requested by"],
                                    [[c.code, ", ".join(c.to), c.old if kind == "redefined"
                                      else "", c.new if kind == "redefined" else "",
                                      c.reason, c.requested_by] for c in found.of(kind)]))
            counts = ", ".join(f"{k}: {n}" for k, n in found.counts.items())
            data = tables_docx(f"Codebook: {found.old} → {found.new}", counts, tables)
        path.write_bytes(data)
        return path


__all__ = ["CURRENT", "CodebookVersions"]
