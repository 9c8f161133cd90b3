"""Document actions: import files, folders and uploads, list, rename, delete, attributes."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from stemmen.errors import AlreadyExists, FormatError, ImportFailed, Invalid
from stemmen.formats.sheets import MetadataSheet, read_metadata_sheet
from stemmen.formats.transcripts import TRANSCRIPT_EXTENSIONS, read_transcript
from stemmen.model.documents import AttributeDef, Document, infer_type
from stemmen.model.media import Turn
from stemmen.model.text import Unit, normalise_text, paragraphs
from stemmen.store import Tx, journal
from stemmen.store import documents as dc
from stemmen.store import units as su
from stemmen.store.media import save_turns

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.document_metadata import MetadataPreview

Progress = Callable[[int, int], None]
MAX_NAME = 300  # characters, as the store's document names


@dataclass(frozen=True)
class Upload:
    """A transcript given as bytes (a browser upload): its file name, content and, if chosen,
    the document's name (else the file name without its extension)."""

    filename: str
    data: bytes
    name: str | None = None


@dataclass
class ImportedFile:
    """One file that became a document."""

    file: str
    name: str
    case: str | None
    format: str
    encoding: str | None
    length: int
    paragraphs: int
    warnings: list[str] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)  # timed transcripts: speaker and times


@dataclass
class ImportResult:
    """What a file import did: the documents added and every file that failed, with why."""

    imported: list[str] = field(default_factory=list)
    errors: list[FormatError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[ImportedFile] = field(default_factory=list)


@dataclass
class _Source:
    """A file to read: its name, how to get its bytes, the document name and where it was."""

    file: str
    load: Callable[[], bytes]
    name: str
    path: str = ""


class Documents:
    """Transcripts in the project."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, name: str, text: str, case: str | None = None,
            attributes: dict[str, Any] | None = None, source_format: str = "txt") -> Document:
        """Add a document from text (normalised to NFC and LF line endings)."""
        doc = Document(name=name.strip(), text=normalise_text(text), case=case,
                       attributes=attributes or {}, source_format=source_format)
        with self._p.store.transaction() as tx:
            self._insert(tx, doc)
        return self.get(doc.name)

    def _insert(self, tx: Tx, doc: Document) -> None:
        if not doc.name:
            raise Invalid("A document needs a name.")
        doc_id = dc.add_document(tx, doc)
        for attr_name, value in doc.attributes.items():
            dc.ensure_attribute(tx, AttributeDef(attr_name, infer_type([str(value)])))
            dc.set_value(tx, "document", doc_id, attr_name, value)
        journal.record(tx, self._p.actor, "document.add", document=doc.name,
                       case=doc.case, length=len(doc.text))

    def import_files(self, paths: Iterable[str | Path], case: str | None = None,
                     attributes: dict[str, Any] | None = None,
                     metadata: str | Path | None = None,
                     progress: Progress | None = None) -> ImportResult:
        """Read every file (a folder: every transcript under it), then add all readable ones
        in one transaction.

        A file that cannot be read is reported with its name and reason and the others are
        imported. If anything fails while writing, nothing is added at all. A metadata sheet
        (CSV/XLSX with columns file, case, pseudonyms and attribute columns) sets case,
        attributes and participants.
        """
        files = _expand(paths, metadata)
        sources = [_Source(p.name, p.read_bytes, p.stem, str(p)) for p in files]
        sheet = _read_sheet(metadata) if metadata else None
        return self._import(sources, case, attributes, sheet, progress)

    def import_uploads(self, uploads: Iterable[Upload | tuple[str, bytes]],
                       case: str | None = None, attributes: dict[str, Any] | None = None,
                       metadata: Upload | tuple[str, bytes] | None = None,
                       progress: Progress | None = None, strict: bool = False) -> ImportResult:
        """:meth:`import_files` for files given as bytes: the same readers, checks and single
        transaction. ``strict`` refuses the whole call when a file is refused (the error of a
        single file is raised as it is)."""
        sources = []
        for item in uploads:
            upload = item if isinstance(item, Upload) else Upload(*item)
            filename = PurePosixPath(upload.filename.replace("\\", "/")).name
            name = (upload.name or PurePosixPath(filename).stem).strip()
            if not name or len(name) > MAX_NAME:
                raise Invalid("A document name needs 1 to {n} characters.", n=MAX_NAME)
            sources.append(_Source(filename, partial(bytes, upload.data), name))
        sheet = None
        if metadata is not None:
            sheet_file = metadata if isinstance(metadata, Upload) else Upload(*metadata)
            sheet = read_metadata_sheet(sheet_file.filename, sheet_file.data)
        return self._import(sources, case, attributes, sheet, progress, strict)

    def _import(self, sources: Sequence[_Source], case: str | None,
                attributes: dict[str, Any] | None, sheet: MetadataSheet | None,
                progress: Progress | None, strict: bool = False) -> ImportResult:
        """Read every source, then write the readable ones in one transaction."""
        result = ImportResult(errors=list(sheet.errors) if sheet else [])
        with self._p.store.reading() as conn:
            taken = set(dc.document_refs(conn))
        read: list[tuple[Document, ImportedFile]] = []
        for i, source in enumerate(sources, 1):
            try:
                if source.name in taken:
                    if strict:
                        raise AlreadyExists("A document {name!r} already exists.",
                                            name=source.name)
                    raise FormatError(source.file,
                                      f"a document named {source.name!r} already exists")
                read.append(self._read(source, case, attributes, sheet))
                taken.add(source.name)
            except FormatError as exc:
                result.errors.append(exc)
            except OSError as exc:
                result.errors.append(FormatError(source.file, exc.strerror or str(exc)))
            if progress:
                progress(i, len(sources))
        if strict and result.errors:
            raise result.errors[0] if len(result.errors) == 1 else ImportFailed(result.errors)
        if sheet:
            missing = set(sheet.rows) - {s.file for s in sources}
            result.warnings += [f"{name}: in the metadata sheet but not imported"
                                for name in sorted(missing)]
        with self._p.store.transaction() as tx:
            for attr in sheet.attributes if sheet else []:
                dc.ensure_attribute(tx, attr)
            for doc, info in read:
                self._insert(tx, doc)
                if info.turns:
                    save_turns(tx, dc.document_id(tx, doc.name), info.turns)
                result.imported.append(doc.name)
                result.files.append(info)
            if sheet:
                from stemmen.project.document_metadata import link_participants

                link_participants(tx, [(doc.name, person, doc.case) for doc, info in read
                                       if info.file in sheet.rows
                                       for person in sheet.rows[info.file].participants])
        return result

    def import_folder(self, folder: str | Path, metadata: str | Path | None = None,
                      recursive: bool = True, case: str | None = None,
                      progress: Progress | None = None) -> ImportResult:
        """Import every supported file under a folder (sorted by name)."""
        if not Path(folder).is_dir():
            raise Invalid("{folder} is not a folder.", folder=str(folder))
        files = _transcripts_in(Path(folder), metadata, recursive)
        return self.import_files(files, case=case, metadata=metadata, progress=progress)

    def _read(self, source: _Source, case: str | None, attributes: dict[str, Any] | None,
              sheet: MetadataSheet | None) -> tuple[Document, ImportedFile]:
        transcript = read_transcript(source.file, source.load())
        row_case, row_attrs = case, dict(attributes or {})
        if sheet and source.file in sheet.rows:
            row = sheet.rows[source.file]
            row_case = row.case or case
            row_attrs.update({k: v for k, v in row.attributes.items() if v not in (None, "")})
        doc = Document(name=source.name, text=transcript.text, case=row_case,
                       attributes=row_attrs, source_format=transcript.format,
                       source_path=source.path)
        info = ImportedFile(file=source.file, name=source.name, case=row_case,
                            format=transcript.format, encoding=transcript.encoding,
                            length=len(transcript.text),
                            paragraphs=len(paragraphs(transcript.text)),
                            warnings=list(transcript.warnings),
                            turns=list(transcript.turns))
        return doc, info

    def preview_metadata(self, data: bytes, filename: str) -> MetadataPreview:
        """What a metadata sheet would change (cases, attributes, participants of the
        documents its rows name), with the problems of each row; writes nothing."""
        from stemmen.project.document_metadata import preview

        with self._p.store.reading() as conn:
            return preview(conn, filename, read_metadata_sheet(filename, data))

    def apply_metadata(self, data: bytes, filename: str) -> MetadataPreview:
        """Apply a metadata sheet in one transaction: the changes its preview shows (rows
        with problems apply what they can). Returns that preview."""
        from stemmen.project.document_metadata import apply, preview

        sheet = read_metadata_sheet(filename, data)
        with self._p.store.transaction() as tx:
            plan = preview(tx, filename, sheet)
            apply(tx, plan)
            journal.record(tx, self._p.actor, "document.metadata", sheet=filename,
                           documents=len(plan.matched()), changes=plan.change_count())
        return plan

    def list(self) -> list[Document]:
        """All documents with case and attributes (without text)."""
        with self._p.store.reading() as conn:
            return dc.list_documents(conn)

    def attribute_values(self) -> dict[str, builtins.list[str]]:
        """Each document attribute that has a value somewhere, with its distinct values as
        text, sorted: what a filter form offers to choose from."""
        found: dict[str, set[str]] = {}
        for doc in self.list():
            for name, value in doc.attributes.items():
                if value not in (None, ""):
                    found.setdefault(name, set()).add(str(value))
        return {name: sorted(values) for name, values in sorted(found.items())}

    def get(self, name: str) -> Document:
        with self._p.store.reading() as conn:
            return dc.get_document(conn, name)

    def paragraphs(self, name: str) -> builtins.list[Unit]:
        """The document's paragraph units, as stored (``store.units``)."""
        with self._p.store.reading() as conn:
            doc_id = dc.document_id(conn, name)
            spans = su.paragraph_spans(conn, [doc_id]).get(doc_id, [])
        return [Unit(i, start, end) for i, (start, end) in enumerate(spans, start=1)]

    def rename(self, name: str, new_name: str) -> None:
        """Give a document a new name; a taken or empty name is refused before any write."""
        new_name = new_name.strip()
        if not new_name:
            raise Invalid("A document needs a name.")
        with self._p.store.transaction() as tx:
            dc.document_id(tx, name)  # NotFound first, for an unknown document
            if new_name != name and new_name in dc.document_refs(tx):
                raise AlreadyExists("A document {name!r} already exists.", name=new_name)
            dc.update_document(tx, name, name=new_name)
            journal.record(tx, self._p.actor, "document.rename", old=name, new=new_name)

    def delete(self, name: str) -> None:
        with self._p.store.transaction() as tx:
            dc.delete_document(tx, name)
            journal.record(tx, self._p.actor, "document.delete", document=name)

    def set_attribute(self, name: str, attribute: str, value: Any) -> Any:
        """Set a typed attribute value on a document (the attribute must be defined)."""
        with self._p.store.transaction() as tx:
            typed = dc.set_value(tx, "document", dc.document_id(tx, name), attribute, value)
            journal.record(tx, self._p.actor, "document.attribute", document=name,
                           attribute=attribute, value=typed)
        return typed


def _transcripts_in(root: Path, metadata: str | Path | None, recursive: bool = True
                    ) -> list[Path]:
    """The transcripts under a folder, sorted: no hidden or Office lock files, not the sheet."""
    sheet = Path(metadata).resolve() if metadata else None
    return sorted(
        p for p in root.glob("**/*" if recursive else "*")
        if p.is_file() and p.suffix.lower() in TRANSCRIPT_EXTENSIONS
        and not p.name.startswith((".", "~$")) and p.resolve() != sheet
    )


def _expand(paths: Iterable[str | Path], metadata: str | Path | None) -> list[Path]:
    """Files as given, folders replaced by the transcripts under them."""
    given = [Path(p) for p in paths]
    files: list[Path] = []
    for path in given:
        files += _transcripts_in(path, metadata) if path.is_dir() else [path]
    if given and not files:
        raise Invalid("There are no transcripts in {paths}; Stemmen reads {extensions} files.",
                      paths=", ".join(map(str, given)),
                      extensions=", ".join(TRANSCRIPT_EXTENSIONS))
    return files


def _read_sheet(path: str | Path) -> Any:
    path = Path(path)
    try:
        return read_metadata_sheet(path.name, path.read_bytes())
    except OSError as exc:
        raise ImportFailed([FormatError(path.name, exc.strerror or str(exc))]) from exc
