"""Coding actions: apply or remove a code on a span or paragraphs, bulk import from CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from stemmen.errors import FormatError, ImportFailed, Invalid
from stemmen.formats.codings_csv import CodingRow, read_codings_csv
from stemmen.model.codings import Coding, check_span
from stemmen.model.text import paragraph_span
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import journal

if TYPE_CHECKING:
    from stemmen.project import Project


class Codings:
    """Codes applied to spans of documents, always by a named coder."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def apply(self, document: str, code: str, coder: str | None = None,
              start: int | None = None, end: int | None = None,
              paragraph: int | None = None, last_paragraph: int | None = None) -> Coding:
        """Apply ``code`` to [start, end) or to paragraphs ``paragraph``..``last_paragraph``.

        Applying the same code to the same span by the same coder twice is a no-op.
        """
        coder = coder or self._p.actor
        with self._p.store.transaction() as tx:
            doc_id, length, code_id, coder_id = cd.lookup(tx, document, code, coder)
            if paragraph is not None:  # the text is read only for paragraph numbers
                start, end = _span(dc.get_document(tx, document).text, start, end, paragraph,
                                   last_paragraph)
            else:
                start, end = _offsets(start, end, length)
            coding, new = cd.add_once(tx, document, code, coder, (doc_id, code_id, coder_id),
                                      start, end)
            if new:
                journal.record(tx, coder, "coding.apply", id=coding.id, document=document,
                               code=code, start=start, end=end)
            return coding

    def remove(self, coding_id: int) -> Coding:
        """Remove one coding by its id; returns what was removed."""
        with self._p.store.transaction() as tx:
            coding = cd.get(tx, coding_id)
            cd.remove(tx, coding_id)
            journal.record(tx, self._p.actor, "coding.remove", id=coding_id,
                           document=coding.document, code=coding.code, coder=coding.coder,
                           start=coding.start, end=coding.end)
        return coding

    def recode(self, coding_id: int, code: str) -> Coding:
        """Give a coding another code (same span, same coder), in one transaction."""
        with self._p.store.transaction() as tx:
            old = cd.get(tx, coding_id)
            cd.move(tx, coding_id, cb.code_id(tx, code))
            journal.record(tx, self._p.actor, "coding.recode", id=coding_id,
                           document=old.document, old=old.code, new=code)
            return cd.get(tx, coding_id)

    def remove_span(self, document: str, code: str, coder: str | None = None,
                    start: int | None = None, end: int | None = None,
                    paragraph: int | None = None, last_paragraph: int | None = None) -> int:
        """Remove the codings of ``code`` by ``coder`` that overlap a span or paragraphs."""
        coder = coder or self._p.actor
        doc = self._p.documents.get(document)
        start, end = _span(doc.text, start, end, paragraph, last_paragraph)
        hits = [c for c in self.list(document=document, code=code, coders=[coder])
                if c.start < end and start < c.end]
        for coding in hits:
            self.remove(coding.id)  # type: ignore[arg-type]
        return len(hits)

    def list(self, document: str | None = None, code: str | None = None,
             coders: list[str] | None = None) -> list[Coding]:
        with self._p.store.reading() as conn:
            return cd.list_codings(conn, document, code, coders)

    def coders(self) -> list[str]:
        with self._p.store.reading() as conn:
            return cd.list_coders(conn)

    def import_csv(self, path: str | Path, coder: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> int:
        """Bulk import codings from CSV; any bad row stops the import with every error listed."""
        path = Path(path)
        rows, errors = read_codings_csv(path.name, path.read_bytes())
        errors = list(errors)
        with self._p.store.transaction() as tx:
            docs = dc.document_refs(tx)  # texts are read only for rows that name paragraphs
            texts: dict[str, str] = {}

            def text_of(name: str) -> str:
                if name not in texts:
                    texts[name] = dc.get_document(tx, name).text
                return texts[name]

            codes = cb.code_ids(tx)
            coders: dict[str, int] = {}
            batch = []
            for i, row in enumerate(rows, 1):
                try:
                    batch.append(_row(tx, row, docs, text_of, codes, coders,
                                      coder or self._p.actor))
                except Invalid as exc:
                    errors.append(FormatError(path.name, exc.message, row.line))
                if progress and i % 1000 == 0:
                    progress(i, len(rows))
            if errors:
                raise ImportFailed(errors)
            added = cd.insert_many(tx, batch)
            journal.record(tx, self._p.actor, "coding.import", file=path.name, codings=added)
        return added


def _span(text: str, start: int | None, end: int | None, paragraph: int | None,
          last_paragraph: int | None) -> tuple[int, int]:
    if paragraph is not None:
        try:
            return paragraph_span(text, paragraph, last_paragraph)
        except IndexError as exc:
            raise Invalid("Paragraph {p} does not exist in this document.",
                          p=f"{paragraph}-{last_paragraph}" if last_paragraph else paragraph
                          ) from exc
    return _offsets(start, end, len(text))


def _offsets(start: int | None, end: int | None, length: int) -> tuple[int, int]:
    if start is None or end is None:
        raise Invalid("Give a start and end offset, or a paragraph number.")
    check_span(start, end, length)
    return start, end


def _row(tx: object, row: CodingRow, docs: dict[str, tuple[int, int]],
         text_of: Callable[[str], str], codes: dict[str, int], coders: dict[str, int],
         default: str) -> dict:
    ref = docs.get(row.document)
    if ref is None:
        raise Invalid("There is no document {name!r}.", name=row.document)
    if row.code not in codes:
        raise Invalid("There is no code {name!r} in the codebook.", name=row.code)
    name = row.coder or default
    if name not in coders:
        coders[name] = cd.coder_id(tx, name)
    if row.paragraph_first is not None:
        start, end = _span(text_of(row.document), row.start, row.end, row.paragraph_first,
                           row.paragraph_last)
    else:
        start, end = _offsets(row.start, row.end, ref[1])
    return {"document_id": ref[0], "code_id": codes[row.code], "coder_id": coders[name],
            "start": start, "end": end}
