"""Written reports → a slide deck (python-pptx), the languages side by side.

One report per language, resolved from the same outline (so their sections pair up by
position). Slides: the title, the method, then per chapter and section its title in every
language, a few lines and one quote per language in columns, and one chart (the evidence of
its findings, else the interviews of its case). Chapters and sections down to the second level
have a slide, and so have good practices and recommendations at any depth.
"""

from __future__ import annotations

import io

from stemmen.i18n import translate
from stemmen.reports import charts
from stemmen.reports.written import WrittenReport, WrittenSection, markdown_blocks

SKIP = ("method", "annexes")
ON_SLIDES = ("good_practices", "recommendations")  # their own slide at any depth
MAX_LINES = 4


def _lines(report: WrittenReport, s: WrittenSection) -> tuple[list[str], str]:
    """A few lines (intro, narrative, findings) and the first quote, as text."""
    from stemmen.reports.blocks import Bullets, Paragraph

    lines: list[str] = []
    quote = ""
    texts = [s.intro] + [p.text for p in s.pieces if p.kind == "text"]
    for text in texts:
        for block in markdown_blocks(text):
            if isinstance(block, Paragraph):
                lines.append(_short(block.text))
            elif isinstance(block, Bullets):
                lines.extend(_short(i) for i in block.items)
    lines.extend("• " + _short(f.statement) for f in s.findings)
    inside = [x for x in report.sections if x is s or x.number.startswith(s.number + ".")]
    for part in inside:  # its own quote, else the first of its subsections
        ref = next((p.quote for p in part.pieces if p.quote is not None), None)
        if ref is not None:
            quote = f"“{ref.text}” {ref.attribution}"
            break
        found = next((q for f in part.findings for q in f.quotes), None)
        if found is not None:
            quote = f"“{found.text}” {found.attribution}"
            break
    return lines[:MAX_LINES], _short(quote, 260)


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _chart(report: WrittenReport, s: WrittenSection, key: str) -> charts.Chart | None:
    t = translate
    backed = [f for f in s.findings if f.segments > 0]
    if backed:
        return charts.bar_chart(key, t("Evidence per finding", report.lang),
                                [_short(f.statement, 40) for f in backed],
                                [f.segments for f in backed], t("Segments", report.lang))
    counts: dict[str, int] = {}
    if s.case:  # its case's interviews by type
        case_label = next((sec.title for sec in report.sections
                           if sec.kind == "case" and sec.case == s.case), s.case)
        for i in report.data.interviews:
            if i.case in (s.case, case_label):
                counts[i.type] = counts.get(i.type, 0) + 1
    else:  # a chapter: the interviews per case
        for i in report.data.interviews:
            counts[i.case] = counts.get(i.case, 0) + 1
    if not counts:
        return None
    return charts.bar_chart(key, t("Interviews", report.lang), list(counts),
                            list(counts.values()), t("Interviews", report.lang))


def _picture(slide: object, chart: charts.Chart, left: int, top: int, most_wide: int,
             most_high: int) -> None:
    """The chart as large as fits in the box, keeping its shape."""
    if chart.width * most_high > chart.height * most_wide:
        slide.shapes.add_picture(io.BytesIO(chart.png), left, top,  # type: ignore[attr-defined]
                                 width=most_wide)
    else:
        slide.shapes.add_picture(io.BytesIO(chart.png), left, top,  # type: ignore[attr-defined]
                                 height=most_high)


def write_pptx(reports: list[WrittenReport]) -> bytes:
    """The deck: one column per report (language)."""
    from pptx import Presentation
    from pptx.util import Cm, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Cm(33.867), Cm(19.05)
    blank = deck.slide_layouts[6]
    width = deck.slide_width
    n = len(reports)
    margin = Cm(1.2)
    column = (width - margin * 2 - Cm(0.8) * (n - 1)) // n

    def text_box(slide, left, top, w, h, paragraphs, size=14, bold=False, italic=False):  # noqa: E501
        box = slide.shapes.add_textbox(left, top, w, h)
        frame = box.text_frame
        frame.word_wrap = True
        for i, text in enumerate(paragraphs):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = text
            run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
        return box

    def slide_of(titles: list[str]):  # noqa: ANN202
        slide = deck.slides.add_slide(blank)
        for i, title in enumerate(titles):
            left = margin + (column + Cm(0.8)) * i
            text_box(slide, left, Cm(0.8), column, Cm(2.2), [title], 24, bold=True)
        return slide

    first = reports[0]
    slide = slide_of([r.title for r in reports])
    for i, r in enumerate(reports):
        left = margin + (column + Cm(0.8)) * i
        text_box(slide, left, Cm(4), column, Cm(6), [r.subtitle, *r.lines], 16)
    # method
    slide = slide_of([translate("Method", r.lang) for r in reports])
    for i, r in enumerate(reports):
        d = r.data
        rel = d.reliability
        lines = [translate("{documents} interviews with {participants} participants in "
                           "{cases} case(s).", r.lang, documents=d.documents,
                           participants=d.participants, cases=len(d.cases)),
                 translate("Codebook: {codes} codes in {categories} categories.", r.lang,
                           codes=len(d.codes), categories=len(d.categories))]
        if rel is not None:
            lines.append(f"{rel.coefficient}: {rel.value:.2f}".replace(
                ".", "," if r.lang in ("nl", "fr") else "."))
        if r.method.nvivo is not None:
            lines.append(f"NVivo: {r.method.nvivo:.2f}".replace(
                ".", "," if r.lang in ("nl", "fr") else "."))
        left = margin + (column + Cm(0.8)) * i
        text_box(slide, left, Cm(3.2), column, Cm(6), lines, 14)
    types = first.data.interview_types
    if types:
        chart = charts.bar_chart("method", translate("Interviews", first.lang),
                                 [t for t, _ in types], [c for _, c in types],
                                 translate("Interviews", first.lang))
        _picture(slide, chart, margin, Cm(10), width - margin * 2, Cm(8))
    # sections
    for k, s in enumerate(first.sections):
        if s.kind in SKIP or (s.depth > 2 and s.kind not in ON_SLIDES):
            continue
        pairs = [r.sections[k] for r in reports if k < len(r.sections)]
        slide = slide_of([f"{p.number} {p.title}" for p in pairs])
        for i, (r, p) in enumerate(zip(reports, pairs, strict=False)):
            lines, quote = _lines(r, p)
            left = margin + (column + Cm(0.8)) * i
            text_box(slide, left, Cm(3.2), column, Cm(5.5), lines or [" "], 13)
            if quote:
                text_box(slide, left, Cm(8.8), column, Cm(3.5), [quote], 12, italic=True)
        drawn = _chart(first, s, f"s{k}")
        if drawn is not None:
            _picture(slide, drawn, margin, Cm(12.6), width - margin * 2, Cm(6))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
