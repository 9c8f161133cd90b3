"""The streamed .qdpx export and import against the database, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from stemmen.demo import build_demo_study
from stemmen.errors import FormatError
from stemmen.formats.refi_qdpx import write_qdpx
from stemmen.formats.refi_xml import validate_qde


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_export_read_per_document_equals_the_whole_snapshot_written(make_project,
                                                                    tmp_path: Path) -> None:
    project = make_project()
    project.exchange.load(build_demo_study())
    out = tmp_path / "demo.qdpx"
    written = project.exchange.export_qdpx(out)
    assert written["codings"] == 1685 and written["documents"] == 31
    streamed = members(out.read_bytes())
    assert streamed == members(write_qdpx(project.exchange.snapshot()))
    assert validate_qde(streamed["project.qde"]) == []
    assert not list(tmp_path.glob("*.part"))  # no temporary file left


HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
HOSTILE = {
    "zip bomb": HEAD + b'<Project xmlns="urn:QDA-XML:project:1.0" name="t"><Notes>'
    + b" " * (8 * 1024 * 1024) + b"</Notes></Project>",
    "document type declaration": HEAD + b'<!DOCTYPE Project [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;")
                                          * 10) for i in range(1, 10))
    + b']>\n<Project xmlns="urn:QDA-XML:project:1.0" name="t"><Description>&lol9;'
    b"</Description></Project>",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_qdpx_is_refused_and_nothing_is_written(make_project, tmp_path: Path,
                                                          kind: str) -> None:
    project = make_project(codes=["T-mondeling"], documents={"d": "SYNTHETIC. Een tekst."})
    before = (project.documents.list(), project.codebook.codes(), project.codings.list(),
              len(project.journal.entries()))
    path = tmp_path / "hostile.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", HOSTILE[kind])
    with pytest.raises(FormatError, match=kind):
        project.exchange.import_qdpx(path)
    after = (project.documents.list(), project.codebook.codes(), project.codings.list(),
             len(project.journal.entries()))
    assert after == before
