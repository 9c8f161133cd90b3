"""Rows of cases and attribute definitions: rename, describe, delete, retype, raw values."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from stemmen.errors import AlreadyExists, NotFound
from stemmen.model.documents import AttributeDef
from stemmen.store import values as V
from stemmen.store.schema import (
    attributes,
    case_values,
    cases,
    document_values,
    documents,
    participants,
)

VALUE_TABLES = {"case": (case_values, case_values.c.case_id),
                "document": (document_values, document_values.c.document_id)}


def case_id(conn: Connection, name: str) -> int:
    found = conn.execute(select(cases.c.id).where(cases.c.name == name)).scalar()
    if found is None:
        raise NotFound("There is no case {name!r}.", name=name)
    return found


def check_case_name_free(conn: Connection, name: str, except_id: int | None = None) -> None:
    """Refuse a case name already used, ignoring letter case (``OCMW Gent`` = ``ocmw gent``)."""
    query = select(cases.c.id, cases.c.name).where(func.lower(cases.c.name) == name.lower())
    for found_id, found_name in conn.execute(query):
        if found_id != except_id:
            raise AlreadyExists("A case {name!r} already exists.", name=found_name)


def rename_case(conn: Connection, name: str, new_name: str) -> None:
    found = case_id(conn, name)
    check_case_name_free(conn, new_name, found)
    conn.execute(update(cases).where(cases.c.id == found).values(name=new_name))


def describe_case(conn: Connection, name: str, description: str) -> None:
    conn.execute(update(cases).where(cases.c.id == case_id(conn, name))
                 .values(description=description))


def delete_case(conn: Connection, name: str) -> int:
    """Delete a case; its documents and participants stay, in no case. Returns the documents
    it held."""
    found = case_id(conn, name)
    moved = conn.execute(update(documents).where(documents.c.case_id == found)
                         .values(case_id=None)).rowcount
    conn.execute(update(participants).where(participants.c.case_id == found).values(case_id=None))
    conn.execute(delete(case_values).where(case_values.c.case_id == found))
    conn.execute(delete(cases).where(cases.c.id == found))
    return moved


def case_description(conn: Connection, case: int) -> str:
    return conn.execute(select(cases.c.description).where(cases.c.id == case)).scalar() or ""


def attribute_row(conn: Connection, name: str, applies_to: str) -> tuple[int, AttributeDef]:
    row = conn.execute(select(attributes).where(attributes.c.name == name,
                                                attributes.c.applies_to == applies_to)).first()
    if row is None:
        raise NotFound("There is no {kind} attribute {name!r}.", kind=applies_to, name=name)
    return row.id, V.attribute_from_row(row)


def check_attribute_name_free(conn: Connection, name: str, applies_to: str) -> None:
    query = select(attributes.c.name).where(attributes.c.applies_to == applies_to,
                                            func.lower(attributes.c.name) == name.lower())
    found = conn.execute(query).scalar()
    if found is not None:
        raise AlreadyExists("A {kind} attribute {name!r} already exists.", kind=applies_to,
                            name=found)


def write_attribute(conn: Connection, attr_id: int, attr: AttributeDef) -> None:
    """Store a definition's name, type, choices and description over an existing row."""
    conn.execute(update(attributes).where(attributes.c.id == attr_id).values(
        name=attr.name, type=attr.type.value, choices=V.choices_json(attr),
        description=attr.description))


def delete_attribute(conn: Connection, attr_id: int) -> None:
    for table, _ in VALUE_TABLES.values():
        conn.execute(delete(table).where(table.c.attribute_id == attr_id))
    conn.execute(delete(attributes).where(attributes.c.id == attr_id))


def raw_values(conn: Connection, owner: str, attr_id: int) -> dict[int, str | None]:
    """Every stored value (as text) of one case or document attribute, by owner id."""
    table, key = VALUE_TABLES[owner]
    query = select(key, table.c.value).where(table.c.attribute_id == attr_id)
    return dict(conn.execute(query).all())


def rewrite_values(conn: Connection, owner: str, attr_id: int,
                   new: dict[int, Any]) -> None:
    """Store typed values again (after a retype) for the owners given."""
    table, key = VALUE_TABLES[owner]
    for owner_id, value in new.items():
        conn.execute(update(table).where(key == owner_id, table.c.attribute_id == attr_id)
                     .values(value=V.encode(value)))


def owner_attributes(conn: Connection, owner: str, owner_id: int) -> dict[str, Any]:
    """The typed attribute values of one case or document."""
    table, key = VALUE_TABLES[owner]
    query = (select(attributes, table.c.value)
             .join(table, table.c.attribute_id == attributes.c.id).where(key == owner_id))
    return {row.name: V.decode(V.attribute_from_row(row), row.value)
            for row in conn.execute(query)}


def document_case(conn: Connection, doc_id: int) -> str | None:
    query = (select(cases.c.name).select_from(documents)
             .join(cases, cases.c.id == documents.c.case_id).where(documents.c.id == doc_id))
    return conn.execute(query).scalar()


def find_case(conn: Connection, name: str) -> int | None:
    return conn.execute(select(cases.c.id).where(cases.c.name == name)).scalar()


def case_name(conn: Connection, case: int | None) -> str | None:
    if case is None:
        return None
    return conn.execute(select(cases.c.name).where(cases.c.id == case)).scalar()


def owner_names(conn: Connection, owner: str) -> dict[int, str]:
    """Id → name of every case, document or participant (pseudonym)."""
    table = {"case": cases, "document": documents, "participant": participants}[owner]
    name = table.c.pseudonym if owner == "participant" else table.c.name
    return dict(conn.execute(select(table.c.id, name)).all())
