"""Editing a transcript after coding (project.texts): codings and memos follow the text,
versions are kept and restored exactly, flagged and detached codings wait for review, and
agreement refuses to compare coders across versions. SQLite and PostgreSQL.

Texts are synthetic (random words with emoji, combining accents and CRLF line ends).
"""

from __future__ import annotations

import random

import pytest

from stemmen.errors import Invalid, NotFound
from stemmen.model.text import normalise_text
from stemmen.model.text_edits import Edit, apply_edits, check_edits

PIECES = ["de", "kat", "zat", "op", "mat", "café", "été", "q\u0307", "👩\u200d💻", "👍🏽",
          "🇧🇪", "naïve", "Ωμέγα", "tolk", "stress", "werk"]

TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\r\n"
        "Interviewer: Hoe verliep de eerste kennismaking? 👋\r\n"
        "Deelnemer 1: Ik had veel stress om te komen, maar de begeleider luisterde.\r\n"
        "Deelnemer 2: De tolk hielp ons. Zonder tolk begrijp ik niets 👩\u200d💻.\r\n"
        "Interviewer: En de taal?\r\n"
        "Deelnemer 1: Ik spreek nu beter Nederlands, ook op het werk.\r\n")


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def coded(make_project):
    p = make_project(codes=["stress", "tolk", "taal"], documents={"d": TEXT})
    text = p.documents.get("d").text
    p.codings.apply("d", "stress", "ann", *_span(text, "veel stress om te komen"))
    p.codings.apply("d", "tolk", "ann", *_span(text, "De tolk hielp ons"))
    p.codings.apply("d", "tolk", "bob", *_span(text, "Zonder tolk begrijp ik niets"))
    p.codings.apply("d", "taal", "bob", *_span(text, "En de taal?"))
    p.memos.add("about the interpreter", document="d", start=_span(text, "De tolk")[0],
                end=_span(text, "De tolk")[1])
    return p


def _words(p, coding_id: int) -> str:
    coding = next(c for c in p.codings.list() if c.id == coding_id)
    return p.documents.get("d").text[coding.start:coding.end]


def test_an_edit_moves_flags_and_detaches(coded):
    p = coded
    before = {c.id: c for c in p.codings.list()}
    old = p.documents.get("d").text
    new = (old.replace("Interviewer: Hoe verliep", "Interviewer (MV): Hoe verliep")
              .replace("veel stress om", "veel grote stress om")  # inside: flagged
              .replace("En de taal?\n", "\n"))  # the whole coded text: detached
    result = p.texts.edit("d", new.replace("\n", "\r\n"), reason="typos")
    assert (result.version, result.previous, result.changed) == (2, 1, True)
    assert (result.moved, result.flagged, result.detached) == (2, 1, 1)
    assert result.memos.moved == 1
    after = {c.id: c for c in p.codings.list()}
    assert set(after) == set(before)  # nothing dropped
    text = p.documents.get("d").text
    for cid, coding in before.items():
        words = old[coding.start:coding.end]
        if words in ("De tolk hielp ons", "Zonder tolk begrijp ik niets"):
            assert text[after[cid].start:after[cid].end] == words
    items = {i.quote: i for i in p.texts.reviews("d")}
    assert set(items) == {"veel stress om te komen", "En de taal?"}
    assert items["veel stress om te komen"].state == "flagged"
    assert items["veel stress om te komen"].text == "veel grote stress om te komen"
    detached = items["En de taal?"]
    assert (detached.state, detached.made_on, detached.since) == ("detached", 1, 2)
    assert detached.coder == "bob" and detached.code == "taal"
    memo = p.memos.list("d")[0]
    assert text[memo.start:memo.end] == "De tolk"
    versions = p.texts.versions("d")
    assert [(v.number, v.kind, v.current) for v in versions] == [
        (1, "import", False), (2, "edit", True)]
    assert versions[1].reason == "typos" and versions[1].author == "tester"
    assert p.journal.entries(1)[0].action == "document.edit"


def test_restoring_a_version_restores_every_coding_and_memo_exactly(coded):
    p = coded
    first = {c.id: (c.start, c.end) for c in p.codings.list()}
    memo_first = [(m.start, m.end) for m in p.memos.list("d")]
    text1 = p.documents.get("d").text
    rng = random.Random(3)
    for _ in range(3):
        old = p.documents.get("d").text
        edits = check_edits(_random_edits(rng, old, 5), len(old))
        p.texts.edit("d", apply_edits(old, edits))
    later = p.codings.apply("d", "taal", "ann", 0, 5)  # a coding made on version 4
    result = p.texts.restore("d", 1, reason="undo")
    assert result.version == 5 and p.documents.get("d").text == text1
    now = {c.id: (c.start, c.end) for c in p.codings.list()}
    assert {k: now[k] for k in first} == first
    assert later.id in now
    assert [(m.start, m.end) for m in p.memos.list("d")] == memo_first
    assert {i.id for i in p.texts.reviews("d")} <= {later.id}  # only the newer one can be
    assert p.texts.versions("d")[-1].kind == "restore"
    with pytest.raises(Invalid, match="current text"):
        p.texts.restore("d", 5)
    with pytest.raises(NotFound):
        p.texts.restore("d", 9)


def _random_edits(rng: random.Random, text: str, count: int) -> list[Edit]:
    cuts = sorted(rng.sample(range(len(text) + 1), 2 * count))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        kind = rng.choice(["insert", "delete", "replace"])
        piece = rng.choice(PIECES) + rng.choice(["", " ", "\r\n"])
        edits.append(Edit(a, a, piece) if kind == "insert" else
                     Edit(a, b) if kind == "delete" else Edit(a, b, piece))
    return edits


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_every_kept_coding_covers_the_same_words(make_project, seed):
    rng = random.Random(seed)
    lines = [" ".join(rng.choice(PIECES) for _ in range(rng.randint(3, 12)))
             for _ in range(12)]
    p = make_project(codes=["c"], documents={"d": "\r\n".join(lines)})
    text = p.documents.get("d").text
    for _ in range(25):
        start = rng.randrange(len(text) - 1)
        p.codings.apply("d", "c", f"coder{rng.randint(1, 3)}", start,
                        rng.randint(start + 1, min(len(text), start + 30)))
    old_codings = {c.id: c for c in p.codings.list()}
    flagged_before = set()
    for _round in range(3):
        old = p.documents.get("d").text
        new = apply_edits(old, check_edits(_random_edits(rng, old, 4), len(old)))
        result = p.texts.edit("d", new)
        text = p.documents.get("d").text
        assert text == normalise_text(new)
        reviewed = {i.id for i in p.texts.reviews("d")}
        now = {c.id: c for c in p.codings.list()}
        assert set(now) == set(old_codings)  # none dropped
        assert result.flagged + result.detached >= len(reviewed - flagged_before)
        assert result.codings.total == len(now)
        for cid, coding in now.items():
            assert 0 <= coding.start < coding.end <= len(text)
            if cid not in reviewed:  # kept: the oracle says the same words
                was = old_codings[cid]
                assert text[coding.start:coding.end] == old[was.start:was.end]
        old_codings, flagged_before = now, reviewed


def test_review_keeps_reattaches_and_deletes(coded):
    p = coded
    old = p.documents.get("d").text
    p.texts.edit("d", old.replace("veel stress", "veel erge stress").replace(
        "En de taal?", "").replace("De tolk hielp ons", "De tolk hielp"))
    items = {i.quote: i for i in p.texts.reviews("d")}
    kept = p.texts.review(items["veel stress om te komen"].id, "keep")
    assert kept.action == "keep" and kept.remaining == 2
    text = p.documents.get("d").text
    start, end = _span(text, "Ik spreek nu beter")
    moved = p.texts.review(items["En de taal?"].id, "reattach", start=start, end=end)
    assert (moved.start, moved.end) == (start, end)
    assert _words(p, moved.id) == "Ik spreek nu beter"
    gone = p.texts.review(items["De tolk hielp ons"].id, "delete")
    assert gone.remaining == 0 and gone.id not in {c.id for c in p.codings.list()}
    with pytest.raises(Invalid, match="not waiting"):
        p.texts.review(kept.id, "keep")
    with pytest.raises(Invalid, match="keep, reattach or delete"):
        p.texts.review(kept.id, "ignore")


def test_memos_follow_and_are_flagged_like_codings(coded):
    p = coded
    old = p.documents.get("d").text
    result = p.texts.edit("d", old.replace("De tolk", "Die tolk"))
    assert result.memos.flagged == 1
    memo = p.memos.list("d")[0]
    items = [i for i in p.texts.reviews("d") if i.kind == "memo"]
    assert [i.id for i in items] == [memo.id] and items[0].quote == "De tolk"
    assert p.texts.review(memo.id, "keep", memo=True).remaining >= 0
    assert [i for i in p.texts.reviews("d") if i.kind == "memo"] == []


def test_paragraph_edit_diff_and_units(coded):
    p = coded
    result = p.texts.edit_paragraph("d", 6, "Deelnemer 1: Ik spreek nu goed Nederlands.",
                                    reason="correction")
    assert result.version == 2 and result.codings.total == 4
    text = p.documents.get("d").text
    assert "Ik spreek nu goed Nederlands." in text and "[SYNTHETIC" in text
    diff = p.texts.diff("d")
    assert (diff.a, diff.b) == (1, 2) and diff.parts
    assert all(part.paragraph == 6 for part in diff.parts)
    assert "-Deelnemer 1: Ik spreek nu beter" in diff.unified
    assert p.texts.text("d", 1) == normalise_text(TEXT)
    removed = p.texts.edit_paragraph("d", 5, "")
    assert removed.detached == 1 and len(p.documents.paragraphs("d")) == 5
    with pytest.raises(Invalid, match="paragraphs 1 to 5"):
        p.texts.edit_paragraph("d", 9, "x")
    same = p.texts.edit("d", p.documents.get("d").text)
    assert not same.changed and same.version == 3


def test_explicit_edits_widen_without_flagging(coded):
    p = coded
    text = p.documents.get("d").text
    start = text.index("De tolk")
    result = p.texts.apply_edits("d", [Edit(start, start + 2, "[PERSOON-1]")],
                                 reason="pseudonymise", kind="pseudonymise", widen=True)
    assert result.flagged == 0 and result.detached == 0
    assert p.texts.versions("d")[-1].kind == "pseudonymise"
    assert "[PERSOON-1] tolk hielp ons" in {p.documents.get("d").text[c.start:c.end]
                                            for c in p.codings.list()}
    with pytest.raises(Invalid, match="do not fit"):
        p.texts.apply_edits("d", [Edit(0, 10**6, "x")])


def test_agreement_refuses_codings_of_different_versions(coded):
    p = coded
    text = p.documents.get("d").text
    p.codings.apply("d", "stress", "bob", *_span(text, "veel stress om te komen"))
    p.codings.apply("d", "tolk", "ann", *_span(text, "Zonder tolk begrijp ik niets"))
    assert p.reliability.compare(["ann", "bob"], intervals=False)
    p.texts.edit("d", text.replace("Zonder tolk begrijp", "Zonder de tolk begrijp"))
    with pytest.raises(Invalid, match=r"document 'd'.*version 1.*version 2"):
        p.reliability.compare(["ann", "bob"], intervals=False)
    for item in p.texts.reviews("d"):
        p.texts.review(item.id, "keep", memo=item.kind == "memo")
    assert p.reliability.compare(["ann", "bob"], intervals=False)


def test_an_edit_of_the_same_length_is_seen_by_retrieval_and_search(make_project):
    p = make_project(codes=["c"], documents={"d": "[SYNTHETIC]\nDe kat zat op de mat.\nEinde."})
    p.codings.apply("d", "c", "an", paragraph=2)
    assert [s.text for s in p.segments.retrieve(["c"])] == ["De kat zat op de mat."]
    p.texts.edit("d", "[SYNTHETIC]\nDe rat zat op de mat.\nEinde.")  # same length, same spans
    assert [s.text for s in p.segments.retrieve(["c"])] == ["De rat zat op de mat."]
    from stemmen.project.search import search

    assert search(p, "rat").total == 1 and search(p, "kat").total == 0


def test_timed_turns_keep_their_times_through_an_edit(make_project):
    from stemmen.project.documents import Upload

    p = make_project()
    timed = ("[00:00:05] Ann: Hallo, dit is een test.\n[00:00:09] Bob: Dag Ann.\n"
             "[00:00:12] Ann: Tot ziens.\n")  # synthetic
    p.documents.import_uploads([Upload("timed.txt", timed.encode())])
    text = p.documents.get("timed").text
    p.texts.edit("timed", text.replace("Bob: Dag Ann.\n", "").replace("Hallo,", "Goedendag,"))
    now = p.documents.get("timed").text
    turns = p.media.turns("timed")
    assert [(t.speaker, t.start_ms, now[t.start:t.end]) for t in turns] == [
        ("Ann", 5000, "Ann: Goedendag, dit is een test."), ("Ann", 12000, "Ann: Tot ziens.")]
