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
    """The published quotes of the demo study as spoken: the report's Dutch, and the demo's
    French wording of those said in French interviews (none if the demo data are not there)."""
    return [*_spoken()]


def _spoken() -> dict[str, str]:
    """Words as spoken in an interview → the report's (Dutch) text."""
    try:
        from stemmen.demo.sources import published_quotes
    except ImportError:
        return {}
    found: dict[str, str] = {}
    for q in published_quotes():
        found[" ".join(q.text.split())] = " ".join(q.text.split())
        if q.french:
            found[" ".join(q.french.split())] = " ".join(q.text.split())
    return found


PUBLISHED_TRANSLATOR = "Eindrapport AMIF-42 (gepubliceerde vertaling)"


def _translate_published(project: Project) -> None:
    """Quotes spoken in French get the report's Dutch text as their Dutch translation."""
    spoken = _spoken()
    done = {(t.coding_id, t.lang) for t in project.translations.list()}
    for q in project.quotes.list():
        dutch = spoken.get(q.text)
        if dutch and dutch != q.text and (q.coding_id, "nl") not in done:
            project.translations.translate(q.coding_id, "nl", dutch, PUBLISHED_TRANSLATOR)


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
    add_demo_report(project)  # the outline refers to these findings and quotes
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


def add_demo_report(project: Project) -> int:
    """The demo's report outline (chapters 1-5 as the final report lays them out), its French
    labels and finding statements, and every published quote marked and referenced in its
    OCMW's objective; returns the number of sections."""
    from stemmen.demo import report as dr
    from stemmen.project.labels import Label

    labels = [Label(kind, name, "fr", text) for kind, names in dr.LABELS_FR.items()
              for name, text in names.items()]
    labels += [Label("finding", row["statement"], "fr", row["statement_fr"])
               for row in demo_findings() if row["statement_fr"]]
    labels += [Label("report", k, lang, v) for lang, page in (
        ("nl", {"title": "Impactevaluatie AMIF-projecten", "subtitle":
                "Sociale activering van erkende vluchtelingen in de vijf grootstedelijke OCMW's",
                "authors": "Demo (synthetische data)", "commissioner": "POD Maatschappelijke "
                "Integratie", "date": "2022"}),
        ("fr", {"title": "Évaluation d'impact des projets AMIF", "subtitle":
                "Activation sociale des réfugiés reconnus dans les cinq CPAS des grandes villes",
                "authors": "Démo (données synthétiques)", "commissioner": "SPP Intégration "
                "sociale", "date": "2022"})) for k, v in page.items()]
    project.labels.set_many(labels)
    refs = _mark_report_quotes(project)
    _translate_published(project)
    outline = project.outline
    chapters = {key: outline.add(nl, kind, lang="nl") for key, (nl, _fr), kind in (
        (k, v, {"method": "method", "across": "across", "recommendations": "free"}.get(k, "free"))
        for k, v in dr.CHAPTERS.items())}
    for key, (_nl, fr) in dr.CHAPTERS.items():
        outline.edit(chapters[key].id, "fr", title=fr)
    for lang, text in dr.METHOD.items():
        outline.edit(chapters["method"].id, lang, narrative=text)
    count = len(chapters)
    objectives = dr.objectives()
    quotes = dr.quotes_by_objective()
    for case in dr.CASE_ORDER:
        names = objectives[case]
        for name in names:
            outline.add_objective(case, name)
        for lang in ("nl", "fr"):
            case_name = dr.LABELS_FR["case"][case] if lang == "fr" else case
            shown = [dr.LABELS_FR["objective"].get(n, n) if lang == "fr" else n
                     for n in names[:-2]][:3]
            outline.describe(case, lang, dr.DESCRIPTION[lang].format(
                case=case_name, objectives=", ".join(shown).lower()))
        general = [refs[t] for (c, name), texts in quotes.items() if c == case
                   and name.startswith("Onderzoeksresultaten") for t in texts if t in refs]
        top = outline.add("", "case", chapters["cases"].id, case=case,
                          narrative="\n\n".join(f"{{{{quote {c}}}}}" for c in general))
        if general:
            outline.edit(top.id, "fr", narrative="\n\n".join(f"{{{{quote {c}}}}}"
                                                              for c in general))
        count += 1
        for name in names:
            cited = [refs[t] for t in quotes.get((case, name), []) if t in refs]
            texts = {}
            for lang in ("nl", "fr"):
                label = dr.LABELS_FR["objective"].get(name, name) if lang == "fr" else name
                case_name = dr.LABELS_FR["case"][case] if lang == "fr" else case
                body = dr.NARRATIVE[lang].format(case=case_name, objective=label.lower())
                texts[lang] = body + "\n\n" + "\n\n".join(f"{{{{quote {c}}}}}" for c in cited)
            section = outline.add("", "objective", top.id, case=case, objective=name,
                                  narrative=texts["nl"])
            outline.edit(section.id, "fr", narrative=texts["fr"])
            count += 1
        practices = outline.add("Goede praktijken", "good_practices", top.id, case=case)
        outline.edit(practices.id, "fr", title="Bonnes pratiques")
        count += 1
    for level, nl, fr in dr.LEVELS:
        section = outline.add(nl, "recommendations", chapters["recommendations"].id,
                              level=level)
        outline.edit(section.id, "fr", title=fr)
        count += 1
    return count


def _mark_report_quotes(project: Project) -> dict[str, int]:
    """Every published quote marked on a segment (of coder "an") that holds its spoken words;
    the report's text → coding id of its quote."""
    spoken = _spoken()
    marked = {q.text: q.coding_id for q in project.quotes.list()}
    todo = [q for q in spoken if q not in marked and spoken[q] not in marked]
    if not todo:
        return {spoken.get(text, text): cid for text, cid in marked.items()}
    taken = {q.coding_id for q in project.quotes.list()}
    for segment in project.segments.retrieve(coders=[EVIDENCE_CODER]):
        if segment.coding_id in taken:
            continue
        text = " ".join(segment.text.split())
        found = next((q for q in todo if q in text), None)
        if found is not None:
            project.quotes.mark(segment.coding_id, found)
            marked[found] = segment.coding_id
            taken.add(segment.coding_id)
            todo = [q for q in todo if spoken[q] != spoken[found]]
            if not todo:
                break
    return {spoken.get(text, text): cid for text, cid in marked.items()}
