"""``segments.retrieve_encoded`` keeps recent answers: a repeated retrieval reuses its bytes,
and any change that shows in the answer (made through this project or another connection to
the same database) is seen by the very next call. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_retrieval_fast import CODES, random_project

import stemmen
from stemmen.errors import Invalid


def encode(rows: list[dict[str, Any]]) -> bytes:
    return json.dumps(rows, ensure_ascii=False).encode("utf-8")


def other_encode(rows: list[dict[str, Any]]) -> bytes:
    return json.dumps({"n": len(rows)}).encode("utf-8")


def fresh(p, **asked: Any) -> tuple[bytes, int]:  # noqa: ANN001
    """What the answer must be: the rows made now, encoded."""
    rows = p.segments.retrieve_dicts(**asked)
    return encode(rows), len(rows)


def test_a_repeated_retrieval_reuses_its_answer(make_project):
    p = random_project(make_project)
    first = p.segments.retrieve_encoded(encode, codes=[CODES[0]])
    assert first == fresh(p, codes=[CODES[0]]) and first[1] > 5
    again = p.segments.retrieve_encoded(encode, codes=[CODES[0]])
    assert again[0] is first[0]  # the kept bytes, not made again
    # another retrieval in between does not push it out, nor does another encoder share it
    p.segments.retrieve_encoded(encode, codes=[CODES[1]], coders=["an"])
    assert p.segments.retrieve_encoded(other_encode, codes=[CODES[0]])[0] == \
        other_encode([{}] * first[1])
    assert p.segments.retrieve_encoded(encode, codes=[CODES[0]])[0] is first[0]
    # a commit that changes nothing retrieval shows (as an export's audit line) keeps it
    p.journal.record("exchange.export", file="x.qdpx", format="qdpx")
    assert p.segments.retrieve_encoded(encode, codes=[CODES[0]])[0] is first[0]


def test_the_same_rows_reached_by_other_filters_give_the_same_answer(make_project):
    p = random_project(make_project)
    one = p.segments.retrieve_encoded(encode, codes=[CODES[0]])
    both = p.segments.retrieve_encoded(encode, codes=[CODES[0], "B-twee"], coders=None)
    assert one != both  # more rows
    same = p.segments.retrieve_encoded(encode, codes=[CODES[0]], cases=None, documents=None)
    assert same[0] is one[0]


def _changes(p) -> list[tuple[str, Any]]:  # noqa: ANN001
    """Actions that each change what retrieving CODES[0] (or every code) answers."""
    first = p.codings.list(code=CODES[0])[0]
    doc = first.document
    return [
        ("apply", lambda: p.codings.apply(doc, CODES[0], "an", start=0, end=3)),
        ("remove", lambda: p.codings.remove(p.codings.list(code=CODES[0])[-1].id)),
        ("recode", lambda: p.codings.recode(p.codings.list(code=CODES[1])[0].id, CODES[0])),
        ("rename code", lambda: p.codebook.rename(CODES[0], "A-hernoemd")),
        ("rename document", lambda: p.documents.rename(doc, doc + "-b")),
        ("role", lambda: p.documents.set_attribute(doc + "-b", "role", "Nieuwe rol")),
        ("case", lambda: p.cases.assign(doc + "-b", "case-c")),
        ("rename case", lambda: p.cases.rename("case-c", "case-z")),
        ("delete document", lambda: p.documents.delete(doc + "-b")),
    ]


def test_every_change_is_seen_by_the_next_call(make_project):
    p = random_project(make_project)
    for label, change in _changes(p):
        codes = [c.name for c in p.codebook.codes()][:1]
        for asked in ({"codes": codes}, {}):
            before = p.segments.retrieve_encoded(encode, **asked)
            assert p.segments.retrieve_encoded(encode, **asked)[0] is before[0]
        change()
        for asked in ({"codes": [c.name for c in p.codebook.codes()][:1]}, {}):
            assert p.segments.retrieve_encoded(encode, **asked) == fresh(p, **asked), label


def test_a_change_through_another_connection_is_seen(make_project):
    p = random_project(make_project)
    before = p.segments.retrieve_encoded(encode, codes=[CODES[0]])
    other = stemmen.open_project(p.url)  # another process would do the same
    try:
        doc = p.codings.list(code=CODES[0])[0].document
        other.codings.apply(doc, CODES[0], "bert", start=0, end=2)
        after = p.segments.retrieve_encoded(encode, codes=[CODES[0]])
        assert after == fresh(p, codes=[CODES[0]]) and after[1] == before[1] + 1
        other.codebook.rename(CODES[0], "A-elders")
        renamed = p.segments.retrieve_encoded(encode, codes=["A-elders"])
        assert renamed == fresh(p, codes=["A-elders"]) and b"A-elders" in renamed[0]
    finally:
        other.close()


def test_inside_a_batch_the_batch_is_seen(make_project):
    p = random_project(make_project)
    before = p.segments.retrieve_encoded(encode, codes=[CODES[0]])
    doc = p.codings.list(code=CODES[0])[0].document
    with p.batch():
        p.codings.apply(doc, CODES[0], "bert", start=0, end=2)
        inside = p.segments.retrieve_encoded(encode, codes=[CODES[0]])
        assert inside[1] == before[1] + 1 and inside == fresh(p, codes=[CODES[0]])
    assert p.segments.retrieve_encoded(encode, codes=[CODES[0]]) == inside


def test_answers_kept_are_bounded(make_project, monkeypatch):
    from stemmen.project import retrieval

    p = random_project(make_project)
    monkeypatch.setattr(p.segments, "_answers", retrieval._Answers(limit=2, max_bytes=10**6))
    answers = [p.segments.retrieve_encoded(encode, codes=[code]) for code in CODES[:3]]
    assert len(p.segments._answers.kept) == 2
    assert p.segments.retrieve_encoded(encode, codes=[CODES[2]])[0] is answers[2][0]
    assert p.segments.retrieve_encoded(encode, codes=[CODES[0]])[0] is not answers[0][0]
    small = retrieval._Answers(limit=8, max_bytes=40)  # an answer over a quarter: not kept
    small.put(encode, ([], {}, {}, None), b"x" * 11)
    assert small.kept == []


def test_fields_are_part_of_what_an_answer_is_made_from(make_project):
    p = random_project(make_project)
    full = p.segments.retrieve_encoded(encode, codes=[CODES[0]])
    lean = p.segments.retrieve_encoded(encode, codes=[CODES[0]], fields=["text", "document"])
    rows = p.segments.retrieve_dicts(codes=[CODES[0]])
    assert lean == (encode([{"document": r["document"], "text": r["text"]} for r in rows]),
                    len(rows))
    assert p.segments.retrieve_encoded(encode, codes=[CODES[0]])[0] is full[0]
    again = p.segments.retrieve_encoded(encode, codes=[CODES[0]], fields=("document", "text"))
    assert again[0] is lean[0]
    everything = p.segments.retrieve_encoded(encode, codes=[CODES[0]],
                                             fields=list(reversed(retrieval_fields())))
    assert everything[0] == full[0]
    for bad in (["nope"], []):
        with pytest.raises(Invalid):
            p.segments.retrieve_encoded(encode, codes=[CODES[0]], fields=bad)


def retrieval_fields() -> tuple[str, ...]:
    from stemmen.project.retrieval import SEGMENT_FIELDS

    return SEGMENT_FIELDS
