"""Coding actions: apply, remove, change and restore codings (one transaction per user action),
bulk import from CSV."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stemmen.errors import Forbidden, FormatError, ImportFailed, Invalid, NotFound
from stemmen.formats.codings_csv import CodingRow, read_codings_csv
from stemmen.model.access import Role
from stemmen.model.codings import Coding, check_span
from stemmen.model.text import paragraph_span
from stemmen.project.rounds import hidden
from stemmen.store import Tx, changes, journal
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc

if TYPE_CHECKING:
    from stemmen.project import Project


@dataclass(frozen=True)
class TurnCoding:
    """What :meth:`Codings.apply_turns` did: the turns of the speaker found, and the codings
    it added (turns already coded so are counted but not added again)."""

    speaker: str
    code: str
    coder: str
    turns: int
    added: list[Coding]


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
        return self.apply_many(document, [code], coder, start, end, paragraph,
                               last_paragraph)[0]

    def apply_many(self, document: str, codes: Sequence[str], coder: str | None = None,
                   start: int | None = None, end: int | None = None,
                   paragraph: int | None = None,
                   last_paragraph: int | None = None) -> list[Coding]:
        """Apply several codes to one span or paragraph range: one transaction, all or
        nothing (an unknown code leaves the document as it was). Returns one coding per
        code, in the order given; a code the coder already has on the span is returned as
        it is."""
        codes = list(dict.fromkeys(codes))
        if not codes:
            raise Invalid("Give one or more codes to apply.")
        coder = coder or self._p.actor
        with self._p.store.transaction() as tx:
            looked = [cd.lookup(tx, document, code, coder) for code in codes]
            doc_id, length, _code, coder_id = looked[0]
            if paragraph is not None:  # the text is read only for paragraph numbers
                start, end = _span(dc.get_document(tx, document).text, start, end, paragraph,
                                   last_paragraph)
            else:
                start, end = _offsets(start, end, length)
            return [self._add(tx, document, code, coder, (doc_id, ids[2], coder_id), start, end)
                    for code, ids in zip(codes, looked, strict=True)]

    def apply_turns(self, documents: Sequence[str], speaker: str, code: str,
                    coder: str | None = None) -> TurnCoding:
        """Code every turn of ``speaker`` in the documents (each turn's paragraph, the
        speaker label included): one transaction. A turn already coded so is left as it is.
        Turns come from a timed transcript, else from speaker labels ("Ann: ...")."""
        from stemmen.project.media import document_turns

        names = list(dict.fromkeys(documents))
        if not names:
            raise Invalid("Give one or more documents.")
        speaker = speaker.strip()
        coder = coder or self._p.actor
        added: list[Coding] = []
        total, speakers = 0, set[str]()
        with self._p.store.transaction() as tx:
            for name in names:
                doc_id, _length, code_id, coder_id = cd.lookup(tx, name, code, coder)
                text = dc.get_document(tx, name).text
                turns = document_turns(tx, doc_id, text)
                speakers.update(t.speaker for t in turns if t.speaker)
                for turn in turns:
                    if turn.speaker != speaker:
                        continue
                    total += 1
                    coding, new = cd.add_once(tx, name, code, coder,
                                              (doc_id, code_id, coder_id), turn.start, turn.end)
                    if new:
                        added.append(coding)
            if not total:
                raise Invalid("No turn of {speaker!r} in {documents}; the speakers there are: "
                              "{speakers}.", speaker=speaker, documents=", ".join(names),
                              speakers=", ".join(sorted(speakers)) or "-")
            journal.record(tx, coder, "coding.apply_turns", documents=names, speaker=speaker,
                           code=code, turns=total, added=len(added))
        return TurnCoding(speaker, code, coder, total, added)

    def restore(self, codings: Sequence[Coding]) -> list[Coding]:
        """Create codings again as they were (document, span, code, coder), e.g. to undo a
        removal: one transaction, all or nothing. Returns the codings with their new ids."""
        if not codings:
            raise Invalid("Give one or more codings to restore.")
        with self._p.store.transaction() as tx:
            restored = []
            for c in codings:
                doc_id, length, code_id, coder_id = cd.lookup(tx, c.document, c.code, c.coder)
                start, end = _offsets(c.start, c.end, length)
                restored.append(self._add(tx, c.document, c.code, c.coder,
                                          (doc_id, code_id, coder_id), start, end))
            return restored

    def _add(self, tx: Tx, document: str, code: str, coder: str,
             ids: tuple[int, int, int], start: int, end: int) -> Coding:
        coding, new = cd.add_once(tx, document, code, coder, ids, start, end)
        if new:
            journal.record(tx, coder, "coding.apply", id=coding.id, document=document,
                           code=code, start=start, end=end)
        return coding

    def remove(self, coding_id: int) -> Coding:
        """Remove one coding by its id; returns what was removed."""
        return self.remove_many([coding_id])[0]

    def remove_many(self, coding_ids: Sequence[int]) -> list[Coding]:
        """Remove codings by id in one transaction, all or nothing (an unknown id removes
        none); returns what was removed, so it can be restored."""
        ids = list(dict.fromkeys(coding_ids))
        if not ids:
            raise Invalid("Give one or more codings to remove.")
        with self._p.store.transaction() as tx:
            removed = _visible(self._p, tx, cd.get_many(tx, ids))
            cd.remove_many(tx, ids)
            self._record_removed(tx, removed)
        return removed

    def recode(self, coding_id: int, code: str) -> Coding:
        """Give a coding another code (same span, same coder), in one transaction."""
        with self._p.store.transaction() as tx:
            old = _visible(self._p, tx, [cd.get(tx, coding_id)])[0]
            cd.move(tx, coding_id, cb.code_id(tx, code))
            journal.record(tx, self._p.actor, "coding.recode", id=coding_id,
                           document=old.document, old=old.code, new=code)
            return cd.get(tx, coding_id)

    def remove_span(self, document: str, codes: str | Sequence[str], coder: str | None = None,
                    start: int | None = None, end: int | None = None,
                    paragraph: int | None = None,
                    last_paragraph: int | None = None) -> list[Coding]:
        """Remove the codings of ``codes`` by ``coder`` that overlap a span or paragraphs,
        given as :meth:`apply` takes them; one transaction. Returns what was removed."""
        names = [codes] if isinstance(codes, str) else list(dict.fromkeys(codes))
        if not names:
            raise Invalid("Give one or more codes to remove.")
        coder = coder or self._p.actor
        _own(self._p, [coder])
        with self._p.store.transaction() as tx:
            doc_id, length = dc.document_ref(tx, document)
            code_ids = [cb.code_id(tx, name) for name in names]
            if paragraph is not None:
                start, end = _span(dc.get_document(tx, document).text, start, end, paragraph,
                                   last_paragraph)
            else:
                start, end = _offsets(start, end, length)
            coder_id = cd.coder_id(tx, coder, create=False)
            removed = cd.overlapping(tx, doc_id, code_ids, coder_id, start, end)
            cd.remove_many(tx, [c.id for c in removed])  # type: ignore[misc]
            self._record_removed(tx, removed)
        return removed

    def _record_removed(self, tx: Tx, removed: list[Coding]) -> None:
        for c in removed:
            journal.record(tx, self._p.actor, "coding.remove", id=c.id, document=c.document,
                           code=c.code, coder=c.coder, start=c.start, end=c.end)

    def list(self, document: str | None = None, code: str | None = None,
             coders: list[str] | None = None) -> list[Coding]:
        with self._p.store.reading() as conn:
            found = cd.list_codings(conn, document, code, coders)
            blind = hidden(self._p, conn)  # a blind round: other coders' codings stay out
        return [c for c in found if not blind.hides(c.document, c.coder)] if blind else found

    def since(self, document: str, mark: str = "") -> tuple[str, builtins.list[Coding] | None]:
        """The project's change mark and, when it differs from ``mark`` (as this returned
        it before), the codings of ``document`` the viewer may see (None: nothing changed).
        What a page polls to show other coders' new codings without reloading."""
        with self._p.store.reading() as conn:
            now = "-".join(str(part or 0) for part in changes.change_mark(conn))
            if now == mark:
                return now, None
            dc.document_ref(conn, document)
        return now, self.list(document)

    def coders(self) -> builtins.list[str]:
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


def _visible(project: Project, conn: Any, found: list[Coding]) -> list[Coding]:
    """``found``, or NotFound for the first coding a blind round hides from the viewer (a
    coder cannot change what they may not see), or Forbidden for another person's coding
    when the viewer is a coder (coders change their own codings; reviewers and owners any)."""
    blind = hidden(project, conn)
    for c in found:
        if blind.hides(c.document, c.coder):
            raise NotFound("There is no coding #{id}.", id=c.id)
    _own(project, [c.coder for c in found])
    return found


def _own(project: Project, coders: Iterable[str]) -> None:
    """Forbidden when a coder (the role) would change codings of another coder."""
    viewer = project.viewer
    if viewer.role in (Role.CODER, Role.READER):
        other = next((c for c in coders if c != viewer.name), None)
        if other is not None:
            raise Forbidden("Only {coder} or a reviewer can change {coder}'s codings.",
                            coder=other)


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


def _row(tx: Tx, row: CodingRow, docs: dict[str, tuple[int, int]],
         text_of: Callable[[str], str], codes: dict[str, int], coders: dict[str, int],
         default: str) -> dict[str, Any]:
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
