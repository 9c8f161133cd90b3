"""The pure rules of the code tree: tree order, paths, cycles, names that differ in case."""

from __future__ import annotations

import pytest

from stemmen.errors import AlreadyExists, Invalid
from stemmen.model.codebook_plan import plan_import
from stemmen.model.codes import (
    Category,
    Code,
    arrange,
    check_move,
    check_new_name,
    code_path,
    descendants,
    name_key,
)

TREE = [
    Code("A-werk", parent="A-activering"),
    Code("Z-andere"),
    Code("A-activering", category="Activering"),
    Code("A-cv", parent="A-werk"),
    Code("A-opleiding", parent="A-activering"),
]
PARENTS = {c.name: c.parent for c in TREE}


def test_tree_order_puts_parents_first_with_depth_path_and_the_root_category() -> None:
    tree = arrange(TREE)
    assert [(n.code.name, n.depth) for n in tree] == [
        ("Z-andere", 0), ("A-activering", 0), ("A-werk", 1), ("A-cv", 2), ("A-opleiding", 1)]
    cv = tree[3]
    assert cv.path_text == "A-activering / A-werk / A-cv"
    assert cv.code.category == "Activering"  # the category of its top-level ancestor
    assert tree[0].code.category is None


def test_path_and_descendants() -> None:
    assert code_path(PARENTS, "A-cv") == "A-activering / A-werk / A-cv"
    assert code_path(PARENTS, "Z-andere") == "Z-andere"
    assert descendants(TREE, "A-activering") == ["A-werk", "A-cv", "A-opleiding"]


def test_a_code_cannot_move_under_itself_or_its_descendants() -> None:
    check_move(PARENTS, "A-opleiding", "A-cv")  # a sibling's grandchild: fine
    check_move(PARENTS, "A-werk", None)
    with pytest.raises(Invalid, match="under itself"):
        check_move(PARENTS, "A-werk", "A-werk")
    with pytest.raises(Invalid, match=r"'A-cv' lies inside 'A-activering'"):
        check_move(PARENTS, "A-activering", "A-cv")


def test_a_cycle_in_stored_data_still_lists_every_code_once() -> None:
    looped = [Code("x", parent="y"), Code("y", parent="x"), Code("z", parent="x")]
    names = [n.code.name for n in arrange(looped)]
    assert sorted(names) == ["x", "y", "z"] and len(names) == 3


def test_names_that_differ_only_in_case_clash() -> None:
    assert name_key("  Werk ") == name_key("werk") == name_key("WERK")
    check_new_name(["Werk"], "Werken")
    check_new_name(["werk"], "Werk", ignore="werk")  # renaming a code to another case
    with pytest.raises(AlreadyExists, match=r"'Werk' already exists; code names may not differ "
                       r"only in upper and lower case \('werk'\)"):
        check_new_name(["Werk"], "werk")
    with pytest.raises(AlreadyExists, match="category 'Taal'"):
        check_new_name(["Taal"], "TAAL", kind="category")


def test_import_plan_adds_changes_keeps_and_refuses_with_reasons() -> None:
    have = [Code("A-activering", category="Activering", definition="Oud."), Code("Werk")]
    incoming = [
        Code("A-activering", category="Activering", definition="Nieuw."),  # changed
        Code("werk", definition="x"),  # refused: case
        Code("A-cv", parent="A-nieuw"),  # added after its parent, though listed first
        Code("A-nieuw", parent="A-activering", inclusion="Alles over werk."),  # added
        Code("B-wees", parent="B-nergens"),  # refused: missing parent
        Code("Werk"),  # unchanged
    ]
    plan = plan_import("cb.csv", [Category("Activering")], have, [], incoming)
    status = {c.code.name: c.status for c in plan.codes}
    assert status == {"A-activering": "changed", "werk": "refused", "A-nieuw": "added",
                      "A-cv": "added", "B-wees": "refused", "Werk": "unchanged"}
    assert [c.code.name for c in plan.of("added")] == ["A-nieuw", "A-cv"]
    assert plan.of("changed")[0].changes == ("definition",)
    reasons = {c.code.name: c.message for c in plan.of("refused")}
    assert "'Werk' already exists" in reasons["werk"]
    assert "'B-nergens'" in reasons["B-wees"]
    assert plan.counts == {"added": 2, "changed": 1, "unchanged": 1, "refused": 2,
                           "categories": 0}


def test_import_plan_refuses_a_move_inside_itself() -> None:
    have = [Code("A"), Code("B", parent="A")]
    plan = plan_import("cb.csv", [], have, [], [Code("A", parent="B")])
    assert plan.codes[0].status == "refused" and "lies inside" in plan.codes[0].message
