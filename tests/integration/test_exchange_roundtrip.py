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
    assert written["codings"] == 1675 and written["documents"] == 31
    import zipfile

    with zipfile.ZipFile(out) as archive:
        assert validate_qde(archive.read("project.qde")) == []
    target = stemmen.create_project(tmp_path / "back.stemmen")
    with target:
        counts, report = target.exchange.import_qdpx(out)
        assert counts["codings"] == 1675
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
    with pytest.raises(stemmen.AlreadyExists):
        p.exchange.import_qdpx(tmp_path / "demo.qdpx")
    assert _essence(p.exchange.snapshot()) == before
    assert [d.name for d in p.documents.list()] == []
