"""Cases and typed attributes: create, rename, describe, delete, assign, and bulk edits of
the case and document sheets (one transaction each, all or nothing)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.model.documents import AttributeDef, Case
from stemmen.model.sheet import BulkResult, RowEdit
from stemmen.project import sheets as sh
from stemmen.project.participants import Participants
from stemmen.store import Tx, journal
from stemmen.store import cases as cs
from stemmen.store import documents as dc

if TYPE_CHECKING:
    from stemmen.project import Project

__all__ = ["Cases", "Participants"]
CASE_FIELDS = ("name", "description")


class Cases:
    """Units of analysis (e.g. one OCMW) and the attributes that describe cases and documents."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, name: str, description: str = "") -> Case:
        name = name.strip()
        if not name:
            raise Invalid("A case needs a name.")
        with self._p.store.transaction() as tx:
            cs.check_case_name_free(tx, name)
            dc.add_case(tx, Case(name=name, description=description))
            journal.record(tx, self._p.actor, "case.add", case=name)
        return self.get(name)

    def list(self) -> list[Case]:
        with self._p.store.reading() as conn:
            return dc.list_cases(conn)

    def get(self, name: str) -> Case:
        for case in self.list():
            if case.name == name:
                return case
        raise NotFound("There is no case {name!r}.", name=name)

    def rename(self, name: str, new_name: str) -> Case:
        """A new name; its documents, codings and participants follow."""
        new_name = new_name.strip()
        if not new_name:
            raise Invalid("A case needs a name.")
        with self._p.store.transaction() as tx:
            cs.rename_case(tx, name, new_name)
            journal.record(tx, self._p.actor, "case.rename", case=name, new_name=new_name)
        return self.get(new_name)

    def describe(self, name: str, description: str) -> None:
        with self._p.store.transaction() as tx:
            cs.describe_case(tx, name, description)
            journal.record(tx, self._p.actor, "case.describe", case=name)

    def delete(self, name: str) -> int:
        """Delete a case; its documents stay, in no case. Returns how many it held."""
        with self._p.store.transaction() as tx:
            moved = cs.delete_case(tx, name)
            journal.record(tx, self._p.actor, "case.delete", case=name, documents=moved)
        return moved

    def assign(self, document: str, case: str | None) -> None:
        """Put a document in a case (created if new), or in none."""
        with self._p.store.transaction() as tx:
            case_id = dc.case_id(tx, case, create=True) if case else None
            dc.update_document(tx, document, case_id=case_id)
            journal.record(tx, self._p.actor, "case.assign", document=document, case=case)

    def define_attribute(self, name: str, type: str = "text",
                         choices: builtins.list[str] | None = None,
                         applies_to: str = "document", description: str = "") -> AttributeDef:
        """Declare a typed attribute (text, number, date, boolean, choice) of documents,
        cases or participants (their demographics)."""
        sh.check_owner(applies_to)
        if not name.strip():
            raise Invalid("An attribute needs a name.")
        kind = sh.attribute_type(type)
        kept = tuple(c.strip() for c in choices or () if c.strip())
        attr = AttributeDef(name.strip(), kind, kept, applies_to, description)
        with self._p.store.transaction() as tx:
            dc.ensure_attribute(tx, attr)
            journal.record(tx, self._p.actor, "attribute.define", name=name, type=type,
                           applies_to=applies_to)
        return attr

    def attributes(self, applies_to: str | None = None) -> builtins.list[AttributeDef]:
        """Attribute definitions of documents and cases, or of ``applies_to`` only."""
        with self._p.store.reading() as conn:
            if applies_to == "participant":
                return list(sh.participant_defs(conn).values())
            return dc.attribute_defs(conn, applies_to)

    def rename_attribute(self, name: str, new_name: str, applies_to: str = "document") -> None:
        with self._p.store.transaction() as tx:
            sh.rename(tx, name, new_name, applies_to)
            journal.record(tx, self._p.actor, "attribute.rename", name=name,
                           new_name=new_name.strip(), applies_to=applies_to)

    def retype_attribute(self, name: str, type: str, choices: builtins.list[str] | None = None,
                         applies_to: str = "document") -> AttributeDef:
        """A new type (and list of choices) when every value already stored fits it."""
        with self._p.store.transaction() as tx:
            old, new = sh.retype(tx, name, applies_to, type, choices)
            journal.record(tx, self._p.actor, "attribute.retype", name=name,
                           applies_to=applies_to, old=old.type.value, type=new.type.value,
                           choices=list(new.choices))
        return new

    def describe_attribute(self, name: str, description: str,
                           applies_to: str = "document") -> None:
        with self._p.store.transaction() as tx:
            attr_id, attr = sh.defined(tx, name, applies_to)
            cs.write_attribute(tx, attr_id, replace(attr, description=description))
            journal.record(tx, self._p.actor, "attribute.describe", name=name,
                           applies_to=applies_to)

    def delete_attribute(self, name: str, applies_to: str = "document") -> None:
        """Delete a definition and every value of it."""
        with self._p.store.transaction() as tx:
            attr_id, _ = sh.defined(tx, name, applies_to)
            cs.delete_attribute(tx, attr_id)
            if applies_to == "participant":
                sh.drop_demographic(tx, name)
            journal.record(tx, self._p.actor, "attribute.delete", name=name,
                           applies_to=applies_to)

    def set_attribute(self, case: str, attribute: str, value: Any) -> Any:
        with self._p.store.transaction() as tx:
            typed = dc.set_value(tx, "case", dc.case_id(tx, case), attribute, value)
            journal.record(tx, self._p.actor, "case.attribute", case=case,
                           attribute=attribute, value=typed)
        return typed

    def update_many(self, edits: Sequence[RowEdit]) -> BulkResult:
        """Edit many cells of the case sheet (name, description, attributes) and create rows,
        in one transaction: a bad value anywhere changes nothing and names its row and
        column. The result holds the edits that undo this change."""
        with self._p.store.transaction() as tx:
            defs = {a.name: a for a in dc.attribute_defs(tx, "case")}
            undo = [self._apply(tx, sh.where(i, e, "name"), e, defs)
                    for i, e in enumerate(edits)]
            journal.record(tx, self._p.actor, "case.update_many", rows=len(edits),
                           cases=sorted({e.key[0] if e.key else str(e.fields.get("name"))
                                         for e in edits}))
        return BulkResult(len(edits), tuple(reversed(undo)))

    def _apply(self, tx: Tx, at: sh.Where, edit: RowEdit,
               defs: dict[str, AttributeDef]) -> RowEdit:
        for column in edit.fields:
            if column not in CASE_FIELDS:
                raise at.no_column(column)
        if edit.delete:
            return self._delete_row(tx, at, edit)
        old_fields: dict[str, Any] = {}
        case_id: int | None
        if edit.key is None:
            name = sh.text_value(edit.fields.get("name"))
            if not name:
                raise at.required("name")

            def create(name: str = name) -> None:
                cs.check_case_name_free(tx, name)
                dc.add_case(tx, Case(name=name))

            sh.guard(at, "name", name, create)
            case_id, old_attrs, created = cs.case_id(tx, name), {}, True
        else:
            name, created = edit.key[0], False
            case_id = cs.find_case(tx, name) or None
            if case_id is None:
                raise at.no_row()
            old_attrs = cs.owner_attributes(tx, "case", case_id)
            if "name" in edit.fields:
                new = sh.text_value(edit.fields["name"])
                if not new:
                    raise at.required("name")
                if new != name:
                    sh.guard(at, "name", new, lambda: cs.rename_case(tx, name, new))
                    old_fields["name"], name = name, new
        if "description" in edit.fields:
            old_fields["description"] = cs.case_description(tx, case_id)
            cs.describe_case(tx, name, sh.text_value(edit.fields["description"]))
        for column, raw in edit.attributes.items():
            if column not in defs:
                raise at.no_column(column)
            dc.set_value(tx, "case", case_id, column, at.parse(defs[column], raw))
        if created:
            return RowEdit((name,), delete=True)
        return RowEdit((name,), old_fields, {k: old_attrs.get(k) for k in edit.attributes})

    @staticmethod
    def _delete_row(tx: Tx, at: sh.Where, edit: RowEdit) -> RowEdit:
        if not edit.key or cs.find_case(tx, edit.key[0]) is None:
            raise at.no_row()
        case_id = cs.case_id(tx, edit.key[0])
        before = RowEdit(None, {"name": edit.key[0],
                                "description": cs.case_description(tx, case_id)},
                         cs.owner_attributes(tx, "case", case_id))
        cs.delete_case(tx, edit.key[0])
        return before

    def update_documents(self, edits: Sequence[RowEdit]) -> BulkResult:
        """Edit the document sheet (each document's case and attributes) in one transaction,
        all or nothing, like :meth:`update_many`. Documents are added by importing them."""
        with self._p.store.transaction() as tx:
            defs = {a.name: a for a in dc.attribute_defs(tx, "document")}
            undo = [self._apply_document(tx, sh.where(i, e, "name"), e, defs)
                    for i, e in enumerate(edits)]
            journal.record(tx, self._p.actor, "document.update_many", rows=len(edits),
                           documents=sorted({e.key[0] for e in edits if e.key}))
        return BulkResult(len(edits), tuple(reversed(undo)))

    @staticmethod
    def _apply_document(tx: Tx, at: sh.Where, edit: RowEdit,
                        defs: dict[str, AttributeDef]) -> RowEdit:
        if not edit.key or edit.delete:
            raise Invalid("Documents are added on the Import page and deleted from the "
                          "document list.")
        try:
            doc_id = dc.document_id(tx, edit.key[0])
        except NotFound:
            raise at.no_row() from None
        old_fields: dict[str, Any] = {}
        old_attrs = cs.owner_attributes(tx, "document", doc_id)
        for column, raw in edit.fields.items():
            if column != "case":
                raise at.no_column(column)
            case = sh.text_value(raw)
            case_id = cs.find_case(tx, case) if case else None
            if case and case_id is None:
                raise at.missing("case", case, "case")
            old_fields["case"] = cs.document_case(tx, doc_id) or ""
            dc.update_document(tx, edit.key[0], case_id=case_id)
        for column, raw in edit.attributes.items():
            if column not in defs:
                raise at.no_column(column)
            dc.set_value(tx, "document", doc_id, column, at.parse(defs[column], raw))
        return RowEdit(edit.key, old_fields, {k: old_attrs.get(k) for k in edit.attributes})
