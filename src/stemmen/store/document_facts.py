"""A few facts about some documents, without their texts or every attribute: name, case,
GUID and the values of named attributes (what retrieval shows with each segment)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, bindparam, select

from stemmen.store import values as V
from stemmen.store.prepared import Prepared, bind_padded
from stemmen.store.schema import attributes, cases, document_values, documents

MAX_LISTED = 512  # more documents than this: every document is read and the rest dropped
_STATEMENTS: dict[tuple[int, int], Prepared] = {}


class DocumentFacts(NamedTuple):
    name: str
    case: str | None
    guid: str
    values: dict[str, Any]  # {attribute name: typed value}, only the attributes asked for


def document_facts(conn: Connection, ids: list[int], names: tuple[str, ...]
                   ) -> dict[int, DocumentFacts]:
    """``{document id: facts}`` for the documents ``ids``, with the values of only the
    attributes called one of ``names`` (those that have a value)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    params: dict[str, Any] = {}
    n_ids = bind_padded(params, "id", wanted) if len(wanted) <= MAX_LISTED else 0
    n_names = bind_padded(params, "name", list(names))
    statement = _STATEMENTS.get((n_ids, n_names))
    if statement is None:
        statement = _STATEMENTS[n_ids, n_names] = Prepared(_statement(n_ids, n_names))
    keep = set(wanted)
    found: dict[int, DocumentFacts] = {}
    defs: dict[int, Any] = {}
    for (doc_id, doc_name, case, guid, attr_id, name, kind, choices, applies_to,
         text) in statement.all(conn, params):
        if doc_id not in keep:
            continue
        facts = found.get(doc_id)
        if facts is None:
            facts = found[doc_id] = DocumentFacts(doc_name, case, guid, {})
        if attr_id is None or text is None:
            continue
        attr = defs.get(attr_id)
        if attr is None:
            attr = defs[attr_id] = V.attribute_from_row(SimpleNamespace(
                name=name, type=kind, choices=choices, applies_to=applies_to, description=""))
        facts.values[name] = V.decode(attr, text)
    return found



def _statement(n_ids: int, n_names: int) -> Any:
    named = select(attributes.c.id).where(
        attributes.c.name.in_([bindparam(f"name{k}") for k in range(n_names)])
        if n_names else attributes.c.id.is_(None))
    query = (
        select(documents.c.id, documents.c.name, cases.c.name, documents.c.guid,
               attributes.c.id, attributes.c.name, attributes.c.type, attributes.c.choices,
               attributes.c.applies_to, document_values.c.value)
        .select_from(documents)
        .outerjoin(cases, cases.c.id == documents.c.case_id)
        .outerjoin(document_values, and_(document_values.c.document_id == documents.c.id,
                                         document_values.c.attribute_id.in_(named)))
        .outerjoin(attributes, attributes.c.id == document_values.c.attribute_id)
    )
    if n_ids:
        query = query.where(documents.c.id.in_([bindparam(f"id{k}") for k in range(n_ids)]))
    return query
