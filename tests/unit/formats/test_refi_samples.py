"""Real REFI-QDA exports (tests/data/refi-qda, see NOTE.md) import with the counts they declare.

The expected counts are taken from each file with an independent parse (the standard
library's ElementTree), never typed in by hand.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from stemmen.formats.refi_qdc import read_qdc_snapshot, write_qdc
from stemmen.formats.refi_qdpx import read_qdpx, write_qdpx
from stemmen.formats.refi_xml import validate_qdc, validate_qde

DATA = Path(__file__).resolve().parents[2] / "data" / "refi-qda"
PROJECTS = sorted(p.name for p in DATA.iterdir() if p.suffix in (".qdpx", ".qde", ".zip"))
CODEBOOKS = sorted(p.name for p in DATA.iterdir() if p.suffix == ".qdc")
NVIVO = [p for p in PROJECTS if p.startswith("NVivo")]
SOURCE_TAGS = {"TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource"}


def xml_of(name: str) -> bytes:
    data = (DATA / name).read_bytes()
    if name.endswith((".qde", ".qdc")):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(next(n for n in archive.namelist() if n.endswith(".qde")))


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def declared(name: str) -> dict[str, int]:
    tags = Counter(local(el.tag) for el in ET.fromstring(xml_of(name)).iter())
    return {
        "sources": sum(tags[t] for t in SOURCE_TAGS), "codes": tags["Code"],
        "selections": sum(n for t, n in tags.items() if t.endswith("Selection")),
        "codings": tags["Coding"], "notes": tags["Note"], "sets": tags["Set"],
        "cases": tags["Case"], "variables": tags["Variable"], "users": tags["User"],
    }


def read(name: str):  # noqa: ANN201
    return read_qdpx(name, (DATA / name).read_bytes())


@pytest.mark.parametrize("name", PROJECTS)
def test_project_sample_imports_every_declared_element(name: str) -> None:
    snapshot, report = read(name)
    expected = declared(name)
    assert report.declared.as_dict() == expected
    total = {k: report.imported.as_dict()[k] + report.dropped.as_dict()[k] for k in expected}
    assert total == expected
    assert len(snapshot.documents) + len(snapshot.files) == expected["sources"]
    assert len(snapshot.coders) == expected["users"]
    assert len(snapshot.sets) == expected["sets"]
    assert len([m for m in snapshot.memos if m.guid]) >= expected["notes"]
    assert report.origin and report.tool
    assert snapshot.report and snapshot.report[0].startswith("Read ")


@pytest.mark.parametrize("name", [p for p in PROJECTS if not p.endswith(".qde")])
def test_project_samples_with_their_sources_lose_nothing(name: str) -> None:
    _, report = read(name)
    assert report.dropped.as_dict() == dict.fromkeys(report.dropped.as_dict(), 0)
    assert report.imported.codings == declared(name)["codings"]


@pytest.mark.parametrize("name", PROJECTS)
def test_project_sample_exports_a_valid_qdpx_that_reads_back_the_same(name: str) -> None:
    snapshot, _ = read(name)
    data = write_qdpx(snapshot)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert validate_qde(archive.read("project.qde")) == []
    again, _ = read_qdpx("again.qdpx", data)
    assert again.codes == snapshot.codes
    assert sorted(again.categories, key=repr) == sorted(snapshot.categories, key=repr)
    assert Counter(again.codings) == Counter(snapshot.codings)
    assert [d.text for d in again.documents] == [d.text for d in snapshot.documents]
    assert len(again.memos) == len(snapshot.memos)


@pytest.mark.parametrize("name", NVIVO)
def test_nvivo_positions_land_on_the_text_nvivo_selected(name: str) -> None:
    """Each coding's text equals the UTF-16 slice of the raw .txt (BOM and CRLF as NVivo)."""
    snapshot, report = read(name)
    archive = zipfile.ZipFile(DATA / name)
    files = {n.rsplit("/", 1)[-1].lower(): n for n in archive.namelist()}
    expected: dict[str, str] = {}
    for source in ET.fromstring(xml_of(name)).iter():
        if local(source.tag) != "TextSource":
            continue
        raw = archive.read(files[source.get("plainTextPath").split("//")[-1].lower()])
        units = raw.decode("utf-8-sig").encode("utf-16-le")
        for sel in source:
            if local(sel.tag) != "PlainTextSelection":
                continue
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            text = units[2 * start:2 * end].decode("utf-16-le").replace("\r\n", "\n")
            for coding in sel:
                if local(coding.tag) == "Coding":
                    expected[coding.get("guid").lower()] = text
    docs = {d.name: d.text for d in snapshot.documents}
    got = {c.guid: docs[c.document][c.start:c.end] for c in snapshot.codings}
    assert got == expected
    assert all(v.startswith("UTF-16") for v in report.offsets.values())


@pytest.mark.parametrize("name", NVIVO)
def test_nvivo_selections_start_and_end_on_word_boundaries(name: str) -> None:
    snapshot, _ = read(name)
    docs = {d.name: d.text for d in snapshot.documents}

    def cut(text: str, i: int) -> bool:
        return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()

    clean = [c for c in snapshot.codings if not cut(docs[c.document], c.start)
             and not cut(docs[c.document], c.end)]
    assert len(clean) >= 0.97 * len(snapshot.codings)
    assert all("\r" not in text and not text.startswith("\ufeff") for text in docs.values())


def test_nvivo_windows_capital_sources_folder_and_bom_are_reported() -> None:
    _, report = read("NVivo-Win-12.6__oltas.qdpx")
    text = " ".join(report.deviations)
    assert "Sources/" in text and "BOM" in text
    assert any("CRLF" in n for n in report.notes)


def test_nvivo_nested_codable_codes_stay_nested() -> None:
    snapshot, _ = read("NVivo-Win-12.6__oltas.qdpx")
    codes = {c.name: c for c in snapshot.codes}
    assert codes["méreg"].parent == "Oltás kockázatai"
    assert codes["Oltás kockázatai"].parent == "2. Perceived Severity – Észlelt súlyosság"
    assert codes["2. Perceived Severity – Észlelt súlyosság"].parent is None
    assert "Oltás kockázatai" not in {c.name for c in snapshot.categories}
    assert codes["2. Perceived Severity – Észlelt súlyosság"].definition.startswith(
        "Az észlelt egészségkárosodás")


def test_non_codable_nvivo_code_becomes_a_category_only() -> None:
    snapshot, _ = read("NVivo-Win-12.6__oltas0517.qdpx")
    root = ET.fromstring(xml_of("NVivo-Win-12.6__oltas0517.qdpx"))
    folders = [el.get("name") for el in root.iter() if el.get("isCodable") == "false"]
    assert folders
    assert all(f in {c.name for c in snapshot.categories} for f in folders)
    assert not any(f in {c.name for c in snapshot.codes} for f in folders)


def test_atlas_bare_qde_keeps_media_and_text_sources_as_files() -> None:
    snapshot, report = read("ATLAS.ti-Mac-8.4.0__Project.qde")
    kinds = Counter(f.kind for f in snapshot.files)
    assert kinds == {"text": 6, "pdf": 2, "picture": 1, "audio": 1, "video": 2}
    picture = next(f for f in snapshot.files if f.kind == "picture")
    assert picture.selections == 1
    assert report.format == "qde" and report.dropped.codings == 16
    assert any("bare project.qde" in d for d in report.deviations)


def test_atlas_double_colon_names_become_a_hierarchy() -> None:
    snapshot, report = read("ATLAS.ti-Mac-8.4.0__Project.qde")
    codes = {c.name: c for c in snapshot.codes}
    assert codes["diet Coke"].parent == "Coke" and codes["full-fat Coke"].parent == "Coke"
    assert codes["Coke"].definition == "the breakfast of champions"
    assert codes["Coke"].colour == "#966450"
    assert any("'::'" in d for d in report.deviations)
    notes = {m.title: m for m in snapshot.memos}
    assert notes["Research Plan"].text.startswith("This is a great project")
    code_groups = {s.name: s.codes for s in snapshot.sets if s.codes}
    assert "diet Coke" in code_groups["Breakfast food"]


def test_atlas_23_target_project_has_nested_codes() -> None:
    snapshot, _ = read("ATLAS.ti-Win-23.2.3__target-atlas-project.qdpx")
    assert [c.parent for c in snapshot.codes] == [None, "Commits", "Commits"]
    assert snapshot.codes[0].name == "Commits" and snapshot.categories == []


def test_maxqda_texts_are_kept_exactly() -> None:
    name = "MAXQDA-24.7.0__2025-06-16_ICLS_Conf_Themes_ALL_just10.zip"
    snapshot, _ = read(name)
    archive = zipfile.ZipFile(DATA / name)
    for doc in snapshot.documents:
        assert doc.text == archive.read(f"sources/{doc.guid.upper()}.txt").decode("utf-8")
    assert all(c.definition for c in snapshot.codes)
    assert all(c.colour == c.colour.lower() and len(c.colour) == 7 for c in snapshot.codes)
    assert sorted(len(s.documents) for s in snapshot.sets) == [5, 5]


@pytest.mark.parametrize("name", CODEBOOKS)
def test_codebook_sample_imports_and_reexports_valid(name: str) -> None:
    snapshot, report = read_qdc_snapshot(name, (DATA / name).read_bytes())
    expected = declared(name)
    assert report.declared.codes == report.imported.codes == expected["codes"]
    assert report.declared.sets == report.imported.sets == expected["sets"]
    data = write_qdc(snapshot.categories, snapshot.codes, snapshot.sets)
    assert validate_qdc(data) == []
    again, _ = read_qdc_snapshot("again.qdc", data)
    assert again.codes == snapshot.codes


def test_taguette_codebook_backslash_paths_and_empty_sets() -> None:
    snapshot, report = read_qdc_snapshot("Taguette-1.5.2__codebook.qdc",
                                         (DATA / "Taguette-1.5.2__codebook.qdc").read_bytes())
    codes = {c.name: c for c in snapshot.codes}
    assert codes["café"].parent == "places"
    assert "a & b <c>" in codes and "émotions" in codes
    assert report.valid is False
    assert any("<Sets/>" in d for d in report.deviations)


def test_atlas_codebook_keeps_colour_description_and_code_group() -> None:
    snapshot, report = read_qdc_snapshot("ATLAS.ti-Win-23.4.0__valid.qdc",
                                         (DATA / "ATLAS.ti-Win-23.4.0__valid.qdc").read_bytes())
    (code,) = snapshot.codes
    assert (code.name, code.colour, code.definition) == ("code1", "#46aa00", "description")
    assert [(s.name, s.description, s.codes) for s in snapshot.sets] == [
        ("code group 1", "kategorie 1", ["code1"])]
    assert report.tool == "ATLAS.ti" and report.valid is True
