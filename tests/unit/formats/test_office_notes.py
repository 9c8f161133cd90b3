"""Footnotes, endnotes and comments of .docx and .odt transcripts are kept right after the
paragraph they belong to, as ``[Note: ...]`` and ``[Comment (author): ...]`` lines. The files
are built here with python-docx (comments API; footnotes and endnotes as raw XML parts, which
python-docx cannot write) and odfpy. Texts are synthetic."""

from __future__ import annotations

import io
import re
import zipfile

from stemmen.formats.transcripts import read_transcript

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTES = {
    "footnotes": ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                  '</w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
                  '<w:r><w:t xml:space="preserve"> Onverstaanbaar: 00:03:12.</w:t></w:r>'
                  '</w:p></w:footnote>'),
    "endnotes": ('<w:endnote w:id="1"><w:p><w:r><w:t>Vertaald uit het Arabisch</w:t></w:r>'
                 '<w:r><w:t xml:space="preserve"> door de tolk.</w:t></w:r></w:p></w:endnote>'),
}
TYPES = {"footnotes": "footnotes", "endnotes": "endnotes"}


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("[SYNTHETIC TEST TRANSCRIPT]")
    first = document.add_paragraph("Interviewer: Hoe was de eerste dag?")
    answer = document.add_paragraph()
    run = answer.add_run("Deelnemer 1: Spannend, maar de begeleider hielp.")
    document.add_comment(runs=[run], text="Aarzelt lang voor het antwoord.", author="Transcriber")
    document.add_paragraph("Interviewer: Dank u.")
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_notes(buffer.getvalue(), first_text=first.text)


def _with_notes(data: bytes, first_text: str) -> bytes:
    """Add footnotes and endnotes parts, with a reference to each after the first question
    and the answer, as Word writes them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                xml = content.decode()
                ref = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                       '<w:footnoteReference w:id="1"/></w:r>')
                xml = xml.replace(f"{first_text}</w:t></w:r>", f"{first_text}</w:t></w:r>{ref}",
                                  1)
                xml = re.sub(r"(hielp\.</w:t></w:r>)", r'\1<w:r><w:endnoteReference w:id="1"/>'
                             r"</w:r>", xml, count=1)
                content = xml.encode()
            elif item.filename == "[Content_Types].xml":
                xml = content.decode()
                for part, kind in TYPES.items():
                    xml = xml.replace("</Types>", (
                        f'<Override PartName="/word/{part}.xml" ContentType="application/'
                        f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>'
                        "</Types>"))
                content = xml.encode()
            elif item.filename == "word/_rels/document.xml.rels":
                xml = content.decode()
                for n, part in enumerate(TYPES, 90):
                    xml = xml.replace("</Relationships>", (
                        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
                        f'officeDocument/2006/relationships/{part[:-1]}s" Target="{part}.xml"/>'
                        "</Relationships>"))
                content = xml.encode()
            target.writestr(item, content)
        for part, body in NOTES.items():
            target.writestr(f"word/{part}.xml", f'<w:{part} xmlns:w="{W}">{body}</w:{part}>')
    return out.getvalue()


def make_odt() -> bytes:
    from odf.dc import Creator
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.text import Note, NoteBody, NoteCitation, P, Span

    document = OpenDocumentText()
    document.text.addElement(P(text="[SYNTHETIC TEST TRANSCRIPT]"))
    question = P(text="Interviewer: Hoe was de eerste dag?")
    note = Note(id="ftn1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Onverstaanbaar: 00:03:12."))
    note.addElement(body)
    question.addElement(note)
    document.text.addElement(question)
    answer = P()
    comment = Annotation()
    comment.addElement(Creator(text="Vertaler"))
    comment.addElement(P(text="Vrij vertaald."))
    answer.addElement(comment)
    answer.addElement(Span(text="Deelnemer 1: Spannend, maar de begeleider hielp."))
    endnote = Note(id="edn1", noteclass="endnote")
    endnote.addElement(NoteCitation(text="i"))
    end_body = NoteBody()
    end_body.addElement(P(text="Vertaald uit het Arabisch door de tolk."))
    endnote.addElement(end_body)
    answer.addElement(endnote)
    document.text.addElement(answer)
    document.text.addElement(P(text="Interviewer: Dank u."))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def test_docx_footnotes_endnotes_and_comments_follow_their_paragraph() -> None:
    read = read_transcript("notes.docx", make_docx())
    assert read.text.split("\n") == [
        "[SYNTHETIC TEST TRANSCRIPT]",
        "Interviewer: Hoe was de eerste dag?",
        "[Note: Onverstaanbaar: 00:03:12.]",
        "Deelnemer 1: Spannend, maar de begeleider hielp.",
        "[Note: Vertaald uit het Arabisch door de tolk.]",  # references in the order of the
        "[Comment (Transcriber): Aarzelt lang voor het antwoord.]",  # XML: endnote, comment
        "Interviewer: Dank u.",
    ]


def test_odt_notes_and_annotations_follow_their_paragraph() -> None:
    read = read_transcript("notes.odt", make_odt())
    assert read.text.split("\n") == [
        "[SYNTHETIC TEST TRANSCRIPT]",
        "Interviewer: Hoe was de eerste dag?",
        "[Note: Onverstaanbaar: 00:03:12.]",
        "Deelnemer 1: Spannend, maar de begeleider hielp.",
        "[Comment (Vertaler): Vrij vertaald.]",
        "[Note: Vertaald uit het Arabisch door de tolk.]",
        "Interviewer: Dank u.",
    ]


def test_a_docx_without_notes_reads_as_before() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Ann: Ja.")
    document.add_paragraph("Bob: Nee.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_transcript("plain.docx", buffer.getvalue()).text == "Ann: Ja.\nBob: Nee."
