"""Paging retrieval in the database: ``segments.retrieve(limit, offset)``, ``count`` and
``page`` give slices of the full answer, in its order, on every filter combination."""

from __future__ import annotations

import pytest
from tests.integration.test_retrieval_fast import _combinations, _outcome, random_project

from stemmen.errors import Invalid, NotFound


def test_pages_are_slices_of_the_full_answer(make_project):
    p = random_project(make_project)
    checked = 0
    for asked in _combinations(30):
        asked.pop("context", None)
        full = _outcome(p.segments.retrieve, **asked)
        if full is NotFound:
            assert _outcome(p.segments.retrieve, **asked, limit=3) is NotFound, asked
            assert _outcome(p.segments.count, **asked) is NotFound, asked
            continue
        assert p.segments.count(**asked) == len(full), asked
        for limit, offset in ((3, 0), (3, 3), (5, 7), (1, len(full) - 1), (4, len(full) + 2),
                              (0, 0)):
            got = p.segments.retrieve(**asked, limit=limit, offset=max(offset, 0))
            assert got == full[max(offset, 0):max(offset, 0) + limit], (asked, limit, offset)
        assert p.segments.retrieve(**asked, offset=2) == full[2:], asked
        checked += len(full) > 7
    assert checked > 5  # several answers span more than two pages


def test_page_gives_the_segments_and_the_total(make_project):
    p = random_project(make_project)
    codes = ["A-één", "B-twee"]
    full = p.workspace.retrieve_combined(codes)
    assert len(full) > 10
    first = p.segments.page(codes, limit=4)
    assert first.segments == full[:4] and first.total == len(full) and first.more
    last = p.segments.page(codes, limit=4, offset=len(full) - 2)
    assert last.segments == full[-2:] and last.total == len(full) and not last.more
    whole = p.segments.page(codes, limit=len(full) + 5)
    assert whole.segments == full and whole.total == len(full) and not whole.more
    both = p.workspace.retrieve_combined(codes, "and")
    anded = p.segments.page(codes, "and", limit=2, offset=1)
    assert anded.segments == both[1:3] and anded.total == len(both)
    filtered = p.workspace.retrieve_combined(codes, coders=["an"])
    assert p.segments.page(codes, coders=["an"], limit=3).total == len(filtered)


def test_page_checks_its_input(make_project):
    p = random_project(make_project)
    with pytest.raises(NotFound):
        p.segments.page(["no such code"], limit=2)
    with pytest.raises(Invalid):
        p.segments.page(["A-één"], limit=-1)
    with pytest.raises(Invalid):
        p.segments.retrieve(["A-één"], offset=-1)
    with pytest.raises(Invalid):
        p.segments.page(["A-één"], "xor")
