"""Whole-project exchange: REFI-QDA .qdpx/.qdc, and snapshots (used by the demo).

An import reads the whole file first (as a stream, into a snapshot), then writes it in one
transaction: a file that cannot be read changes nothing and creates nothing. A project that
already holds documents, codes or cases is not merged into unless the caller asks for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.formats.refi_qdc import read_qdc_snapshot, write_qdc
from stemmen.formats.refi_qdpx import ImportReport, Sources, read_qdpx, write_qdpx_to
from stemmen.model.codings import Coding
from stemmen.model.documents import Document
from stemmen.model.snapshot import ProjectSnapshot
from stemmen.model.text_edits import EditMap
from stemmen.project.rounds import hidden, hidden_from
from stemmen.store import codebook as cb
from stemmen.store import documents as dc
from stemmen.store import journal, snapshots
from stemmen.store import workspace_queries as wq
from stemmen.store.rounds import count_hidden

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.merge import MergeOutcome

Progress = Callable[[int, int], None]
PROJECT_SUFFIXES = (".qdpx", ".qde", ".zip")  # MAXQDA may name a .qdpx .zip


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the project written to, the counts written, the file's report."""

    project: str
    written: dict[str, int]
    report: ImportReport | None
    created: bool
    merged: MergeOutcome | None = None  # a copy merged into an existing project

    def as_dict(self) -> dict[str, Any]:
        data = {"project": self.project, "written": self.written, "created": self.created,
                "report": report_summary(self.report)}
        if self.merged is not None:
            data["merged"] = self.merged.as_dict()
        return data


def report_summary(report: ImportReport | None) -> dict[str, Any] | None:
    """The import report as plain data: per kind, how many the file declared, how many were
    imported and how many were left out, with the report's sentences."""
    if report is None:
        return None
    kinds = [{"kind": f.name, "declared": getattr(report.declared, f.name),
              "imported": getattr(report.imported, f.name),
              "dropped": getattr(report.dropped, f.name)}
             for f in fields(report.declared)]
    return {"file": report.file, "format": report.format, "tool": report.tool,
            "origin": report.origin,
            "kinds": [k for k in kinds if k["declared"] or k["imported"] or k["dropped"]],
            "deviations": list(report.deviations), "notes": list(report.notes),
            "lines": report.lines()}


def input_file(path: str | Path) -> Path:
    """``path`` as an existing file, or a clear NotFound/Invalid naming it."""
    path = Path(path)
    if path.is_dir():
        raise Invalid("{path} is a folder; name a file.", path=str(path))
    if not path.is_file():
        raise NotFound("There is no file {path}.", path=str(path))
    return path


def read_refi(path: str | Path) -> tuple[ProjectSnapshot, ImportReport]:
    """A REFI-QDA project (.qdpx, .qde) or codebook (.qdc) read whole, with its report."""
    path = input_file(path)
    suffix = path.suffix.lower()
    if suffix in PROJECT_SUFFIXES:
        return read_qdpx(path.name, path)
    if suffix == ".qdc":
        return read_qdc_snapshot(path.name, path.read_bytes())
    raise Invalid("Import a .qdpx project or a .qdc codebook, not {name}.", name=path.name)


class Exchange:
    """Move a whole project in and out of Stemmen."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def snapshot(self) -> ProjectSnapshot:
        """The whole project as plain data."""
        with self._p.store.reading() as conn:
            return snapshots.dump(conn, name=Path(self._p.url).stem)

    def load(self, snap: ProjectSnapshot, source: str = "snapshot",
             progress: Callable[[str, int], None] | None = None,
             merge: bool = True) -> dict[str, int]:
        """Add a snapshot to the project in one transaction: all of it or nothing.

        ``merge=False`` refuses a project that already holds documents, codes or cases of
        the kinds the snapshot brings."""
        with self._p.store.transaction() as tx:
            if not merge:
                _refuse_to_merge(tx, snap)
            counts = snapshots.load(tx, snap, progress or (lambda _s, _n: None))
            journal.record(tx, self._p.actor, "project.load", source=source, **counts)
        return counts

    def import_file(self, path: str | Path, merge: bool = False,
                    progress: Progress | None = None) -> tuple[dict[str, int], ImportReport]:
        """Import a REFI-QDA project or codebook; returns the counts written and the report.

        The file is read whole first (a .qdpx as a stream), then written in one transaction,
        or nothing is."""
        snap, report = read_refi(path)
        return self.load(snap, Path(path).name, _documents(progress, snap), merge), report

    def import_qdpx(self, path: str | Path, merge: bool = False,
                    progress: Progress | None = None) -> tuple[dict[str, int], ImportReport]:
        """Import a REFI-QDA project (see :meth:`import_file`)."""
        return self.import_file(path, merge, progress)

    def import_qdc(self, path: str | Path,
                   merge: bool = True) -> tuple[dict[str, int], ImportReport]:
        """Import a REFI-QDA codebook (codes, hierarchy, sets). By default its codes join the
        codebook, as ``codebook import`` does; ``merge=False`` refuses a project with codes."""
        return self.import_file(path, merge)

    def export_qdpx(self, path: str | Path, progress: Progress | None = None,
                    coder: str | None = None, pseudonymised: bool = False) -> dict[str, int]:
        """Write the project as a REFI-QDA .qdpx, streamed one document at a time.

        ``progress(done, total)`` counts documents written (each is read twice: its codings,
        then its text). ``coder``: a copy for that coder, without the other coders' codings
        in the open rounds they code in (as the viewer's own blind rounds always are).
        ``pseudonymised``: texts with the accepted privacy candidates replaced by their labels
        (codings moved with their words), from a project that was not pseudonymised."""
        path = _output_file(path)
        masked = self._p.privacy.pseudonymised_texts() if pseudonymised else {}
        with self._p.store.reading() as reading:
            conn = snapshots.consistent(reading)
            snap = snapshots.dump(conn, name=Path(self._p.url).stem, sources=False)
            blind = hidden_from(conn, coder) if coder else hidden(self._p, conn)
            n_codings = snapshots.count_codings(conn) - count_hidden(
                conn, list(blind.documents), blind.viewer)
            total, done = 2 * len(snap.documents), [0]

            def read(with_codings: bool) -> Iterator[tuple[Document, list[Coding]]]:
                for doc, found in snapshots.document_sources(conn, snap.documents,
                                                             with_codings):
                    done[0] += 1
                    if progress:
                        progress(done[0], total)
                    if blind.covers(doc.name):
                        found = [c for c in found if not blind.hides(doc.name, c.coder)]
                    if doc.name in masked:
                        doc, found = _masked(doc, found, *masked[doc.name])
                    yield doc, found

            write_qdpx_to(path, snap, Sources(read, n_codings))
        self._p.journal.record("exchange.export", file=path.name, format="qdpx",
                               **({"coder": coder} if coder else {}),
                               **({"pseudonymised": True} if pseudonymised else {}))
        return {"documents": len(snap.documents), "codes": len(snap.codes),
                "codings": n_codings, "cases": len(snap.cases),
                "memos": len(snap.memos), "sets": len(snap.sets)}

    def merge_copy(self, path: str | Path) -> tuple[MergeOutcome, ImportReport]:
        """Merge a coder's copy (.qdpx) into this project: what the copy has that the
        project lacks is added, in one transaction (see :mod:`stemmen.project.merge`)."""
        from stemmen.project.merge import merge_snapshot

        snap, report = read_refi(path)
        return merge_snapshot(self._p, snap, Path(path).name), report

    def export_qdc(self, path: str | Path) -> Path:
        """Write the codebook (codes, hierarchy, sets of codes) as a REFI-QDA .qdc."""
        path = _output_file(path)
        path.write_bytes(self.qdc_bytes(path.name))
        return path

    def qdc_bytes(self, name: str = "codebook.qdc") -> bytes:
        """The codebook as the bytes of a REFI-QDA .qdc (the export is logged as ``name``)."""
        with self._p.store.reading() as conn:
            sets = [s for s in snapshots.list_sets(conn) if s.codes]
            data = write_qdc(cb.list_categories(conn), cb.list_codes(conn), sets)
        self._p.journal.record("exchange.export", file=name, format="qdc")
        return data


def import_into(target: str | Path, file: str | Path, *, create: bool = True,
                merge: bool = False, actor: str | None = None,
                progress: Progress | None = None) -> ImportOutcome:
    """``stemmen exchange import``: into the project at ``target``, or (``create``) into a new
    project made for it. A failed import leaves no project behind."""
    from stemmen.project import open_project

    snap, report = read_refi(file)
    try:
        project = open_project(target, actor)
    except NotFound:
        if not create:
            raise
        return _into_new(target, snap, report, actor, progress)
    with project:
        if merge:  # a coder's copy: add what the project lacks, never a duplicate
            from stemmen.project.merge import merge_snapshot

            merged = merge_snapshot(project, snap, report.file)
            return ImportOutcome(str(target), merged.added, report, created=False,
                                 merged=merged)
        written = project.exchange.load(snap, report.file, _documents(progress, snap), merge)
    return ImportOutcome(str(target), written, report, created=False)


def import_as_new_project(target: str | Path, file: str | Path, *, actor: str | None = None,
                          progress: Progress | None = None) -> ImportOutcome:
    """Import a REFI-QDA file into a new project at ``target`` (which must not exist yet)."""
    snap, report = read_refi(file)
    return _into_new(target, snap, report, actor, progress)


def _into_new(target: str | Path, snap: ProjectSnapshot, report: ImportReport,
              actor: str | None, progress: Progress | None) -> ImportOutcome:
    from stemmen.project import create_project

    project = create_project(target, actor)
    try:
        with project:
            written = project.exchange.load(snap, report.file, _documents(progress, snap))
    except BaseException:
        _remove_sqlite_file(project.url)
        raise
    return ImportOutcome(str(target), written, report, created=True)


def _remove_sqlite_file(url: str) -> None:
    """Remove a project file this import created (a server database is left as it is)."""
    if not url.startswith("sqlite:///"):
        return
    path = Path(url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _refuse_to_merge(conn: Any, snap: ProjectSnapshot) -> None:
    """Invalid if the project already holds documents, codes or cases the snapshot adds to."""
    held = ((snap.documents and wq.document_ids(conn)) or (snap.codes and cb.code_ids(conn))
            or (snap.cases and dc.list_cases(conn)))
    if held:
        raise Invalid("This project already holds documents, codes or cases. Import into a "
                      "new, empty project, or ask to merge into this one (stemmen exchange "
                      "import --merge).")


def _documents(progress: Progress | None,
               snap: ProjectSnapshot) -> Callable[[str, int], None] | None:
    """``snapshots.load``'s progress as ``progress(documents written, documents in all)``."""
    if progress is None:
        return None
    total, done = len(snap.documents), [0]
    progress(0, total)

    def step(stage: str, n: int) -> None:
        if stage == "documents":
            done[0] += n
            progress(done[0], total)

    return step


def _output_file(path: str | Path) -> Path:
    """``path`` to write, or a clear NotFound if its folder does not exist."""
    path = Path(path)
    if path.is_dir():
        raise Invalid("{path} is a folder; name a file.", path=str(path))
    if not path.parent.is_dir():
        raise NotFound("The folder {folder} does not exist.", folder=str(path.parent))
    return path


def _masked(doc: Document, found: list[Coding], text: str, mapper: EditMap
            ) -> tuple[Document, list[Coding]]:
    """A document with its privacy labels in place, and its codings moved with their words."""
    moved = []
    for c in found:
        span = mapper.span(c.start, c.end, widen=True)
        moved.append(dataclasses.replace(c, start=span.start, end=max(span.end, span.start + 1)))
    return dataclasses.replace(doc, text=text), moved
