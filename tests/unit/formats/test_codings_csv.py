"""Codings files: paragraph ranges or offsets, every faulty row reported with its line."""

from __future__ import annotations

import pytest

from stemmen.errors import FormatError
from stemmen.formats.codings_csv import CodingRow, parse_paragraphs, read_codings_csv


def test_paragraph_numbers_ranges_and_offsets_are_read() -> None:
    text = (
        "Document,Code,Coder,Paragraph,Start,End\n"
        "fg-antwerpen,R-tolk,an,3,,\n"
        "fg-antwerpen,T-mondeling,bert,3-5,,\n"
        "fg-liège,S-communicatie,an,,10,42\n"
    )
    rows, errors = read_codings_csv("codings.csv", text.encode())
    assert errors == []
    assert rows == [
        CodingRow("fg-antwerpen", "R-tolk", "an", 3, 3, None, None, 2),
        CodingRow("fg-antwerpen", "T-mondeling", "bert", 3, 5, None, None, 3),
        CodingRow("fg-liège", "S-communicatie", "an", None, None, 10, 42, 4),
    ]


def test_every_faulty_row_is_reported_and_good_rows_are_kept() -> None:
    text = (
        "document;code;coder;paragraph;start;end\n"
        "d;c;an;1;;\n"
        "d;c;;2;;\n"
        "d;c;an;5-3;;\n"
        "d;c;an;drie;;\n"
        "d;c;an;0;;\n"
        "d;c;an;;;\n"
        "d;c;an;2;0;5\n"
        "d;c;an;;7;7\n"
        "d;c;an;;-1;5\n"
        "d;c;an;;4;\n"
        ";;;;;\n"
        "d;c;bert;4 – 6;;\n"
    )
    rows, errors = read_codings_csv("codings.csv", text.encode())
    assert [(r.line, r.coder, r.paragraph_first, r.paragraph_last) for r in rows] == [
        (2, "an", 1, 1),
        (13, "bert", 4, 6),
    ]
    assert [(e.line, e.reason) for e in errors] == [
        (3, "coder is empty"),
        (4, "paragraph range '5-3' ends before it starts"),
        (5, "paragraph 'drie' is not a number or a range such as 3-5"),
        (6, "paragraphs are counted from 1"),
        (7, "gives no paragraph and no start and end"),
        (8, "give either a paragraph or start and end, not both"),
        (9, "start (7) must be smaller than end (7)"),
        (10, "start '-1' is not a whole number of 0 or more"),
        (11, "end is empty"),
    ]
    assert all(e.file == "codings.csv" for e in errors)
    assert str(errors[0]) == "codings.csv:3: coder is empty"


def test_missing_columns_stop_the_whole_file() -> None:
    with pytest.raises(FormatError, match="no column 'coder'"):
        read_codings_csv("c.csv", b"document,code,paragraph\nd,c,1\n")
    with pytest.raises(FormatError, match="'paragraph' column or 'start' and 'end'"):
        read_codings_csv("c.csv", b"document,code,coder,start\nd,c,an,1\n")


def test_paragraph_ranges_parse() -> None:
    assert parse_paragraphs(" 7 ") == (7, 7)
    assert parse_paragraphs("3 - 5") == (3, 5)
    with pytest.raises(ValueError):
        parse_paragraphs("3-")
