"""Transcript readers: real files of every format, made inside the tests, read back exactly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from stemmen.errors import FormatError
from stemmen.formats import safety
from stemmen.formats.encodings import decode_text
from stemmen.formats.office import join_wrapped_lines
from stemmen.formats.transcripts import markdown_to_text, read_transcript

MARK = "[SYNTHETIC TEST TRANSCRIPT]"
TURNS = [
    MARK,
    "Interviewer: Hoe verliep de eerste week bij het OCMW?",
    "Eindgebruiker: Het was moeilijk, maar de tolk hielp veel. Café, één, ça va.",
    "Bénéficiaire: Oui, l'accompagnement était très utile.",
]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


# --- plain text and encodings ------------------------------------------------------------

TEXT = "\n".join(TURNS) + "\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_txt_encodings_with_and_without_bom_are_detected(data: bytes, encoding: str) -> None:
    result = read_transcript("interview.txt", data)
    assert result.encoding == encoding
    assert result.text == TEXT.strip()
    assert result.format == "txt"
    assert result.warnings == []


def test_cp1252_text_is_read_with_a_warning() -> None:
    text = f"{MARK}\nHulpverlener: één ë café € ‘aanhalingstekens’ l’accueil\n"
    result = read_transcript("oud.TXT", text.encode("cp1252"))
    assert result.encoding == "cp1252"
    assert paragraphs(result.text)[1] == "Hulpverlener: één ë café € ‘aanhalingstekens’ l’accueil"
    assert "Windows-1252" in result.warnings[0]


def test_crlf_and_cr_line_endings_become_lf() -> None:
    for sep in ("\r\n", "\r"):
        result = read_transcript("a.txt", sep.join(TURNS).encode())
        assert result.text == "\n".join(TURNS)


def test_nfd_input_becomes_nfc() -> None:
    nfd = f"{MARK}\nInterviewer: cafe\u0301 e\u0308"
    assert read_transcript("a.txt", nfd.encode()).text == f"{MARK}\nInterviewer: café ë"


def test_binary_garbage_is_refused() -> None:
    with pytest.raises(FormatError, match="is not a text file or its encoding is unknown"):
        read_transcript("a.txt", bytes(range(256)) * 4)
    with pytest.raises(FormatError, match="save it as UTF-8"):
        read_transcript("a.txt", bytes(range(1, 32)) * 10)  # no NUL, but all control bytes


def test_undecodable_bytes_are_refused() -> None:
    with pytest.raises(FormatError, match="encoding is unknown"):
        decode_text("a.txt", b"caf\x81\x8d\x8f\x90\x9d")  # invalid UTF-8 and undefined cp1252


def test_empty_and_blank_files_are_refused() -> None:
    with pytest.raises(FormatError, match="is empty"):
        read_transcript("a.txt", b"")
    with pytest.raises(FormatError, match="contains no text"):
        read_transcript("a.txt", b" \n\n\t\n")


def test_unsupported_extension_names_the_supported_ones() -> None:
    with pytest.raises(FormatError, match=r"cannot read .* \.docx") as info:
        read_transcript("audio.mp3", b"ID3")
    assert info.value.file == "audio.mp3"
    with pytest.raises(FormatError, match=r"save it as \.docx"):
        read_transcript("oud.DOC", b"\xd0\xcf\x11\xe0")


def test_files_over_the_size_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 10)
    with pytest.raises(FormatError, match="more than the limit"):
        read_transcript("a.txt", TEXT.encode())


# --- markdown ----------------------------------------------------------------------------

MARKDOWN = f"""\
# {MARK}

## Focusgroep *OCMW Gent*

Interviewer: Welkom. Dit gesprek is
zacht afgebroken over
drie regels.
Eindgebruiker: Een nieuwe beurt op de volgende regel.
**Hulpverlener:** Met een __vetgedrukte__ spreker en een [link](https://example.org).

- eerste punt
  dat verder loopt
- tweede punt met `code`
1. genummerd

> Bénéficiaire: Un témoignage cité.

| Wie | Wat |
|-----|-----|
| Tolk | vertaalt |

---
Harde regelbreuk\\
na de backslash en \\*geen nadruk\\*.
"""


def test_markdown_is_unwrapped_and_stripped_of_markup() -> None:
    result = read_transcript("notes.Markdown", MARKDOWN.encode())
    assert result.format == "md"
    assert paragraphs(result.text) == [
        MARK,
        "Focusgroep OCMW Gent",
        "Interviewer: Welkom. Dit gesprek is zacht afgebroken over drie regels.",
        "Eindgebruiker: Een nieuwe beurt op de volgende regel.",
        "Hulpverlener: Met een vetgedrukte spreker en een link.",
        "eerste punt dat verder loopt",
        "tweede punt met code",
        "1. genummerd",
        "Bénéficiaire: Un témoignage cité.",
        "Wie | Wat",
        "Tolk | vertaalt",
        "Harde regelbreuk",
        "na de backslash en *geen nadruk*.",
    ]


def test_markdown_does_not_split_a_wrapped_sentence_with_a_colon() -> None:
    text = "Interviewer: en toen zei ze\nwant ik zei toen: dat gaat niet."
    assert markdown_to_text(text) == "Interviewer: en toen zei ze want ik zei toen: dat gaat niet."


def test_markdown_turns_one_per_line_stay_apart() -> None:
    text = "[00:01:02] Interviewer: Dag.\n[00:01:05] Eindgebruiker: Dag.\nR1: Ja.\nI: nee"
    assert markdown_to_text(text).split("\n") == [
        "[00:01:02] Interviewer: Dag.",
        "[00:01:05] Eindgebruiker: Dag.",
        "R1: Ja.",
        "I: nee",
    ]


def test_markdown_code_fences_keep_their_lines() -> None:
    assert markdown_to_text("```\nregel 1\nregel 2\n```\nna") == "regel 1\nregel 2\nna"


# --- docx --------------------------------------------------------------------------------


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(MARK)
    document.add_heading("Focusgroep OCMW Antwerpen", level=1)
    para = document.add_paragraph("Interviewer: Hoe verliep ")
    para.add_run("de eerste week").bold = True
    para.add_run("?")
    document.add_paragraph(TURNS[2])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Tolk"
    table.cell(0, 1).text = "Ik vertaal naar het Arabisch: مرحبا"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Samengevoegde cel"
    document.add_paragraph("")
    last = document.add_paragraph("Bénéficiaire: Première ligne")
    last.add_run().add_break()
    last.add_run("tweede regel na Shift+Enter")
    document.sections[0].header.paragraphs[0].text = "Vertrouwelijk (kopregel)"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_headings_and_tables_become_lines_in_reading_order() -> None:
    result = read_transcript("fg.DOCX", make_docx())
    assert result.format == "docx"
    assert result.encoding is None
    assert paragraphs(result.text) == [
        MARK,
        "Focusgroep OCMW Antwerpen",
        "Interviewer: Hoe verliep de eerste week?",
        TURNS[2],
        "Tolk | Ik vertaal naar het Arabisch: مرحبا",
        "Samengevoegde cel",
        "Bénéficiaire: Première ligne",
        "tweede regel na Shift+Enter",
    ]
    assert "1 table(s)" in result.warnings[0]


def test_corrupt_docx_is_refused() -> None:
    data = make_docx()
    with pytest.raises(FormatError, match=r"is not a valid \.docx file \(damaged or not a Word"):
        read_transcript("kapot.docx", data[: len(data) // 2])


def test_renamed_text_file_is_refused_with_advice() -> None:
    with pytest.raises(FormatError, match=r"plain text file: rename it to \.txt"):
        read_transcript("interview.docx", TEXT.encode())


def test_zip_without_word_document_is_refused() -> None:
    with pytest.raises(FormatError, match="not a valid .docx"):
        read_transcript("a.docx", zip_of({"hello.txt": b"hallo"}))


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


def test_zip_bomb_docx_is_refused_by_its_compression_ratio() -> None:
    bomb = zip_of({"word/document.xml": b"<w:document/>" + b" " * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(FormatError, match="zip bomb"):
        read_transcript("bom.docx", bomb)


def test_docx_over_the_unpacked_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_UNZIPPED_BYTES", 100_000)
    with pytest.raises(FormatError, match="would unpack to .* more than the limit"):
        read_transcript("groot.docx", make_docx())


def test_docx_with_a_document_type_declaration_is_refused() -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><document><body/></document>'
    with pytest.raises(FormatError, match="document type declaration"):
        read_transcript("x.docx", zip_of({"word/document.xml": xml}))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
RAW_DOCX = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:r><w:t>{MARK}</w:t></w:r></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
 <w:r><w:t xml:space="preserve">Interviewer: </w:t></w:r><w:r><w:tab/><w:t>zegt</w:t></w:r>
 <w:del><w:r><w:delText>geschrapt </w:delText></w:r></w:del>
 <w:ins><w:r><w:t xml:space="preserve"> toegevoegd</w:t></w:r></w:ins>
 <w:hyperlink><w:r><w:t xml:space="preserve"> en een link</w:t></w:r></w:hyperlink>
 <w:r><w:br w:type="page"/><w:t>.</w:t></w:r></w:p>
<w:sdt><w:sdtPr><w:alias w:val="veld"/></w:sdtPr><w:sdtContent>
 <w:p><w:r><w:t>Eindgebruiker: in een inhoudsbesturingselement</w:t></w:r></w:p>
</w:sdtContent></w:sdt>
<w:sectPr/></w:body></w:document>""".encode()


def test_docx_tracked_changes_content_controls_and_tabs() -> None:
    result = read_transcript("raw.docx", zip_of({"word/document.xml": RAW_DOCX}))
    assert paragraphs(result.text) == [
        MARK,
        "Interviewer: \tzegt toegevoegd en een link.",
        "Eindgebruiker: in een inhoudsbesturingselement",
    ]
    assert result.warnings == ["Tracked changes were read as accepted (deleted text left out)."]


def test_zip_member_lying_about_its_size_is_refused() -> None:
    data = bytearray(zip_of({"word/document.xml": RAW_DOCX + b" " * 50_000}))
    real = (len(RAW_DOCX) + 50_000).to_bytes(4, "little")
    fake = (1000).to_bytes(4, "little")
    assert data.count(real) == 2  # local header and central directory
    data = bytes(data).replace(real, fake)
    with pytest.raises(FormatError, match=r"not a valid \.docx"):
        read_transcript("liegt.docx", data)


# --- odt ---------------------------------------------------------------------------------


def make_odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, P, S, Span

    document = OpenDocumentText()
    body = document.text
    body.addElement(P(text=MARK))
    body.addElement(H(outlinelevel=1, text="Entretien CPAS Liège"))
    para = P(text="Interviewer: Comment ")
    para.addElement(Span(text="ça va"))
    para.addText("?")
    body.addElement(para)
    spaced = P(text="Eindgebruiker: twee")
    spaced.addElement(S(c=2))
    spaced.addText("spaties en een")
    spaced.addElement(LineBreak())
    spaced.addText("nieuwe regel")
    body.addElement(spaced)
    items = List()
    for text in ("Eerste punt", "Tweede punt"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    body.addElement(items)
    table = Table(name="Profiel")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for left, right in (("Leeftijd", "34"), ("Taal", "Tigrinya ትግርኛ")):
        row = TableRow()
        for value in (left, right):
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    body.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def test_odt_paragraphs_lists_and_tables_become_lines() -> None:
    result = read_transcript("entretien.odt", make_odt())
    assert result.format == "odt"
    assert paragraphs(result.text) == [
        MARK,
        "Entretien CPAS Liège",
        "Interviewer: Comment ça va?",
        "Eindgebruiker: twee  spaties en een",
        "nieuwe regel",
        "Eerste punt",
        "Tweede punt",
        "Leeftijd | 34",
        "Taal | Tigrinya ትግርኛ",
    ]


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:text><text:p>&lol9;</text:p></office:text></office:body>
</office:document-content>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:text><text:p>&secret;</text:p></office:text></office:body>
</office:document-content>"""


@pytest.mark.parametrize("content", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external"])
def test_hostile_odt_xml_is_refused_without_expanding(content: bytes) -> None:
    hostile = zip_of({"mimetype": ODT_MIMETYPE, "content.xml": content})
    with pytest.raises(FormatError, match="document type declaration or entities"):
        read_transcript("hostile.odt", hostile)


def test_odt_of_another_kind_is_refused() -> None:
    sheet = zip_of(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    )
    with pytest.raises(FormatError, match="OpenDocument file of another kind"):
        read_transcript("tabel.odt", sheet)


# --- rtf ---------------------------------------------------------------------------------

RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}
{\*\generator Synthetic 1.0;}\f0\fs22 [SYNTHETIC TEST TRANSCRIPT]\par
Interviewer: caf\'e9, \'e9\'e9n \'eb en gar\'e7on\par
Eindgebruiker: \u1605?\u1585?\u1581?\u1576?\u1575? en \u8364? en \u-10179?\u-8704?\par
{\trowd\cellx2000\cellx4000 Tolk\cell vertaalt\cell\row}
Slot\line met regelbreuk\par
}"""


def test_rtf_escapes_and_code_page_are_decoded() -> None:
    result = read_transcript("oud.rtf", RTF)
    assert result.format == "rtf"
    assert paragraphs(result.text) == [
        MARK,
        "Interviewer: café, één ë en garçon",
        "Eindgebruiker: مرحبا en € en \U0001f600",
        "Tolk | vertaalt",
        "Slot",
        "met regelbreuk",
    ]


def test_text_renamed_to_rtf_is_refused() -> None:
    with pytest.raises(FormatError, match=r"not a valid \.rtf file"):
        read_transcript("a.rtf", TEXT.encode())


# --- pdf ---------------------------------------------------------------------------------

PDF_TURNS = [
    MARK,
    "Interviewer: Hoe verliep de eerste week bij het OCMW en wat vond u van de begeleiding "
    "door de hulpverlener en de tolk?",
    "Eindgebruiker: Goed.",
    "Bénéficiaire: Nous avons parlé des arbeidsbemiddelings-trajecten avec la ville de Charleroi.",
]


def make_pdf(turns: list[str], password: str | None = None, pages: int = 1) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    if DEJAVU.exists():
        pdf.add_font("DejaVu", fname=str(DEJAVU))
        pdf.set_font("DejaVu", size=11)
    else:
        pdf.set_font("Helvetica", size=11)
    if password:
        pdf.set_encryption(owner_password="eigenaar", user_password=password)
    for _ in range(pages):
        pdf.add_page()
        for turn in turns:
            pdf.multi_cell(70, 6, turn, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return make_pdf(PDF_TURNS)


def test_pdf_lines_wrapped_by_the_layout_are_joined(pdf_bytes: bytes) -> None:
    result = read_transcript("verslag.pdf", pdf_bytes)
    assert result.format == "pdf"
    assert paragraphs(result.text) == PDF_TURNS


def test_wrapped_line_heuristic_is_the_documented_one() -> None:
    lines = [
        "Interviewer: een zin die",
        "doorloopt en een OCMW-",
        "werking, een ver\x02",
        "deeld woord.",
        "nog een zin: met dubbelepunt",
        "Eindgebruiker: nieuw",
        "",
        "los na een lege regel",
        "Namen zoals",
        "Charleroi blijven apart.",
    ]
    assert join_wrapped_lines(lines) == [
        "Interviewer: een zin die doorloopt en een OCMW-werking, een verdeeld woord.",
        "nog een zin: met dubbelepunt",
        "Eindgebruiker: nieuw",
        "",
        "los na een lege regel",
        "Namen zoals",
        "Charleroi blijven apart.",
    ]


def test_pdf_without_text_is_refused_as_scanned() -> None:
    with pytest.raises(FormatError, match=r"contains no text \(scanned\? run OCR first\)"):
        read_transcript("scan.pdf", make_pdf([]))


def test_pdf_with_a_password_is_refused() -> None:
    with pytest.raises(FormatError, match="protected with a password"):
        read_transcript("geheim.pdf", make_pdf(["Geheim."], password="wachtwoord"))


def test_damaged_pdf_is_refused(pdf_bytes: bytes) -> None:
    with pytest.raises(FormatError, match=r"not a valid \.pdf"):
        read_transcript("kapot.pdf", pdf_bytes[:300])
    with pytest.raises(FormatError, match=r"plain text file"):
        read_transcript("tekst.pdf", TEXT.encode())
