"""ReportData → blocks in one language: the order, headings, tables and wording of a report.

Labels and boilerplate go through :mod:`stemmen.i18n`; the data (codes, quotes, names) stay in
their own language. Numbers use a decimal comma in Dutch and French.
"""

from __future__ import annotations

from typing import Any

from stemmen.i18n import translate
from stemmen.i18n.moments import format_date
from stemmen.reports import charts
from stemmen.reports.blocks import (
    Block,
    Bullets,
    FigureBlock,
    FindingBlock,
    Heading,
    Paragraph,
    QuoteBlock,
    TableBlock,
)
from stemmen.reports.content import CaseReports, FindingItem, ReportData

PROFILE_TITLES = {
    "country_of_birth": "Country of birth",
    "diploma": "Highest diploma",
    "years_in_belgium": "Years in Belgium",
    "years_in_country": "Years in the country",
    "language": "Language",
    "region": "Region of origin",
    "status": "Status",
}
KIND_LABELS = {"result": "Result", "good_practice": "Good practice",
               "recommendation": "Recommendation"}
FLAG_LABELS = {"no evidence": "No evidence is linked to this finding.",
               "single interview": "This finding rests on a single interview.",
               "single role": "This finding rests on a single role."}
COUNT_LABELS = {"segments": "Segments", "documents": "Interviews", "participants": "Participants"}


class Writer:
    """Collects blocks, numbers tables and figures, and translates into one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.blocks: list[Block] = []
        self.tables = 0
        self.figures = 0
        self.depth = 0  # headings one level lower in a part of a several-case report
        self.prefix = ""  # figure keys of a part start with its case, so files do not clash

    def heading(self, level: int, text: str) -> None:
        self.add(Heading(level + self.depth, text))

    def t(self, message: str, **params: Any) -> str:
        return translate(message, self.lang, **params)

    def number(self, value: float | int | None, digits: int = 2) -> str:
        if value is None:
            return "-"
        text = f"{value:.{digits}f}" if isinstance(value, float) else str(value)
        return text.replace(".", ",") if self.lang in ("nl", "fr") else text

    def date(self, iso: str | None) -> str:
        if not iso:
            return "-"
        return format_date(iso, self.lang)  # 21/06/2021 (nl, fr), 21 June 2021 (en)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def table(self, key: str, title: str, headers: list[str], rows: list[list[Any]],
              note: str = "") -> None:
        self.tables += 1
        self.add(TableBlock(key, self.t("Table {n}: {title}", n=self.tables, title=title),
                            headers, rows, note))

    def figure(self, chart: charts.Chart) -> None:
        self.figures += 1
        if self.prefix:
            chart = charts.Chart(f"{self.prefix}-{chart.key}", chart.title, chart.width,
                                 chart.height, chart.shapes)
        self.add(FigureBlock(chart, self.t("Figure {n}: {title}", n=self.figures,
                                           title=chart.title)))


def outline(data: ReportData | CaseReports) -> list[Block]:
    """The whole report as blocks, in ``data.lang``."""
    if isinstance(data, CaseReports):
        return _outline_parts(data)
    w = Writer(data.lang)
    subtitle = (w.t("Report on {case}", case=data.case) if data.case
                else w.t("Cross-case report"))
    w.add(Heading(1, data.title), Paragraph(subtitle))
    for part in (*PARTS, _interview_annex, _codebook_annex):
        part(w, data)
    return w.blocks


def _outline_parts(data: CaseReports) -> list[Block]:
    """One part per case (each a case report, one heading level lower), then the codebook."""
    w = Writer(data.lang)
    w.add(Heading(1, data.title),
          Paragraph(w.t("Report on {case}", case=", ".join(p.case or "" for p in data.parts))))
    for i, part in enumerate(data.parts, start=1):
        w.add(Heading(2, part.case or ""))
        w.depth, w.prefix = 1, f"case{i}"
        for section in (*PARTS, _interview_annex):
            section(w, part)
        w.depth, w.prefix = 0, ""
    if data.parts:
        _codebook_annex(w, data.parts[0])
    return w.blocks


def interviews_line(w: Writer, data: ReportData) -> Paragraph:
    """How many interviews with how many people, in how many cases, from when to when."""
    return Paragraph(w.t(
        "{documents} interviews with {participants} participants in {cases} case(s), "
        "from {first} to {last}.", documents=data.documents, participants=data.participants,
        cases=len(data.cases), first=w.date(data.first_date), last=w.date(data.last_date)))


def design_bullets(w: Writer, data: ReportData, with_cases: bool = True) -> Bullets:
    """Interviews per type, the waves and (``with_cases``) the cases, one bullet each."""
    items = [f"{name}: {n}" for name, n in data.interview_types]
    if data.waves:
        items.append(w.t("Waves: {waves}", waves=", ".join(data.waves)))
    if with_cases:
        items.append(w.t("Cases: {cases}", cases=", ".join(data.cases) or "-"))
    return Bullets(items)


def codebook_line(w: Writer, data: ReportData) -> Paragraph:
    """The codebook's size and who coded."""
    return Paragraph(w.t("Codebook: {codes} codes in {categories} categories. Coded by "
                         "{coders}.", codes=len(data.codes), categories=len(data.categories),
                         coders=", ".join(data.coders) or "-"))


NO_RELIABILITY = "Inter-coder reliability has not been computed for this report."


def _method(w: Writer, data: ReportData) -> None:
    w.heading(2, w.t("Method"))
    w.add(interviews_line(w, data), design_bullets(w, data), codebook_line(w, data))
    r = data.reliability
    if r is None:
        w.add(Paragraph(w.t(NO_RELIABILITY)))
        return
    w.add(Paragraph(w.t(
        "Inter-coder reliability: {coefficient} {value} ({coders}, {units} units, "
        "{disagreements} disagreements).", coefficient=r.coefficient, value=w.number(r.value),
        coders=" / ".join(r.coders), units=r.units,
        disagreements="-" if r.disagreements is None else r.disagreements)))


def _covers(w: Writer, covered: int, total: int) -> str:
    return w.t("Covers {covered} of {total} participants.", covered=covered, total=total)


def _participants(w: Writer, data: ReportData) -> None:
    if not data.ages_total:
        return
    w.heading(2, w.t("Participants"))
    w.table("ages", w.t("Participants and mean age by gender"),
            [w.t("Gender"), w.t("Participants"), w.t("Mean age"), w.t("Known ages")],
            [[a.group, a.people, w.number(a.mean_age), a.with_age] for a in data.ages],
            _covers(w, data.ages_covered, data.ages_total))
    for p in data.profiles:
        title = w.t(PROFILE_TITLES[p.key]) if p.key in PROFILE_TITLES else p.key
        w.table(p.key, title, [title, w.t("Participants")],
                [[value, n] for value, n in p.rows], _covers(w, p.covered, p.total))


def _frequencies(w: Writer, data: ReportData) -> None:
    w.heading(2, w.t("Code frequencies"))
    used = sorted((c for c in data.codes if c.segments),
                  key=lambda c: (-c.segments, data.codes.index(c)))
    if used:
        w.figure(charts.bar_chart("code-frequencies", w.t("Code frequencies"),
                                  [c.code for c in used], [c.segments for c in used],
                                  w.t("Segments")))
    w.table("frequencies", w.t("Code frequencies"),
            [w.t("Category"), w.t("Code"), w.t("Segments"), w.t("Interviews")],
            [[c.category, c.code, c.segments, c.documents] for c in data.codes])


def _matrix(w: Writer, data: ReportData) -> None:
    m = data.matrix
    title = w.t("Codes by interview type") if data.case else w.t("Codes by case")
    w.heading(2, title)
    keep = [i for i, total in enumerate(m.row_totals) if total]
    rows = [m.rows[i] for i in keep]
    cells = [m.cells[i] for i in keep]
    if rows:
        w.figure(charts.heatmap("code-matrix", title, rows, m.columns, cells))
    count = w.t(COUNT_LABELS.get(m.count, m.count))
    w.table("matrix", f"{title} ({count.lower()})", [w.t("Code"), *m.columns, w.t("Total")],
            [[row, *cell, m.row_totals[i]] for i, row, cell in zip(keep, rows, cells,
                                                                     strict=True)],
            w.t("Only codes that occur are shown."))


def _finding(w: Writer, f: FindingItem) -> FindingBlock:
    meta = w.t(KIND_LABELS.get(f.kind, f.kind))
    if f.level:
        meta += f" · {f.level}"
    meta += f" · {f.case or w.t('All cases')}"
    strength = w.t(
        "Evidence: {segments} segments from {interviews} interviews; roles: {roles}; "
        "cases: {cases}; waves: {waves}.", segments=f.segments, interviews=f.interviews,
        roles=", ".join(f.roles) or "-", cases=", ".join(f.cases) or "-",
        waves=", ".join(f.waves) or "-")
    return FindingBlock(f.statement, meta, strength, [w.t(FLAG_LABELS.get(x, x)) for x in f.flags],
                        f.description, [QuoteBlock(q.text, q.attribution) for q in f.quotes])


def _findings(w: Writer, data: ReportData) -> None:
    w.heading(2, w.t("Findings and quotes by code category"))
    shown = False
    for section in data.sections:
        findings = [f for f in section.findings if f.kind != "recommendation"]
        if not findings and not section.quotes:
            continue
        shown = True
        w.heading(3, section.category or w.t("Without category"))
        w.add(*[_finding(w, f) for f in findings])
        w.add(*[QuoteBlock(q.text, q.attribution) for q in section.quotes])
    if not shown:
        w.add(Paragraph(w.t("No findings or quotes yet.")))


def _recommendations(w: Writer, data: ReportData) -> None:
    found = [f for s in data.sections for f in s.findings if f.kind == "recommendation"]
    if not found:
        return
    w.heading(2, w.t("Recommendations"))
    levels = list(dict.fromkeys(f.level for f in found))
    for level in levels:
        w.heading(3, level or w.t("All levels"))
        w.add(*[_finding(w, f) for f in found if f.level == level])


def _interview_annex(w: Writer, data: ReportData) -> None:
    w.heading(2, w.t("Annex 1: Interviews"))
    w.table("interviews", w.t("Interviews"),
            [w.t("Type"), w.t("Who"), w.t("Where"), w.t("When"), w.t("Wave")],
            [[i.type, i.who, i.case, w.date(i.date), i.wave] for i in data.interviews])


def _codebook_annex(w: Writer, data: ReportData) -> None:
    w.heading(2, w.t("Annex 2: Codebook"))
    w.table("codebook", w.t("Codebook"), [w.t("Category"), w.t("Code"), w.t("Definition")],
            [[c.category, c.code, c.definition] for c in data.codes])


PARTS = (_method, _participants, _frequencies, _matrix, _findings, _recommendations)
