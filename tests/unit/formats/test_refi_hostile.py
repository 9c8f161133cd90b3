"""Hostile or broken REFI-QDA files raise FormatError and produce nothing.

Every hostile file is built here, in memory.
"""

from __future__ import annotations

import io
import stat
import warnings
import zipfile

import pytest

from stemmen.errors import FormatError
from stemmen.formats.refi_qdc import read_qdc
from stemmen.formats.refi_qdpx import Limits, read_qde, read_qdpx
from stemmen.formats.refi_xml import parse_xml

QDE = (b'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
       b'name="t"><Sources><TextSource guid="11111111-2222-3333-4444-555555555555" name="d" '
       b'plainTextPath="internal://11111111-2222-3333-4444-555555555555.txt"/></Sources>'
       b'</Project>')
TEXT = b"SYNTHETIC test text."


def archive(members: dict[str, bytes], *, mode: int | None = None) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if mode is not None:
                info.external_attr = mode << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def fails(data: bytes, match: str, limits: Limits | None = None) -> None:
    with pytest.raises(FormatError, match=match):
        read_qdpx("hostile.qdpx", data, limits or Limits())


def test_a_good_archive_reads() -> None:
    snapshot, _ = read_qdpx("ok.qdpx", archive({"project.qde": QDE, "sources/"
                                                "11111111-2222-3333-4444-555555555555.txt": TEXT}))
    assert snapshot.documents[0].text == TEXT.decode()


@pytest.mark.parametrize("evil", ["../evil.txt", "sources/../../evil.txt", "/etc/passwd",
                                  "C:/Windows/evil.txt", "..\\evil.txt"])
def test_zip_slip_paths_are_refused(evil: str) -> None:
    fails(archive({"project.qde": QDE, evil: b"x"}), "unsafe path")


def test_symbolic_links_are_refused() -> None:
    fails(archive({"project.qde": QDE, "sources/link.txt": b"/etc/passwd"},
                  mode=stat.S_IFLNK | 0o777), "unsafe path")


def test_zip_bomb_by_ratio_is_refused() -> None:
    fails(archive({"project.qde": QDE, "sources/bomb.txt": b"\0" * (3 * 1024 * 1024)}),
          "zip bomb")


def test_zip_bomb_by_total_size_is_refused() -> None:
    data = archive({"project.qde": QDE, "sources/a.txt": b"a" * 5000})
    fails(data, "zip bomb", Limits(max_total=4000, max_member=10_000))


def test_too_large_member_is_refused() -> None:
    fails(archive({"project.qde": QDE, "sources/a.txt": b"a" * 5000}), "limit",
          Limits(max_member=4000))


def test_too_many_members_are_refused() -> None:
    members = {"project.qde": QDE} | {f"sources/{i}.txt": b"x" for i in range(20)}
    fails(archive(members), "members", Limits(max_members=10))


def test_too_large_archive_is_refused() -> None:
    fails(archive({"project.qde": QDE}), "limit", Limits(max_archive=100))


def test_too_large_project_xml_is_refused() -> None:
    fails(archive({"project.qde": QDE}), "limit", Limits(max_xml=100))


def test_encrypted_members_are_refused() -> None:
    data = bytearray(archive({"project.qde": QDE}))
    data[6] |= 0x1  # general purpose flag "encrypted", local header …
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # … and central directory
    fails(bytes(data), "encrypted")


def test_duplicate_members_are_refused() -> None:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as zf:
        warnings.simplefilter("ignore")
        zf.writestr("project.qde", QDE)
        zf.writestr("project.qde", QDE)
    fails(buffer.getvalue(), "twice")


def test_missing_project_qde_is_refused() -> None:
    fails(archive({"sources/a.txt": TEXT}), "no project.qde")


def test_not_a_zip_is_refused() -> None:
    fails(b"PK\x03\x04 this is not really a zip", "not a .qdpx")
    fails(b"\x00\x01binary junk", "not a .qdpx")


XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
       b'<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>')
LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;")
                                                 * 10) for i in range(1, 10))
          + b']>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>')


@pytest.mark.parametrize("xml", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_entities_and_dtds_are_refused(xml: bytes) -> None:
    with pytest.raises(FormatError, match="document type declaration"):
        read_qde("project.qde", xml)
    with pytest.raises(FormatError, match="document type declaration"):
        read_qdpx("p.qdpx", archive({"project.qde": xml}))
    with pytest.raises(FormatError, match="document type declaration"):
        read_qdc("c.qdc", xml.replace(b"Project", b"CodeBook"))


def test_malformed_xml_gives_the_line() -> None:
    with pytest.raises(FormatError, match="well-formed") as info:
        read_qde("project.qde", b'<?xml version="1.0"?>\n<Project name="x">\n<Users>\n</Project>')
    assert info.value.line == 4


@pytest.mark.parametrize(("data", "match"), [
    ('<Project xmlns="urn:QDA-XML:project:1.0" name="é"/>'.encode("utf-16"), "UTF-16"),
    ('<Project xmlns="urn:QDA-XML:project:1.0" name="é"/>'.encode("latin-1"), "not valid UTF-8"),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><Project name="x"/>', "ISO-8859-1"),
])
def test_wrong_encodings_are_refused(data: bytes, match: str) -> None:
    with pytest.raises(FormatError, match=match):
        read_qde("project.qde", data)


def test_source_text_in_a_wrong_encoding_is_refused() -> None:
    latin = "Café, naïef".encode("latin-1")
    fails(archive({"project.qde": QDE,
                   "sources/11111111-2222-3333-4444-555555555555.txt": latin}), "not UTF-8")


def test_wrong_root_or_namespace_is_refused() -> None:
    with pytest.raises(FormatError, match="codebook"):
        read_qde("p.qde", b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    with pytest.raises(FormatError, match="project"):
        read_qdc("c.qdc", b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
    with pytest.raises(FormatError, match="not REFI-QDA"):
        read_qde("p.qde", b'<Project xmlns="http://example.org/evil" name="x"/>')


def test_empty_and_oversized_xml_are_refused() -> None:
    with pytest.raises(FormatError, match="empty"):
        read_qdc("c.qdc", b"  ")
    with pytest.raises(FormatError, match="limit"):
        parse_xml("c.qdc", b"<CodeBook/>" + b" " * 200, max_bytes=100)


def test_error_names_the_file() -> None:
    with pytest.raises(FormatError) as info:
        read_qdpx("study.qdpx", b"nonsense")
    assert info.value.file == "study.qdpx" and "study.qdpx" in str(info.value)
