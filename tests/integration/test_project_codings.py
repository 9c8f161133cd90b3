"""Coding without a UI, retrieval with context and attribution, and the audit log."""

from __future__ import annotations

import pytest

from stemmen import Invalid, NotFound


def test_apply_to_paragraph_range_spans_whole_paragraphs(make_project, sample_text):
    p = make_project(codes=["R-tolk"], documents={"fg": sample_text})
    coding = p.codings.apply("fg", "R-tolk", "an", paragraph=3, last_paragraph=4)
    text = p.documents.get("fg").text
    assert text[coding.start:coding.end].startswith("Deelnemer 1: Ik had veel stress")
    assert text[coding.start:coding.end].endswith("Zonder tolk begrijp ik niets.")


def test_applying_twice_is_one_coding(make_project, sample_text):
    p = make_project(codes=["R-tolk"], documents={"fg": sample_text})
    a = p.codings.apply("fg", "R-tolk", "an", start=5, end=20)
    b = p.codings.apply("fg", "R-tolk", "an", start=5, end=20)
    assert a.id == b.id and len(p.codings.list()) == 1


@pytest.mark.parametrize("start,end", [(-1, 5), (5, 5), (10, 2), (0, 10_000)])
def test_span_outside_document_is_refused(make_project, sample_text, start, end):
    p = make_project(codes=["R-tolk"], documents={"fg": sample_text})
    with pytest.raises(Invalid):
        p.codings.apply("fg", "R-tolk", "an", start=start, end=end)
    assert p.codings.list() == []


def test_unknown_code_document_or_paragraph_is_a_clear_error(make_project, sample_text):
    p = make_project(codes=["R-tolk"], documents={"fg": sample_text})
    with pytest.raises(NotFound, match="no code 'X'"):
        p.codings.apply("fg", "X", "an", paragraph=1)
    with pytest.raises(NotFound, match="no document"):
        p.codings.apply("nope", "R-tolk", "an", paragraph=1)
    with pytest.raises(Invalid, match="Paragraph 99"):
        p.codings.apply("fg", "R-tolk", "an", paragraph=99)


def test_remove_by_id_and_by_paragraph(make_project, sample_text):
    p = make_project(codes=["R-tolk"], documents={"fg": sample_text})
    a = p.codings.apply("fg", "R-tolk", "an", paragraph=2)
    p.codings.apply("fg", "R-tolk", "an", paragraph=4)
    p.codings.remove(a.id)
    [removed] = p.codings.remove_span("fg", "R-tolk", "an", paragraph=4)
    assert removed.code == "R-tolk" and p.codings.list() == []
    with pytest.raises(NotFound):
        p.codings.remove(a.id)


def test_offsets_are_code_points_for_astral_characters(make_project):
    text = "[SYNTHETIC]\nIk 😀 ben blij. Ça va très bien.\n"
    p = make_project(codes=["G-gevoel"], documents={"d": text})
    doc = p.documents.get("d")
    start = doc.text.index("ben")
    coding = p.codings.apply("d", "G-gevoel", "an", start=start, end=start + 3)
    [segment] = p.segments.retrieve(codes=["G-gevoel"])
    assert segment.text == "ben" and coding.start == start == 17  # 18 in UTF-16 units


def _study(make_project, sample_text):
    p = make_project(codes=["R-tolk", "T-mondeling"])
    p.cases.define_attribute("role", "choice", ["Eindgebruiker", "Hulpverlener"])
    p.cases.define_attribute("wave", "number")
    p.documents.add("FG eindgebruikers Antwerpen", sample_text, case="OCMW Antwerpen",
                    attributes={"role": "Eindgebruiker", "wave": 1})
    p.documents.add("FG hulpverleners Gent", sample_text, case="OCMW Gent",
                    attributes={"role": "Hulpverlener", "wave": 2})
    for doc in ("FG eindgebruikers Antwerpen", "FG hulpverleners Gent"):
        p.codings.apply(doc, "R-tolk", "an", paragraph=4)
        p.codings.apply(doc, "T-mondeling", "bert", paragraph=6)
    return p


def test_retrieve_filters_by_code_case_attribute_and_coder(make_project, sample_text):
    p = _study(make_project, sample_text)
    assert len(p.segments.retrieve(codes=["R-tolk"])) == 2
    [hit] = p.segments.retrieve(codes=["R-tolk"], cases=["OCMW Gent"])
    assert hit.attribution == "(Hulpverlener, OCMW Gent)"
    [hit] = p.segments.retrieve(codes=["R-tolk"], attributes={"role": "Eindgebruiker"})
    assert hit.attribution == "(Eindgebruiker, OCMW Antwerpen)"
    assert p.segments.retrieve(attributes={"wave": "2"}, coders=["bert"])[0].code == "T-mondeling"
    assert p.segments.retrieve(codes=["R-tolk"], coders=["bert"]) == []


def test_retrieve_gives_paragraphs_of_context(make_project, sample_text):
    p = _study(make_project, sample_text)
    hit = p.segments.retrieve(codes=["R-tolk"], cases=["OCMW Gent"], context=1)[0]
    assert hit.text == "Deelnemer 2: De tolk hielp ons. Zonder tolk begrijp ik niets."
    assert hit.paragraphs == (4, 4)
    assert hit.before.startswith("Deelnemer 1: Ik had veel stress")
    assert hit.after == "Interviewer: En de taal?"


def test_retrieve_unknown_code_is_an_error(make_project, sample_text):
    p = _study(make_project, sample_text)
    with pytest.raises(NotFound):
        p.segments.retrieve(codes=["nope"])


def test_every_change_is_in_the_audit_log(make_project, sample_text):
    p = make_project(codes=["R-tolk"], documents={"fg": sample_text}, actor="an")
    coding = p.codings.apply("fg", "R-tolk", paragraph=2)
    p.codings.remove(coding.id)
    actions = [e.action for e in p.journal.entries()]
    assert actions[0] == "project.create"
    assert actions[-3:] == ["document.add", "coding.apply", "coding.remove"]
    assert all(e.actor == "an" and e.at is not None for e in p.journal.entries())


def test_apply_many_is_one_action_and_all_or_nothing(make_project, sample_text):
    p = make_project(codes=["R-tolk", "S-stress"], documents={"fg": sample_text})
    made = p.codings.apply_many("fg", ["R-tolk", "S-stress"], "an", paragraph=3,
                                last_paragraph=4)
    assert [(c.code, c.coder) for c in made] == [("R-tolk", "an"), ("S-stress", "an")]
    assert len({(c.start, c.end) for c in made}) == 1
    assert [e.action for e in p.journal.entries()][-2:] == ["coding.apply", "coding.apply"]
    with pytest.raises(NotFound, match="no code 'X'"):
        p.codings.apply_many("fg", ["S-stress", "X"], "bert", paragraph=2)
    assert [c.coder for c in p.codings.list()] == ["an", "an"]  # nothing of bert's
    assert "bert" not in p.codings.coders()
    again = p.codings.apply_many("fg", ["S-stress"], "an", paragraph=3, last_paragraph=4)
    assert again[0].id == made[1].id and len(p.codings.list()) == 2


def test_remove_many_and_restore_are_all_or_nothing(make_project, sample_text):
    p = make_project(codes=["R-tolk", "S-stress"], documents={"fg": sample_text})
    a = p.codings.apply("fg", "R-tolk", "an", paragraph=2)
    b = p.codings.apply("fg", "S-stress", "bert", start=3, end=9)
    with pytest.raises(NotFound, match="#999"):
        p.codings.remove_many([a.id, 999])
    assert len(p.codings.list()) == 2
    removed = p.codings.remove_many([b.id, a.id])
    assert [c.id for c in removed] == [b.id, a.id] and p.codings.list() == []
    restored = p.codings.restore(removed)
    key = lambda c: (c.document, c.code, c.coder, c.start, c.end)  # noqa: E731
    assert [key(c) for c in restored] == [key(c) for c in removed]
    assert sorted(key(c) for c in p.codings.list()) == sorted(key(c) for c in removed)
    bad = [*removed[:1], removed[1].__class__(document="fg", start=0, end=5, code="X",
                                                coder="an")]
    p.codings.remove_many([c.id for c in restored])
    with pytest.raises(NotFound):
        p.codings.restore(bad)
    assert p.codings.list() == []


def test_remove_span_takes_the_span_as_apply_does_in_one_transaction(make_project,
                                                                     sample_text):
    p = make_project(codes=["R-tolk", "S-stress"], documents={"fg": sample_text})
    p.codings.apply_many("fg", ["R-tolk", "S-stress"], "an", paragraph=4)
    kept = p.codings.apply("fg", "R-tolk", "bert", paragraph=4)
    start = p.codings.list()[0].start
    removed = p.codings.remove_span("fg", ["R-tolk", "S-stress"], "an", start=start,
                                    end=start + 5)
    assert sorted(c.code for c in removed) == ["R-tolk", "S-stress"]
    assert [c.id for c in p.codings.list()] == [kept.id]  # another coder's coding stays
    assert [e.action for e in p.journal.entries()][-2:] == ["coding.remove", "coding.remove"]
    with pytest.raises(NotFound):
        p.codings.remove_span("fg", ["R-tolk", "X"], "bert", paragraph=4)
    assert [c.id for c in p.codings.list()] == [kept.id]


def test_memos_are_written_edited_and_deleted(make_project, sample_text):
    p = make_project(documents={"fg": sample_text}, actor="an")
    memo = p.memos.add("Stress bij aankomst.", title="Stress", document="fg", start=5,
                       end=20, author="bert")
    assert (memo.author, memo.start, memo.end) == ("bert", 5, 20)
    edited = p.memos.edit(memo.id, text="  Minder stress later. ", title="Later")
    assert (edited.text, edited.title, edited.start) == ("Minder stress later.", "Later", 5)
    assert p.memos.list(document="fg") == [edited]
    with pytest.raises(Invalid):
        p.memos.edit(memo.id, text="   ")
    assert p.memos.get(memo.id).text == "Minder stress later."
    removed = p.memos.remove(memo.id)
    assert removed.text == "Minder stress later." and p.memos.list(document="fg") == []
    with pytest.raises(NotFound):
        p.memos.remove(memo.id)
    with pytest.raises(NotFound):
        p.memos.edit(memo.id, text="x")
    actions = [e.action for e in p.journal.entries()]
    assert actions[-3:] == ["memo.add", "memo.edit", "memo.remove"]


def test_the_audit_log_pages_and_filters_in_the_database(make_project, sample_text):
    p = make_project(codes=["R-tolk"], documents={"d": sample_text})
    for n in range(1, 6):
        p.codings.apply("d", "R-tolk", "an", paragraph=n)
    everything = p.journal.entries()
    applies = [e for e in everything if e.action == "coding.apply"]
    first = p.journal.page(action="coding.apply", size=2)
    assert (first.total, first.pages, first.page) == (len(applies), -(-len(applies) // 2), 1)
    assert [e.id for e in first.entries] == [e.id for e in applies[::-1][:2]]
    last = p.journal.page(action="coding.apply", page=99, size=2)
    assert last.page == last.pages and last.entries
    assert "coding.apply" in first.actions and "tester" in first.actors
    assert p.journal.page(actor="nobody").total == 0
