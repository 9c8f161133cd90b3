"""Tables from CSV and XLSX, and the metadata sheet of a folder import."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from stemmen.errors import FormatError
from stemmen.formats.sheets import load_table, read_metadata_sheet, read_table, sniff_delimiter
from stemmen.model.documents import AttributeDef, AttributeType

ROWS = [
    {"file": "fg-antwerpen.docx", "case": "OCMW Antwerpen", "wave": "1"},
    {"file": "fg-liège.docx", "case": "CPAS Liège", "wave": "2"},
]


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_sniffed_from_the_header(delimiter: str) -> None:
    lines = [delimiter.join(ROWS[0]), *(delimiter.join(row.values()) for row in ROWS)]
    text = "\n".join(lines)
    assert read_table("meta.csv", csv_bytes(text)) == ROWS


def test_sniffing_ignores_delimiters_inside_quotes() -> None:
    assert sniff_delimiter('"a,b,c";d;e') == ";"
    assert sniff_delimiter("single") == ","


def test_csv_in_cp1252_with_semicolons_as_excel_writes_it() -> None:
    text = "file;case;wave\r\nfg-antwerpen.docx;OCMW Antwerpen;1\r\nfg-liège.docx;CPAS Liège;2\r\n"
    assert read_table("meta.csv", csv_bytes(text, "cp1252")) == ROWS


def test_excel_sep_hint_and_tsv_extension_choose_the_delimiter() -> None:
    table = load_table("m.csv", b"sep=;\r\nfile;note\r\na.txt;x,y\r\n")
    assert (table.rows, table.lines) == ([{"file": "a.txt", "note": "x,y"}], [3])
    assert read_table("m.tsv", b"file\tnote\na.txt\tx,y;z\n") == [
        {"file": "a.txt", "note": "x,y;z"}
    ]


def test_csv_with_bom_quotes_blank_rows_and_line_numbers() -> None:
    text = '\ufefffile,note\n\na.txt,"twee\nregels"\n  ,  \nb.txt,  spaties  \n'
    table = load_table("m.csv", csv_bytes(text))
    assert table.headers == ["file", "note"]
    assert table.rows == [
        {"file": "a.txt", "note": "twee\nregels"},
        {"file": "b.txt", "note": "spaties"},
    ]
    assert table.lines == [3, 6]


def test_short_rows_are_padded_and_long_rows_are_refused() -> None:
    assert read_table("m.csv", b"a,b,c\n1\n") == [{"a": "1", "b": "", "c": ""}]
    with pytest.raises(FormatError, match="more values than the 2 columns") as info:
        read_table("m.csv", b"a,b\n1,2\n1,2,3\n")
    assert info.value.line == 3


def test_bad_headers_are_refused_with_their_line() -> None:
    with pytest.raises(FormatError, match="column 2 has no header"):
        read_table("m.csv", b"a,,c\n1,2,3\n")
    with pytest.raises(FormatError, match="'a' twice") as info:
        read_table("m.csv", b"\na,a\n")
    assert info.value.line == 2


def test_unsupported_table_files_are_refused() -> None:
    with pytest.raises(FormatError, match=r"save it as \.xlsx or \.csv"):
        read_table("oud.xls", b"\xd0\xcf\x11\xe0")
    with pytest.raises(FormatError, match="is empty"):
        read_table("m.csv", b"")
    with pytest.raises(FormatError, match="contains no rows"):
        read_table("m.csv", b"\n,,\n")


def make_xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_values_become_strings_with_iso_dates() -> None:
    data = make_xlsx(
        [
            ["file", "case", "wave:number", "date", "consent", "score"],
            ["a.docx", "OCMW Gent", 1, dt.datetime(2021, 5, 28), True, 3.5],
            [None, None, None, None, None, None],
            ["b.docx", "OCMW Gent", 2.0, dt.date(2021, 10, 26), False, None],
        ]
    )
    table = load_table("meta.XLSX", data)
    assert table.rows == [
        {
            "file": "a.docx",
            "case": "OCMW Gent",
            "wave:number": "1",
            "date": "2021-05-28",
            "consent": "true",
            "score": "3.5",
        },
        {
            "file": "b.docx",
            "case": "OCMW Gent",
            "wave:number": "2",
            "date": "2021-10-26",
            "consent": "false",
            "score": "",
        },
    ]
    assert table.lines == [2, 4]


def test_damaged_or_renamed_xlsx_is_refused() -> None:
    with pytest.raises(FormatError, match=r"not a valid \.xlsx file .*plain text"):
        read_table("meta.xlsx", b"file,case\na,b\n")
    data = make_xlsx([["a"]])
    with pytest.raises(FormatError, match=r"not a valid \.xlsx"):
        read_table("meta.xlsx", data[:-200])


META = """\
file,case,wave:number,date,type:choice,language,consent
fg-antwerpen.docx,OCMW Antwerpen,1,10/06/21,focusgroep,nl,ja
bi-liege.docx,CPAS Liège,2,26/10/21,bilateraal,fr,nee
ind-gent.docx,,1,,individueel,nl,
"""


def test_metadata_sheet_types_cases_and_values() -> None:
    sheet = read_metadata_sheet("meta.csv", META.encode())
    assert sheet.errors == []
    assert sheet.attributes == [
        AttributeDef("wave", AttributeType.NUMBER),
        AttributeDef("date", AttributeType.DATE),
        AttributeDef(
            "type", AttributeType.CHOICE, choices=("focusgroep", "bilateraal", "individueel")
        ),
        AttributeDef("language", AttributeType.TEXT),
        AttributeDef("consent", AttributeType.BOOLEAN),
    ]
    assert list(sheet.rows) == ["fg-antwerpen.docx", "bi-liege.docx", "ind-gent.docx"]
    liege = sheet.rows["bi-liege.docx"]
    assert liege.case == "CPAS Liège"
    assert liege.line == 3
    assert liege.attributes == {
        "wave": 2,
        "date": dt.date(2021, 10, 26),
        "type": "bilateraal",
        "language": "fr",
        "consent": False,
    }
    assert sheet.case_of("ind-gent.docx") is None
    assert sheet.rows["ind-gent.docx"].attributes == {
        "wave": 1,
        "type": "individueel",
        "language": "nl",
    }


def test_metadata_sheet_collects_row_errors_with_lines() -> None:
    text = "file,case,wave:number\na.docx,X,1\n,X,2\na.docx,Y,3\nb.docx,Y,twee\nc.docx,Z,4\n"
    sheet = read_metadata_sheet("meta.csv", text.encode())
    assert list(sheet.rows) == ["a.docx", "b.docx", "c.docx"]
    assert sheet.rows["b.docx"].attributes == {}  # the row stays, without the bad value
    assert [(e.line, e.reason) for e in sheet.errors] == [
        (3, "this row has no file name"),
        (4, "'a.docx' is named twice (first on line 2)"),
        (5, "Value 'twee' is not a valid number for attribute wave."),
    ]
    assert all(e.file == "meta.csv" for e in sheet.errors)


def test_metadata_sheet_needs_a_file_column() -> None:
    with pytest.raises(FormatError, match="no 'file' column"):
        read_metadata_sheet("meta.csv", b"name,case\na,b\n")


def test_a_colon_that_is_not_a_type_stays_in_the_name() -> None:
    sheet = read_metadata_sheet("m.csv", b"File,Q1: leeftijd\na.txt,34\n")
    assert sheet.attributes == [AttributeDef("Q1: leeftijd", AttributeType.NUMBER)]
