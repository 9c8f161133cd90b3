"""Nested codes, criteria, reasons in the history, names that differ in case, and codebook
import with a preview, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from stemmen import AlreadyExists, Invalid, NotFound
from stemmen.errors import FormatError


def tree(p):
    return [(n.code.name, n.depth, n.code.parent, n.code.category) for n in p.codebook.list()]


def test_codes_nest_to_any_depth_with_paths_and_criteria(make_project):
    p = make_project()
    p.codebook.add("A-activering", category="Activering", definition="Naar werk.")
    p.codebook.add("A-werk", parent="A-activering", inclusion="Betaald werk.",
                   exclusion="Vrijwilligerswerk.", example="Ik werk nu in een bakkerij.")
    p.codebook.add("A-sollicitatie", parent="A-werk", reason="Apart bekeken in golf 2")
    assert tree(p) == [("A-activering", 0, None, "Activering"),
                       ("A-werk", 1, "A-activering", "Activering"),
                       ("A-sollicitatie", 2, "A-werk", "Activering")]
    assert p.codebook.list()[2].path_text == "A-activering / A-werk / A-sollicitatie"
    werk = p.codebook.get("A-werk")
    assert (werk.inclusion, werk.exclusion, werk.example) == (
        "Betaald werk.", "Vrijwilligerswerk.", "Ik werk nu in een bakkerij.")
    last = p.codebook.history()[-1]
    assert (last.actor, last.action, last.details["parent"], last.details["reason"]) == (
        "tester", "add", "A-werk", "Apart bekeken in golf 2")
    with pytest.raises(Invalid, match="not both"):
        p.codebook.add("x", category="Activering", parent="A-werk")
    with pytest.raises(NotFound):
        p.codebook.add("y", parent="nergens")


def test_moving_under_a_code_or_into_a_category_and_never_inside_itself(make_project):
    p = make_project(codes=["A", "B", "C"])
    p.codebook.move("B", parent="A")
    p.codebook.move("C", parent="B", reason="C is een vorm van B")
    with pytest.raises(Invalid, match="lies inside"):
        p.codebook.move("A", parent="C")
    with pytest.raises(Invalid, match="under itself"):
        p.codebook.move("A", parent="A")
    assert tree(p) == [("A", 0, None, None), ("B", 1, "A", None), ("C", 2, "B", None)]
    p.codebook.move("B", "Groep")
    assert tree(p) == [("A", 0, None, None), ("B", 0, None, "Groep"), ("C", 1, "B", "Groep")]
    moves = [e for e in p.codebook.history() if e.action == "move"]
    assert moves[1].details == {"code": "C", "old": None, "parent": "B",
                                "reason": "C is een vorm van B"}
    assert moves[2].details["old_parent"] == "A" and moves[2].details["new"] == "Groep"


def test_names_that_differ_only_in_case_are_refused_everywhere(make_project):
    p = make_project(codes=["Werk"])
    with pytest.raises(AlreadyExists, match="may not differ only in upper and lower case"):
        p.codebook.add("werk")
    p.codebook.add("Taal", category="Randvoorwaarden")
    with pytest.raises(AlreadyExists, match="'Werk' already exists"):
        p.codebook.rename("Taal", "WERK")
    p.codebook.rename("Werk", "werk")  # its own case may change
    with pytest.raises(AlreadyExists, match="category 'Randvoorwaarden'"):
        p.codebook.add_category("randvoorwaarden")
    assert sorted(c.name for c in p.codebook.codes()) == ["Taal", "werk"]


def test_merge_and_delete_keep_the_children(make_project, sample_text):
    p = make_project(documents={"doc": sample_text})
    p.codebook.add("S-netwerk", category="Sociaal")
    p.codebook.add("S-vrienden", parent="S-netwerk")
    p.codebook.add("S-buren", parent="S-vrienden")
    p.codebook.add("S-familie", parent="S-netwerk")
    p.codings.apply("doc", "S-netwerk", "an", paragraph=2)
    # merge a parent into its own grandchild: the grandchild takes its place
    assert p.codebook.merge("S-netwerk", into="S-buren", reason="te breed") == 1
    assert tree(p) == [("S-buren", 0, None, "Sociaal"), ("S-vrienden", 1, "S-buren", "Sociaal"),
                       ("S-familie", 1, "S-buren", "Sociaal")]
    assert [c.code for c in p.codings.list()] == ["S-buren"]
    assert p.codebook.history()[-1].details["reason"] == "te breed"
    p.codebook.delete("S-buren")
    assert tree(p) == [("S-vrienden", 0, None, "Sociaal"), ("S-familie", 0, None, "Sociaal")]


def test_split_puts_new_codes_beside_the_original(make_project):
    p = make_project()
    p.codebook.add("T", category="Taal")
    p.codebook.add("T-les", parent="T")
    p.codebook.split("T-les", ["T-les NL", "T-les FR"])
    assert {(n, par) for n, _, par, _ in tree(p)} == {
        ("T", None), ("T-les", "T"), ("T-les NL", "T"), ("T-les FR", "T")}


def test_edit_changes_criteria_and_records_only_what_changed(make_project):
    p = make_project(codes=["M-artistiek"])
    p.codebook.edit("M-artistiek", definition="", inclusion="Kunst.", colour="#AABBCC",
                    reason="na pilot")
    entry = p.codebook.history()[-1]
    assert entry.details == {"code": "M-artistiek", "inclusion": "Kunst.",
                             "colour": "#aabbcc", "reason": "na pilot"}
    count = len(p.codebook.history())
    p.codebook.edit("M-artistiek", inclusion="Kunst.")
    assert len(p.codebook.history()) == count  # nothing changed, nothing recorded


CSV = (
    "category,code,definition,inclusion,exclusion,example,parent\n"
    "Activering,A-activering,Nieuwe definitie.,,,,\n"
    "Activering,A-werk,Betaald werk.,Loon.,Stage.,Ik werk.,A-activering\n"
    ",A-cv,Een cv maken.,,,,A-werk\n"
    "Taal,werk,Botst.,,,,\n"
    "Taal,T-les,,,,,\n"
)


def test_import_previews_then_applies_in_one_go(make_project, tmp_path: Path):
    p = make_project(codes=["Werk"])
    p.codebook.add("A-activering", category="Activering", definition="Oud.")
    p.codebook.add("T-les", category="Taal")
    before = len(p.codebook.history())
    plan = p.codebook.preview_import(CSV.encode(), "codeboek.csv")
    assert {c.code.name: c.status for c in plan.codes} == {
        "A-activering": "changed", "A-werk": "added", "A-cv": "added", "werk": "refused",
        "T-les": "unchanged"}
    assert len(p.codebook.history()) == before and len(p.codebook.codes()) == 3
    applied = p.codebook.import_(CSV.encode(), "codeboek.csv", reason="versie 2")
    assert applied.applied and applied.counts["added"] == 2
    assert ("A-cv", 2, "A-werk", "Activering") in tree(p)
    assert p.codebook.get("A-activering").definition == "Nieuwe definitie."
    assert p.codebook.get("A-werk").exclusion == "Stage."
    entry = p.codebook.history()[-1]
    assert (entry.action, entry.details["source"], entry.details["refused"],
            entry.details["reason"]) == ("import", "codeboek.csv", 1, "versie 2")
    again = p.codebook.preview_import(CSV.encode(), "codeboek.csv")
    assert not again.writes


def test_import_from_a_path_a_missing_file_and_a_folder(make_project, tmp_path: Path):
    p = make_project()
    with pytest.raises(NotFound, match="does not exist"):
        p.codebook.import_(tmp_path / "weg.csv")
    with pytest.raises(Invalid, match="is a folder"):
        p.codebook.preview_import(tmp_path)
    with pytest.raises(FormatError, match="not a codebook file"):
        p.codebook.preview_import(b"x", "codebook.json")
    (tmp_path / "cb.yaml").write_text(
        "categories:\n  - name: Sociaal\n    codes:\n      - name: S-netwerk\n"
        "        codes:\n          - name: S-buren\n            example: De buurvrouw.\n",
        encoding="utf-8")
    p.codebook.import_(tmp_path / "cb.yaml")
    assert tree(p) == [("S-netwerk", 0, None, "Sociaal"), ("S-buren", 1, "S-netwerk", "Sociaal")]


def test_export_csv_and_yaml_carry_parent_and_criteria_and_read_back(make_project, tmp_path):
    p = make_project()
    p.codebook.add("A", category="Cat", definition="d", inclusion="in", exclusion="ex",
                   example="eg")
    p.codebook.add("A1", parent="A")
    p.codebook.add("A11", parent="A1", inclusion="diep")
    for ext in ("csv", "yaml"):
        out = p.codebook.export(tmp_path / f"cb.{ext}")
        plan = p.codebook.preview_import(out)
        assert {c.status for c in plan.codes} == {"unchanged"}, ext
    text = (tmp_path / "cb.csv").read_text(encoding="utf-8")
    assert "Cat,A11,,diep,,,A1," in text and ",in,ex,eg," in text


def test_a_docx_codebook_imports_from_a_table_and_from_headings(make_project):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("Codeboek AMIF-42 (synthetisch)")
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Categorie", "Code", "Definitie", "Ouder"],
                          strict=True):
        cell.text = text
    for row in (["Taal", "T-taal", "Taal leren.", ""], ["Taal", "T-les", "Lessen.", "T-taal"]):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    doc.save(buffer)
    p = make_project()
    p.codebook.import_(buffer.getvalue(), "codeboek.docx")
    assert tree(p) == [("T-taal", 0, None, "Taal"), ("T-les", 1, "T-taal", "Taal")]

    doc = docx.Document()
    doc.add_heading("Sociaal", level=1)
    doc.add_paragraph("Het sociale netwerk van deelnemers.")
    doc.add_heading("S-netwerk", level=2)
    doc.add_paragraph("Contacten buiten het OCMW.")
    doc.add_paragraph("Inclusie: vrienden, buren.")
    doc.add_paragraph("Exclusion: hulpverleners")
    doc.add_paragraph("en tolken.")
    doc.add_heading("S-buren", level=3)
    doc.add_paragraph("Voorbeeld: De buurvrouw helpt.")
    doc.add_heading("S-stress", level=2)
    buffer = io.BytesIO()
    doc.save(buffer)
    plan = p.codebook.preview_import(buffer.getvalue(), "koppen.docx")
    assert [(c.code.name, c.code.parent, c.status) for c in plan.codes] == [
        ("S-netwerk", None, "added"), ("S-buren", "S-netwerk", "added"),
        ("S-stress", None, "added")]
    netwerk = plan.codes[0].code
    assert (netwerk.category, netwerk.definition, netwerk.inclusion, netwerk.exclusion) == (
        "Sociaal", "Contacten buiten het OCMW.", "vrienden, buren.", "hulpverleners\nen tolken.")
    assert plan.codes[1].code.example == "De buurvrouw helpt."
    assert [(c.name, c.description) for c in plan.new_categories] == [
        ("Sociaal", "Het sociale netwerk van deelnemers.")]


def test_a_three_level_tree_round_trips_through_qdpx_and_qdc(make_project, tmp_path: Path):
    import stemmen

    p = make_project()
    p.codebook.add("A-activering", category="Activering", definition="Naar werk.")
    p.codebook.add("A-werk", parent="A-activering", colour="#59a14f")
    p.codebook.add("A-cv", parent="A-werk", definition="Een cv.")
    p.codebook.add("Z-andere")
    p.exchange.export_qdpx(tmp_path / "boom.qdpx")
    p.codebook.export(tmp_path / "boom.qdc")
    expected = [(n.code.name, n.depth, n.code.parent, n.code.category, n.code.definition,
                 n.code.colour) for n in p.codebook.list()]
    for name in ("boom.qdpx", "boom.qdc"):
        with stemmen.create_project(tmp_path / f"{name}.stemmen") as back:
            back.exchange.import_file(tmp_path / name)
            got = [(n.code.name, n.depth, n.code.parent, n.code.category, n.code.definition,
                    n.code.colour) for n in back.codebook.list()]
            assert got == expected, name
    plan = p.codebook.preview_import(tmp_path / "boom.qdc")
    assert {c.status for c in plan.codes} == {"unchanged"}


def test_a_refi_import_with_a_name_that_differs_in_case_is_refused_clearly(make_project,
                                                                         tmp_path: Path):
    import stemmen

    p = make_project(codes=["Werk"])
    with stemmen.create_project(tmp_path / "bron.stemmen") as source:
        source.codebook.add("werk")
        source.codebook.export(tmp_path / "cb.qdc")
        snapshot = source.exchange.snapshot()
    with pytest.raises(AlreadyExists, match="upper and lower case"):
        p.exchange.load(snapshot)
    plan = p.codebook.preview_import(tmp_path / "cb.qdc")
    assert plan.codes[0].status == "refused" and "upper and lower case" in plan.codes[0].message
