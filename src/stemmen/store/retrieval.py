"""The read side: coded segments by code, case, attribute and coder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, exists, select

from stemmen.store import values as V
from stemmen.store.documents import _attribute
from stemmen.store.schema import cases, coders, codes, codings, document_values, documents


@dataclass(frozen=True)
class SegmentRow:
    """One coding as retrieval returns it, before text and context are cut out."""

    coding_id: int
    document_id: int
    document: str
    case: str | None
    code: str
    coder: str
    start: int
    end: int


def segments(
    conn: Connection,
    codes_: list[str] | None = None,
    cases_: list[str] | None = None,
    coders_: list[str] | None = None,
    documents_: list[str] | None = None,
    attributes: dict[str, Any] | None = None,
) -> list[SegmentRow]:
    """Codings matching every filter given, ordered by document and position."""
    query = (
        select(
            codings.c.id, codings.c.document_id, documents.c.name.label("document"),
            cases.c.name.label("case"), codes.c.name.label("code"),
            coders.c.name.label("coder"), codings.c.start, codings.c.end,
        )
        .join(documents, documents.c.id == codings.c.document_id)
        .join(codes, codes.c.id == codings.c.code_id)
        .join(coders, coders.c.id == codings.c.coder_id)
        .outerjoin(cases, cases.c.id == documents.c.case_id)
    )
    if codes_:
        query = query.where(codes.c.name.in_(codes_))
    if cases_:
        query = query.where(cases.c.name.in_(cases_))
    if coders_:
        query = query.where(coders.c.name.in_(coders_))
    if documents_:
        query = query.where(documents.c.name.in_(documents_))
    for name, raw in (attributes or {}).items():
        attr_id, attr = _attribute(conn, name, "document")
        wanted = raw if isinstance(raw, (list, tuple, set)) else [raw]
        encoded = [V.encode(attr.parse(v)) for v in wanted]
        query = query.where(
            exists().where(
                and_(
                    document_values.c.document_id == documents.c.id,
                    document_values.c.attribute_id == attr_id,
                    document_values.c.value.in_(encoded),
                )
            )
        )
    query = query.order_by(documents.c.name, codings.c.start, codings.c.end, codings.c.id)
    return [SegmentRow(*row) for row in conn.execute(query)]
