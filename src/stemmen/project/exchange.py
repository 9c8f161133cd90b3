"""Whole-project exchange: REFI-QDA .qdpx/.qdc, and snapshots (used by the demo)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.formats.refi_qdc import read_qdc_snapshot, write_qdc
from stemmen.formats.refi_qdpx import Sources, read_qdpx, write_qdpx_to
from stemmen.model.codings import Coding
from stemmen.model.documents import Document
from stemmen.model.snapshot import ProjectSnapshot
from stemmen.store import codebook as cb
from stemmen.store import journal, snapshots

if TYPE_CHECKING:
    from stemmen.project import Project


class Exchange:
    """Move a whole project in and out of Stemmen."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def snapshot(self) -> ProjectSnapshot:
        """The whole project as plain data."""
        with self._p.store.reading() as conn:
            return snapshots.dump(conn, name=Path(self._p.url).stem)

    def load(self, snap: ProjectSnapshot, source: str = "snapshot",
             progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
        """Add a snapshot to the project in one transaction: all of it or nothing."""
        with self._p.store.transaction() as tx:
            counts = snapshots.load(tx, snap, progress or (lambda _s, _n: None))
            journal.record(tx, self._p.actor, "project.load", source=source, **counts)
        return counts

    def import_qdpx(self, path: str | Path) -> tuple[dict[str, int], Any]:
        """Import a REFI-QDA project; returns the counts written and the import report.

        The file is read as a stream (never whole); then everything is written in one
        transaction, or nothing."""
        path = Path(path)
        snap, report = read_qdpx(path.name, path)
        return self.load(snap, source=path.name), report

    def export_qdpx(self, path: str | Path) -> dict[str, int]:
        """Write the project as a REFI-QDA .qdpx, streamed one document at a time."""
        path = Path(path)
        with self._p.store.reading() as reading:
            conn = snapshots.consistent(reading)
            snap = snapshots.dump(conn, name=Path(self._p.url).stem, sources=False)
            n_codings = snapshots.count_codings(conn)

            def read(with_codings: bool) -> Iterator[tuple[Document, list[Coding]]]:
                return snapshots.document_sources(conn, snap.documents, with_codings)

            write_qdpx_to(path, snap, Sources(read, n_codings))
        self._p.journal.record("exchange.export", file=path.name, format="qdpx")
        return {"documents": len(snap.documents), "codes": len(snap.codes),
                "codings": n_codings, "cases": len(snap.cases),
                "memos": len(snap.memos), "sets": len(snap.sets)}

    def import_qdc(self, path: str | Path) -> tuple[dict[str, int], Any]:
        """Import a REFI-QDA codebook (codes, hierarchy, sets); returns counts and report."""
        path = Path(path)
        snap, report = read_qdc_snapshot(path.name, path.read_bytes())
        return self.load(snap, source=path.name), report

    def export_qdc(self, path: str | Path) -> Path:
        """Write the codebook (codes, hierarchy, sets of codes) as a REFI-QDA .qdc."""
        path = Path(path)
        path.write_bytes(self.qdc_bytes(path.name))
        return path

    def qdc_bytes(self, name: str = "codebook.qdc") -> bytes:
        """The codebook as the bytes of a REFI-QDA .qdc (the export is logged as ``name``)."""
        with self._p.store.reading() as conn:
            sets = [s for s in snapshots.list_sets(conn) if s.codes]
            data = write_qdc(cb.list_categories(conn), cb.list_codes(conn), sets)
        self._p.journal.record("exchange.export", file=name, format="qdc")
        return data

    def import_file(self, path: str | Path) -> tuple[dict[str, int], Any]:
        suffix = Path(path).suffix.lower()
        if suffix in (".qdpx", ".qde", ".zip"):  # MAXQDA may name a .qdpx .zip
            return self.import_qdpx(path)
        if suffix == ".qdc":
            return self.import_qdc(path)
        raise Invalid("Import a .qdpx project or a .qdc codebook, not {name}.",
                      name=Path(path).name)
