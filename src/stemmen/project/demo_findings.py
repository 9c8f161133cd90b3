"""The demo study's good practices per OCMW and its recommendations, as findings with evidence.

The statements come from the study's slides (sections 3.1-3.5 and 4, in Dutch, with the French
wording as description) and its report (section 4.3, local level). Evidence is chosen by code
and case: the codings of the first coder ("an") of the listed codes in the finding's OCMW (or
in the listed OCMWs, or everywhere). Where an evidence segment holds a quote published in the
report, that quote is marked for the report, trimmed to the published words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.findings import Finding

EVIDENCE_CODER = "an"
QUOTES_PER_FINDING = 2


def demo_findings() -> list[dict[str, str]]:
    """The demo study's findings (packaged with the demo: ``stemmen/demo/data``)."""
    from stemmen.demo.sources import demo_findings as rows

    return rows()


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _published() -> list[str]:
    """The published quotes of the demo study (none if the demo data are not there)."""
    try:
        from stemmen.demo.sources import published_quotes
    except ImportError:
        return []
    return [q.text for q in published_quotes()]


def add_demo_findings(project: Project) -> list[Finding]:
    """Add the study's good practices and recommendations to the demo project."""
    ids = []
    for row in demo_findings():
        finding = project.findings.add(row["statement"], row["kind"], row["case"] or None,
                                       row["level"], row["statement_fr"])
        codes = _split(row["codes"])
        if codes:
            project.findings.link(finding.id, codes=codes,
                                  cases=_split(row["evidence_cases"]) or None,
                                  coders=[EVIDENCE_CODER])
        ids.append(finding.id)
    _mark_published(project, _published())
    return [f for f in project.findings.list() if f.id in ids]


def _mark_published(project: Project, published: list[str]) -> None:
    """Per finding, mark up to two evidence segments that hold a published quote, trimmed to
    that quote (a span is quoted once, even when several codes share it)."""
    if not published:
        return
    pool = {s.coding_id: s for s in project.segments.retrieve(coders=[EVIDENCE_CODER])}
    flat = [" ".join(q.split()) for q in published]
    taken: set[tuple[str, int, int]] = set()
    for finding in project.findings.list():
        marked = 0
        for coding_id in finding.evidence:
            segment = pool.get(coding_id)
            if segment is None or marked == QUOTES_PER_FINDING:
                continue
            span = (segment.document, segment.start, segment.end)
            text = " ".join(segment.text.split())
            found = next((q for q in flat if q in text), None)
            if found and span not in taken:
                project.quotes.mark(coding_id, found, finding.id)
                taken.add(span)
                marked += 1
