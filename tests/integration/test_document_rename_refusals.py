"""``project.documents.rename`` refuses a taken, empty or unknown name before writing anything
(on SQLite and PostgreSQL): a domain error, never a database error."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import stemmen
from stemmen.errors import AlreadyExists, Invalid, NotFound


def test_rename_refusals_leave_the_project_as_it_was(
        make_project: Callable[..., stemmen.Project]) -> None:
    p = make_project(codes=["A"], documents={"one": "Eerste alinea.", "two": "Tweede."})
    p.codings.apply("one", "A", start=0, end=6)
    with pytest.raises(AlreadyExists):
        p.documents.rename("one", "two")
    with pytest.raises(AlreadyExists):
        p.documents.rename("one", " two ")
    with pytest.raises(Invalid):
        p.documents.rename("one", "   ")
    with pytest.raises(NotFound):
        p.documents.rename("three", "four")
    assert sorted(d.name for d in p.documents.list()) == ["one", "two"]
    assert "document.rename" not in [e.action for e in p.journal.entries()]
    p.documents.rename("one", " one ")  # the same name, stripped: allowed, nothing moves
    p.documents.rename("one", "een")
    assert sorted(d.name for d in p.documents.list()) == ["een", "two"]
    assert len(p.codings.list(document="een")) == 1
    last = p.journal.entries(1)[0]
    assert (last.action, last.details) == ("document.rename", {"old": "one", "new": "een"})
