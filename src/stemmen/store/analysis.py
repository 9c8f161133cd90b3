"""The read side of analysis: distinct coded spans, code frequencies, evidence of findings.

A *segment* here is a distinct coded span: (code, document, start, end). Two coders who coded
the same span with the same code give one segment, so double coding does not double counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from stemmen.store.schema import categories, coders, codes, codings, documents
from stemmen.store.schema_findings import finding_evidence


@dataclass(frozen=True)
class Span:
    """One distinct coded span."""

    code: str
    category: str | None
    document: str
    start: int
    end: int


@dataclass(frozen=True)
class EvidenceRow:
    """One coding that backs a finding."""

    finding_id: int
    coding_id: int
    document: str
    code: str
    coder: str
    start: int
    end: int


def _distinct_spans(coders_: list[str] | None, documents_: list[str] | None):  # noqa: ANN202
    query = select(codings.c.code_id, codings.c.document_id, codings.c.start,
                   codings.c.end).distinct()
    if coders_:
        query = query.join(coders, coders.c.id == codings.c.coder_id).where(
            coders.c.name.in_(coders_))
    if documents_ is not None:
        query = query.join(documents, documents.c.id == codings.c.document_id).where(
            documents.c.name.in_(documents_))
    return query.subquery("spans")


def coded_spans(conn: Connection, coders_: list[str] | None = None,
                documents_: list[str] | None = None) -> list[Span]:
    """Distinct coded spans, ordered by document, position and code."""
    spans = _distinct_spans(coders_, documents_)
    query = (
        select(codes.c.name, categories.c.name, documents.c.name, spans.c.start, spans.c.end)
        .select_from(spans)
        .join(codes, codes.c.id == spans.c.code_id)
        .outerjoin(categories, categories.c.id == codes.c.category_id)
        .join(documents, documents.c.id == spans.c.document_id)
        .order_by(documents.c.name, spans.c.start, spans.c.end, codes.c.name)
    )
    return [Span(*row) for row in conn.execute(query)]


def code_frequencies(conn: Connection, coders_: list[str] | None = None,
                     documents_: list[str] | None = None) -> dict[str, tuple[int, int]]:
    """Code → (segments, documents), counted in SQL over distinct spans; uncoded codes absent."""
    spans = _distinct_spans(coders_, documents_)
    query = (
        select(codes.c.name, func.count(), func.count(spans.c.document_id.distinct()))
        .select_from(spans)
        .join(codes, codes.c.id == spans.c.code_id)
        .group_by(codes.c.name)
    )
    return {name: (segments, docs) for name, segments, docs in conn.execute(query)}


def evidence(conn: Connection, finding_ids: Iterable[int] | None = None) -> list[EvidenceRow]:
    """The codings linked to findings, by finding, document and position."""
    query = (
        select(finding_evidence.c.finding_id, codings.c.id, documents.c.name, codes.c.name,
               coders.c.name, codings.c.start, codings.c.end)
        .join(codings, codings.c.id == finding_evidence.c.coding_id)
        .join(documents, documents.c.id == codings.c.document_id)
        .join(codes, codes.c.id == codings.c.code_id)
        .join(coders, coders.c.id == codings.c.coder_id)
        .order_by(finding_evidence.c.finding_id, documents.c.name, codings.c.start,
                  codings.c.end, codings.c.id)
    )
    if finding_ids is not None:
        query = query.where(finding_evidence.c.finding_id.in_(list(finding_ids)))
    return [EvidenceRow(*row) for row in conn.execute(query)]


def codings_for(conn: Connection, codes_: list[str], documents_: list[str] | None = None,
                coders_: list[str] | None = None) -> list[int]:
    """Ids of the codings of some codes, optionally in some documents and by some coders."""
    query = (
        select(codings.c.id)
        .join(codes, codes.c.id == codings.c.code_id)
        .join(documents, documents.c.id == codings.c.document_id)
        .where(codes.c.name.in_(codes_))
        .order_by(codings.c.id)
    )
    if documents_ is not None:
        query = query.where(documents.c.name.in_(documents_))
    if coders_:
        query = query.join(coders, coders.c.id == codings.c.coder_id).where(
            coders.c.name.in_(coders_))
    return list(conn.execute(query).scalars())
