"""The read side of analysis: distinct coded spans, code frequencies, evidence of findings,
:class:`Facts` (everything a query needs, read in one connection) and :class:`Tally` (what a
matrix counts, counted in SQL).

A *segment* here is a distinct coded span: (code, document, start, end). Two coders who coded
the same span with the same code give one segment, so double coding does not double counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, func, or_, select

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


# What a blind round hides from the reader of an analysis (set by the project around a read,
# see project.rounds.blinded): (documents of their open rounds, their own coder id).
BLIND: ContextVar[tuple[tuple[int, ...], int] | None] = ContextVar("blind", default=None)


def _blind_filters() -> list[Any]:
    """WHERE clauses that leave out the codings a blind round hides (none outside one)."""
    blind = BLIND.get()
    if not blind or not blind[0]:
        return []
    docs, me = blind
    return [or_(codings.c.document_id.not_in(docs), codings.c.coder_id == me)]


def _distinct_spans(coders_: list[str] | None, documents_: list[str] | None):  # noqa: ANN202
    query = select(codings.c.code_id, codings.c.document_id, codings.c.start,
                   codings.c.end).where(*_blind_filters()).distinct()
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
COUNTS = ("segments", "words", "characters", "documents", "participants", "people")
"""What a matrix can count; see :mod:`stemmen.project.queries` for each unit."""


def label(value: Any) -> str:
    """A column label: dates in ISO form, whole numbers without ".0", None as "(none)"."""
    if value is None:
        return NONE
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_count(count: str) -> None:
    """Invalid unless ``count`` is one of :data:`COUNTS`."""
    if count not in COUNTS:
        raise Invalid("Count one of {counts}, not {count!r}.", counts=", ".join(COUNTS),
                      count=count)


@dataclass(frozen=True)
class Tally:
    """Distinct coded spans per (row, document) and per document: all a matrix counts.

    ``cells`` maps (row label, document name) to the distinct spans (document, start, end)
    coded there with a code of the row (1 when only presence was asked); ``documents`` maps
    a document to its distinct spans of any code. Rows are codes or categories.
    """

    cells: dict[tuple[str, str], int]
    documents: dict[str, int]


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
            return {d.name: by_case.get(d.case) if d.case else None for d in self.documents}
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

    def tally(self, rows: str, segments: bool = True) -> Tally:
        """:class:`Tally` of the spans held here (the same as :func:`read_tally`, in Python)."""
        row_of = {code: name for name, codes in self.row_codes(rows).items() for code in codes}
        keys = {(row_of[s.code], s.document, s.start, s.end) for s in self.spans
                if s.code in row_of}
        cells = Counter((row, doc) for row, doc, _, _ in keys)
        if not segments:
            return Tally(dict.fromkeys(cells, 1), {})
        spans = {(s.document, s.start, s.end) for s in self.spans}
        return Tally(dict(cells), dict(Counter(doc for doc, _, _ in spans)))

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
               cases_: list[str] | None = None, texts: bool = False,
               spans: bool = True) -> Facts:
    """The facts of a project, optionally only some coders and cases (and document texts);
    ``spans=False`` leaves the coded spans out (a matrix counts them with :func:`read_tally`)."""
    docs = [d for d in dc.list_documents(conn) if not cases_ or d.case in cases_]
    names = [d.name for d in docs]
    facts = Facts(
        documents=docs, cases=[c for c in dc.list_cases(conn) if not cases_ or c.name in cases_],
        codes=cb.list_codes(conn), categories=cb.list_categories(conn),
        attributes=dc.attribute_defs(conn),
        spans=coded_spans(conn, coders_, names if cases_ else None) if spans else [],
        participants=[p for p in dc.list_participants(conn) if not cases_ or p.case in cases_],
    )
    if texts:
        ids = {d.id: d.name for d in docs if d.id is not None}  # read from the store: all
        facts.texts = {ids[i]: text for i, text in dc.document_texts(conn, list(ids)).items()}
    return facts


def _span_filters(coders_: list[str] | None, cases_: list[str] | None) -> list[Any]:
    """WHERE clauses on codings: some coders, documents of some cases (as sub-selects)."""
    where = _blind_filters()
    if coders_:
        where.append(codings.c.coder_id.in_(
            select(coders.c.id).where(coders.c.name.in_(coders_))))
    if cases_:
        where.append(codings.c.document_id.in_(
            select(documents.c.id).join(cases, cases.c.id == documents.c.case_id)
            .where(cases.c.name.in_(cases_))))
    return where


def read_tally(conn: Connection, facts: Facts, rows: str = "code",
               coders_: list[str] | None = None, cases_: list[str] | None = None,
               segments: bool = True) -> Tally:
    """:class:`Tally` of the documents of ``facts``, counted in SQL (distinct spans grouped by
    row and document); ``segments=False`` only says which rows are present where."""
    facts.row_codes(rows)  # Invalid for anything but code or category
    where = _span_filters(coders_, cases_)
    key: ColumnElement[Any]
    source: FromClause
    if rows == "code":
        key, source = codings.c.code_id, codings
        row_name = {c.id: c.name for c in facts.codes}
    else:  # a category's name, "(none)" for codes without one: as Facts.row_codes labels them
        key = func.coalesce(categories.c.name, NONE)
        source = codings.join(codes, codes.c.id == codings.c.code_id).outerjoin(
            categories, categories.c.id == codes.c.category_id)
        row_name = None
    doc_name = {d.id: d.name for d in facts.documents}
    if segments:
        spans = (select(key.label("row"), codings.c.document_id, codings.c.start, codings.c.end)
                 .select_from(source).where(*where).distinct().subquery())
        query = (select(spans.c.row, spans.c.document_id, func.count())
                 .group_by(spans.c.row, spans.c.document_id))
    else:
        query = select(key, codings.c.document_id, func.count()).select_from(source).where(
            *where).group_by(key, codings.c.document_id)
    cells = {}
    for row, doc, n in conn.execute(query):
        name = doc_name.get(doc)
        if name is not None:
            cells[(row_name[row] if row_name else row, name)] = n if segments else 1
    if not segments:
        return Tally(cells, {})
    spans = (select(codings.c.document_id, codings.c.start, codings.c.end)
             .where(*where).distinct().subquery())
    query = select(spans.c.document_id, func.count()).group_by(spans.c.document_id)
    totals = {doc_name[doc]: n for doc, n in conn.execute(query) if doc in doc_name}
    return Tally(cells, totals)


def coding_spans(conn: Connection, facts: Facts, coders_: list[str] | None = None,
                 cases_: list[str] | None = None) -> list[tuple[str, str, int, int]]:
    """(code, document, start, end) of every coding of the documents of ``facts`` (not made
    distinct: for measures that take the union of spans, such as coded words)."""
    code_name = {c.id: c.name for c in facts.codes}
    doc_name = {d.id: d.name for d in facts.documents}
    query = select(codings.c.code_id, codings.c.document_id, codings.c.start,
                   codings.c.end).where(*_span_filters(coders_, cases_))
    return [(code_name[c], doc_name[d], start, end) for c, d, start, end in conn.execute(query)
            if d in doc_name and c in code_name]
