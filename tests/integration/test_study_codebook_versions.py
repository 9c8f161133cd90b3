"""Codebook versions and the diff between them, from the history (issue 20)."""

import pytest

from stemmen.errors import AlreadyExists, Invalid, NotFound


@pytest.fixture
def project(make_project):
    p = make_project(codes=["werk", "taal", "visie", "netwerk", "oud"],
                     documents={"d1": "een\ntwee\ndrie"})
    p.codings.apply("d1", "visie", start=0, end=3)
    return p


def test_diff_names_every_kind_of_change_with_reason_and_reviewer(project):
    pilot = project.codebook_versions.create("pilot", note="before wave 1")
    assert pilot.name == "pilot" and len(pilot.codes) == 5
    book = project.codebook
    book.rename("werk", "A-werk", reason="prefix", requested_by="panel")
    book.merge("visie", "netwerk", reason="overlap", requested_by="Prof. X")
    book.split("taal", ["T-mondeling", "T-schriftelijk"], keep_original=False,
               reason="too broad")
    book.add("M-covid-19", reason="wave 1", requested_by="panel")
    book.edit("netwerk", definition="Contacts", requested_by="panel")
    book.delete("oud", reason="unused")
    project.codebook_versions.create("after wave 1")
    diff = project.codebook_versions.diff("pilot", "after wave 1")
    kinds = {(c.kind, c.code): c for c in diff.changes}
    assert kinds[("renamed", "werk")].to == ("A-werk",)
    assert kinds[("renamed", "werk")].requested_by == "panel"
    assert kinds[("merged", "visie")].to == ("netwerk",)
    assert kinds[("merged", "visie")].reason == "overlap"
    assert kinds[("split", "taal")].to == ("T-mondeling", "T-schriftelijk")
    assert kinds[("added", "M-covid-19")].requested_by == "panel"
    assert kinds[("redefined", "netwerk")].fields == ("definition",)
    assert kinds[("removed", "oud")].reason == "unused"
    # a rename is not a delete plus an add; split products are not "added"
    assert ("removed", "werk") not in kinds and ("added", "A-werk") not in kinds
    assert ("added", "T-mondeling") not in kinds and ("removed", "taal") not in kinds
    assert diff.counts == {"added": 1, "removed": 1, "renamed": 1, "merged": 1, "split": 1,
                           "redefined": 1, "moved": 0}
    assert project.codebook_versions.diff("pilot", "current").counts == diff.counts
    assert project.codebook_versions.diff("after wave 1").changes == ()
    audit = [e.action for e in project.journal.entries()]
    assert audit.count("codebook.version") == 2


def test_versions_are_listed_and_names_are_checked(project):
    project.codebook_versions.create("pilot")
    with pytest.raises(AlreadyExists):
        project.codebook_versions.create("Pilot")
    with pytest.raises(Invalid):
        project.codebook_versions.create("current")
    with pytest.raises(NotFound):
        project.codebook_versions.diff("pilot", "nope")
    assert [v.name for v in project.codebook_versions.list()] == ["pilot"]


def test_diff_exports_for_the_expert_panel(project, tmp_path):
    import docx
    import openpyxl

    project.codebook_versions.create("pilot")
    project.codebook.rename("werk", "A-werk", reason="prefix")
    word = project.codebook_versions.export_diff("pilot", "current", tmp_path / "d.docx")
    text = "\n".join(c.text for t in docx.Document(word).tables for r in t.rows
                     for c in r.cells)
    assert "A-werk" in text and "prefix" in text
    book = openpyxl.load_workbook(project.codebook_versions.export_diff(
        "pilot", "current", tmp_path / "d.xlsx"))
    rows = [[c.value for c in r] for r in book.active.iter_rows()]
    assert rows[1][:3] == ["renamed", "werk", "A-werk"]
    with pytest.raises(Invalid):
        project.codebook_versions.export_diff("pilot", "current", tmp_path / "d.pdf")
