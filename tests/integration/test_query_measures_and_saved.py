"""The matrix's measures (coded words, characters, people) checked against brute-force counts
on a small hand-built project, and saved queries: save, list, run again, delete (SQLite and
PostgreSQL)."""

from __future__ import annotations

import pytest

import stemmen
from stemmen.formats.tables import Table
from stemmen.stats.coverage import WORD

TEXTS = {  # SYNTHETIC
    "FG A": "[SYNTHETIC]\nDe tolk hielp ons veel.\nIk heb vrienden in de groep, echt waar.\n"
            "OCMW's late-instapper sprak Nederlands.",
    "Ind A": "[SYNTHETIC]\nIk spreek nu Nederlands op het werk.\nDe buren zijn vriendelijk.",
    "Bilat B": "[SYNTHETIC]\nDe tolk was er altijd; het project liep goed.\nNazorg ontbrak.",
}
CASES = {"FG A": "OCMW A", "Ind A": "OCMW A", "Bilat B": "OCMW B"}
CODINGS = [  # (document, code, coder, start text, end text): spans cut inside words on purpose
    ("FG A", "R-tolk", "an", "tolk hielp", "ons"),
    ("FG A", "R-tolk", "bert", "olk hie", "lp"),  # inside the same words: counted once
    ("FG A", "S-netwerk", "an", "hielp ons veel", "vrienden"),
    ("FG A", "S-netwerk", "an", "OCMW's", "late-instapper"),
    ("Ind A", "S-netwerk", "an", "De buren", "vriendelijk"),
    ("Ind A", "T-taal", "an", "spreek nu", "Nederlands"),
    ("Bilat B", "R-tolk", "an", "tolk was", "altijd"),
    ("Bilat B", "T-taal", "bert", "project liep", "goed"),
]


def build(make_project):
    p = make_project()
    p.codebook.add("R-tolk", category="Randvoorwaarden")
    p.codebook.add("S-netwerk", category="Sociaal")
    p.codebook.add("T-taal", category="Randvoorwaarden")
    p.cases.define_attribute("role")
    for name, text in TEXTS.items():
        p.documents.add(name, text, case=CASES[name])
    p.documents.set_attribute("FG A", "role", "Eindgebruiker")
    p.documents.set_attribute("Ind A", "role", "Eindgebruiker")
    p.documents.set_attribute("Bilat B", "role", "OCMW-verantwoordelijke")
    p.participants.add("P-1", "OCMW A", ["FG A", "Ind A"])
    p.participants.add("P-2", "OCMW A", ["FG A"])  # Bilat B has nobody linked
    spans = []
    for doc, code, coder, first, last in CODINGS:
        text = TEXTS[doc]
        start = text.index(first)
        end = text.index(last, start) + len(last)
        p.codings.apply(doc, code, coder, start=start, end=end)
        spans.append((doc, code, start, end))
    return p, spans


def brute(spans, doc_filter, code_filter, measure):
    """Characters or words covered, position by position."""
    covered = {(d, i) for d, c, s, e in spans if doc_filter(d) and code_filter(c)
               for i in range(s, e)}
    if measure == "characters":
        return len(covered)
    return sum(1 for d, text in TEXTS.items() if doc_filter(d) for w in WORD.finditer(text)
               if any((d, i) in covered for i in range(w.start(), w.end())))


@pytest.mark.parametrize("measure", ["characters", "words"])
def test_coded_words_and_characters_match_a_brute_force_count(make_project, measure):
    p, spans = build(make_project)
    m = p.queries.matrix(count=measure)
    assert m.rows == ["R-tolk", "S-netwerk", "T-taal"] and m.columns == ["OCMW A", "OCMW B"]
    for i, code in enumerate(m.rows):
        for j, case in enumerate(m.columns):
            assert m.cells[i][j] == brute(spans, lambda d, c=case: CASES[d] == c,
                                          lambda x, k=code: x == k, measure), (code, case)
        assert m.row_totals[i] == brute(spans, lambda d: True, lambda x, k=code: x == k,
                                        measure)
    for j, case in enumerate(m.columns):
        assert m.column_totals[j] == brute(spans, lambda d, c=case: CASES[d] == c,
                                           lambda x: True, measure)
    assert m.total == brute(spans, lambda d: True, lambda x: True, measure)
    assert m.cell("R-tolk", "OCMW A") == (3 if measure == "words" else len("tolk hielp ons"))
    by_role = p.queries.matrix(rows="category", columns="role", count=measure)
    assert by_role.cell("Randvoorwaarden", "Eindgebruiker") == brute(
        spans, lambda d: d != "Bilat B", lambda x: x in ("R-tolk", "T-taal"), measure)
    only_bert = p.queries.matrix(count=measure, coders=["bert"])
    berts = [s for s, c in zip(spans, CODINGS, strict=True) if c[2] == "bert"]
    assert only_bert.cell("T-taal", "OCMW B") == brute(berts, lambda d: d == "Bilat B",
                                                       lambda x: x == "T-taal", measure) > 0
    assert only_bert.cell("R-tolk", "OCMW A") == (2 if measure == "words" else len("olk hielp"))


def test_people_are_linked_participants_or_the_document_itself(make_project):
    p, _ = build(make_project)
    m = p.queries.matrix(count="people")
    # R-tolk: FG A (P-1, P-2) in A; Bilat B (nobody linked: one person) in B
    assert m.cell("R-tolk", "OCMW A") == 2 and m.cell("R-tolk", "OCMW B") == 1
    # S-netwerk: FG A and Ind A, P-1 counted once
    assert m.cell("S-netwerk", "OCMW A") == 2 and m.row_totals[1] == 2
    assert m.column_totals == [2, 1] and m.total == 3
    assert p.queries.matrix(count="participants").cell("R-tolk", "OCMW B") == 0


def test_a_query_is_saved_run_again_and_deleted(make_project):
    p, _ = build(make_project)
    saved = p.queries.save("Tolk per rol", "matrix",
                           {"columns": "role", "count": "words", "coders": ["an"]})
    assert (saved.name, saved.kind, saved.author) == ("Tolk per rol", "matrix", "tester")
    assert saved.params == {"columns": "role", "count": "words", "coders": ["an"]}
    assert saved.created_at is not None and saved.created_at.tzinfo is not None
    p.queries.save("Voortgang", "progress")
    assert [q.name for q in p.queries.saved()] == ["Tolk per rol", "Voortgang"]
    again = p.queries.run_saved("tolk per rol")  # names are found in any case
    direct = p.queries.matrix(columns="role", count="words", coders=["an"])
    assert again.value == direct and again.kind == "matrix"
    [table] = again.tables
    assert isinstance(table, Table) and table.headers[:2] == ["category", "code"]
    assert table.rows[-1][1:] == ["total", *direct.column_totals, direct.total]
    p.codings.apply("Ind A", "R-tolk", "an", paragraph=1)  # the project changes ...
    assert p.queries.run_saved("Tolk per rol").value != direct  # ... and the rerun sees it
    with pytest.raises(stemmen.AlreadyExists):
        p.queries.save("VOORTGANG", "matrix")
    p.queries.delete_saved("Voortgang")
    assert [q.name for q in p.queries.saved()] == ["Tolk per rol"]
    with pytest.raises(stemmen.NotFound):
        p.queries.run_saved("Voortgang")
    actions = [e.action for e in p.journal.entries()]
    assert actions.count("query.save") == 2 and actions.count("query.delete") == 1


def test_saving_refuses_unknown_kinds_and_parameters(make_project):
    p, _ = build(make_project)
    with pytest.raises(stemmen.Invalid, match="no query kind"):
        p.queries.save("x", "pivot")
    with pytest.raises(stemmen.Invalid, match="no parameter 'colour'"):
        p.queries.save("x", "matrix", {"colour": "red"})
    with pytest.raises(stemmen.Invalid, match="needs a name"):
        p.queries.save("   ", "matrix")
    with pytest.raises(stemmen.Invalid, match="Count one of"):
        p.queries.run("matrix", {"count": "smiles"})
    assert p.queries.saved() == []


def test_progress_counts_paragraphs_per_document_and_coder(make_project):
    p, _ = build(make_project)
    rows = {(r.document, r.coder): (r.coded, r.paragraphs) for r in p.queries.progress()}
    assert rows[("FG A", "an")] == (3, 4)  # ¶2, ¶3 (S-netwerk runs on), ¶4
    assert rows[("FG A", "bert")] == (1, 4)
    assert rows[("Ind A", "bert")] == (0, 3)
    assert rows[("Bilat B", "bert")] == (1, 3)


def test_search_filters_by_case_attribute_code_and_coder(make_project):
    p, _ = build(make_project)
    assert {h.document for h in p.queries.search("tolk")} == {"FG A", "Bilat B"}
    assert {h.document for h in p.queries.search("TOLK", cases=["OCMW B"])} == {"Bilat B"}
    assert {h.document for h in p.queries.search(
        "de", attributes={"role": ["Eindgebruiker"]})} == {"FG A", "Ind A"}
    in_code = p.queries.search("de", codes=["S-netwerk"])
    assert [(h.document, h.match) for h in in_code] == [("FG A", "de"), ("Ind A", "De"),
                                                       ("Ind A", "de")]  # vrien*de*n
    assert p.queries.search("tolk", codes=["T-taal"]) == []
    assert [h.document for h in p.queries.search("project", coders=["bert"])] == ["Bilat B"]
    with pytest.raises(stemmen.Invalid, match="no attribute"):
        p.queries.search("de", attributes={"colour": ["red"]})
