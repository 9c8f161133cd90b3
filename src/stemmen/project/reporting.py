"""Reports per case and across cases: gather ReportData from the project, render it to files.

The same project gives the same report: everything is ordered (codebook order, names, dates)
and nothing depends on the clock.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stemmen import reports
from stemmen.errors import StemmenError
from stemmen.i18n import current_language
from stemmen.project.findings import Finding, Findings
from stemmen.project.queries import Queries, load_facts, matrix_of
from stemmen.project.quotes import Quote, Quotes
from stemmen.project.settings import AttributeNames, attribute_names
from stemmen.reports import content as rc
from stemmen.store import analysis
from stemmen.store.analysis import Facts, label

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.retrieval import Segment
    from stemmen.project.written_report import ReportCheck
    from stemmen.reports.written import Piece


Progress = Callable[[int, int], None]
AnyReport = rc.ReportData | rc.CaseReports | reports.WrittenReport


@dataclass(frozen=True)
class ReportFile:
    """A rendered report as one file to hand over: name, media type and bytes."""

    filename: str
    media_type: str
    data: bytes


def _slug(words: list[str]) -> str:
    plain = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore")
    slug = re.sub(r"[^0-9a-z]+", "-", plain.decode("ascii").lower()).strip("-")
    return slug[:100].strip("-") or "report"


def _quote_item(q: Quote) -> rc.QuoteItem:
    return rc.QuoteItem(q.text, q.attribution, q.segment.code, q.segment.document, q.chosen)


class Reports:
    """Build a report's data and render it as Markdown, HTML, DOCX, PDF or XLSX."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def build(self, case: str | None = None, lang: str | None = None,
              coders: list[str] | None = None, title: str | None = None,
              quotes_per_finding: int = 2,
              reliability: rc.ReliabilityFigure | bool = True) -> rc.ReportData:
        """The data of a report on ``case`` (None: across cases) in ``lang``.

        ``reliability``: True computes the figure when two coders coded the same documents,
        False leaves it out, or give a :class:`ReliabilityFigure` computed elsewhere.
        """
        if case is not None:
            self._p.cases.get(case)  # NotFound for an unknown case
        facts = load_facts(self._p, coders, [case] if case else None)
        queries = Queries(self._p)
        docs = [d.name for d in facts.documents] if case else None
        with self._p.store.reading() as conn:
            freq = analysis.code_frequencies(conn, coders, docs)
            names = attribute_names(conn)  # which attributes hold date, wave, type (settings)
        profiles = queries.profiles(case=case)
        dates = sorted(label(v) for d in facts.documents
                       if (v := names.first_value(d.attributes, "date")) is not None)
        return rc.ReportData(
            title=title or self._default_title(), lang=lang or current_language(), case=case,
            cases=[c.name for c in facts.cases], documents=len(facts.documents),
            participants=len(facts.participants), coders=self._coders(coders),
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            waves=sorted({label(v) for d in facts.documents
                          if (v := names.first_value(d.attributes, "wave")) is not None}),
            interview_types=_types(facts, names), categories=[c.name for c in facts.categories],
            codes=[rc.CodeItem(c.category or "", c.name, c.definition,
                               *freq.get(c.name, (0, 0))) for c in facts.codes],
            profiles=[rc.ProfileTable(p.key, p.rows, p.covered, p.total)
                      for p in profiles.tables],
            ages=[rc.AgeRow(a.group, a.people, a.with_age, a.mean_age) for a in profiles.ages],
            ages_covered=profiles.covered, ages_total=profiles.total,
            matrix=_matrix(facts, case is not None, names),
            sections=self._sections(facts, case, coders, quotes_per_finding),
            interviews=_interviews(queries, case),
            reliability=self.reliability_figure(coders, case) if reliability is True
            else reliability or None,
        )

    def prepare(self, cases: list[str] | None = None, per_case: bool = False,
                lang: str | None = None, coders: list[str] | None = None,
                title: str | None = None, reliability: bool = True,
                progress: Progress | None = None) -> AnyReport:
        """The report ``stemmen report`` and the reports page render: across cases (no case),
        on one case, or one part per case (several cases; ``per_case``: every case, or each
        of ``cases``). ``progress(done, total)`` is called as the parts are built."""
        chosen = list(dict.fromkeys(cases or []))
        if per_case and not chosen:
            chosen = [c.name for c in self._p.cases.list()]
        lang = lang or current_language()
        if len(chosen) <= 1 and not (per_case and chosen):
            if progress:
                progress(0, 1)
            data = self.build(chosen[0] if chosen else None, lang, coders, title,
                              reliability=reliability)
            if progress:
                progress(1, 1)
            return data
        parts = []
        for done, case in enumerate(chosen):
            if progress:
                progress(done, len(chosen))
            parts.append(self.build(case, lang, coders, title, reliability=reliability))
        if progress:
            progress(len(chosen), len(chosen))
        return rc.CaseReports(title or self._default_title(), lang, parts)

    def file_name(self, data: AnyReport) -> str:
        """A file name (no extension) for a report: title, case(s) and language, e.g.
        ``amif42-demo-ocmw-gent-nl``."""
        cases = ([p.case or "" for p in data.parts] if isinstance(data, rc.CaseReports)
                 else [data.data.case] if isinstance(data, reports.WrittenReport) and data.data.case
                 else [data.case] if isinstance(data, rc.ReportData) and data.case else [])
        return _slug([data.title, *cases, data.lang])

    def download(self, data: AnyReport, fmt: str, name: str | None = None) -> ReportFile:
        """A report as one file: the bytes ``render`` writes (Markdown: a zip of the report
        and its figures folder, as ``render`` lays them out)."""
        fmt = reports.format_for(f"x.{fmt}", fmt)
        name = name or self.file_name(data)
        filename, media_type, blob = reports.bundle(reports.render(data, fmt, name), fmt, name)
        return ReportFile(filename, media_type, blob)

    def make(self, fmt: str, cases: list[str] | None = None, per_case: bool = False,
             lang: str | None = None, coders: list[str] | None = None,
             title: str | None = None, reliability: bool = True,
             progress: Progress | None = None) -> ReportFile:
        """:meth:`prepare` then :meth:`download`: the reports page's one call, with progress
        over the parts and the rendering."""
        fmt = reports.format_for(f"x.{fmt}", fmt)
        steps: list[int] = [1]

        def parts(done: int, total: int) -> None:
            steps[0] = total + 1
            if progress:
                progress(done, total + 1)

        data = self.prepare(cases, per_case, lang, coders, title, reliability, parts)
        found = self.download(data, fmt)
        if progress:
            progress(steps[0], steps[0])
        return found

    def deliver(self, fmt: str, cases: list[str] | None = None, per_case: bool = False,
                lang: str | None = None, coders: list[str] | None = None,
                title: str | None = None, reliability: bool = True, generic: bool = False,
                strict: bool = False, pseudonymised: bool = False,
                progress: Progress | None = None) -> ReportFile:
        """What ``stemmen report`` writes, as one file to download (the reports page): the
        researchers' outline when the project has one (one case or across cases, unless
        ``generic``), else the generic report; ``pptx`` makes slides with ``lang`` "nl,fr"
        side by side. ``strict`` refuses an outline with broken references."""
        from stemmen.errors import Invalid

        fmt = reports.format_for(f"x.{fmt}", fmt)
        langs = [x.strip() for x in (lang or current_language()).split(",") if x.strip()]
        if len(langs) > 1 and fmt != "pptx":
            raise Invalid("Several languages (nl,fr) make slides: choose the pptx format.")
        if pseudonymised and fmt == "pptx":
            raise Invalid("A pseudonymised report is md, html, docx, pdf or xlsx, not slides.")
        one = cases[0] if cases else None
        if fmt == "pptx":
            deck = self.slides(langs, one, title, coders)
            name = _slug([title or self._default_title(), one or "", *langs, "slides"])
            if progress:
                progress(1, 1)
            return ReportFile(f"{name}.pptx", reports.MEDIA_TYPES["pptx"], deck)
        data: AnyReport | None = None
        if not generic and len(cases or []) <= 1 and not per_case:
            if strict:
                found = self.check(langs[0], one)
                if found.problems:
                    raise Invalid("Nothing made: the outline has broken references (strict): "
                                  "{problems}", problems="; ".join(found.problems))
            data = self.written(langs[0], one, title, coders)
        steps: list[int] = [1]

        def parts(done: int, total: int) -> None:  # the parts, then the rendering
            steps[0] = total + 1
            if progress:
                progress(done, total + 1)

        if data is None:
            data = self.prepare(cases, per_case, langs[0], coders, title, reliability, parts)
        if pseudonymised:
            data = self._p.privacy.scrub(data)
        found_file = self.download(data, fmt)
        if progress:
            progress(steps[0], steps[0])
        return found_file

    def render(self, path: str | Path, fmt: str | None = None, case: str | None = None,
               lang: str | None = None, coders: list[str] | None = None,
               title: str | None = None, data: AnyReport | None = None) -> list[Path]:
        """Write a report to ``path`` (format from the extension unless given); returns the
        files written (Markdown also writes its figures in ``<name>-figures/``)."""
        path = Path(path)
        fmt = reports.format_for(path, fmt)
        if fmt == "pptx":
            langs = [x for x in (lang or current_language()).split(",") if x]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.slides(langs, case, title, coders))
            return [path]
        data = data or self.build(case, lang, coders, title)
        files = reports.render(data, fmt, path.stem)
        written = []
        for name, blob in files.items():
            target = path if name == f"{path.stem}.{fmt}" else path.parent / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
            written.append(target)
        return written

    def written(self, lang: str | None = None, case: str | None = None,
                title: str | None = None,
                coders: list[str] | None = None) -> reports.WrittenReport | None:
        """The researchers' outline resolved in ``lang`` (None: the project has none)."""
        from stemmen.project.written_report import build_written

        return build_written(self._p, lang or current_language(), case, title, coders)

    def check(self, lang: str | None = None, case: str | None = None,
              written: reports.WrittenReport | None = None) -> ReportCheck:
        """Broken or changed references of the outline, and quotes that lack a translation
        into ``lang``: what a render would warn about (``written``: that report, already
        made by :meth:`written` for the same language and case, to check without remaking)."""
        from stemmen.project.written_report import check

        return check(self._p, lang or current_language(), case, written)

    def preview(self, text: str, lang: str | None = None) -> tuple[list[Piece], list[str]]:
        """A narrative with its ``{{quote N}}``/``{{finding N}}`` resolved, and the problems
        of its references: the outline editor's live preview."""
        from stemmen.project.written_report import preview

        return preview(self._p, text, lang or current_language())

    def slides(self, langs: list[str], case: str | None = None, title: str | None = None,
               coders: list[str] | None = None) -> bytes:
        """A deck with ``langs`` side by side (one language: a one-language deck)."""
        from stemmen.errors import Invalid
        from stemmen.reports.slides import write_pptx

        found = [self.written(lang, case, title, coders) for lang in langs]
        written = [r for r in found if r is not None]
        if not written:
            raise Invalid("Slides are made from the report outline: add sections first "
                          "(stemmen outline add).")
        return write_pptx(written)

    def reliability_figure(self, coders: list[str] | None = None,
                           case: str | None = None) -> rc.ReliabilityFigure | None:
        """Cohen's kappa on the code sets of the paragraphs that either coder coded, in the
        double-coded documents (of ``case``), if there are any: as studies report it
        ("102 paragraphs, 12 disagreements")."""
        try:
            report = self._p.reliability.compare(coders, drop_uncoded=True, intervals=False)
            if case is not None:
                mine = {d.name for d in self._p.documents.list() if d.case == case}
                shared = sorted(mine.intersection(report.documents))
                if not shared:
                    return None
                report = self._p.reliability.compare(coders, documents=shared,
                                                     drop_uncoded=True, intervals=False)
        except StemmenError:  # fewer than two coders, or no document they both coded
            return None
        sets = report.code_sets
        kappa = sets.get("cohen_kappa")
        if kappa is None:
            return None
        return rc.ReliabilityFigure("Cohen's kappa", round(float(kappa), 2), list(report.coders),
                                    int(sets.get("n_units") or report.n_units or 0),
                                    int(report.n_disagreements))

    def _default_title(self) -> str:
        url = self._p.url
        return Path(url.removeprefix("sqlite:///")).stem if url.startswith("sqlite") else "Stemmen"

    def _coders(self, coders: list[str] | None) -> list[str]:
        every = self._p.codings.coders()
        return [c for c in every if not coders or c in coders]

    def _sections(self, facts: Facts, case: str | None, coders: list[str] | None,
                  n: int) -> list[rc.CategorySection]:
        """Findings and quotes grouped by code category, in codebook order."""
        findings = Findings(self._p).list(case=case)
        quotes = Quotes(self._p)
        pool = {s.coding_id: s for s in self._p.segments.retrieve(
            cases=[case] if case else None, coders=coders)}
        every = {s.coding_id: s for s in self._p.segments.retrieve()} if case else pool
        marked = quotes.list(pool=every)
        category_of = {c.name: c.category or "" for c in facts.codes}
        order = [c.name for c in facts.categories] + [""]
        by_cat: dict[str, rc.CategorySection] = {}
        for f in findings:
            items = [_quote_item(q) for q in quotes.for_finding(f, n, marked, every)]
            by_cat.setdefault(f.category or "", rc.CategorySection(f.category or ""))
            by_cat[f.category or ""].findings.append(_finding_item(f, items))
        loose = [q for q in marked if q.finding_id is None and q.coding_id in pool]
        for q in loose:
            cat = category_of.get(q.segment.code, "")
            by_cat.setdefault(cat, rc.CategorySection(cat)).quotes.append(_quote_item(q))
        _default_quotes(by_cat, pool, category_of, quotes)
        return [by_cat[c] for c in order if c in by_cat]


def _default_quotes(by_cat: dict[str, rc.CategorySection], pool: dict[int, Segment],
                    category_of: dict[str, str], quotes: Quotes) -> None:
    """Categories with neither findings nor chosen quotes get their two most central segments."""
    segments: dict[str, list[Segment]] = {}
    for s in pool.values():
        segments.setdefault(category_of.get(s.code, ""), []).append(s)
    for cat, found in segments.items():
        if cat in by_cat:
            continue
        picked = quotes.central(found, 2)
        by_cat[cat] = rc.CategorySection(cat, [], [_quote_item(q) for q in picked])


def _finding_item(f: Finding, quotes: list[rc.QuoteItem]) -> rc.FindingItem:
    s = f.strength
    return rc.FindingItem(f.statement, f.kind, f.level, f.case, f.description, s.segments,
                          s.interviews, s.roles, s.cases, s.waves, s.flags, quotes)


def _types(facts: Facts, names: AttributeNames) -> list[tuple[str, int]]:
    counts = Counter(str(t) for d in facts.documents
                     if (t := names.first_value(d.attributes, "type")) is not None)
    choices = [c for a in facts.attributes if a.name in names.type for c in a.choices]
    order = list(dict.fromkeys([*choices, *sorted(counts)]))
    return [(t, counts[t]) for t in order if counts[t]]


def _matrix(facts: Facts, by_type: bool, names: AttributeNames) -> rc.MatrixData:
    """Codes x cases; in a case report codes x interview type (or x interview)."""
    held = {a.name for a in facts.attributes if a.applies_to == "document"}
    kinds = [n for n in names.type if n in held]
    columns = "case" if not by_type else (kinds[0] if kinds else "document")
    m = matrix_of(facts, "code", columns, "segments")
    return rc.MatrixData(m.rows, m.columns, m.cells, m.row_totals, m.column_totals, m.count)


def _interviews(queries: Queries, case: str | None) -> list[rc.InterviewItem]:
    rows = []
    for r in queries.interviews(case):
        who = r.role or ""
        if r.participants and r.participants > 1:
            who = f"{who} ({r.participants})"
        rows.append(rc.InterviewItem(r.document, r.type or "", who, r.case or "",
                                     label(r.date) if r.date else "",
                                     "" if r.wave is None else label(r.wave)))
    return rows
