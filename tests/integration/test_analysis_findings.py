"""Findings with evidence strength, quotes marked for reports, and the schema behind them."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import stemmen
from stemmen.store import fulltext, migrate
from stemmen.store.tables import metadata
from unit.reports.small_study import build_small_study, study_fixture

# the full-text index is made in raw SQL (FTS5 on SQLite), outside the metadata
OUTSIDE_METADATA = {"include_name": lambda name, kind, parent: not (
    kind == "table" and fulltext.is_index_table(name))}

study = study_fixture()  # each test adds its own findings and quotes


def test_linking_by_code_uses_the_finding_case_and_measures_strength(study):
    p, ids = study
    finding = p.findings.add("Taal verbetert", "good-practice", case="OCMW A")
    assert p.findings.link(finding.id, codes=["T-mondeling"], coders=["an"]) == 2
    got = p.findings.get(finding.id)
    s = got.strength
    assert (s.segments, s.interviews, s.roles, s.cases, s.waves) == (
        2, 2, ["Eindgebruiker"], ["OCMW A"], ["1", "2"])
    assert s.flags == ["single role"] and got.category == "Taal"
    assert p.findings.link(finding.id, codes=["T-mondeling"]) == 2  # bert's two codings
    assert p.findings.get(finding.id).strength.segments == 3  # one of them shares a span
    assert {seg.document for seg in p.findings.evidence(finding.id)} == {"FG A 1", "Ind A 2"}


def test_single_interview_and_missing_evidence_are_flagged(study):
    p, ids = study
    rec = p.findings.add("Meer taalkansen", "recommendation", level="federaal")
    p.findings.link(rec.id, codings=[ids["FG B 1 ¶2 T-mondeling an"],
                                     ids["FG B 1 ¶3 T-mondeling an"]])
    assert p.findings.get(rec.id).strength.flags == ["single interview", "single role"]
    empty = p.findings.add("Nog na te gaan")
    assert empty.strength.flags == ["no evidence"] and empty.category is None
    cross = p.findings.list(cross_case=True)
    assert {rec.id, empty.id} <= {f.id for f in cross} and all(f.case is None for f in cross)
    assert [f.level for f in p.findings.list(kind="recommendation") if f.id == rec.id] == [
        "federaal"]
    assert p.findings.unlink(rec.id, [ids["FG B 1 ¶3 T-mondeling an"]]) == 1


def test_bad_findings_are_refused(study):
    p, _ = study
    with pytest.raises(stemmen.Invalid, match="kind"):
        p.findings.add("x", "opinion")
    with pytest.raises(stemmen.NotFound):
        p.findings.add("x", case="OCMW Z")
    finding = p.findings.add("x")
    with pytest.raises(stemmen.NotFound, match="coding"):
        p.findings.link(finding.id, codings=[99999])
    with pytest.raises(stemmen.NotFound):
        p.findings.get(10**6)


def test_quotes_keep_trimmed_text_and_placeholders(study):
    p, ids = study
    finding = p.findings.add("Taal verbetert", case="OCMW B")
    coding = ids["FG B 1 ¶2 T-mondeling an"]
    quote = p.quotes.mark(coding, "[Naam deelnemer] spreekt […] vlot Nederlands.", finding.id)
    assert quote.text == "[Naam deelnemer] spreekt […] vlot Nederlands."
    assert quote.attribution == "(Hulpverlener, OCMW B)" and quote.chosen
    with pytest.raises(stemmen.Invalid, match="taken from the segment"):
        p.quotes.mark(coding, "Nederlands […] spreekt")  # wrong order
    untrimmed = p.quotes.mark(ids["FG A 1 ¶2 T-mondeling an"])
    assert untrimmed.text == "Ik spreek nu beter Nederlands met de buren."  # no speaker label
    marked = [q.coding_id for q in p.quotes.list()]
    assert marked.index(coding) < marked.index(ids["FG A 1 ¶2 T-mondeling an"])
    assert [q.coding_id for q in p.quotes.list(finding=finding.id)] == [coding]
    p.quotes.unmark(coding)
    p.quotes.unmark(ids["FG A 1 ¶2 T-mondeling an"])
    with pytest.raises(stemmen.NotFound):
        p.quotes.unmark(coding)


def test_default_quotes_are_the_most_central_from_different_interviews(study):
    p, _ = study
    finding = p.findings.add("Nederlands", case="OCMW A")
    p.findings.link(finding.id, codes=["T-mondeling", "S-sociaal"], coders=["an"])
    picks = p.quotes.for_finding(p.findings.get(finding.id), n=2)
    assert len(picks) == 2 and not any(q.chosen for q in picks)
    assert len({q.segment.document for q in picks}) == 2


def test_deleting_codings_or_findings_cleans_up_links(make_project):
    p = make_project()
    ids = build_small_study(p)
    finding = p.findings.add("x", case="OCMW B")
    p.findings.link(finding.id, codes=["T-mondeling"])
    p.quotes.mark(ids["FG B 1 ¶2 T-mondeling an"], finding=finding.id)
    p.codings.remove(ids["FG B 1 ¶3 T-mondeling an"])
    assert p.findings.get(finding.id).strength.segments == 1
    p.findings.delete(finding.id)
    assert p.quotes.list()[0].finding_id is None


def test_findings_tables_match_the_migration_and_downgrade_cleanly(make_project):
    p = make_project()
    assert p.store.revision() == migrate.head_revision()
    with p.store.engine.begin() as conn:
        assert compare_metadata(
            MigrationContext.configure(conn, opts=OUTSIDE_METADATA), metadata) == []
        migrate.downgrade(conn, "0002")
        migrate.upgrade(conn)
        assert migrate.current_revision(conn) == migrate.head_revision()
