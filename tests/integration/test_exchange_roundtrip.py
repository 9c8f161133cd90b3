"""Stemmen → .qdpx → Stemmen gives an equal project (the demo study), on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest

import stemmen
from stemmen.demo import build_demo_study
from stemmen.formats.refi_xml import validate_qde


def _essence(snap):
    """What must survive the trip; participants have no REFI-QDA home and are left out."""
    return {
        "documents": sorted((d.name, d.text, d.case, tuple(sorted(
            (k, str(v)) for k, v in d.attributes.items()))) for d in snap.documents),
        "codes": sorted((c.name, c.category, c.definition, c.colour) for c in snap.codes),
        "categories": sorted((c.name, c.parent) for c in snap.categories),
        "codings": sorted((c.document, c.start, c.end, c.code, c.coder) for c in snap.codings),
        "cases": sorted((c.name, tuple(sorted((k, str(v)) for k, v in c.attributes.items())))
                        for c in snap.cases),
        "memos": sorted((m.text, m.document or "", m.start or 0, m.end or 0)
                        for m in snap.memos),
        "sets": sorted((s.name, tuple(sorted(s.documents)), tuple(sorted(s.codes)))
                       for s in snap.sets),
    }


def test_demo_round_trips_through_qdpx(make_project, tmp_path: Path):
    source = make_project()
    source.exchange.load(build_demo_study())
    out = tmp_path / "demo.qdpx"
    written = source.exchange.export_qdpx(out)
    assert written["codings"] == 1685 and written["documents"] == 31
    import zipfile

    with zipfile.ZipFile(out) as archive:
        assert validate_qde(archive.read("project.qde")) == []
    target = stemmen.create_project(tmp_path / "back.stemmen")
    with target:
        counts, report = target.exchange.import_qdpx(out)
        assert counts["codings"] == 1685
        assert report.tool == "Stemmen" or "Stemmen" in report.origin
        assert _essence(target.exchange.snapshot()) == _essence(source.exchange.snapshot())


def test_a_failed_import_changes_nothing(make_project, tmp_path: Path):
    p = make_project(codes=["T-mondeling"])  # the demo has this code too: its import clashes
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    with pytest.raises(stemmen.StemmenError):
        p.exchange.import_qdpx(bad)
    with stemmen.create_project(tmp_path / "demo.stemmen") as source:
        source.exchange.load(build_demo_study())
        source.exchange.export_qdpx(tmp_path / "demo.qdpx")
    before = _essence(p.exchange.snapshot())
    with pytest.raises(stemmen.AlreadyExists):  # asked to merge, but the names clash
        p.exchange.import_qdpx(tmp_path / "demo.qdpx", merge=True)
    assert _essence(p.exchange.snapshot()) == before
    assert [d.name for d in p.documents.list()] == []


@pytest.fixture
def demo_qdpx(tmp_path: Path) -> Path:
    """The demo study exported as .qdpx."""
    out = tmp_path / "demo.qdpx"
    with stemmen.create_project(tmp_path / "source.stemmen") as source:
        source.exchange.load(build_demo_study())
        source.exchange.export_qdpx(out)
    return out


def test_an_import_into_a_project_with_codes_is_refused_unless_merge_is_asked(
        make_project, demo_qdpx: Path):
    p = make_project(codes=["Eigen code"])
    with pytest.raises(stemmen.Invalid, match="--merge"):
        p.exchange.import_qdpx(demo_qdpx)
    assert [c.name for c in p.codebook.codes()] == ["Eigen code"]
    assert p.documents.list() == []
    counts, _report = p.exchange.import_qdpx(demo_qdpx, merge=True)
    assert counts["documents"] == 31
    assert len(p.codebook.codes()) == 40


def test_a_codebook_joins_a_project_that_has_documents_but_no_codes(make_project,
                                                                   tmp_path: Path):
    with stemmen.create_project(tmp_path / "book.stemmen") as source:
        source.codebook.add("R-tolk", category="Randvoorwaarden")
        source.exchange.export_qdc(tmp_path / "book.qdc")
    p = make_project(documents={"d": "SYNTHETIC. Een tekst."})
    counts, _ = p.exchange.import_file(tmp_path / "book.qdc")
    assert counts["codes"] == 1
    with pytest.raises(stemmen.Invalid, match="already holds"):
        p.exchange.import_file(tmp_path / "book.qdc")


def test_import_into_creates_the_project_and_reports_per_kind(tmp_path: Path,
                                                              demo_qdpx: Path):
    from stemmen.project.exchange import import_into

    target = tmp_path / "new" / "back.stemmen"
    steps: list[tuple[int, int]] = []
    outcome = import_into(target, demo_qdpx, progress=lambda d, t: steps.append((d, t)))
    assert outcome.created and target.exists()
    assert {k: outcome.written[k] for k in ("documents", "codes", "codings", "cases")} == {
        "documents": 31, "codes": 39, "codings": 1685, "cases": 5}
    assert steps[0] == (0, 31) and steps[-1] == (31, 31)
    kinds = {k["kind"]: k for k in outcome.as_dict()["report"]["kinds"]}
    assert kinds["codings"] == {"kind": "codings", "declared": 1685, "imported": 1685,
                                "dropped": 0}
    with pytest.raises(stemmen.Invalid, match="already holds"):
        import_into(target, demo_qdpx)


@pytest.mark.parametrize("content", [b"", b"PK\x05\x06" + b"\0" * 18, b"not a zip"])
def test_a_failed_import_into_a_new_project_leaves_no_file(tmp_path: Path, content: bytes):
    from stemmen.project.exchange import import_as_new_project, import_into

    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(content)
    target = tmp_path / "new.stemmen"
    with pytest.raises(stemmen.StemmenError):
        import_into(target, bad)
    with pytest.raises(stemmen.StemmenError):
        import_as_new_project(target, bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.qdpx"]


def test_a_clash_inside_the_file_removes_the_project_it_created(tmp_path: Path,
                                                                monkeypatch):
    from stemmen.project import exchange

    real = exchange.read_refi

    def doubled(path):  # the same document twice: the write fails after the project exists
        snap, report = real(path)
        snap.documents.append(snap.documents[0])
        return snap, report

    with stemmen.create_project(tmp_path / "s.stemmen") as source:
        source.documents.add("d", "SYNTHETIC. Een tekst.")
        source.exchange.export_qdpx(tmp_path / "s.qdpx")
    monkeypatch.setattr(exchange, "read_refi", doubled)
    with pytest.raises(stemmen.StemmenError):
        exchange.import_as_new_project(tmp_path / "new.stemmen", tmp_path / "s.qdpx")
    assert not any(p.name.startswith("new.stemmen") for p in tmp_path.iterdir())


def test_a_missing_or_folder_input_names_the_file(make_project, tmp_path: Path):
    p = make_project()
    with pytest.raises(stemmen.NotFound, match="nowhere.qdpx"):
        p.exchange.import_file(tmp_path / "nowhere.qdpx")
    with pytest.raises(stemmen.Invalid, match="is a folder"):
        p.exchange.import_file(tmp_path)
    with pytest.raises(stemmen.NotFound, match="does not exist"):
        p.exchange.export_qdpx(tmp_path / "no" / "such" / "out.qdpx")
