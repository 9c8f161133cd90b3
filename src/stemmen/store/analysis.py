"""The read side of analysis: distinct coded spans, code frequencies, evidence of findings,
and :class:`Facts`, everything a matrix needs, read in one connection.

A *segment* here is a distinct coded span: (code, document, start, end). Two coders who coded
the same span with the same code give one segment, so double coding does not double counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from stemmen.errors import Invalid
from stemmen.model.codes import Category, Code
from stemmen.model.documents import AttributeDef, Case, Document, Participant
from stemmen.model.text import paragraphs, units_touching
from stemmen.store import codebook as cb
from stemmen.store import documents as dc
from stemmen.store.schema import cases, categories, coders, codes, codings, documents
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


def codings_for(conn: Connection, codes_: list[str], cases_: list[str] | None = None,
                coders_: list[str] | None = None) -> list[int]:
    """Ids of the codings of some codes, optionally in some cases and by some coders."""
    query = (
        select(codings.c.id)
        .join(codes, codes.c.id == codings.c.code_id)
        .join(documents, documents.c.id == codings.c.document_id)
        .where(codes.c.name.in_(codes_))
        .order_by(codings.c.id)
    )
    if cases_ is not None:
        query = query.join(cases, cases.c.id == documents.c.case_id).where(
            cases.c.name.in_(cases_))
    if coders_:
        query = query.join(coders, coders.c.id == codings.c.coder_id).where(
            coders.c.name.in_(coders_))
    return list(conn.execute(query).scalars())


def coding_documents(conn: Connection, coding_ids: Iterable[int]) -> list[str]:
    """The names of the documents that hold some codings, sorted."""
    query = (
        select(documents.c.name).distinct()
        .join(codings, codings.c.document_id == documents.c.id)
        .where(codings.c.id.in_(sorted(set(coding_ids))))
        .order_by(documents.c.name)
    )
    return list(conn.execute(query).scalars())


NONE = "(none)"
COUNTS = ("segments", "documents", "participants")


def label(value: Any) -> str:
    """A column label: dates in ISO form, whole numbers without ".0", None as "(none)"."""
    if value is None:
        return NONE
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Facts:
    """Everything a query needs, read in one go: documents, cases, codebook, spans, people."""

    documents: list[Document]
    cases: list[Case]
    codes: list[Code]
    categories: list[Category]
    attributes: list[AttributeDef]
    spans: list[Span]
    participants: list[Participant]
    texts: dict[str, str] = field(default_factory=dict)

    def column_docs(self, spec: str) -> dict[str, set[str]]:
        """Column label → documents, for "case", "document" or an attribute name."""
        values = self._values(spec)
        order = self._order(spec, values)
        columns: dict[str, set[str]] = {label(v): set() for v in order}
        for doc, value in values.items():
            columns.setdefault(label(value), set()).add(doc)
        if NONE in columns and not columns[NONE]:
            del columns[NONE]
        return columns

    def _values(self, spec: str) -> dict[str, Any]:
        if spec == "case":
            return {d.name: d.case for d in self.documents}
        if spec == "document":
            return {d.name: d.name for d in self.documents}
        kinds = {a.applies_to for a in self.attributes if a.name == spec}
        if "document" in kinds:
            return {d.name: d.attributes.get(spec) for d in self.documents}
        if "case" in kinds:
            by_case = {c.name: c.attributes.get(spec) for c in self.cases}
            return {d.name: by_case.get(d.case) for d in self.documents}
        names = sorted({a.name for a in self.attributes})
        raise Invalid("Unknown column {spec!r}: use case, document or an attribute ({names}).",
                      spec=spec, names=", ".join(names) or "-")

    def _order(self, spec: str, values: dict[str, Any]) -> list[Any]:
        if spec == "case":
            return [c.name for c in self.cases] + [NONE]
        choices = [c for a in self.attributes if a.name == spec for c in a.choices]
        present = {v for v in values.values() if v is not None}
        rest = sorted(present - set(choices), key=lambda v: (type(v).__name__, v))
        return list(dict.fromkeys([*choices, *rest, NONE]))

    def row_codes(self, spec: str) -> dict[str, set[str]]:
        """Row label → codes, for "code" or "category", in codebook order."""
        if spec == "code":
            return {c.name: {c.name} for c in self.codes}
        if spec != "category":
            raise Invalid("Rows are 'code' or 'category', not {spec!r}.", spec=spec)
        rows: dict[str, set[str]] = {c.name: set() for c in self.categories}
        for code in self.codes:
            rows.setdefault(code.category or NONE, set()).add(code.name)
        return rows

    def units(self, count: str, codes: set[str] | None, docs: set[str]) -> set[Any]:
        """Units of ``count`` in ``docs``: all of them (codes None) or those with a code."""
        if count not in COUNTS:
            raise Invalid("Count 'segments', 'documents' or 'participants', not {count!r}.",
                          count=count)
        spans = [s for s in self.spans if s.document in docs and (codes is None or s.code in codes)]
        if count == "segments":
            return {(s.document, s.start, s.end) for s in spans}
        found = docs if codes is None else {s.document for s in spans}
        if count == "documents":
            return set(found)
        return {p.pseudonym for p in self.participants if found.intersection(p.documents)}

    def paragraph_codes(self) -> list[set[str]]:
        """The codes on each paragraph of each document (paragraph co-occurrence units)."""
        by_doc: dict[str, list[Span]] = {}
        for span in self.spans:
            by_doc.setdefault(span.document, []).append(span)
        found = []
        for doc, spans in by_doc.items():
            units = paragraphs(self.texts[doc])
            present: dict[int, set[str]] = {}
            for s in spans:
                for unit in units_touching(units, s.start, s.end):
                    present.setdefault(unit.index, set()).add(s.code)
            found += [present[i] for i in sorted(present)]
        return found


def read_facts(conn: Connection, coders_: list[str] | None = None,
               cases_: list[str] | None = None, texts: bool = False) -> Facts:
    """The facts of a project, optionally only some coders and cases (and document texts)."""
    docs = [d for d in dc.list_documents(conn) if not cases_ or d.case in cases_]
    names = [d.name for d in docs]
    facts = Facts(
        documents=docs, cases=[c for c in dc.list_cases(conn) if not cases_ or c.name in cases_],
        codes=cb.list_codes(conn), categories=cb.list_categories(conn),
        attributes=dc.attribute_defs(conn),
        spans=coded_spans(conn, coders_, names if cases_ else None),
        participants=[p for p in dc.list_participants(conn) if not cases_ or p.case in cases_],
    )
    if texts:
        ids = {d.id: d.name for d in docs}
        facts.texts = {ids[i]: text for i, text in dc.document_texts(conn, list(ids)).items()}
    return facts
