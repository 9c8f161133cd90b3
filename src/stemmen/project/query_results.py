"""Typed results of the queries that a face shows as tables, and the tables themselves.

:class:`QueryResult` is what :meth:`stemmen.project.queries.Queries.run` returns: the kind and
parameters asked, the typed value (a ``CrossTab``, :class:`ProgressRow` list, ...), the row
groups of a code matrix, and the :class:`~stemmen.formats.tables.Table` list that the CLI
prints, the web page shows and both download as CSV or XLSX (the same rows everywhere).
Headers are English; faces translate them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from stemmen.formats.tables import Table, csv_bytes, xlsx_bytes
from stemmen.stats import crosstabs as ct
from stemmen.stats.crosstabs import Check, CrossTab

__all__ = ["Evolution", "InterviewRow", "Profiles", "ProgressRow", "QueryResult", "RowGroup",
           "SearchHit", "Table", "Waves", "csv_bytes", "xlsx_bytes"]
# Table and its writers are here too: the faces use the project only, not formats.


@dataclass(frozen=True)
class RowGroup:
    """Consecutive rows of a code matrix under one category (None: codes without one)."""

    name: str | None
    rows: list[int]


@dataclass(frozen=True)
class ProgressRow:
    """How much of one document one coder has coded: paragraphs touched of all paragraphs."""

    document: str
    case: str | None
    coder: str | None  # None: the document has no coding yet
    coded: int
    paragraphs: int

    @property
    def share(self) -> float:
        return round(self.coded / self.paragraphs, 4) if self.paragraphs else 0.0


@dataclass(frozen=True)
class SearchHit:
    """A match of the text searched for, with its paragraph and the words around it."""

    document: str
    case: str | None
    paragraph: int
    start: int
    end: int
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class QueryResult:
    """One run of a query: what was asked, the typed answer and its tables."""

    kind: str
    params: dict[str, Any]
    value: Any
    tables: list[Table]
    groups: list[RowGroup] = field(default_factory=list)

    @property
    def matrix(self) -> CrossTab | None:
        """The matrix of a matrix or co-occurrence query (None for the other kinds)."""
        return self.value if isinstance(self.value, CrossTab) else None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "params": self.params,
                "tables": [t.as_dict() for t in self.tables],
                "groups": [{"name": g.name, "rows": g.rows} for g in self.groups]}


@dataclass(frozen=True)
class Evolution:
    """A participant interviewed in two waves: codes that appeared, disappeared or stayed."""

    participant: str
    case: str | None
    first: str
    last: str
    appeared: list[str]
    disappeared: list[str]
    kept: list[str]


@dataclass(frozen=True)
class Waves:
    """The matrix per wave, and the evolution of people interviewed in more than one wave."""

    attribute: str
    matrices: dict[str, ct.CrossTab]
    people: list[Evolution]


@dataclass(frozen=True)
class Profiles:
    """Profile tables of participants and their counts and mean ages by gender."""

    tables: list[ct.Profile]
    ages: list[ct.AgeGroup]
    covered: int
    total: int


@dataclass(frozen=True)
class InterviewRow:
    """One line of the interview overview (annex 1): type, who, where, when."""

    document: str
    type: str | None
    role: str | None
    participants: int | None
    case: str | None
    date: dt.date | None
    wave: Any


def matrix_table(m: CrossTab, row_header: str, name: str = "matrix", title: str = "",
                 categories: dict[str, str | None] | None = None,
                 order: list[int] | None = None) -> Table:
    """A matrix with a total column and a total row; a code matrix starts with the category."""
    order = list(range(len(m.rows))) if order is None else order
    lead = ["category"] if categories is not None else []
    rows = []
    for i in order:
        first = [categories.get(m.rows[i]) or ""] if categories is not None else []
        rows.append([*first, m.rows[i], *m.cells[i], m.row_totals[i]])
    rows.append([*([""] if lead else []), "total", *m.column_totals, m.total])
    return Table(name, title, [*lead, row_header, *m.columns, "total"], rows)


def cooccurrence_table(m: CrossTab) -> Table:
    return Table("cooccurrence", "", ["code", *m.columns],
                 [[r, *row] for r, row in zip(m.rows, m.cells, strict=True)])


def progress_table(rows: list[ProgressRow]) -> Table:
    return Table("progress", "", ["document", "case", "coder", "coded paragraphs",
                                  "paragraphs", "share"],
                 [[r.document, r.case, r.coder, r.coded, r.paragraphs, r.share] for r in rows])


def sampling_table(checks: list[Check]) -> Table:
    return Table("sampling", "", ["criterion", "scope", "observed", "required", "result"],
                 [[c.criterion, c.scope or "overall", c.observed, c.required,
                   "pass" if c.passed else "fail"] for c in checks])


def profile_tables(result: Any) -> list[Table]:
    ages = Table("ages", "participants by gender",
                 ["gender", "participants", "with age", "mean age"],
                 [[a.group, a.people, a.with_age, a.mean_age] for a in result.ages])
    values = Table("profiles", "profile tables",
                   ["table", "value", "participants", "covered", "of"],
                   [[t.key, v, n, t.covered, t.total] for t in result.tables for v, n in t.rows])
    return [ages, values]


def interview_table(rows: list[Any]) -> Table:
    return Table("interviews", "", ["document", "type", "role", "participants", "case", "date",
                                    "wave"],
                 [[r.document, r.type, r.role, r.participants, r.case, r.date, r.wave]
                  for r in rows])


def codebook_table(groups: list[tuple[str, list[Any]]]) -> Table:
    return Table("codebook", "", ["category", "code", "definition"],
                 [[category, c.name, c.definition] for category, codes in groups for c in codes])


def search_table(hits: list[SearchHit]) -> Table:
    return Table("search", "", ["document", "case", "paragraph", "before", "match", "after"],
                 [[h.document, h.case, h.paragraph, h.before, h.match, h.after] for h in hits])


def evolution_table(people: list[Any]) -> Table:
    return Table("people", "people seen in several waves",
                 ["participant", "case", "from", "to", "appeared", "disappeared", "kept"],
                 [[e.participant, e.case, e.first, e.last, ", ".join(e.appeared),
                   ", ".join(e.disappeared), ", ".join(e.kept)] for e in people])


def plain(value: Any) -> Any:
    """Parameters as JSON keeps them: dates as ISO text, tuples as lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value
