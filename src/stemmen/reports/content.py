"""ReportData: everything a report says, as plain data (built by ``stemmen.project.reporting``).

Nothing here is translated yet: labels come in :mod:`stemmen.reports.outline`, which turns a
ReportData into blocks in one language. The data (codes, quotes, names) stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class QuoteItem:
    """A quote shown in a report, attributed "(Hulpverlener, OCMW Antwerpen)"."""

    text: str
    attribution: str
    code: str
    document: str
    chosen: bool = True


@dataclass(frozen=True)
class FindingItem:
    """A finding with its evidence strength and quotes."""

    statement: str
    kind: str
    level: str
    case: str | None
    description: str
    segments: int
    interviews: int
    roles: list[str]
    cases: list[str]
    waves: list[str]
    flags: list[str]
    quotes: list[QuoteItem] = field(default_factory=list)


@dataclass(frozen=True)
class CategorySection:
    """The findings and quotes of one code category."""

    category: str
    findings: list[FindingItem] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)


@dataclass(frozen=True)
class MatrixData:
    """A rows x columns table of counts, with totals."""

    rows: list[str]
    columns: list[str]
    cells: list[list[int]]
    row_totals: list[int]
    column_totals: list[int]
    count: str


@dataclass(frozen=True)
class ProfileTable:
    """Values of one participant characteristic with counts; covers ``covered`` of ``total``."""

    key: str
    rows: list[tuple[Any, int]]
    covered: int
    total: int


@dataclass(frozen=True)
class AgeRow:
    """Participants of one gender and their mean age (over ``with_age`` known ages)."""

    group: str
    people: int
    with_age: int
    mean_age: float | None


@dataclass(frozen=True)
class InterviewItem:
    """One line of annex 1."""

    document: str
    type: str
    who: str
    case: str
    date: str
    wave: str


@dataclass(frozen=True)
class CodeItem:
    """One code of the codebook with its frequencies in the report's scope."""

    category: str
    code: str
    definition: str
    segments: int
    documents: int


@dataclass(frozen=True)
class ReliabilityFigure:
    """An inter-coder reliability figure, when one was computed (e.g. Cohen's kappa 0.80)."""

    coefficient: str
    value: float
    coders: list[str]
    units: int
    disagreements: int | None = None


@dataclass(frozen=True)
class ReportData:
    """A report on one case (``case``) or across cases (``case`` None)."""

    title: str
    lang: str
    case: str | None
    cases: list[str]
    documents: int
    participants: int
    coders: list[str]
    first_date: str | None
    last_date: str | None
    waves: list[str]
    interview_types: list[tuple[str, int]]
    categories: list[str]
    codes: list[CodeItem]
    profiles: list[ProfileTable]
    ages: list[AgeRow]
    ages_covered: int
    ages_total: int
    matrix: MatrixData
    sections: list[CategorySection]
    interviews: list[InterviewItem]
    reliability: ReliabilityFigure | None = None


@dataclass(frozen=True)
class CaseReports:
    """Several case reports in one document: one part per case, then the codebook once."""

    title: str
    lang: str
    parts: list[ReportData]
