"""The researchers' outline resolved into a :class:`WrittenReport` in one language.

Every ``{{quote N}}`` and ``{{finding N}}`` is looked up in the project now; what no longer
resolves, or changed since it was written, is listed in ``problems`` (and printed in the
report as a warning line instead of the quote). Quotes from interviews in another language
print their translation into the report's language, with the original as an endnote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from stemmen.project.labels import LabelBook
from stemmen.project.outline import REFERENCE, Section
from stemmen.project.quotes import Quote, Translation
from stemmen.reports import content as rc
from stemmen.reports import written as rw

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.findings import Finding

TITLE_FIELDS = ("title", "subtitle", "authors", "commissioner", "date")


@dataclass(frozen=True)
class ReportCheck:
    """What a render would warn about: broken references, quotes lacking a translation."""

    lang: str
    problems: list[str]
    untranslated: list[Quote]

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {"lang": self.lang, "problems": self.problems,
                "untranslated": [q.as_dict() for q in self.untranslated]}


class _Context:
    """What resolving one report needs, read once."""

    def __init__(self, p: Project, lang: str) -> None:
        self.p, self.lang = p, lang
        self.labels = p.labels.book()
        self.quotes = {q.coding_id: q for q in p.quotes.list()}
        self.translations: dict[tuple[int, str], Translation] = {
            (t.coding_id, t.lang): t for t in p.translations.list(list(self.quotes.values()))}
        self.languages = p.translations.languages()
        self.findings = {f.id: f for f in p.findings.list()}
        self.pool = {s.coding_id: s for s in p.segments.retrieve()}
        self.marked = list(self.quotes.values())

    def quote(self, q: Quote) -> rw.QuoteRef:
        attribution = self.labels.text(q.attribution, self.lang)
        spoken = self.languages.get(q.segment.document, self.lang)
        t = self.translations.get((q.coding_id, self.lang))
        if spoken != self.lang and t is not None:
            return rw.QuoteRef(q.coding_id, t.text, attribution, q.text, spoken, t.machine)
        return rw.QuoteRef(q.coding_id, q.text, attribution)

    def finding(self, f: Finding) -> rc.FindingItem:
        from stemmen.project.reporting import _finding_item

        chosen = self.p.quotes.for_finding(f, 2, self.marked, self.pool)
        items = []
        for q in chosen:
            ref = self.quote(q)
            items.append(rc.QuoteItem(ref.text, ref.attribution, q.segment.code,
                                      q.segment.document, q.chosen))
        item = _finding_item(f, items)
        lb = self.labels
        labels = {v.strip("« »") for (k, n, _l), v in lb.labels.items()
                  if k == "finding" and n == f.statement}
        # a description that only repeats the statement's label in another language goes
        description = "" if item.description.strip("« »") in labels else item.description
        return rc.FindingItem(
            lb.of("finding", f.statement, self.lang), item.kind,
            lb.of("level", item.level, self.lang), lb.of("case", item.case, self.lang) or None,
            description, item.segments, item.interviews,
            [lb.of("role", r, self.lang) for r in item.roles],
            [lb.of("case", c, self.lang) for c in item.cases], item.waves, item.flags,
            item.quotes)


def _case_of(sections: list[Section]) -> dict[int, str | None]:
    by_id = {s.id: s for s in sections}
    out: dict[int, str | None] = {}
    for s in sections:
        out[s.id] = s.case or (out.get(s.parent) if s.parent in by_id else None)
    return out


def title_page(p: Project, lang: str) -> dict[str, str]:
    """The title page's fields in ``lang`` (title, subtitle, authors, commissioner, date)."""
    book = p.labels.book()
    return {k: book.labels.get(("report", k, lang)) or book.labels.get(("report", k, "nl"))
            or "" for k in TITLE_FIELDS}


def pieces(ctx: _Context, text: str, where: str, pins: dict[tuple[str, int], str],
           problems: list[str]) -> list[rw.Piece]:
    """A narrative cut at its references; a reference that does not resolve becomes a
    ``missing`` piece and a problem."""
    out: list[rw.Piece] = []
    at = 0
    for m in REFERENCE.finditer(text):
        if text[at:m.start()].strip():
            out.append(rw.Piece("text", text[at:m.start()]))
        at = m.end()
        kind, ref = m.group(1), int(m.group(2))
        label = f"{{{{{kind} {ref}}}}}"
        if kind == "quote":
            q = ctx.quotes.get(ref)
            if q is None:
                problems.append(f"{where}: {label} is gone: its coding was removed or it is "
                                "no longer marked as a quote")
                out.append(rw.Piece("missing", f"{label}: quote missing"))
                continue
            pinned = pins.get((kind, ref))
            if pinned is not None and " ".join(pinned.split()) != q.text:
                problems.append(f"{where}: {label} changed since the section was written: "
                                f"now “{q.text[:80]}”")
            from stemmen.project.outline import _still_in

            if not _still_in(q.segment.text, q.text):
                problems.append(f"{where}: {label} is no longer in its segment: the "
                                "transcript text changed")
            out.append(rw.Piece("quote", quote=ctx.quote(q)))
        else:
            f = ctx.findings.get(ref)
            if f is None:
                problems.append(f"{where}: {label} is gone: no such finding")
                out.append(rw.Piece("missing", f"{label}: finding missing"))
                continue
            pinned = pins.get((kind, ref))
            if pinned is not None and pinned != f.statement:
                problems.append(f"{where}: {label} changed since the section was written: "
                                f"now “{f.statement}”")
            out.append(rw.Piece("finding", finding=ctx.finding(f)))
    if text[at:].strip():
        out.append(rw.Piece("text", text[at:]))
    return out


def build_written(p: Project, lang: str, case: str | None = None, title: str | None = None,
                  coders: list[str] | None = None) -> rw.WrittenReport | None:
    """The written report in ``lang`` (only ``case``'s chapters and the shared ones when
    given), or None when the project has no outline."""
    sections = p.outline.list()
    if not sections:
        return None
    if case is not None:
        p.cases.get(case)
        owner = _case_of(sections)
        sections = [s for s in sections if owner[s.id] in (None, case)]
        sections = [s for s in sections if s.kind != "across"]
    ctx = _Context(p, lang)
    every_pin = p.outline.pins()
    descriptions = p.outline.descriptions()
    objectives = {(o.case, o.name): o for o in p.outline.objectives()}
    owner = _case_of(sections)
    problems: list[str] = []
    out = []
    for s in sections:
        mine = owner.get(s.id)
        head = s.titles.get(lang) or _default_title(ctx, s, lang)
        where = f"{s.number} {head}"
        intro = ""
        if s.kind == "case" and s.case:
            intro = descriptions.get((s.case, lang)) or descriptions.get((s.case, "nl"), "")
        if s.kind == "objective" and s.case and s.objective:
            o = objectives.get((s.case, s.objective))
            intro = ctx.labels.of("objective", o.description, lang) if o else ""
        pins = {(k, r): t for (sid, k, r), t in every_pin.items() if sid == s.id}
        text = s.narrative(lang) or s.narrative("nl")
        found = _section_findings(ctx, s, mine)
        out.append(rw.WrittenSection(s.number, s.depth, s.kind, head, intro,
                                     pieces(ctx, text, where, pins, problems), found, mine))
    data = p.reports.build(case, lang, coders, title)
    data = _labelled(data, ctx.labels, lang)
    page = title_page(p, lang)
    lines = [x for x in (page["authors"], page["commissioner"], page["date"]) if x]
    report_title = title or page["title"] or data.title
    return rw.WrittenReport(report_title, page["subtitle"] or (
        ctx.labels.of("case", case, lang) if case else ""), lines, lang, out, data,
        _method_facts(p, data, coders), problems)


KIND_TITLES = {"method": "Method", "good_practices": "Good practices",
               "recommendations": "Recommendations", "annexes": "Annexes",
               "across": "Results across cases"}


def _default_title(ctx: _Context, s: Section, lang: str) -> str:
    """A section without a title in ``lang``: its case or objective label, its kind's name,
    else its title in another language."""
    from stemmen.i18n import translate

    if s.kind == "case" and s.case:
        return ctx.labels.of("case", s.case, lang)
    if s.kind == "objective" and s.objective:
        return ctx.labels.of("objective", s.objective, lang)
    if s.kind in KIND_TITLES:
        return translate(KIND_TITLES[s.kind], lang)
    return s.title(lang)


def _section_findings(ctx: _Context, s: Section, case: str | None) -> list[rc.FindingItem]:
    fs = list(ctx.findings.values())
    if s.kind == "good_practices":
        chosen = [f for f in fs if f.kind == "good_practice" and f.case == case]
    elif s.kind == "across":
        chosen = [f for f in fs if f.kind == "result" and f.case is None]
    elif s.kind == "recommendations":
        chosen = [f for f in fs if f.kind == "recommendation"
                  and (not s.level or f.level == s.level)]
    else:
        return []
    return [ctx.finding(f) for f in chosen]


def _labelled(data: rc.ReportData, lb: LabelBook, lang: str) -> rc.ReportData:
    """Names of cases, types, roles, categories and codes in ``lang`` in the method and
    annexes."""
    from dataclasses import replace

    return replace(
        data,
        cases=[lb.of("case", c, lang) for c in data.cases],
        interview_types=[(lb.of("type", t, lang), n) for t, n in data.interview_types],
        codes=[replace(c, category=lb.of("category", c.category, lang),
                       code=lb.of("code", c.code, lang)) for c in data.codes],
        categories=[lb.of("category", c, lang) for c in data.categories],
        interviews=[replace(i, type=lb.of("type", i.type, lang),
                            who=lb.text(i.who, lang, ("role",)),
                            case=lb.of("case", i.case, lang)) for i in data.interviews])


def _sampling(p: Project, lang: str) -> list[str]:
    """The stored sampling plan's check (``project.sampling``), one line per criterion and
    target, in ``lang``; nothing when the project has no plan."""
    from stemmen.i18n import translate

    sampling = getattr(p, "sampling", None)
    if sampling is None or not sampling.has_plan():
        return []
    found = sampling.check()
    lines = [translate("Sampling plan {plan}: {met} of {total} criteria and targets met.",
                       lang, plan=found.plan, met=found.met, total=found.total)]
    for name in found.criterion_names():
        rows = [r for r in found.criteria if r.criterion == name]
        met = sum(r.met for r in rows)
        line = f"{name} ({rows[0].role or '-'}): " + translate(
            "met in {met} of {n}", lang, met=met, n=len(rows))
        if met < len(rows):
            line += translate(", short by {n}", lang, n=sum(r.short for r in rows))
        lines.append(line)
    for t in found.targets:
        if not t.short:
            continue  # targets met are counted in the first line
        where = t.case or "-"
        lines.append(translate("{target} in {case}: {held} of {planned} planned", lang,
                               target=t.target, case=where, held=t.held, planned=t.planned))
    return lines


def _method_facts(p: Project, data: rc.ReportData, coders: list[str] | None) -> rw.MethodFacts:
    sampling = _sampling(p, data.lang) or [
        f"{a.group}: {a.people}" + (f" (Ø {a.mean_age:.2f})".replace(".", ",")
                                    if a.mean_age is not None else "") for a in data.ages]
    nvivo, pairs = None, ""
    if data.reliability is not None:
        try:
            found = p.reliability.nvivo(data.reliability.coders)
        except Exception:  # noqa: BLE001 - the figure is optional in the method chapter
            found = None
        if found and found.pairs:
            overall = found.pairs[0].get("overall") or {}
            value = overall.get("weighted_mean")
            if value is not None:
                nvivo = round(float(value), 2)
                pairs = " / ".join(found.pairs[0]["coders"])
    return rw.MethodFacts(sampling, nvivo, pairs)


def check(p: Project, lang: str, case: str | None = None,
          built: rw.WrittenReport | None = None) -> ReportCheck:
    """The problems a render in ``lang`` would warn about, and quotes lacking a translation
    (``built``: the same report already resolved, so it is not built twice)."""
    report = built if built is not None else build_written(p, lang, case)
    problems = report.problems if report else []
    used: list[int] = []
    if report:
        for s in report.sections:
            for piece in s.pieces:
                if piece.quote is not None:
                    used.append(piece.quote.ref)
    return ReportCheck(lang, problems, p.translations.missing(lang, used))


def preview(p: Project, text: str, lang: str) -> tuple[list[rw.Piece], list[str]]:
    """A narrative as the report would print it (the editor's live preview): its pieces and
    the problems of its references (nothing is pinned: no section is saved)."""
    problems: list[str] = []
    found = pieces(_Context(p, lang), text, "", {}, problems)
    return found, [x.removeprefix(": ") for x in problems]
