"""Document actions: import files and folders, list, rename, delete, attributes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stemmen.errors import FormatError, ImportFailed, Invalid
from stemmen.formats.sheets import read_metadata_sheet
from stemmen.formats.transcripts import TRANSCRIPT_EXTENSIONS, read_transcript
from stemmen.model.documents import AttributeDef, Document, infer_type
from stemmen.model.text import Unit, normalise_text, paragraphs
from stemmen.store import documents as dc
from stemmen.store import journal

if TYPE_CHECKING:
    from stemmen.project import Project

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    """What a file import did: the documents added and every file that failed, with why."""

    imported: list[str] = field(default_factory=list)
    errors: list[FormatError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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

    def _insert(self, tx: Any, doc: Document) -> None:
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
        """Read every file, then add all readable ones in one transaction.

        A file that cannot be read is reported with its name and reason and the others are
        imported. If anything fails while writing, nothing is added at all. A metadata sheet
        (CSV/XLSX with columns file, case and attribute columns) sets case and attributes.
        """
        paths = [Path(p) for p in paths]
        sheet = _read_sheet(metadata) if metadata else None
        result = ImportResult(errors=list(sheet.errors) if sheet else [])
        docs: list[Document] = []
        for i, path in enumerate(paths, 1):
            try:
                docs.append(self._read(path, case, attributes, sheet))
            except FormatError as exc:
                result.errors.append(exc)
            except OSError as exc:
                result.errors.append(FormatError(path.name, exc.strerror or str(exc)))
            if progress:
                progress(i, len(paths))
        if sheet:
            missing = set(sheet.rows) - {Path(p).name for p in paths}
            result.warnings += [f"{name}: in the metadata sheet but not imported"
                                for name in sorted(missing)]
        with self._p.store.transaction() as tx:
            for attr in sheet.attributes if sheet else []:
                dc.ensure_attribute(tx, attr)
            for doc in docs:
                self._insert(tx, doc)
                result.imported.append(doc.name)
        return result

    def import_folder(self, folder: str | Path, metadata: str | Path | None = None,
                      recursive: bool = True, case: str | None = None,
                      progress: Progress | None = None) -> ImportResult:
        """Import every supported file under a folder (sorted by name)."""
        root = Path(folder)
        if not root.is_dir():
            raise Invalid("{folder} is not a folder.", folder=str(folder))
        pattern = "**/*" if recursive else "*"
        sheet_path = Path(metadata).resolve() if metadata else None
        files = sorted(
            p for p in root.glob(pattern)
            if p.is_file() and p.suffix.lower() in TRANSCRIPT_EXTENSIONS
            and not p.name.startswith((".", "~$")) and p.resolve() != sheet_path
        )
        return self.import_files(files, case=case, metadata=metadata, progress=progress)

    def _read(self, path: Path, case: str | None, attributes: dict[str, Any] | None,
              sheet: Any) -> Document:
        transcript = read_transcript(path.name, path.read_bytes())
        row_case, row_attrs = case, dict(attributes or {})
        if sheet and path.name in sheet.rows:
            row = sheet.rows[path.name]
            row_case = row.case or case
            row_attrs.update({k: v for k, v in row.attributes.items() if v not in (None, "")})
        return Document(name=path.stem, text=transcript.text, case=row_case,
                        attributes=row_attrs, source_format=transcript.format,
                        source_path=str(path))

    def list(self) -> list[Document]:
        """All documents with case and attributes (without text)."""
        with self._p.store.reading() as conn:
            return dc.list_documents(conn)

    def get(self, name: str) -> Document:
        with self._p.store.reading() as conn:
            return dc.get_document(conn, name)

    def paragraphs(self, name: str) -> list[Unit]:
        return paragraphs(self.get(name).text)

    def rename(self, name: str, new_name: str) -> None:
        with self._p.store.transaction() as tx:
            dc.update_document(tx, name, name=new_name.strip())
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


def _read_sheet(path: str | Path) -> Any:
    path = Path(path)
    try:
        return read_metadata_sheet(path.name, path.read_bytes())
    except OSError as exc:
        raise ImportFailed([FormatError(path.name, exc.strerror or str(exc))]) from exc
