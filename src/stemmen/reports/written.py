"""The report the researchers write: their outline, narratives and evidence → blocks.

A :class:`WrittenReport` holds everything already resolved by ``stemmen.project.reporting``:
sections with their numbers and titles in one language, narratives cut into text and the quotes
and findings they reference, the method figures (a :class:`ReportData`) and the annexes.
Translated quotes carry their original, which goes to the "Original quotes" annex under the
number the quote shows ("[3]"): an endnote, in every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stemmen.reports.blocks import (
    Block,
    Bullets,
    Contents,
    Heading,
    Paragraph,
    QuoteBlock,
    TitlePage,
)
from stemmen.reports.content import FindingItem, ReportData
from stemmen.reports.outline import (
    NO_RELIABILITY,
    Writer,
    _codebook_annex,
    _finding,
    _participants,
    codebook_line,
    design_bullets,
    interviews_line,
)


@dataclass(frozen=True)
class QuoteRef:
    """A quote as the report prints it: translated when the interview was in another language
    (``original`` then holds the words as spoken)."""

    ref: int
    text: str
    attribution: str
    original: str = ""
    original_lang: str = ""
    machine: bool = False


@dataclass(frozen=True)
class Piece:
    """A part of a narrative: Markdown ``text``, a ``quote`` or a ``finding`` reference, or a
    reference that no longer resolves (``missing``: its words say which)."""

    kind: str
    text: str = ""
    quote: QuoteRef | None = None
    finding: FindingItem | None = None


@dataclass(frozen=True)
class WrittenSection:
    number: str
    depth: int
    kind: str
    title: str
    intro: str = ""
    pieces: list[Piece] = field(default_factory=list)
    findings: list[FindingItem] = field(default_factory=list)
    case: str | None = None


@dataclass(frozen=True)
class MethodFacts:
    """What the method chapter says beyond ReportData: sampling and NVivo's figure."""

    sampling: list[str] = field(default_factory=list)
    nvivo: float | None = None
    nvivo_pairs: str = ""


@dataclass(frozen=True)
class WrittenReport:
    title: str
    subtitle: str
    lines: list[str]
    lang: str
    sections: list[WrittenSection]
    data: ReportData
    method: MethodFacts = field(default_factory=MethodFacts)
    problems: list[str] = field(default_factory=list)


_BULLET = re.compile(r"^\s*[-*]\s+")
_HEADING = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")


def plain(text: str) -> str:
    """Markdown emphasis dropped: reports set their own type."""
    return _EMPHASIS.sub(r"\2", text)


def markdown_blocks(text: str) -> list[Block]:
    """Paragraphs (blank-line separated) and bullet lists of a narrative."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            blocks.append(Bullets([plain(_BULLET.sub("", line)) for line in lines]))
        else:
            joined = " ".join(_HEADING.sub("", line).strip() for line in lines)
            blocks.append(Paragraph(plain(joined)))
    return blocks


class _Notes:
    def __init__(self) -> None:
        self.items: list[QuoteRef] = []

    def number(self, quote: QuoteRef) -> str:
        if not quote.original:
            return ""
        self.items.append(quote)
        return str(len(self.items))


def written_outline(report: WrittenReport) -> list[Block]:
    """The whole written report as blocks, in ``report.lang``."""
    w = Writer(report.lang)
    notes = _Notes()
    entries = [(s.depth, f"{s.number} {s.title}") for s in report.sections if s.depth <= 2]
    has_annexes = any(s.kind == "annexes" for s in report.sections)
    if not has_annexes:
        entries += [(1, w.t("Annexes"))]
    w.add(TitlePage(report.title, report.subtitle, report.lines),
          Contents(w.t("Contents"), entries))
    for s in report.sections:
        w.depth = 0
        w.add(Heading(s.depth + 1, f"{s.number} {s.title}"))
        if s.kind == "method":
            _method(w, report, s.depth)
        if s.intro:
            w.add(*markdown_blocks(s.intro))
        for piece in s.pieces:
            if piece.kind == "text":
                w.add(*markdown_blocks(piece.text))
            elif piece.quote is not None:
                q = piece.quote
                w.add(QuoteBlock(q.text, q.attribution, notes.number(q)))
            elif piece.finding is not None:
                w.add(_finding(w, piece.finding))
            else:
                w.add(Paragraph("⚠ " + piece.text))
        _findings(w, s)
        if s.kind == "annexes":
            _annexes(w, report, notes, s.depth)
    if not has_annexes:
        w.add(Heading(2, w.t("Annexes")))
        _annexes(w, report, notes, 1)
    return w.blocks


def _findings(w: Writer, s: WrittenSection) -> None:
    levels = list(dict.fromkeys(f.level for f in s.findings))
    if s.kind == "recommendations" and len(levels) > 1:
        for level in levels:
            w.add(Heading(s.depth + 2, level or w.t("All levels")))
            w.add(*[_finding(w, f) for f in s.findings if f.level == level])
        return
    w.add(*[_finding(w, f) for f in s.findings])


def _method(w: Writer, report: WrittenReport, depth: int) -> None:
    data, m = report.data, report.method
    w.add(interviews_line(w, data))
    if m.sampling:
        w.add(Paragraph(w.t("Sampling:")), Bullets(m.sampling))
    w.add(design_bullets(w, data, with_cases=False), codebook_line(w, data))
    r = data.reliability
    if r is None:
        w.add(Paragraph(w.t(NO_RELIABILITY)))
    else:
        w.add(Paragraph(w.t(
            "Inter-coder reliability: {coders} coded {units} paragraphs independently and "
            "disagreed on {disagreements}; {coefficient} on the codes of each paragraph that "
            "either coded is {value}.", coders=" / ".join(r.coders), units=r.units,
            disagreements="-" if r.disagreements is None else r.disagreements,
            coefficient=r.coefficient, value=w.number(r.value))))
    if m.nvivo is not None:
        w.add(Paragraph(w.t(
            "NVivo's coding comparison, as the study's software computes it (Cohen's kappa per "
            "code per document on characters, averaged weighted by document length), gives "
            "{value} for {pairs}; the two figures differ because they count different units.",
            value=w.number(m.nvivo), pairs=m.nvivo_pairs)))
    w.depth = depth - 1
    _participants(w, data)
    w.depth = 0


def _annexes(w: Writer, report: WrittenReport, notes: _Notes, depth: int) -> None:
    data = report.data
    w.depth = depth - 1
    w.heading(2, w.t("Annex 1: Interviews"))
    w.table("interviews", w.t("Interviews"),
            [w.t("Type"), w.t("Who"), w.t("Where"), w.t("When"), w.t("Wave")],
            [[i.type, i.who, i.case, w.date(i.date), i.wave] for i in data.interviews])
    _codebook_annex(w, data)
    if notes.items:
        w.heading(2, w.t("Annex 3: Original quotes"))
        w.add(Paragraph(w.t("Quotes from interviews in another language are printed in "
                            "translation; their original words follow, by number.")))
        for n, q in enumerate(notes.items, start=1):
            mark = w.t(" (machine draft, not yet checked)") if q.machine else ""
            w.add(QuoteBlock(f"[{n}] {q.original}", f"({q.original_lang}){mark}"))
    w.depth = 0
