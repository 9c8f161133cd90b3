"""REFI-QDA import of a source with CRLF line ends and emoji (outside the Basic Multilingual
Plane), written by a tool that counts code points with CRLF as one: every one of its twelve
codings lands on the text it marked (issue 16 §5). The .qdpx is built here with zipfile."""

from __future__ import annotations

import io
import zipfile

from stemmen.formats.refi_positions import Scheme, TextIndex, choose
from stemmen.formats.refi_qdpx import read_qdpx

NS = "urn:QDA-XML:project:1.0"
G = [f"{i:08x}-0000-4000-8000-{i:012x}" for i in range(1, 40)]
LINES = ["👍 👍 beter 👍 wachttijd ons", "Deelnemer 👍"]  # SYNTHETIC test text
RAW = "\r\n".join(LINES)
LF = RAW.replace("\r\n", "\n")
# Lines, words and an emoji, in code points of the LF text (CRLF counted as one): a random
# case on which the earlier word-boundary score chose "code points, CRLF as 2".
SPANS = [(26, 37), (0, 25), (22, 25), (22, 25), (26, 37), (26, 37), (12, 21), (0, 25),
         (0, 25), (26, 37), (10, 11), (26, 37)]


def spans() -> list[tuple[int, int]]:
    return list(SPANS)


def qdpx(selections: list[tuple[int, int]], origin: str) -> bytes:
    sels = "".join(
        f'<PlainTextSelection guid="{G[10 + i]}" name="" startPosition="{a}" endPosition="{b}">'
        f'<Coding guid="{G[25 + i]}" creatingUser="{G[0]}"><CodeRef targetGUID="{G[1]}"/>'
        "</Coding></PlainTextSelection>" for i, (a, b) in enumerate(selections))
    qde = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="{NS}" name="t" '
           f'origin="{origin}"><Users><User guid="{G[0]}" name="an"/></Users>'
           f'<CodeBook><Codes><Code guid="{G[1]}" name="tolk" isCodable="true"/></Codes>'
           f'</CodeBook><Sources><TextSource guid="{G[5]}" name="doc" '
           f'plainTextPath="internal://{G[5]}.txt">{sels}</TextSource></Sources></Project>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde.encode())
        archive.writestr(f"sources/{G[5]}.txt", RAW.encode())
    return buffer.getvalue()


def test_the_fixture_needs_the_convention_to_be_detected():
    """The text has CRLF and emoji, so the four ways of counting give different offsets."""
    index = TextIndex(RAW)
    assert index.has_crlf and index.has_astral and len(index.schemes(Scheme.CODEPOINT)) == 4
    assert len(spans()) == 12


def test_all_twelve_codings_of_a_crlf_as_one_tool_land_on_their_text():
    wanted = spans()
    for origin in ("Some tool 2.0", "QualCoder 3.5"):  # unknown, and a code-point-CRLF-2 prior
        snapshot, report = read_qdpx("crlf.qdpx", qdpx(wanted, origin))
        (doc,) = snapshot.documents
        assert doc.text == LF
        assert len(snapshot.codings) == 12 and report.dropped.codings == 0
        assert [(c.start, c.end) for c in snapshot.codings] == wanted
        assert [doc.text[c.start:c.end] for c in snapshot.codings][:3] == [
            "Deelnemer 👍", "👍 👍 beter 👍 wachttijd ons", "ons"]
        assert report.offsets["doc"] == Scheme.CODEPOINT_LF.value


def test_an_edge_inside_a_crlf_or_a_surrogate_pair_rules_a_scheme_out():
    index = TextIndex("a😀b\r\nc")
    assert index.splits(2, Scheme.UTF16) and not index.splits(2, Scheme.CODEPOINT)
    assert index.splits(4, Scheme.CODEPOINT)  # between the CR (3) and the LF (4)
    assert not index.splits(4, Scheme.CODEPOINT_LF)
    best, _why = choose(index, [(0, 1, ""), (2, 3, "")], Scheme.CODEPOINT)
    assert best == Scheme.CODEPOINT
