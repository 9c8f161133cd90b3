"""Reconciliation: two coders' codings plus decisions give the master coding."""

from __future__ import annotations

import pytest

from stemmen.errors import Invalid
from stemmen.model.text import paragraphs
from stemmen.stats import list_disagreements, reconcile, unit_presence

TEXT = "\n".join(f"Paragraph {i} of the interview." for i in range(1, 9))
UNITS = paragraphs(TEXT)
BY_INDEX = {u.index: u for u in UNITS}


def span(first: int, last: int | None = None) -> tuple[int, int]:
    return BY_INDEX[first].start, BY_INDEX[last or first].end


CODINGS = [
    ("fg", *span(1, 2), "X", "an"),  # bert stops after paragraph 1: boundary at 2
    ("fg", *span(1), "X", "bert"),
    ("fg", *span(4), "Y", "an"),  # Y vs Z at 4
    ("fg", *span(4), "Z", "bert"),
    ("fg", *span(6), "Y", "an"),  # bert missed 6
    ("fg", BY_INDEX[8].start + 3, BY_INDEX[8].end, "X", "an"),  # both at 8, different spans
    ("fg", BY_INDEX[8].start, BY_INDEX[8].end - 2, "X", "bert"),
]


def presence():
    return unit_presence({"fg": UNITS}, CODINGS)


def test_decisions_build_the_master_coding():
    decisions = {
        ("fg", 2, "X"): "a",  # keep the context: the segment stays whole over 1-2
        ("fg", 4, "Y"): "a",
        ("fg", 4, "Z"): "neither",
        ("fg", 6, "Y"): "b",  # bert did not code it: dropped
    }
    master = reconcile(presence(), CODINGS, decisions)
    assert master == [
        ("fg", *span(1, 2), "X", "master"),
        ("fg", *span(4), "Y", "master"),
        ("fg", *span(8), "X", "master"),  # agreed: union of both coders' spans
    ]


def test_both_keeps_the_code_wherever_either_coder_applied_it():
    decisions = [(d.document, d.unit, d.code, "both") for d in list_disagreements(presence())]
    master = reconcile(presence(), CODINGS, decisions, master="team")
    codes = [(row[3], row[1], row[2]) for row in master]
    assert ("X", *span(1, 2)) in codes
    assert ("Y", *span(4)) in codes and ("Z", *span(4)) in codes and ("Y", *span(6)) in codes
    assert {row[4] for row in master} == {"team"}


def test_agreed_units_can_keep_one_coders_boundaries():
    master = reconcile(presence(), CODINGS, {}, default="neither", agreed="a")
    assert master == [
        ("fg", *span(1), "X", "master"),
        ("fg", BY_INDEX[8].start + 3, BY_INDEX[8].end, "X", "master"),
    ]


def test_decisions_as_dicts_and_a_default():
    decisions = [{"document": "fg", "unit": 6, "code": "Y", "choice": "a"}]
    master = reconcile(presence(), CODINGS, decisions, default="b")
    assert ("fg", *span(6), "Y", "master") in master
    assert ("fg", *span(4), "Z", "master") in master
    assert ("fg", *span(4), "Y", "master") not in master


def test_missing_stale_or_unknown_decisions_are_refused():
    with pytest.raises(Invalid, match="4 disagreement"):
        reconcile(presence(), CODINGS, {})
    with pytest.raises(Invalid, match="no disagreement"):
        reconcile(presence(), CODINGS, {("fg", 8, "X"): "a"}, default="a")
    with pytest.raises(Invalid):
        reconcile(presence(), CODINGS, {("fg", 2, "X"): "maybe"}, default="a")
    with pytest.raises(Invalid):
        reconcile(presence(), CODINGS, {}, default="a", agreed="all")
