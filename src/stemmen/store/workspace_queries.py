"""Light read queries for the web workspace: coding spans without full model objects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from stemmen.store.schema import coders, codes, codings, documents


def document_codings(conn: Connection, document_id: int,
                     coders_: list[str] | None = None) -> list[Any]:
    """Codings of one document as rows (id, code, coder, start, end, created_at), by start."""
    query = (
        select(codings.c.id, codes.c.name.label("code"), coders.c.name.label("coder"),
               codings.c.start, codings.c.end, codings.c.created_at)
        .join(codes, codes.c.id == codings.c.code_id)
        .join(coders, coders.c.id == codings.c.coder_id)
        .where(codings.c.document_id == document_id)
    )
    if coders_:
        query = query.where(coders.c.name.in_(coders_))
    return list(conn.execute(query.order_by(codings.c.start, codings.c.end, codings.c.id)))


def coder_counts(conn: Connection, document_id: int) -> dict[str, int]:
    """Number of codings per coder in one document."""
    query = (
        select(coders.c.name, func.count(codings.c.id))
        .join(coders, coders.c.id == codings.c.coder_id)
        .where(codings.c.document_id == document_id)
        .group_by(coders.c.name)
        .order_by(coders.c.name)
    )
    return {name: n for name, n in conn.execute(query)}


def coding_spans(conn: Connection) -> list[tuple[int, str, int, int]]:
    """(document id, coder, start, end) of every coding, by document and start."""
    query = (
        select(codings.c.document_id, coders.c.name, codings.c.start, codings.c.end)
        .join(coders, coders.c.id == codings.c.coder_id)
        .order_by(codings.c.document_id, codings.c.start)
    )
    return [tuple(row) for row in conn.execute(query)]


def document_ids(conn: Connection) -> dict[str, int]:
    """Document name → id."""
    return {r.name: r.id for r in conn.execute(select(documents.c.name, documents.c.id))}
