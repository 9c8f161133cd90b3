"""Editing a document's text after coding: versions, codings and memos that follow, review.

Every change of a text is a new version (kept with who, when and why). Codings and memos on
spans follow the text through the edits (:mod:`stemmen.model.text_edits`): a coding whose
words are untouched moves with them; one whose words changed keeps its place and is
*flagged*; one whose whole text was deleted is *detached* (kept, placed where its text was,
and listed until a coder keeps, reattaches or deletes it). Restoring a version puts back
every coding and memo that existed then exactly where it was. Units and the full-text index
are rewritten in the same transaction.
"""

from __future__ import annotations

import builtins
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.model.text import normalise_text, paragraphs
from stemmen.model.text_edits import (
    DETACHED,
    FLAGGED,
    KEPT,
    Anchor,
    Edit,
    EditMap,
    TextVersion,
    apply_edits,
    check_edits,
    edits_from_diff,
    place_span,
)
from stemmen.store import Tx, journal
from stemmen.store import documents as dc
from stemmen.store import text_versions as tv
from stemmen.store.units import refresh_units

if TYPE_CHECKING:
    from stemmen.project import Project

REVIEW_ACTIONS = ("keep", "reattach", "delete")
_SEVERITY: dict[str | None, int] = {None: 0, FLAGGED: 1, DETACHED: 2}


@dataclass(frozen=True)
class Followed:
    """What happened to the codings (or the memos) of a document in one edit."""

    moved: int = 0  # same words, new place
    unchanged: int = 0  # same words, same place
    flagged: int = 0
    detached: int = 0

    @property
    def total(self) -> int:
        return self.moved + self.unchanged + self.flagged + self.detached


@dataclass(frozen=True)
class EditResult:
    """A new version of a document's text and what its codings and memos did."""

    document: str
    version: int  # the version the text is now
    previous: int  # the version it was
    changed: bool  # False: the new text was the current one, nothing was written
    regions: int  # how many places of the text changed
    length: int
    codings: Followed
    memos: Followed

    @property
    def moved(self) -> int:
        return self.codings.moved

    @property
    def flagged(self) -> int:
        return self.codings.flagged

    @property
    def detached(self) -> int:
        return self.codings.detached


@dataclass(frozen=True)
class DiffPart:
    """One changed place between two versions: the words removed and inserted, with a little
    text around them and the paragraph (of the older version) where it is."""

    paragraph: int
    before: str
    removed: str
    inserted: str
    after: str


@dataclass(frozen=True)
class TextDiff:
    """The changes from version ``a`` to version ``b`` of a document."""

    document: str
    a: int
    b: int
    parts: list[DiffPart]
    unified: str  # a unified diff of the lines


@dataclass(frozen=True)
class ReviewItem:
    """A coding or a memo an edit flagged (its words changed) or detached (its words were
    deleted), waiting for a coder's decision."""

    kind: str  # coding or memo
    id: int
    document: str
    state: str  # flagged or detached
    made_on: int  # the version whose words it was made on
    since: int  # the version that flagged or detached it
    quote: str  # the words it covered on that version
    start: int  # where it is now
    end: int
    text: str  # the words it covers now
    code: str | None = None
    coder: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class ReviewResult:
    """A review decision: what was decided about which coding or memo, and where it is."""

    kind: str
    id: int
    document: str
    action: str
    start: int | None
    end: int | None
    remaining: int  # codings and memos of the document still waiting for review


class Texts:
    """Versions of documents' texts: edit, list, diff, restore, review what an edit touched."""

    def __init__(self, project: Project) -> None:
        self._p = project

    # -- changing the text ----------------------------------------------------------------

    def edit(self, document: str, new_text: str, reason: str = "") -> EditResult:
        """Replace a document's text with ``new_text`` (normalised as imports are: NFC, LF
        line ends) as a new version; codings and memos follow through a character diff."""
        text = normalise_text(new_text)
        if not text.strip():
            raise Invalid("The new text of document {name!r} is empty.", name=document)
        with self._p.store.transaction() as tx:
            doc = dc.get_document(tx, document)
            edits = edits_from_diff(doc.text, text)
            return self._change(tx, document, edits, reason, "edit", text=text,
                                old_text=doc.text)

    def edit_file(self, document: str, path: str | Path, reason: str = "") -> EditResult:
        """:meth:`edit` with the text of a file, read as an import reads it (the same
        decoding of .txt and .md, the same readers of .docx, .odt, .rtf, .pdf, .vtt, .srt)."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise NotFound("Cannot read {path}: {why}.", path=str(path),
                           why=exc.strerror or str(exc)) from None
        return self.edit_upload(document, path.name, data, reason)

    def edit_upload(self, document: str, filename: str, data: bytes,
                    reason: str = "") -> EditResult:
        """:meth:`edit` with a transcript file given as bytes (its name chooses the reader)."""
        from stemmen.formats.transcripts import read_transcript

        return self.edit(document, read_transcript(filename, data).text, reason)

    def apply_edits(self, document: str, edits: Sequence[Edit], reason: str = "",
                    kind: str = "edit", widen: bool = False) -> EditResult:
        """Apply explicit replacements to a document's current text, as a new version.

        This is the low-level entry for callers that know what they replaced (for instance
        pseudonymisation: each name replaced by its label). ``edits`` are
        :class:`~stemmen.model.text_edits.Edit` (start, end, text) on the *current* text, in
        code points, not overlapping; ``kind`` names the version in its history
        ("pseudonymise"). With ``widen=True``, a coding or memo that starts or ends inside a
        replaced region, or holds one, is widened to cover the whole replacement and is not
        flagged (use it when a replacement does not change what the words say); without it,
        such codings are flagged for review as after any edit. The resulting text must stay
        normalised (NFC, LF line ends, no trailing spaces on lines), else Invalid. Inside a
        transaction of your own, call :meth:`apply_in` instead.
        """
        with self._p.store.transaction() as tx:
            return self.apply_in(tx, document, edits, reason, kind, widen)

    def apply_in(self, tx: Tx, document: str, edits: Sequence[Edit], reason: str = "",
                 kind: str = "edit", widen: bool = False) -> EditResult:
        """:meth:`apply_edits` inside a transaction the caller already holds (``tx`` from
        ``project.store.transaction()``), for actions that change texts together with their
        own tables in one transaction (pseudonymisation, withdrawal of consent). Same
        checks, same new version, same audit entry (``document.<kind>``)."""
        doc = dc.get_document(tx, document)
        try:
            ordered = check_edits(edits, len(doc.text))
        except ValueError as exc:
            raise Invalid("The edits of document {name!r} do not fit its text: {why}.",
                          name=document, why=str(exc)) from None
        text = apply_edits(doc.text, ordered)
        if text != normalise_text(text) or not text.strip():
            raise Invalid("The edits would leave document {name!r} with a text that is "
                          "empty or not normalised.", name=document)
        return self._change(tx, document, ordered, reason, kind, text=text,
                            old_text=doc.text, widen=widen)

    def edit_paragraph(self, document: str, paragraph: int, new_text: str,
                       reason: str = "") -> EditResult:
        """Replace the text of one paragraph (numbered from 1, as the document page shows
        them); the rest of the text stays as it is. An empty text removes the paragraph."""
        with self._p.store.transaction() as tx:
            doc = dc.get_document(tx, document)
            units = paragraphs(doc.text)
            if not 1 <= paragraph <= len(units):
                raise Invalid("Document {name!r} has paragraphs 1 to {count}, not {number}.",
                              name=document, count=len(units), number=paragraph)
            unit = units[paragraph - 1]
            start, end = unit.start, unit.end
            body = normalise_text(new_text)
            if not body.strip():  # remove the paragraph with its line end
                start, end = (start, end + 1) if end < len(doc.text) else (
                    max(0, start - 1), end)
            text = normalise_text(doc.text[:start] + body + doc.text[end:])
            if not text.strip():
                raise Invalid("The new text of document {name!r} is empty.", name=document)
            edits = edits_from_diff(doc.text, text)
            return self._change(tx, document, edits, reason, "edit", text=text,
                                old_text=doc.text)

    def restore(self, document: str, version: int, reason: str = "") -> EditResult:
        """Make an earlier version's text the current one (as a new version). Every coding
        and memo that existed on that version goes back exactly where it was, with the review
        state it had; newer ones follow through a diff as in :meth:`edit`."""
        with self._p.store.transaction() as tx:
            doc = dc.get_document(tx, document)
            doc_id = _id(doc.id)
            number, _ = tv.current(tx, doc_id)
            if version == number:
                raise Invalid("Version {version} is the current text of document {name!r}.",
                              version=version, name=document)
            text, row_id = tv.version_text(tx, doc_id, version)
            if row_id is None:
                raise NotFound("There is no version {number} of this document's text.",
                               number=version)
            exact = tv.anchors_at(tx, row_id)
            edits = edits_from_diff(doc.text, text)
            return self._change(tx, document, edits, reason or f"restore version {version}",
                                "restore", text=text, old_text=doc.text, exact=exact,
                                restored=version)

    def _change(self, tx: Tx, document: str, edits: Sequence[Edit], reason: str, kind: str,
                *, text: str, old_text: str, widen: bool = False,
                exact: dict[tuple[str, int], Anchor] | None = None,
                restored: int | None = None) -> EditResult:
        """Write ``text`` as a new version and move every coding and memo (one transaction:
        the caller's). ``edits`` must turn ``old_text`` into ``text``; from outside this
        class use :meth:`apply_in`, which checks that."""
        doc_id = dc.document_id(tx, document)
        number, version_id = tv.current(tx, doc_id)
        if text == old_text:
            return EditResult(document, number, number, False, 0, len(text), Followed(),
                              Followed())
        found = tv.anchors(tx, doc_id)
        tv.save_anchors(tx, version_id, found)
        new_number = number + 1
        mapper = EditMap(edits)
        placed: list[Anchor] = []
        counts: dict[str, dict[str, int]] = {"coding": {}, "memo": {}}
        for anchor in found:
            back = (exact or {}).get((anchor.kind, anchor.id))
            if back is not None:
                moved = back
                outcome = "unchanged" if (back.start, back.end) == (anchor.start, anchor.end) \
                    else "moved"
                if back.state:
                    outcome = back.state
            else:
                moved, outcome = _follow(anchor, mapper, old_text, len(text), number,
                                         new_number, widen)
            placed.append(moved)
            tally = counts[anchor.kind]
            tally[outcome] = tally.get(outcome, 0) + 1
        tv.set_text(tx, doc_id, text)
        tv.place(tx, doc_id, placed)
        self._follow_suggestions(tx, doc_id, mapper, len(text))
        self._follow_turns(tx, doc_id, mapper, len(text))
        tv.add_version(tx, doc_id, new_number, text, self._p.actor, reason.strip(), kind)
        refresh_units(tx, doc_id, text)
        codings, memos = (Followed(**counts[k]) for k in ("coding", "memo"))
        journal.record(tx, self._p.actor, f"document.{kind}", document=document,
                       version=new_number, previous=number, restored=restored,
                       reason=reason.strip(), regions=len(edits), moved=codings.moved,
                       flagged=codings.flagged, detached=codings.detached,
                       memos_flagged=memos.flagged, memos_detached=memos.detached)
        return EditResult(document, new_number, number, True, len(edits), len(text), codings,
                          memos)

    @staticmethod
    def _follow_suggestions(tx: Tx, doc_id: int, mapper: EditMap, length: int) -> None:
        moved, dropped = [], []
        for key, start, end in tv.pending_suggestions(tx, doc_id):
            span = mapper.span(start, end)
            if span.state == KEPT and span.end <= length:
                moved.append((key, span.start, span.end))
            else:
                dropped.append(key)
        tv.move_suggestions(tx, moved, dropped)

    @staticmethod
    def _follow_turns(tx: Tx, doc_id: int, mapper: EditMap, length: int) -> None:
        """Timed turns (one per paragraph of a .vtt/.srt transcript) keep their times and
        follow their words, widened over changes at their edges; a turn whose words are all
        gone is dropped."""
        moved, dropped = [], []
        for key, start, end in tv.turn_spans(tx, doc_id):
            span = mapper.span(start, end, widen=True)
            if span.start < span.end <= length:
                moved.append((key, span.start, span.end))
            else:
                dropped.append(key)
        tv.move_turns(tx, moved, dropped)

    # -- reading ------------------------------------------------------------------------

    def versions(self, document: str) -> list[TextVersion]:
        """Every version of a document's text, oldest first (the last is the current one)."""
        with self._p.store.reading() as conn:
            return tv.list_versions(conn, dc.document_id(conn, document))

    def text(self, document: str, version: int | None = None) -> str:
        """The text of one version (default: the current one)."""
        with self._p.store.reading() as conn:
            doc_id = dc.document_id(conn, document)
            if version is None:
                return dc.get_document(conn, document).text
            return tv.version_text(conn, doc_id, version)[0]

    def diff(self, document: str, a: int | None = None, b: int | None = None,
             context: int = 40) -> TextDiff:
        """What changed from version ``a`` (default: the one before ``b``) to version ``b``
        (default: the current one)."""
        with self._p.store.reading() as conn:
            doc_id = dc.document_id(conn, document)
            current = tv.current_numbers(conn, [doc_id])[doc_id]
            b = current if b is None else b
            a = max(1, b - 1) if a is None else a
            for number in (a, b):
                if not 1 <= number <= current:
                    raise NotFound("Document {name!r} has versions 1 to {count}, not "
                                   "{number}.", name=document, count=current, number=number)
            old, new = tv.version_text(conn, doc_id, a)[0], tv.version_text(conn, doc_id, b)[0]
        return TextDiff(document, a, b, diff_parts(old, new, context), "".join(
            difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"{document} (version {a})", f"{document} (version {b})")))

    def reviews(self, document: str | None = None) -> list[ReviewItem]:
        """Codings and memos waiting for review after an edit (of one document or all)."""
        with self._p.store.reading() as conn:
            doc_id = dc.document_id(conn, document) if document else None
            rows = tv.review_rows(conn, doc_id)
            texts = dc.document_texts(conn, list({r["document_id"] for r in rows}))
        viewer = self._p.viewer
        if not viewer.sees_all_coders:  # a coder sees their own codings (blind rounds)
            rows = [r for r in rows if r["coding_id"] is None or r["coder"] == viewer.name]
        return [_review_item(r, texts[r["document_id"]]) for r in rows]

    # -- deciding -----------------------------------------------------------------------

    def review(self, item: int, action: str, *, start: int | None = None,
               end: int | None = None, memo: bool = False) -> ReviewResult:
        """Decide about a flagged or detached coding (or memo, ``memo=True``): ``keep`` it
        where it is now, ``reattach`` it to [start, end) of the current text, or ``delete``
        it. Afterwards it belongs to the current version."""
        action = action.strip().lower()
        if action not in REVIEW_ACTIONS:
            raise Invalid("Unknown review action {action!r}: use keep, reattach or delete.",
                          action=action)
        kind = "memo" if memo else "coding"
        with self._p.store.transaction() as tx:
            doc_id, now_start, now_end = tv.item_document(tx, kind, item)
            if tv.review_of(tx, kind, item) is None:
                raise Invalid("The {kind} #{id} is not waiting for review.", kind=kind,
                              id=item)
            name = _name_of(tx, doc_id)
            placed: tuple[int | None, int | None] = (now_start, now_end)
            if action == "delete":
                tv.delete_item(tx, kind, item)
                placed = (None, None)
            else:
                if action == "reattach":
                    if start is None or end is None:
                        raise Invalid("Give the start and end to reattach the {kind} to.",
                                      kind=kind)
                    length = len(dc.document_texts(tx, [doc_id])[doc_id])
                    if not 0 <= start < end <= length:
                        raise Invalid("Span {start}-{end} is not inside the document "
                                      "(0-{length}).", start=start, end=end, length=length)
                    tv.move_one(tx, kind, item, start, end)
                    placed = (start, end)
                tv.clear_review(tx, kind, item)
            remaining = len(tv.review_rows(tx, doc_id))
            journal.record(tx, self._p.actor, "document.review", document=name, kind=kind,
                           id=item, decision=action, start=placed[0], end=placed[1])
        return ReviewResult(kind, item, name, action, placed[0], placed[1], remaining)


def _id(value: int | None) -> int:
    if value is None:  # a stored document always has one
        raise NotFound("The document has no id.")
    return value


def _name_of(tx: Tx, doc_id: int) -> str:
    for name, (found, _length) in dc.document_refs(tx).items():
        if found == doc_id:
            return name
    raise NotFound("There is no document #{id}.", id=doc_id)


def _follow(anchor: Anchor, mapper: EditMap, old_text: str, length: int, number: int,
            new_number: int, widen: bool) -> tuple[Anchor, str]:
    """Where one coding or memo goes, and what happened to it (moved, unchanged, flagged,
    detached); a review state it had already stays, or grows from flagged to detached."""
    span = mapper.span(anchor.start, anchor.end, widen)
    start, end = place_span(span, length)
    if span.state == KEPT:
        outcome = "unchanged" if (start, end) == (anchor.start, anchor.end) else "moved"
        return replace(anchor, start=start, end=end), outcome
    if anchor.state is not None and _SEVERITY[anchor.state] >= _SEVERITY[span.state]:
        return replace(anchor, start=start, end=end), span.state
    if anchor.state is not None:  # was flagged, now its words are gone too
        return replace(anchor, start=start, end=end, state=span.state), span.state
    return replace(anchor, start=start, end=end, state=span.state, made_on=number,
                   since=new_number, old_start=anchor.start, old_end=anchor.end,
                   quote=old_text[anchor.start:anchor.end]), span.state


def diff_parts(old: str, new: str, context: int = 40) -> builtins.list[DiffPart]:
    """The changed places between two texts, with ``context`` characters around each."""
    starts = [u.start for u in paragraphs(old)]
    parts = []
    for edit in edits_from_diff(old, new):
        paragraph = sum(1 for s in starts if s <= edit.start) or 1
        parts.append(DiffPart(paragraph, old[max(0, edit.start - context):edit.start],
                              old[edit.start:edit.end], edit.text,
                              old[edit.end:edit.end + context]))
    return parts


def _review_item(row: dict[str, Any], text: str) -> ReviewItem:
    kind = "coding" if row["coding_id"] is not None else "memo"
    return ReviewItem(kind=kind, id=row["coding_id"] or row["memo_id"],
                      document=row["document"], state=row["state"], made_on=row["made_on"],
                      since=row["since"], quote=row["quote"], start=row["start"],
                      end=row["end"], text=text[row["start"]:row["end"]], code=row["code"],
                      coder=row["coder"], title=row["memo_title"])

