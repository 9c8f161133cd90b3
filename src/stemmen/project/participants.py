"""Participants: pseudonyms, typed demographics, and the speaker label under which each one
speaks in a document; bulk edits of the participant and speaker sheets."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.model.documents import AttributeDef, Participant
from stemmen.model.sheet import BulkResult, ParticipantLink, RowEdit
from stemmen.project import sheets as sh
from stemmen.store import Tx, journal
from stemmen.store import cases as cs
from stemmen.store import documents as dc
from stemmen.store import participants as ps

if TYPE_CHECKING:
    from stemmen.project import Project

PARTICIPANT_FIELDS = ("pseudonym", "case")
LINK_FIELDS = ("participant", "document", "speaker")


class Participants:
    """People in the study, under pseudonyms, with demographics."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, pseudonym: str, case: str | None = None, documents: list[str] | None = None,
            **demographics: Any) -> Participant:
        pseudonym = pseudonym.strip()
        if not pseudonym:
            raise Invalid("A participant needs a pseudonym.")
        person = Participant(pseudonym, case, tuple(documents or ()), demographics)
        with self._p.store.transaction() as tx:
            ps.check_pseudonym_free(tx, pseudonym)
            dc.add_participant(tx, person)
            journal.record(tx, self._p.actor, "participant.add", pseudonym=pseudonym)
        return person

    def list(self) -> list[Participant]:
        """Every participant, demographics typed by their attribute definitions."""
        with self._p.store.reading() as conn:
            defs = sh.participant_defs(conn)
            people = dc.list_participants(conn)
        return [Participant(p.pseudonym, p.case, p.documents,
                            sh.decode_demographics(defs, p.demographics)) for p in people]

    def get(self, pseudonym: str) -> Participant:
        for person in self.list():
            if person.pseudonym == pseudonym:
                return person
        raise NotFound("There is no participant {name!r}.", name=pseudonym)

    def rename(self, pseudonym: str, new_pseudonym: str) -> None:
        """A new pseudonym; links, speaker labels and demographics stay."""
        new_pseudonym = new_pseudonym.strip()
        if not new_pseudonym:
            raise Invalid("A participant needs a pseudonym.")
        with self._p.store.transaction() as tx:
            ps.rename(tx, ps.participant_id(tx, pseudonym), new_pseudonym)
            journal.record(tx, self._p.actor, "participant.rename", pseudonym=pseudonym,
                           new_pseudonym=new_pseudonym)

    def set_case(self, pseudonym: str, case: str | None) -> None:
        """Put a participant in a case (which must exist), or in none."""
        with self._p.store.transaction() as tx:
            ps.set_case(tx, ps.participant_id(tx, pseudonym), cs.case_id(tx, case) if case
                        else None)
            journal.record(tx, self._p.actor, "participant.case", pseudonym=pseudonym,
                           case=case)

    def set(self, pseudonym: str, attribute: str, value: Any) -> Any:
        """Set one demographic (typed by its definition; empty clears it)."""
        with self._p.store.transaction() as tx:
            pid = ps.participant_id(tx, pseudonym)
            defs = sh.participant_defs(tx)
            if attribute not in defs:
                raise NotFound("There is no {kind} attribute {name!r}.", kind="participant",
                               name=attribute)
            typed = defs[attribute].parse(value)
            self._store_value(tx, pid, attribute, typed)
            journal.record(tx, self._p.actor, "participant.set", pseudonym=pseudonym,
                           attribute=attribute, value=typed)
        return typed

    @staticmethod
    def _store_value(tx: Tx, pid: int, attribute: str, typed: Any) -> None:
        values = ps.demographics(tx, pid)
        if typed is None:
            values.pop(attribute, None)
        else:
            values[attribute] = typed
        ps.set_demographics(tx, pid, values)

    def delete(self, pseudonym: str) -> None:
        """Delete a participant and their links (documents and codings stay)."""
        with self._p.store.transaction() as tx:
            ps.delete_participant(tx, ps.participant_id(tx, pseudonym))
            journal.record(tx, self._p.actor, "participant.delete", pseudonym=pseudonym)

    def define_attribute(self, name: str, type: str = "text",
                         choices: builtins.list[str] | None = None,
                         description: str = "") -> AttributeDef:
        """Declare a typed demographic (e.g. ``age``: number, ``gender``: choice)."""
        return self._p.cases.define_attribute(name, type, choices, "participant", description)

    def attributes(self) -> builtins.list[AttributeDef]:
        return self._p.cases.attributes("participant")

    def link(self, pseudonym: str, document: str, speaker: str | None = None
             ) -> ParticipantLink:
        """The participant speaks in the document, under ``speaker`` (e.g. "Deelnemer 3");
        linking again changes the label."""
        speaker = (speaker or "").strip() or None
        with self._p.store.transaction() as tx:
            ps.link(tx, ps.participant_id(tx, pseudonym), dc.document_id(tx, document), speaker)
            journal.record(tx, self._p.actor, "participant.link", pseudonym=pseudonym,
                           document=document, speaker=speaker)
        return ParticipantLink(pseudonym, document, speaker)

    def unlink(self, pseudonym: str, document: str) -> None:
        with self._p.store.transaction() as tx:
            if not ps.unlink(tx, ps.participant_id(tx, pseudonym), dc.document_id(tx, document)):
                raise NotFound("{name} is not linked to {document}.", name=pseudonym,
                               document=document)
            journal.record(tx, self._p.actor, "participant.unlink", pseudonym=pseudonym,
                           document=document)

    def links(self, participant: str | None = None, document: str | None = None
              ) -> builtins.list[ParticipantLink]:
        with self._p.store.reading() as conn:
            return [ParticipantLink(*row) for row in ps.links(conn, participant, document)]

    def update_many(self, edits: Sequence[RowEdit]) -> BulkResult:
        """Edit many cells of the participant sheet (pseudonym, case, demographics) and create
        rows, in one transaction: a bad value anywhere changes nothing and names its row and
        column. The result holds the edits that undo this change."""
        with self._p.store.transaction() as tx:
            defs = sh.participant_defs(tx)
            undo = [self._apply(tx, sh.where(i, e, "pseudonym"), e, defs)
                    for i, e in enumerate(edits)]
            journal.record(tx, self._p.actor, "participant.update_many", rows=len(edits),
                           participants=sorted({e.key[0] if e.key else
                                                str(e.fields.get("pseudonym")) for e in edits}))
        return BulkResult(len(edits), tuple(reversed(undo)))

    def _apply(self, tx: Tx, at: sh.Where, edit: RowEdit,
               defs: dict[str, AttributeDef]) -> RowEdit:
        for column in edit.fields:
            if column not in PARTICIPANT_FIELDS:
                raise at.no_column(column)
        for column in edit.attributes:
            if column not in defs:
                raise at.no_column(column)
        if edit.delete:
            return self._delete_row(tx, at, edit)
        old_fields: dict[str, Any] = {}
        if edit.key is None:
            name = sh.text_value(edit.fields.get("pseudonym"))
            if not name:
                raise at.required("pseudonym")
            pid = sh.guard(at, "pseudonym", name, lambda: ps.create(tx, name))
            before: dict[str, Any] = {}
        else:
            name = edit.key[0]
            try:
                pid = ps.participant_id(tx, name)
            except NotFound:
                raise at.no_row() from None
            before = ps.demographics(tx, pid)
            new = sh.text_value(edit.fields.get("pseudonym", name))
            if not new:
                raise at.required("pseudonym")
            if new != name:
                sh.guard(at, "pseudonym", new, lambda: ps.rename(tx, pid, new))
                old_fields["pseudonym"], name = name, new
        if "case" in edit.fields:
            case = sh.text_value(edit.fields["case"])
            case_id = cs.find_case(tx, case) if case else None
            if case and case_id is None:
                raise at.missing("case", case, "case")
            old_fields["case"] = cs.case_name(tx, ps.case_id_of(tx, pid)) or ""
            ps.set_case(tx, pid, case_id)
        values = dict(before)
        for column, raw in edit.attributes.items():
            typed = at.parse(defs[column], raw)
            if typed is None:
                values.pop(column, None)
            else:
                values[column] = typed
        if edit.attributes:
            ps.set_demographics(tx, pid, values)
        if edit.key is None:
            return RowEdit((name,), delete=True)
        old = sh.decode_demographics(defs, before)
        return RowEdit((name,), old_fields, {k: old.get(k) for k in edit.attributes})

    @staticmethod
    def _delete_row(tx: Tx, at: sh.Where, edit: RowEdit) -> RowEdit:
        try:
            pseudonym = edit.key[0] if edit.key else ""
            pid = ps.participant_id(tx, pseudonym)
        except NotFound:
            raise at.no_row() from None
        case = cs.case_name(tx, ps.case_id_of(tx, pid)) or ""
        before = RowEdit(None, {"pseudonym": pseudonym, "case": case}, ps.demographics(tx, pid))
        ps.delete_participant(tx, pid)
        return before

    def update_links(self, edits: Sequence[RowEdit]) -> BulkResult:
        """Edit the speaker sheet (participant, document, speaker label) in one transaction:
        a row without key links, a row with key ``(participant, document)`` changes that
        link, ``delete`` unlinks. All or nothing; the result holds the undo."""
        with self._p.store.transaction() as tx:
            undo = [self._apply_link(tx, sh.where(i, e, "participant"), e)
                    for i, e in enumerate(edits)]
            journal.record(tx, self._p.actor, "participant.update_links", rows=len(edits))
        return BulkResult(len(edits), tuple(reversed(undo)))

    @staticmethod
    def _apply_link(tx: Tx, at: sh.Where, edit: RowEdit) -> RowEdit:
        for column in [*edit.fields, *edit.attributes]:
            if column not in LINK_FIELDS:
                raise at.no_column(column)
        old: dict[str, Any] = {}
        if edit.key is not None:
            if len(edit.key) != 2:
                raise at.no_row()
            pid, doc_id = _ids(tx, at, *edit.key)
            linked, speaker = ps.speaker_of(tx, pid, doc_id)
            if not linked:
                raise at.no_row()
            old = {"participant": edit.key[0], "document": edit.key[1], "speaker": speaker or ""}
            ps.unlink(tx, pid, doc_id)
            if edit.delete:
                return RowEdit(None, old)
        values = {**old, **{k: sh.text_value(v) for k, v in edit.fields.items()}}
        for column in ("participant", "document"):
            if not values.get(column):
                raise at.required(column)
        pid, doc_id = _ids(tx, at, values["participant"], values["document"])
        if ps.speaker_of(tx, pid, doc_id)[0]:
            raise at.taken(f"{values['participant']} / {values['document']}", "document")
        ps.link(tx, pid, doc_id, values.get("speaker") or None)
        key = (values["participant"], values["document"])
        if edit.key is None:
            return RowEdit(key, delete=True)
        return RowEdit(key, {k: old[k] for k in edit.fields})


def _ids(tx: Tx, at: sh.Where, participant: str, document: str) -> tuple[int, int]:
    try:
        pid = ps.participant_id(tx, participant)
    except NotFound:
        raise at.missing("participant", participant, "participant") from None
    try:
        return pid, dc.document_id(tx, document)
    except NotFound:
        raise at.missing("document", document, "document") from None
