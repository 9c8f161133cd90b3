"""The streamed .qdpx writer and reader: same document as the tree writer, limits that scale.

The digests below are of ``project.qde`` as the previous writer (one lxml tree, serialised
with ``pretty_print``) wrote it, with the ``origin`` attribute (Stemmen's version) blanked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import struct
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from test_refi_roundtrip import make_snapshot

from stemmen.demo import build_demo_study
from stemmen.errors import FormatError
from stemmen.formats.refi_qdpx import Limits, Sources, read_qdpx, write_qdpx, write_qdpx_to
from stemmen.formats.refi_xml import validate_qde
from stemmen.model.codes import Code
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import Document
from stemmen.model.snapshot import ProjectSnapshot

TREE_WRITER = {  # name → SHA-256 of the previous writer's project.qde, origin blanked
    "demo": "918cc878d4c62e71cd0ab573db232ec500d82de3627484cbb597504dd4669788",  # 93 quotes
    "roundtrip": "1793f2f1975b58a1fecf871582e32654bb5b98ba13273724b26d59ea609acf2a",
    "roundtrip-utf16": "a206518299864198707cc41192b5cb8a567781599bfe0ce73344ca0b05743898",
    "roundtrip-crlf": "697c3c53033da7416bb273c1d476f86a79aeca383e98dfdebf7cd17759f63120",
}
KB = 1024


def crlf(snap: ProjectSnapshot) -> ProjectSnapshot:
    return replace(snap, documents=[replace(d, text=d.text.replace("\n", "\r\n"))
                                    for d in snap.documents])


CASES = {
    "demo": (build_demo_study, False),
    "roundtrip": (make_snapshot, False),
    "roundtrip-utf16": (make_snapshot, True),
    "roundtrip-crlf": (lambda: crlf(make_snapshot()), False),
}


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def blank_origin(qde: bytes) -> bytes:
    return re.sub(rb'origin="[^"]*"', b'origin=""', qde, count=1)


@pytest.mark.parametrize("case", sorted(CASES))
def test_streamed_qde_is_the_tree_writers_document(case: str) -> None:
    build, utf16 = CASES[case]
    qde = members(write_qdpx(build(), utf16=utf16))["project.qde"]
    assert hashlib.sha256(blank_origin(qde)).hexdigest() == TREE_WRITER[case], (
        "project.qde differs from what the tree writer wrote; if the demo study or the "
        "mapping changed on purpose, update TREE_WRITER")
    assert validate_qde(qde) == []
    tree = etree.fromstring(qde, etree.XMLParser(remove_blank_text=True))
    assert etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                          pretty_print=True) == qde  # serialised as pretty_print would


def test_the_archive_holds_the_project_first_then_one_text_per_document() -> None:
    snap = build_demo_study()
    files = members(write_qdpx(snap))
    names = list(files)
    assert names[0] == "project.qde" and len(names) == 1 + len(snap.documents)
    texts = sorted(files[n].decode() for n in names[1:])
    assert texts == sorted(d.text for d in snap.documents)


def streamed(snap: ProjectSnapshot, calls: list[bool]) -> tuple[ProjectSnapshot, Sources]:
    """The snapshot without texts or codings, and a Sources that reads them per document."""
    by_doc: dict[str, list[Coding]] = {}
    for coding in snap.codings:
        by_doc.setdefault(coding.document, []).append(coding)

    def read(with_codings: bool) -> Iterator[tuple[Document, Sequence[Coding]]]:
        calls.append(with_codings)
        for doc in snap.documents:
            yield doc, by_doc.get(doc.name, []) if with_codings else []

    light = replace(snap, codings=[], documents=[replace(d, text="") for d in snap.documents])
    return light, Sources(read, len(snap.codings))


def test_documents_read_one_at_a_time_give_the_same_archive(tmp_path: Path) -> None:
    snap = make_snapshot()
    calls: list[bool] = []
    light, sources = streamed(snap, calls)
    out = tmp_path / "p.qdpx"
    write_qdpx_to(out, light, sources)
    assert calls == [True, False]  # project.qde with codings, then the texts
    assert members(out.read_bytes()) == members(write_qdpx(snap))
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    assert out.stat().st_mode == plain.stat().st_mode  # permissions as for any new file


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    snap = make_snapshot()
    light, _ = streamed(snap, [])

    def broken(with_codings: bool) -> Iterator[tuple[Document, Sequence[Coding]]]:
        yield snap.documents[0], []
        raise OSError("disk gone")

    out = tmp_path / "p.qdpx"
    with pytest.raises(OSError, match="disk gone"):
        write_qdpx_to(out, light, Sources(broken, 0))
    assert list(tmp_path.iterdir()) == []


def local_extra(data: bytes, name: str) -> bytes:
    """The extra field of a member's local header."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(name).header_offset
    n, m = struct.unpack("<HH", data[offset + 26:offset + 30])
    return data[offset + 30 + n:offset + 30 + n + m]


def test_zip64_only_when_the_project_might_pass_2_gib() -> None:
    snap = make_snapshot()
    assert local_extra(write_qdpx(snap), "project.qde") == b""  # what every tool reads
    light, sources = streamed(snap, [])
    buffer = io.BytesIO()
    write_qdpx_to(buffer, light, Sources(sources.read, 2_000_000))  # says 2 million codings
    assert local_extra(buffer.getvalue(), "project.qde")[:2] == b"\x01\x00"  # ZIP64 header
    again, _ = read_qdpx("big.qdpx", buffer.getvalue())
    assert len(again.codings) == len(snap.codings)


def many(documents: int, codings: int, memos: int = 0) -> ProjectSnapshot:
    """``documents`` transcripts with ``codings`` codings each (synthetic)."""
    t0 = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    text = "SYNTHETIC. " + " ".join(f"woord{i}" for i in range(400))
    docs = [Document(f"doc {i:04d}", text) for i in range(documents)]
    codes = [Code(f"code {i}") for i in range(8)]
    found = [Coding(d.name, 11 + 7 * j, 30 + 7 * j, codes[j % 8].name, "an", t0)
             for d in docs for j in range(codings)]
    notes = [Memo(f"memo {i} " + "x" * 300, "an", f"memo {i}") for i in range(memos)]
    return ProjectSnapshot(name="many", coders=["an"], codes=codes, documents=docs,
                           codings=found, memos=notes)


def test_a_large_export_reads_with_parts_below_the_cap() -> None:
    data = write_qdpx(many(120, 40))  # 4,800 codings; project.qde about 2 MB
    qde_size = len(members(data)["project.qde"])
    assert qde_size > 1024 * KB
    small_parts = Limits(max_xml_part=128 * KB)
    snapshot, report = read_qdpx("many.qdpx", data, small_parts)
    assert len(snapshot.codings) == report.declared.codings == 4800
    assert report.valid is True
    with pytest.raises(FormatError, match="project XML"):  # the cap on the whole XML stays
        read_qdpx("many.qdpx", data, Limits(max_xml=qde_size - 1))


def test_one_source_or_the_rest_above_the_part_cap_is_refused() -> None:
    with pytest.raises(FormatError, match="one source"):
        read_qdpx("one.qdpx", write_qdpx(many(1, 4800)), Limits(max_xml_part=128 * KB))
    with pytest.raises(FormatError, match="outside its sources"):
        read_qdpx("notes.qdpx", write_qdpx(many(2, 2, memos=1000)),
                  Limits(max_xml_part=128 * KB))


def archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


QDE_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
PROJECT = b'<Project xmlns="urn:QDA-XML:project:1.0" name="t"><Notes>'


def test_a_project_xml_zip_bomb_is_refused() -> None:
    bomb = QDE_HEAD + PROJECT + b" " * (8 * 1024 * KB) + b"</Notes></Project>"
    with pytest.raises(FormatError, match="zip bomb"):
        read_qdpx("bomb.qdpx", archive({"project.qde": bomb}))


LAUGHS = (b'<!DOCTYPE Project [<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
    for i in range(1, 10)) + b"]>\n")
XXE = b'<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'


@pytest.mark.parametrize(("dtd", "use"), [(LAUGHS, b"<Description>&lol9;</Description>"),
                                          (XXE, b"<Description>&x;</Description>")],
                         ids=["billion-laughs", "external-entity"])
def test_a_dtd_after_a_long_comment_is_refused_before_the_root_is_read(dtd: bytes,
                                                                        use: bytes) -> None:
    comment = b"<!--" + b"x" * (200 * KB) + b"-->\n"  # past what the prolog check looks at
    xml = (QDE_HEAD + comment + dtd + b'<Project xmlns="urn:QDA-XML:project:1.0" name="t">'
           + use + b"</Project>")
    with pytest.raises(FormatError, match="document type declaration"):
        read_qdpx("dtd.qdpx", archive({"project.qde": xml}))


def test_a_member_that_unpacks_beyond_its_declared_size_is_refused() -> None:
    xml = QDE_HEAD + b'<Project xmlns="urn:QDA-XML:project:1.0" name="t"/>' + b" " * 4000
    data = bytearray(archive({"project.qde": xml}))
    declared = struct.pack("<I", 100)
    data[22:26] = declared  # local header: uncompressed size
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = declared  # central directory: the same
    with pytest.raises(FormatError, match="beyond its size|damaged"):
        read_qdpx("liar.qdpx", bytes(data))


def test_read_from_a_path_and_from_a_file_object(tmp_path: Path) -> None:
    data = write_qdpx(make_snapshot())
    path = tmp_path / "p.qdpx"
    path.write_bytes(data)
    from_bytes, _ = read_qdpx("p.qdpx", data)
    from_path, _ = read_qdpx("p.qdpx", path)
    with path.open("rb") as handle:
        from_file, _ = read_qdpx("p.qdpx", handle)
    assert from_path.codings == from_bytes.codings == from_file.codings
    qde = tmp_path / "project.qde"
    qde.write_bytes(members(data)["project.qde"])
    bare, report = read_qdpx("project.qde", qde)
    assert report.format == "qde" and bare.documents == []
