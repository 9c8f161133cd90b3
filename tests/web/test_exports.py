"""Downloads: the codebook as .qdc, the project as .qdpx (both valid REFI-QDA) and segment CSV."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.formats.refi_xml import validate_qdc, validate_qde
from stemmen.project.retrieval import CSV_COLUMNS


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temporary folder exports go through (to check that they are removed)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


@pytest.fixture
def coded(project: stemmen.Project) -> stemmen.Project:
    project.codings.apply("FG Antwerpen", "S-stress", "an", paragraph=3)
    project.codings.apply("FG Antwerpen", "R-tolk", "an", paragraph=4, last_paragraph=5)
    project.codings.apply("FG Gent", "R-tolk", "bert", paragraph=4)
    project.codings.apply("FG Gent", "S-stress", "an", paragraph=3)
    return project


def rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())  # the BOM, for Excel
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_codebook_downloads_as_valid_refi_qdc(client: TestClient, coded: stemmen.Project,
                                                  scratch: Path) -> None:
    answer = client.get("/api/export/codebook.qdc")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="study.qdc"'
    assert answer.headers["content-type"].startswith("application/xml")
    assert validate_qdc(answer.content) == []
    assert b'name="R-tolk"' in answer.content and b'name="S-stress"' in answer.content
    assert list(scratch.iterdir()) == []


def test_the_project_downloads_as_valid_refi_qdpx(client: TestClient, coded: stemmen.Project,
                                                  scratch: Path) -> None:
    answer = client.get("/api/export/project.qdpx")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="study.qdpx"'
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        qde = archive.read("project.qde")
        sources = [n for n in archive.namelist() if n.startswith("sources/")]
    assert validate_qde(qde) == []
    assert len(sources) == 2 and qde.count(b"<Coding ") == 4
    assert list(scratch.iterdir()) == []
    other = stemmen.create_project(scratch.parent / "copy.stemmen")
    try:
        path = scratch.parent / "study.qdpx"
        path.write_bytes(answer.content)
        counts, _ = other.exchange.import_qdpx(path)
        assert counts["documents"] == 2 and counts["codings"] == 4
    finally:
        other.close()


def test_every_coded_segment_downloads_as_csv(client: TestClient, coded: stemmen.Project,
                                              scratch: Path) -> None:
    answer = client.get("/api/export/segments.csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == \
        'attachment; filename="study-segments.csv"'
    got = rows(answer.content)
    assert tuple(got[0]) == CSV_COLUMNS
    expected = coded.segments.retrieve()
    assert [(r["coding_id"], r["document"], r["code"], r["coder"], r["text"]) for r in got] \
        == [(str(s.coding_id), s.document, s.code, s.coder, s.text) for s in expected]
    tolk = next(r for r in got if r["document"] == "FG Antwerpen" and r["code"] == "R-tolk")
    assert (tolk["first_paragraph"], tolk["last_paragraph"]) == ("4", "5")
    assert "\n" in tolk["text"]  # two paragraphs in one quoted cell
    assert tolk["case"] == "OCMW Antwerpen" and tolk["role"] == "Eindgebruiker"
    assert tolk["category"] == "Randvoorwaarden"
    assert tolk["attribution"] == "(Eindgebruiker, OCMW Antwerpen)"
    assert list(scratch.iterdir()) == []


def test_the_csv_takes_the_filters_of_retrieve_and_context(client: TestClient,
                                                           coded: stemmen.Project) -> None:
    answer = client.get("/api/export/segments.csv", params={"code": "R-tolk", "coder": "an",
                                                            "context": "1"})
    got = rows(answer.content)
    assert [(r["document"], r["code"], r["coder"]) for r in got] == [
        ("FG Antwerpen", "R-tolk", "an")]
    assert got[0]["before"].startswith("Deelnemer 1: Ik had veel stress")
    assert got[0]["after"] == "Deelnemer 1: Ik spreek nu beter Nederlands, ook op het werk."
    bad = client.get("/api/export/segments.csv", params={"context": "veel"})
    assert bad.status_code == 400 and bad.json()["ok"] is False


def test_a_failed_export_answers_the_error_and_leaves_no_file(client: TestClient,
                                                              scratch: Path) -> None:
    answer = client.get("/api/export/segments.csv", params={"code": "bestaat-niet"})
    assert answer.status_code == 404
    assert "bestaat-niet" in answer.json()["error"]
    assert list(scratch.iterdir()) == []


def test_an_empty_project_exports_a_header_only_csv(client: TestClient) -> None:
    got = client.get("/api/export/segments.csv")
    assert got.status_code == 200 and rows(got.content) == []
    assert got.content.decode("utf-8-sig").splitlines() == [",".join(CSV_COLUMNS)]


def test_download_names_outside_ascii_are_encoded_as_rfc_6266_says() -> None:
    from stemmen.web.routes.exports import disposition

    assert disposition("study.qdc") == 'attachment; filename="study.qdc"'
    header = disposition('Étude "Gent".qdc')
    header.encode("latin-1")  # a header must be Latin-1: the name is percent-encoded
    assert header == "attachment; filename*=utf-8''%C3%89tude%20%22Gent%22.qdc"
