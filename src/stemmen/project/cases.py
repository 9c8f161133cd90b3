"""Cases, typed attributes and participants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.model.documents import AttributeDef, AttributeType, Case, Participant
from stemmen.store import documents as dc
from stemmen.store import journal

if TYPE_CHECKING:
    from stemmen.project import Project


class Cases:
    """Units of analysis (e.g. one OCMW) and the attributes that describe cases and documents."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, name: str, description: str = "") -> Case:
        if not name.strip():
            raise Invalid("A case needs a name.")
        with self._p.store.transaction() as tx:
            dc.add_case(tx, Case(name=name.strip(), description=description))
            journal.record(tx, self._p.actor, "case.add", case=name)
        return self.get(name.strip())

    def list(self) -> list[Case]:
        with self._p.store.reading() as conn:
            return dc.list_cases(conn)

    def get(self, name: str) -> Case:
        for case in self.list():
            if case.name == name:
                return case
        raise NotFound("There is no case {name!r}.", name=name)

    def assign(self, document: str, case: str | None) -> None:
        """Put a document in a case (created if new), or in none."""
        with self._p.store.transaction() as tx:
            case_id = dc.case_id(tx, case, create=True) if case else None
            dc.update_document(tx, document, case_id=case_id)
            journal.record(tx, self._p.actor, "case.assign", document=document, case=case)

    def define_attribute(self, name: str, type: str = "text", choices: list[str] | None = None,
                         applies_to: str = "document", description: str = "") -> AttributeDef:
        """Declare a typed attribute (text, number, date, boolean, choice)."""
        if applies_to not in ("document", "case"):
            raise Invalid("An attribute applies to 'document' or 'case'.")
        try:
            kind = AttributeType(type)
        except ValueError as exc:
            raise Invalid("Unknown attribute type {type!r}: use text, number, date, boolean "
                          "or choice.", type=type) from exc
        attr = AttributeDef(name.strip(), kind, tuple(choices or ()), applies_to, description)
        with self._p.store.transaction() as tx:
            dc.ensure_attribute(tx, attr)
            journal.record(tx, self._p.actor, "attribute.define", name=name, type=type,
                           applies_to=applies_to)
        return attr

    def attributes(self, applies_to: str | None = None) -> list[AttributeDef]:
        with self._p.store.reading() as conn:
            return dc.attribute_defs(conn, applies_to)

    def set_attribute(self, case: str, attribute: str, value: Any) -> Any:
        with self._p.store.transaction() as tx:
            typed = dc.set_value(tx, "case", dc.case_id(tx, case), attribute, value)
            journal.record(tx, self._p.actor, "case.attribute", case=case,
                           attribute=attribute, value=typed)
        return typed


class Participants:
    """People in the study, under pseudonyms, with demographics."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, pseudonym: str, case: str | None = None, documents: list[str] | None = None,
            **demographics: Any) -> Participant:
        person = Participant(pseudonym, case, tuple(documents or ()), demographics)
        with self._p.store.transaction() as tx:
            dc.add_participant(tx, person)
            journal.record(tx, self._p.actor, "participant.add", pseudonym=pseudonym)
        return person

    def list(self) -> list[Participant]:
        with self._p.store.reading() as conn:
            return dc.list_participants(conn)
