"""The blocks a report is made of, already in one language; every renderer draws these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stemmen.reports.charts import Chart


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class TableBlock:
    """A numbered table: ``key`` names it (xlsx sheet), ``note`` says what it covers."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    note: str = ""


@dataclass(frozen=True)
class FigureBlock:
    chart: Chart
    caption: str


@dataclass(frozen=True)
class QuoteBlock:
    """A quote; ``note`` numbers its original in the "Original quotes" annex (translations)."""

    text: str
    attribution: str
    note: str = ""


@dataclass(frozen=True)
class TitlePage:
    """The first page: title, subtitle and lines (authors, commissioning body, date)."""

    title: str
    subtitle: str
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Contents:
    """A table of contents: (level, "2.1 OCMW Gent") in reading order."""

    title: str
    entries: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class FindingBlock:
    """A finding: statement, what kind, how strong, warnings and quotes."""

    statement: str
    meta: str
    strength: str
    flags: list[str] = field(default_factory=list)
    description: str = ""
    quotes: list[QuoteBlock] = field(default_factory=list)


Block = (Heading | Paragraph | Bullets | TableBlock | FigureBlock | QuoteBlock | FindingBlock
         | TitlePage | Contents)
