"""The codebook on a real store: add, rename, move, merge, split, delete, history."""

from __future__ import annotations

import pytest

from stemmen import AlreadyExists, Invalid, NotFound


def test_add_code_creates_its_category_and_a_colour(make_project):
    p = make_project()
    code = p.codebook.add("R-tolk", category="Randvoorwaarden", definition="Er is een tolk.")
    assert code.category == "Randvoorwaarden"
    assert code.colour.startswith("#") and len(code.colour) == 7
    assert [c.name for c in p.codebook.categories()] == ["Randvoorwaarden"]
    assert code.guid and len(code.guid) == 36


def test_duplicate_code_name_is_refused(make_project):
    p = make_project(codes=["A-activering"])
    with pytest.raises(AlreadyExists):
        p.codebook.add("A-activering")


def test_rename_keeps_the_codings(make_project, sample_text):
    p = make_project(codes=["T-mondeling"], documents={"doc": sample_text})
    p.codings.apply("doc", "T-mondeling", "an", paragraph=6)
    p.codebook.rename("T-mondeling", "T-spreken")
    assert [c.code for c in p.codings.list()] == ["T-spreken"]
    with pytest.raises(NotFound):
        p.codebook.get("T-mondeling")


def test_merge_moves_codings_to_target_code_and_collapses_duplicates(make_project, sample_text):
    p = make_project(codes=["visie en beleid", "impact op de OCMW-werking"],
                     documents={"doc": sample_text})
    p.codings.apply("doc", "visie en beleid", "an", paragraph=2)
    p.codings.apply("doc", "visie en beleid", "an", paragraph=3)
    p.codings.apply("doc", "impact op de OCMW-werking", "an", paragraph=3)
    moved = p.codebook.merge("visie en beleid", into="impact op de OCMW-werking")
    assert moved == 1
    codings = p.codings.list()
    assert sorted((c.code, c.start) for c in codings) == sorted(
        ("impact op de OCMW-werking", s) for s in {codings[0].start, codings[1].start})
    assert len(codings) == 2
    assert [c.name for c in p.codebook.codes()] == ["impact op de OCMW-werking"]
    kinds = [e.action for e in p.codebook.history()]
    assert kinds[-1] == "merge"
    assert p.codebook.history()[-1].details["codings"] == 1


def test_merge_into_itself_is_invalid(make_project):
    p = make_project(codes=["X"])
    with pytest.raises(Invalid):
        p.codebook.merge("X", into="X")


def test_split_moves_assigned_codings_and_keeps_the_rest(make_project, sample_text):
    p = make_project(codes=["S-netwerk"], documents={"doc": sample_text})
    first = p.codings.apply("doc", "S-netwerk", "an", paragraph=2)
    second = p.codings.apply("doc", "S-netwerk", "an", paragraph=3)
    counts = p.codebook.split("S-netwerk", ["S-vrienden", "S-buren"], {first.id: "S-buren"})
    assert counts == {"S-vrienden": 0, "S-buren": 1}
    by_code = {c.id: c.code for c in p.codings.list()}
    assert by_code == {first.id: "S-buren", second.id: "S-netwerk"}
    with pytest.raises(Invalid):
        p.codebook.split("S-netwerk", ["S-x"], keep_original=False)


def test_move_and_edit_are_in_the_history(make_project):
    p = make_project(codes=["M-artistiek"])
    p.codebook.move("M-artistiek", "Methodieken")
    p.codebook.edit("M-artistiek", definition="Artistieke begeleiding.", colour="#AABBCC")
    code = p.codebook.get("M-artistiek")
    assert (code.category, code.definition, code.colour) == (
        "Methodieken", "Artistieke begeleiding.", "#aabbcc")
    assert [e.action for e in p.codebook.history()][-2:] == ["move", "edit"]
    with pytest.raises(Invalid):
        p.codebook.edit("M-artistiek", colour="red")


def test_delete_code_removes_its_codings(make_project, sample_text):
    p = make_project(codes=["Z-x", "Z-y"], documents={"doc": sample_text})
    p.codings.apply("doc", "Z-x", "an", paragraph=2)
    p.codings.apply("doc", "Z-y", "an", paragraph=2)
    assert p.codebook.delete("Z-x") == 1
    assert [c.code for c in p.codings.list()] == ["Z-y"]
