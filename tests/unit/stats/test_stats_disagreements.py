"""Listing and classifying disagreements; the code-confusion table."""

from __future__ import annotations

import pytest

from stemmen.errors import Invalid
from stemmen.model.text import paragraphs
from stemmen.stats import (
    character_presence,
    code_confusion,
    count_kinds,
    list_disagreements,
    unit_presence,
)

TEXT = "\n".join(f"Paragraph {i} tells part of the story." for i in range(1, 13))
UNITS = paragraphs(TEXT)
BY_INDEX = {u.index: u for u in UNITS}


def span(first: int, last: int | None = None) -> tuple[int, int]:
    return BY_INDEX[first].start, BY_INDEX[last or first].end


def coding(first: int, last: int | None, code: str, coder: str) -> tuple:
    return ("fg", *span(first, last), code, coder)


def test_each_kind_is_recognised():
    codings = [
        coding(1, 2, "X", "an"), coding(1, None, "X", "bert"),  # 2: bert's segment too short
        coding(4, None, "Y", "an"), coding(4, None, "Z", "bert"),  # 4: Y vs Z
        coding(6, None, "Y", "an"),  # 6: bert coded nothing
        coding(8, None, "X", "an"), coding(8, None, "X", "bert"),  # agreement
    ]  # fmt: skip
    found = list_disagreements(unit_presence({"fg": UNITS}, codings))
    assert [(d.unit, d.code, d.kind) for d in found] == [
        (2, "X", "boundary"),
        (4, "Y", "different_code"),
        (4, "Z", "different_code"),
        (6, "Y", "missed"),
    ]
    first = found[0].to_dict()
    assert first["coders_with"] == ["an"] and first["coders_without"] == ["bert"]
    assert first["code_sets"] == {"an": ["X"], "bert": []}
    assert (first["start"], first["end"]) == span(2)
    assert count_kinds(found) == {"boundary": 1, "missed": 1, "different_code": 2}


def test_same_code_in_the_next_paragraph_is_not_a_boundary_when_segments_are_separate():
    """Both coders code paragraph 3 with X on its own; an also codes paragraph 4 with X as a
    separate segment. Nobody's segment runs from 4 into 3: a plain miss, not a boundary."""
    codings = [
        coding(3, None, "X", "an"), coding(3, None, "X", "bert"), coding(4, None, "X", "an"),
    ]  # fmt: skip
    (only,) = list_disagreements(unit_presence({"fg": UNITS}, codings))
    assert (only.unit, only.kind) == (4, "missed")


def test_segment_starting_late_is_a_boundary_too():
    codings = [coding(5, 7, "X", "an"), coding(6, 7, "X", "bert")]
    (only,) = list_disagreements(unit_presence({"fg": UNITS}, codings))
    assert (only.unit, only.kind, only.coders_without) == (5, "boundary", ("bert",))


def test_touching_a_unit_below_the_coverage_threshold_is_a_boundary():
    start, end = span(9)
    codings = [coding(9, None, "X", "an"), ("fg", start, start + 5, "X", "bert")]
    loose = unit_presence({"fg": UNITS}, codings)
    strict = unit_presence({"fg": UNITS}, codings, min_coverage=0.5)
    assert list_disagreements(loose) == []
    (only,) = list_disagreements(strict)
    assert only.kind == "boundary"


def test_study_lesson_four_boundaries_among_twelve_differences():
    """AMIF-42: of 12 differences, four came from segments marked too short."""
    codings = []
    for p in (1, 4, 7, 10):  # an marks statement + context, bert only the statement
        codings += [coding(p, p + 1, "X", "an"), coding(p, None, "X", "bert")]
    for p in (3, 6, 9, 12):  # overlapping definitions
        codings += [coding(p, None, "Y", "an"), coding(p, None, "Z", "bert")]
    found = list_disagreements(unit_presence({"fg": UNITS}, codings))
    assert count_kinds(found) == {"boundary": 4, "missed": 0, "different_code": 8}
    assert len({(d.document, d.unit) for d in found}) == 8


def test_character_units_classify_a_whole_short_segment_as_boundary():
    codings = [("d", 0, 30, "X", "an"), ("d", 0, 10, "X", "bert"), ("d", 50, 60, "Y", "an")]
    found = list_disagreements(character_presence(codings, {"d": 80}))
    assert [(d.start, d.end, d.code, d.kind) for d in found] == [
        (10, 30, "X", "boundary"),
        (50, 60, "Y", "missed"),
    ]


def test_three_coders_name_who_lacks_the_code():
    codings = [
        coding(2, None, "X", "an"), coding(2, None, "X", "bert"), coding(2, None, "W", "carla"),
    ]  # fmt: skip
    found = list_disagreements(unit_presence({"fg": UNITS}, codings))
    x = next(d for d in found if d.code == "X")
    assert x.coders_with == ("an", "bert") and x.coders_without == ("carla",)
    assert x.kind == "different_code"


def test_code_confusion_counts_pairs_of_codes_used_instead_of_each_other():
    codings = [
        coding(1, None, "Y", "an"), coding(1, None, "Z", "bert"),
        coding(2, None, "Y", "an"), coding(2, None, "Z", "bert"),
        coding(3, None, "Z", "an"), coding(3, None, "Y", "bert"),
        coding(4, None, "X", "an"), coding(4, None, "X", "bert"), coding(4, None, "Y", "bert"),
        coding(5, None, "X", "an"), coding(5, None, "W", "an"), coding(5, None, "Y", "bert"),
    ]  # fmt: skip
    presence = unit_presence({"fg": UNITS}, codings)
    assert code_confusion(presence) == [
        {"code_a": "Y", "code_b": "Z", "units": 2},
        {"code_a": "W", "code_b": "Y", "units": 1},
        {"code_a": "X", "code_b": "Y", "units": 1},
        {"code_a": "Z", "code_b": "Y", "units": 1},
    ]
    assert code_confusion(presence, symmetric=True)[0] == {"code_a": "Y", "code_b": "Z", "units": 3}
    reverse = code_confusion(presence, "bert", "an")
    assert reverse[0] == {"code_a": "Z", "code_b": "Y", "units": 2}


def test_code_confusion_adds_up_every_pair_when_there_are_more_coders():
    """Three coders, none named: the swaps of every pair are added (the page's table)."""
    codings = [coding(1, None, "X", c) for c in ("an", "bert", "carla")]
    codings += [coding(2, None, "X", "an"), coding(2, None, "Y", "bert"),
                coding(2, None, "Y", "carla")]
    presence = unit_presence({"fg": UNITS}, codings)
    assert code_confusion(presence, symmetric=True) == [
        {"code_a": "X", "code_b": "Y", "units": 2}]  # an-bert and an-carla; bert-carla agree
    with pytest.raises(Invalid):
        code_confusion(presence, "an", "dirk")
    assert code_confusion(presence, "bert", "carla") == []
