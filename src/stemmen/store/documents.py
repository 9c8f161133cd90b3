"""Rows of documents, cases, attributes, attribute values and participants."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from stemmen.errors import AlreadyExists, Invalid, NotFound
from stemmen.model.documents import AttributeDef, Case, Document, Participant
from stemmen.store import values as V
from stemmen.store.codebook import new_guid
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import (
    attributes,
    case_values,
    cases,
    document_values,
    documents,
    participant_documents,
    participants,
)
from stemmen.store.units import forget_units, refresh_units


def attribute_defs(conn: Connection, applies_to: str | None = None) -> list[AttributeDef]:
    """The attributes of documents and cases, or of ``applies_to`` only (``participant``
    attributes, the types of demographics, are listed only when asked for)."""
    query = select(attributes).order_by(attributes.c.id)
    if applies_to:
        query = query.where(attributes.c.applies_to == applies_to)
    else:
        query = query.where(attributes.c.applies_to.in_(("document", "case")))
    return [V.attribute_from_row(r) for r in conn.execute(query)]


_ATTRIBUTE = select(attributes).where(attributes.c.name == bindparam("name"),
                                      attributes.c.applies_to == bindparam("applies_to"))
_OWNER_KEY = {"document": document_values.c.document_id, "case": case_values.c.case_id}
_DELETE_VALUE = {
    owner: delete(key.table).where(key == bindparam("owner_id"),
                                   key.table.c.attribute_id == bindparam("attribute_id"))
    for owner, key in _OWNER_KEY.items()
}


def ensure_attribute(conn: Connection, attr: AttributeDef) -> int:
    """The id of an attribute, created if it does not exist yet."""
    found = conn.execute(_ATTRIBUTE, {"name": attr.name, "applies_to": attr.applies_to}).first()
    if found is not None:
        return found.id
    return new_id(conn.execute(
        insert(attributes).values(
            name=attr.name,
            type=attr.type.value,
            choices=V.choices_json(attr),
            applies_to=attr.applies_to,
            description=attr.description,
        )
    ))


def _attribute(conn: Connection, name: str, applies_to: str) -> tuple[int, AttributeDef]:
    row = conn.execute(_ATTRIBUTE, {"name": name, "applies_to": applies_to}).first()
    if row is None:
        raise NotFound("There is no {kind} attribute {name!r}.", kind=applies_to, name=name)
    return row.id, V.attribute_from_row(row)


def set_value(conn: Connection, owner: str, owner_id: int, name: str, raw: Any) -> Any:
    """Parse and store one attribute value of a document or case; returns the typed value."""
    attr_id, attr = _attribute(conn, name, owner)
    value = attr.parse(raw)
    owner = "document" if owner == "document" else "case"
    key = _OWNER_KEY[owner]
    conn.execute(_DELETE_VALUE[owner], {"owner_id": owner_id, "attribute_id": attr_id})
    if value is not None:
        conn.execute(insert(key.table), {key.name: owner_id, "attribute_id": attr_id,
                                         "value": V.encode(value)})
    return value


def _values(conn: Connection, owner: str, owner_id: int | None = None
            ) -> dict[int, dict[str, Any]]:
    """Attribute values by owner id: every owner's, or only ``owner_id``'s."""
    table = document_values if owner == "document" else case_values
    key = table.c.document_id if owner == "document" else table.c.case_id
    defs = {r.id: V.attribute_from_row(r) for r in conn.execute(select(attributes))}
    result: dict[int, dict[str, Any]] = {}
    query = select(key, table.c.attribute_id, table.c.value)
    if owner_id is not None:
        query = query.where(key == owner_id)
    for found, attr_id, text in conn.execute(query):
        attr = defs[attr_id]
        result.setdefault(found, {})[attr.name] = V.decode(attr, text)
    return result


_CASE = select(cases.c.id).where(cases.c.name == bindparam("name"))
_REF = select(documents.c.id, documents.c.length).where(documents.c.name == bindparam("name"))


def case_id(conn: Connection, name: str, create: bool = False) -> int:
    found = conn.execute(_CASE, {"name": name}).scalar()
    if found is not None:
        return found
    if not create:
        raise NotFound("There is no case {name!r}.", name=name)
    return add_case(conn, Case(name=name))


def add_case(conn: Connection, case: Case) -> int:
    if conn.execute(select(cases.c.id).where(cases.c.name == case.name)).first():
        raise AlreadyExists("A case {name!r} already exists.", name=case.name)
    return new_id(conn.execute(
        insert(cases).values(
            guid=case.guid or new_guid(), name=case.name, description=case.description
        )
    ))


def list_cases(conn: Connection) -> list[Case]:
    vals = _values(conn, "case")
    return [
        Case(name=r.name, guid=r.guid, description=r.description, attributes=vals.get(r.id, {}))
        for r in conn.execute(select(cases).order_by(cases.c.name))
    ]


def document_id(conn: Connection, name: str) -> int:
    found = conn.execute(select(documents.c.id).where(documents.c.name == name)).scalar()
    if found is None:
        raise NotFound("There is no document {name!r}.", name=name)
    return found


def add_document(conn: Connection, doc: Document) -> int:
    if conn.execute(_REF, {"name": doc.name}).first():
        raise AlreadyExists("A document {name!r} already exists.", name=doc.name)
    if not doc.text.strip():
        raise Invalid("Document {name!r} has no text.", name=doc.name)
    doc_id = new_id(conn.execute(insert(documents), {
        "guid": doc.guid or new_guid(), "name": doc.name, "text": doc.text,
        "length": len(doc.text),
        "case_id": case_id(conn, doc.case, create=True) if doc.case else None,
        "source_format": doc.source_format, "source_path": doc.source_path,
        "imported_at": now(),
    }))
    refresh_units(conn, doc_id, doc.text)  # paragraphs, sentences, full-text rows
    return doc_id


def _document_query(with_text: bool):  # noqa: ANN202
    cols = [
        documents.c.id,
        documents.c.guid,
        documents.c.name,
        documents.c.source_format,
        documents.c.source_path,
        documents.c.length,
        cases.c.name.label("case_name"),
    ]
    if with_text:
        cols.append(documents.c.text)
    return select(*cols).outerjoin(cases, documents.c.case_id == cases.c.id)


def list_documents(conn: Connection, with_text: bool = False) -> list[Document]:
    vals = _values(conn, "document")
    rows = conn.execute(_document_query(with_text).order_by(documents.c.name))
    return [_document(r, vals.get(r.id, {}), with_text) for r in rows]


def get_document(conn: Connection, name: str) -> Document:
    row = conn.execute(_document_query(True).where(documents.c.name == name)).first()
    if row is None:
        raise NotFound("There is no document {name!r}.", name=name)
    return _document(row, _values(conn, "document", row.id).get(row.id, {}), True)


def document_ref(conn: Connection, name: str) -> tuple[int, int]:
    """The id and length (code points) of a document, without reading its text."""
    row = conn.execute(_REF, {"name": name}).first()
    if row is None:
        raise NotFound("There is no document {name!r}.", name=name)
    return row.id, row.length


def document_refs(conn: Connection) -> dict[str, tuple[int, int]]:
    """Every document's name → (id, length), without reading any text."""
    query = select(documents.c.name, documents.c.id, documents.c.length)
    return {name: (doc_id, length) for name, doc_id, length in conn.execute(query)}


def _document(row: Any, vals: dict[str, Any], with_text: bool) -> Document:
    return Document(
        name=row.name,
        text=row.text if with_text else "",
        guid=row.guid,
        case=row.case_name,
        attributes=vals,
        source_format=row.source_format,
        source_path=row.source_path,
        id=row.id,
    )


def document_texts(conn: Connection, ids: list[int] | None = None) -> dict[int, str]:
    query = select(documents.c.id, documents.c.text)
    if ids is not None:
        query = query.where(documents.c.id.in_(ids))
    return dict(conn.execute(query).all())


def update_document(conn: Connection, doc_name: str, /, **values: Any) -> None:
    doc_id = document_id(conn, doc_name)
    if "text" in values:  # a new text: its length, units and full-text rows follow
        values["length"] = len(values["text"])
    conn.execute(update(documents).where(documents.c.id == doc_id).values(**values))
    if "text" in values:
        refresh_units(conn, doc_id, values["text"])


def delete_document(conn: Connection, name: str) -> None:
    doc_id = document_id(conn, name)
    forget_units(conn, doc_id)
    conn.execute(delete(documents).where(documents.c.id == doc_id))


def add_participant(conn: Connection, person: Participant) -> int:
    if conn.execute(
        select(participants.c.id).where(participants.c.pseudonym == person.pseudonym)
    ).first():
        raise AlreadyExists("A participant {name!r} already exists.", name=person.pseudonym)
    pid = new_id(conn.execute(
        insert(participants).values(
            pseudonym=person.pseudonym,
            case_id=case_id(conn, person.case, create=True) if person.case else None,
            demographics=json.dumps(person.demographics, ensure_ascii=False, default=str),
        )
    ))
    for doc in person.documents:
        conn.execute(
            insert(participant_documents).values(
                participant_id=pid, document_id=document_id(conn, doc)
            )
        )
    return pid


def list_participants(conn: Connection) -> list[Participant]:
    links: dict[int, list[str]] = {}
    query = select(participant_documents.c.participant_id, documents.c.name).join(
        documents, documents.c.id == participant_documents.c.document_id
    )
    for pid, doc in conn.execute(query.order_by(documents.c.name)):
        links.setdefault(pid, []).append(doc)
    rows = conn.execute(
        select(participants, cases.c.name.label("case_name"))
        .outerjoin(cases, participants.c.case_id == cases.c.id)
        .order_by(participants.c.pseudonym)
    )
    return [
        Participant(
            pseudonym=r.pseudonym,
            case=r.case_name,
            documents=tuple(links.get(r.id, [])),
            demographics=json.loads(r.demographics),
        )
        for r in rows
    ]
