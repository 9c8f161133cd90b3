"""The one REFI-QDA writer gives fixed bytes, escaping included, and valid files.

Selections (a ``PlainTextSelection`` with its codings) are written as text rather than as
small lxml trees. These tests write snapshots with names, notes and coded text that need
escaping or are otherwise unusual and compare project.qde (and a .qdc) byte for byte with the
expected files in ``tests/data/refi-qda/expected/``, which lxml's tree serialiser wrote when
both writers existed; every output is also validated against the REFI-QDA XSDs.

To accept a deliberate change of the output, write the files again with
``STEMMEN_WRITE_EXPECTED=1 pytest tests/unit/formats/test_refi_write_fast.py`` and review the
diff.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import etree
from test_refi_roundtrip import make_snapshot

from stemmen.demo import build_demo_study
from stemmen.formats.refi_qdc import read_qdc_snapshot, write_qdc
from stemmen.formats.refi_qdpx import read_qdpx, write_qdpx
from stemmen.formats.refi_write import selection_name
from stemmen.formats.refi_xml import (
    attribute,
    clean_name,
    format_datetime,
    origin,
    validate_qdc,
    validate_qde,
)
from stemmen.model.codes import Category, Code
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import Document
from stemmen.model.snapshot import CodeSet, ExternalFile, ProjectSnapshot

UTC = dt.UTC
ODD = 'A&B <x> "q" \'s\' ]]> 𝔘𝔫𝔦 🙂 é\u00a0nb\u2003em\u3000id\u200bzw\u2028ls\x85nl\x7fdel'
TEXT = ("Intro & <tag> \"quoted\" 'single' ]]> done.\n"
        "Non-BMP: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂🇧🇪 and\u00a0no-break\u2003em\u3000ideo\u200bzero-width.\n"
        "Tabs\tand\u2028line\u2029para\x85next\x7fdel\x1cfs\x1fus end.\n"
        + "Long span " * 60 + "\n"
        "Plain line with café, naïef, één.\n")
PDF_GUID = "{ABCDEF01-2345-6789-ABCD-EF0123456789}"
BRUSSELS = ZoneInfo("Europe/Brussels")
EXPECTED = Path(__file__).parents[2] / "data" / "refi-qda" / "expected"


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def awkward() -> ProjectSnapshot:
    """Names, texts, dates and spans that exercise every branch of the selection writer."""
    t0 = dt.datetime(2022, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    naive = dt.datetime(2020, 1, 2, 3, 4, 5)
    local = dt.datetime(2021, 10, 31, 2, 30, tzinfo=BRUSSELS, fold=1)
    coders = [ODD, 'quote"coder', "<b>&amp;", "𝔘ser 🙂", "nb\u00a0sp"]
    codes = [Code(f"{ODD} {i}", "", "Cat & <co>", f"Def {ODD}", "#aabbcc") for i in range(3)]
    codes.append(Code("plain", "{0F8A1907-7E42-4739-8610-A676B4D1B69F}"))
    names = [c.name for c in codes]
    doc = Document(f"Doc {ODD}", TEXT)
    crlf = Document("crlf & <doc>", TEXT.replace("\n", "\r\n"))
    pdf = Document("pdf \"doc\"", TEXT, PDF_GUID)
    spans = [at(TEXT, "& <tag> \"quoted\" 'single' ]]>"), at(TEXT, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂🇧🇪"),
             at(TEXT, "no-break\u2003em\u3000ideo\u200bzero"), at(TEXT, "Tabs\tand\u2028line"),
             at(TEXT, "para\x85next\x7fdel\x1cfs\x1fus"), (TEXT.index("Long"), len(TEXT) - 40),
             at(TEXT, "café"), (0, len(TEXT)), at(TEXT, "\u2003")]
    codings = []
    for d in (doc, crlf, pdf):
        for i, (start, end) in enumerate(spans):
            first, second = (naive, naive) if i == 6 else (t0, [local, None, t0][i % 3])
            codings += [Coding(d.name, start, end, names[i % 4], coders[i % 5], first),
                        Coding(d.name, start, end, names[(i + 1) % 4], coders[(i + 2) % 5],
                               second),
                        Coding(d.name, start, end, names[(i + 2) % 4], "", None,
                               f"{{2F24EA88-C6A7-482B-8F89-893EF66D7A2{i % 3}}}")]
        codings += [Coding(d.name, 1, 3, "no such code", coders[0], t0),
                    Coding(d.name, 5, 10 ** 6, names[0], coders[1], t0)]
    memos = [Memo(f"Memo {ODD}\r\nline two", ODD, f"Title {ODD}", created_at=local),
             Memo("span", coders[3], "", document=doc.name, start=spans[0][0], end=spans[0][1]),
             Memo("empty span", coders[2], "t", document=doc.name, start=7, end=9),
             Memo(f"coding {ODD}", "new author & co", "", document=doc.name,
                  start=spans[1][0], end=spans[1][1], code=names[1], created_at=naive),
             Memo("doc", "", "", document=crlf.name),
             Memo("code memo", coders[4], "c", code=names[2])]
    return ProjectSnapshot(
        name=f"Project {ODD}", coders=coders,
        categories=[Category("Cat & <co>", "", f"Desc {ODD}")], codes=codes,
        documents=[doc, crlf, pdf], codings=codings, memos=memos,
        sets=[CodeSet(f"Set {ODD}", "", ODD, [doc.name], names[:2])],
        files=[ExternalFile("file & <1>.pdf", "", "pdf", b"%PDF", PDF_GUID),
               ExternalFile('pic "2".png', "relative://pic.png", "picture", b"png")],
    )


def qde(snap: ProjectSnapshot, utf16: bool = False, warnings: list[str] | None = None) -> bytes:
    with zipfile.ZipFile(io.BytesIO(write_qdpx(snap, utf16=utf16, warnings=warnings))) as zf:
        return zf.read("project.qde")


def versionless(data: bytes) -> bytes:
    """The output with Stemmen's version in ``origin`` replaced, so a release changes nothing."""
    return data.replace(f'origin="{origin()}'.encode(), b'origin="Stemmen VERSION', 1)


def same_as_expected(data: bytes, name: str) -> None:
    path = EXPECTED / name
    if os.environ.get("STEMMEN_WRITE_EXPECTED"):
        path.write_bytes(versionless(data))
    assert versionless(data) == path.read_bytes(), f"{name} differs from the expected file"


CASES = {"awkward": awkward, "roundtrip": make_snapshot}
AWKWARD_WARNINGS = 7  # per document (3): an unknown code, a span outside; one CR document


@pytest.mark.parametrize("utf16", [False, True])
@pytest.mark.parametrize("case", sorted(CASES))
def test_project_qde_is_the_expected_bytes(case: str, utf16: bool) -> None:
    warnings: list[str] = []
    data = qde(CASES[case](), utf16, warnings)
    same_as_expected(data, f"{case}{'-utf16' if utf16 else ''}.qde")
    assert validate_qde(data) == []
    assert len(warnings) == (AWKWARD_WARNINGS if case == "awkward" else 0), warnings


@pytest.mark.parametrize("utf16", [False, True])
def test_the_demo_study_writes_a_valid_file_that_reads_back(utf16: bool) -> None:
    snap = build_demo_study()
    warnings: list[str] = []
    data = qde(snap, utf16, warnings)
    assert validate_qde(data) == [] and warnings == []
    back, _ = read_qdpx("demo.qdpx", write_qdpx(snap, utf16=utf16))
    assert len(back.codings) == len(snap.codings)
    assert sorted((c.document, c.start, c.end, c.code) for c in back.codings) == sorted(
        (c.document, c.start, c.end, c.code) for c in snap.codings)


def test_a_codebook_is_the_expected_bytes_and_reads_back() -> None:
    snap = make_snapshot()
    data = write_qdc(snap.categories, snap.codes, snap.sets)
    same_as_expected(data, "roundtrip.qdc")
    assert validate_qdc(data) == []
    back, _ = read_qdc_snapshot("x.qdc", data)
    assert [c.name for c in back.codes] == [c.name for c in snap.codes]


def test_the_codebook_of_a_project_is_written_as_in_a_qdc() -> None:
    """One writer: each Code element of a .qdc appears, the same, in the project's CodeBook."""
    snap = make_snapshot()
    project = etree.fromstring(qde(snap))
    book = etree.fromstring(write_qdc(snap.categories, snap.codes, snap.sets))

    def codes(root: etree._Element) -> list[tuple[str, dict[str, str], str]]:
        return [(etree.QName(el).localname, dict(el.attrib), (el.text or "").strip())
                for el in root.iter("{*}Code", "{*}Description")]

    assert codes(book) == codes(project.find("{*}CodeBook"))


def test_awkward_names_survive_escaping_and_read_back() -> None:
    snap = awkward()
    data = qde(snap)
    assert b"&amp; &lt;tag&gt; &quot;quoted&quot; 'single' ]]&gt;" in data
    assert "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂🇧🇪".encode() in data  # non-BMP written as UTF-8, not references
    back, _ = read_qdpx("x.qdpx", write_qdpx(snap))
    assert {c.name for c in back.codes} >= {clean_name(c.name) for c in snap.codes}
    assert clean_name(ODD) in back.coders
    tree = etree.fromstring(data)
    names = [el.get("name") for el in tree.iter("{*}PlainTextSelection")]
    assert "& <tag> \"quoted\" 'single' ]]>" in names
    assert any(n.startswith("no-break em ideo\u200bzero") for n in names)  # odd spaces as one
    assert any(n.endswith("…") and len(n) == 100 for n in names)


def test_a_control_character_in_a_coded_span_is_left_out_of_the_selections_name() -> None:
    text = "before \x01 after\x00 end"
    snap = ProjectSnapshot(codes=[Code("c")], documents=[Document("d", text)],
                           codings=[Coding("d", 0, len(text), "c", "an")])
    data = qde(snap)
    assert validate_qde(data) == []
    (selection,) = etree.fromstring(data).iter("{*}PlainTextSelection")
    assert selection.get("name") == "before after end"
    back, _ = read_qdpx("x.qdpx", write_qdpx(snap))
    assert [(c.start, c.end) for c in back.codings] == [(0, len(text))]


def test_format_datetime_cached_values_keep_their_zone() -> None:
    local = dt.datetime(2021, 10, 31, 2, 30, tzinfo=BRUSSELS)
    assert format_datetime(local) == "2021-10-31T00:30:00Z"
    assert format_datetime(replace_fold(local)) == "2021-10-31T01:30:00Z"  # equal, not the same
    assert format_datetime(dt.datetime(2021, 10, 31, 2, 30)) == "2021-10-31T02:30:00Z"
    assert format_datetime(dt.datetime(2021, 10, 31, 2, 30, 59, 999999, tzinfo=UTC)) == (
        "2021-10-31T02:30:59Z")


def replace_fold(moment: dt.datetime) -> dt.datetime:
    return moment.replace(fold=1)


def test_the_awkward_snapshot_reaches_every_branch() -> None:
    warnings: list[str] = []
    tree = etree.fromstring(qde(awkward(), False, warnings))
    assert any("unknown code" in w for w in warnings)
    assert any("outside the text" in w for w in warnings)
    assert any("CR line endings" in w for w in warnings)
    selections = list(tree.iter("{*}PlainTextSelection"))
    assert any(s.get("name") is None for s in selections)  # a span of whitespace only
    assert any(len(s) == 0 for s in selections)  # every coding on an unknown code
    assert any(s.find("{*}NoteRef") is not None for s in selections)
    assert any(c.find("{*}NoteRef") is not None for c in tree.iter("{*}Coding"))
    assert any(c.get("creatingUser") is None for c in tree.iter("{*}Coding"))
    assert len(list(tree.iter("{*}Representation"))) == 1  # the PDF's text


def test_attribute_escapes_every_character_as_libxml2_does() -> None:
    ranges = [(0x9, 0xA), (0xA, 0xB), (0xD, 0xE), (0x20, 0xD800), (0xE000, 0xFFFE),
              (0x10000, 0x110000)]
    every = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi))
    written = etree.tostring(etree.Element("a", b=every), encoding="UTF-8")
    assert written == f'<a b="{attribute(every)}"/>'.encode()


@pytest.mark.parametrize("seed", range(5))
def test_the_name_of_a_long_span_is_read_from_its_start(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["word", " ", "\u2003", "\n\t ", "é🙂", "x" * 150, " " * 450, "\u00a0"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        quoted = " ".join(text[a:b].split())
        assert selection_name(text, a, b) == (quoted if len(quoted) <= 100
                                              else quoted[:99] + "…")
