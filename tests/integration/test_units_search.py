"""Stored text units and the full-text index (issue 17, part 1), on SQLite and PostgreSQL.

Texts are SYNTHETIC, written for these tests.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

import stemmen
from stemmen.model.text import paragraph_spans, sentences
from stemmen.store import migrate
from stemmen.store import units as su

FRENCH = (
    "[SYNTHETIC TEST TRANSCRIPT]\n"
    "Intervieweuse: Comment s'est passée la première réunion au CPAS ?\n"
    "Participante: On s'est vus au café. L'assistante sociale était là.\n"
    "Intervieweuse: Et l'interprète ?\n"
    "Participante: Sans interprète je ne comprends rien. La Réunion était longue.\n"
)


def _stored(p: stemmen.Project, name: str) -> tuple[list, list]:
    with p.store.reading() as conn:
        doc_id = {d.name: d.id for d in p.documents.list()}[name]
        return (su.paragraph_spans(conn, [doc_id])[doc_id],
                su.sentence_spans(conn, [doc_id])[doc_id])


def test_units_are_stored_on_import_and_follow_the_one_splitter(make_project, sample_text):
    p = make_project(documents={"nl": sample_text, "fr": FRENCH})
    for name, text in (("nl", sample_text), ("fr", FRENCH)):
        text = p.documents.get(name).text
        paragraphs, sents = _stored(p, name)
        assert paragraphs == paragraph_spans(text)
        assert sents == [(u.start, u.end) for u in sentences(text)]
        assert len(sents) > len(paragraphs) > 3
    p.documents.delete("fr")
    with p.store.reading() as conn:
        assert set(su.paragraph_spans(conn)) == {p.documents.list()[0].id}
    assert p.workspace.search("interprète") == []


def test_an_old_project_gets_its_units_from_the_migration(make_project, sample_text):
    p = make_project(documents={"nl": sample_text, "fr": FRENCH})
    with p.store.engine.begin() as conn:
        migrate.downgrade(conn, "0006")
        tables = inspect(conn).get_table_names()
        assert "text_units" not in tables and "fulltext" not in tables
        migrate.upgrade(conn)
    text = p.documents.get("fr").text
    assert _stored(p, "fr")[0] == paragraph_spans(text)
    [hit] = p.workspace.search("cafe")
    assert (hit.document, hit.paragraph, hit.match) == ("fr", 3, "café")


def test_accents_and_capitals_are_ignored(make_project, sample_text):
    p = make_project(documents={"nl": sample_text, "fr": FRENCH})
    text = p.documents.get("fr").text
    found = p.workspace.search("reunion")
    assert [(h.document, h.paragraph) for h in found] == [("fr", 2), ("fr", 5)]
    assert [h.match for h in found] == ["réunion", "Réunion"]
    assert all(text[h.start:h.end] == h.match for h in found)
    assert [h.match for h in p.workspace.search("CAFÉ")] == ["café"]
    assert [h.match for h in p.workspace.search("Interprete")] == ["interprète"] * 2
    assert p.workspace.search("réunions") == []  # whole words, no stemming


def test_phrases_prefixes_and_every_word_in_one_paragraph(make_project, sample_text):
    p = make_project(documents={"nl": sample_text, "fr": FRENCH})
    [hit] = p.workspace.search('"sans interprete"')
    assert (hit.document, hit.paragraph, hit.match) == ("fr", 5, "Sans interprète")
    assert p.workspace.search('"interprete sans"') == []
    assert [h.match for h in p.workspace.search("interpr*")] == ["interprète"] * 2
    assert {h.match for h in p.workspace.search("tolk*")} == {"tolk"}
    both = p.workspace.search("tolk zonder")  # both words, same paragraph
    assert [(h.document, h.paragraph) for h in both] == [("nl", 4)]
    assert p.workspace.search("tolk stress") == []  # different paragraphs
    assert p.workspace.search("   ") == [] and p.workspace.search('"" *') == []


def test_snippets_mark_every_match_and_stay_in_the_paragraph(make_project, sample_text):
    p = make_project(documents={"nl": sample_text})
    [hit] = p.workspace.search("tolk")
    text = p.documents.get("nl").text
    start, end = paragraph_spans(text)[hit.paragraph - 1]
    assert (hit.paragraph_start, hit.paragraph_end) == (start, end)
    marked = [t for t, m in hit.snippet if m]
    assert marked == ["tolk", "tolk"]
    assert "".join(t for t, _ in hit.snippet) == text[start:end]
    data = hit.as_dict()
    assert data["snippet"][1] == ["tolk", True] and data["paragraph"] == hit.paragraph


def test_case_and_code_filters(make_project, sample_text):
    p = make_project(codes=["R-tolk", "T-taal"], documents={"a": sample_text, "b": sample_text},
                     a="OCMW A", b="OCMW B")
    p.codings.apply("b", "R-tolk", "an", paragraph=4)
    p.codings.apply("a", "T-taal", "bert", paragraph=6)
    assert [h.document for h in p.workspace.search("tolk")] == ["a", "b"]
    assert [(h.document, h.case) for h in p.workspace.search("tolk", case="OCMW B")] == [
        ("b", "OCMW B")]
    assert [h.document for h in p.workspace.search("tolk", code="R-tolk")] == ["b"]
    assert p.workspace.search("tolk", code="T-taal") == []
    assert [h.paragraph for h in p.workspace.search("nederlands", code="T-taal")] == [6]
    with pytest.raises(stemmen.NotFound, match="OCMW C"):
        p.workspace.search("tolk", case="OCMW C")
    with pytest.raises(stemmen.NotFound, match="X-code"):
        p.workspace.search("tolk", code="X-code")


def test_limit_and_total(make_project, sample_text):
    p = make_project(documents={f"d{i}": sample_text for i in range(5)})
    found = p.workspace.search_all("deelnemer", limit=4)
    assert len(found.hits) == 4 and found.total == 15
    assert [h.document for h in found.hits] == ["d0", "d0", "d0", "d1"]


def test_readers_see_an_edited_text_through_the_cache(make_project, sample_text):
    """A text written again (as editing does, through refresh_units) is seen by the
    paragraph cache, progress and the index at once."""
    p = make_project(codes=["R-tolk"], documents={"nl": sample_text})
    p.codings.apply("nl", "R-tolk", "an", paragraph=2)
    assert p.workspace.progress()["nl"]["an"] == pytest.approx(1 / 6, abs=1e-4)
    new = sample_text.replace("Interviewer: En de taal?\n", "")
    with p.store.transaction() as tx:
        from stemmen.store import documents as dc
        dc.update_document(tx, "nl", text=new)
    assert _stored(p, "nl")[0] == paragraph_spans(new.strip("\n"))
    assert p.workspace.progress()["nl"]["an"] == pytest.approx(1 / 5, abs=1e-4)
    assert p.workspace.search('"en de taal"') == []


def test_paragraph_cooccurrence_counts_stored_paragraphs_as_brute_force(make_project,
                                                                         sample_text):
    import random

    from stemmen.model.text import paragraphs, units_touching

    rng = random.Random(7)
    codes = ["A", "B", "C"]
    p = make_project(codes=codes, documents={"d1": sample_text, "d2": FRENCH}, d1="K1", d2="K2")
    texts = {name: p.documents.get(name).text for name in ("d1", "d2")}
    for _ in range(25):
        doc = rng.choice(["d1", "d2"])
        start = rng.randrange(len(texts[doc]) - 1)
        end = min(len(texts[doc]), start + rng.randrange(1, 120))
        p.codings.apply(doc, rng.choice(codes), rng.choice(["an", "bert"]), start, end)

    def brute(coders=None, cases=None):
        carried = []
        for c in p.codings.list():
            if (coders and c.coder not in coders) or (cases and {"d1": "K1", "d2": "K2"}[
                    c.document] not in cases):
                continue
            for unit in units_touching(paragraphs(texts[c.document]), c.start, c.end):
                carried.append(((c.document, unit.index), c.code))
        per_unit: dict = {}
        for unit, code in carried:
            per_unit.setdefault(unit, set()).add(code)
        cells = [[sum(1 for s in per_unit.values() if a in s and b in s) for b in codes]
                 for a in codes]
        return cells, len(per_unit)

    for coders, cases in ((None, None), (["an"], None), (None, ["K2"])):
        m = p.queries.cooccurrence(codes=codes, coders=coders, cases=cases)
        assert (m.cells, m.total) == brute(coders, cases)
