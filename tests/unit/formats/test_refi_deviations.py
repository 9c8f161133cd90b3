"""What real tools do differently from the REFI-QDA standard is read, and reported.

Each project below is a small synthetic file shaped like the tool it imitates.
"""

from __future__ import annotations

import io
import zipfile

from stemmen.formats.refi_qdc import read_qdc_snapshot
from stemmen.formats.refi_qdpx import read_qde, read_qdpx

G = [f"{i:08x}-0000-4000-8000-{i:012x}" for i in range(1, 40)]  # valid GUIDs
NS = "urn:QDA-XML:project:1.0"


def project(body: str, *, origin: str = "Test tool 1.0", ns: str = NS) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="{ns}" name="t" '
            f'origin="{origin}">{body}</Project>').encode()


def qdpx(qde: bytes, texts: dict[str, str | bytes], *, qde_name: str = "project.qde",
         folder: str = "sources") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(qde_name, qde)
        for name, text in texts.items():
            archive.writestr(f"{folder}/{name}", text.encode() if isinstance(text, str) else text)
    return buffer.getvalue()


USERS = f'<Users><User guid="{G[0]}" name="an"/></Users>'
CODES = (f'<CodeBook><Codes><Code guid="{G[1]}" name="tolk" isCodable="true"/>'
         f'<Code guid="{G[2]}" name="wacht" isCodable="true"/></Codes></CodeBook>')


def source(text_guid: str, selections: str, name: str = "doc", extra: str = "") -> str:
    return (f'<TextSource guid="{text_guid}" name="{name}" '
            f'plainTextPath="internal://{text_guid}.txt">{selections}{extra}</TextSource>')


def selection(guid: str, start: int, end: int, codes: list[str], *, user: str = G[0],
              description: str = "", name: str = "") -> str:
    codings = "".join(f'<Coding guid="{G[30 + i]}" creatingUser="{user}"><CodeRef targetGUID='
                      f'"{c}"/></Coding>' for i, c in enumerate(codes))
    desc = f"<Description>{description}</Description>" if description else ""
    return (f'<PlainTextSelection guid="{guid}" name="{name}" startPosition="{start}" '
            f'endPosition="{end}">{desc}{codings}</PlainTextSelection>')


TEXT = "SYNTHETIC. De tolk hielp.\r\nDe wachttijd was lang.\r\nEinde."


def test_namespace_variant_braces_capital_layout_are_read_and_reported() -> None:
    guid = "{" + G[5].upper() + "}"
    body = (USERS + CODES + f'<Sources><TextSource guid="{guid}" name="doc" '
            f'plainTextPath="internal://{G[5].upper()}.txt">'
            + selection(G[6], 11, 24, ["{" + G[1].upper() + "}"]) + "</TextSource></Sources>")
    data = qdpx(project(body, ns="urn:QDA-XML:project:1:0"), {G[5].upper() + ".txt": "SYNTHETIC. "
                "De tolk hielp. Einde.", ".root": ""}, qde_name="Project.qde", folder="Sources")
    snapshot, report = read_qdpx("v.qdpx", data)
    (doc,) = snapshot.documents
    assert doc.guid == G[5]
    (coding,) = snapshot.codings
    assert doc.text[coding.start:coding.end] == "De tolk hielp"
    text = " ".join(report.deviations + report.notes)
    for expected in ("1:0", "Project.qde", "Sources/", "lower case without braces"):
        assert expected in text
    assert report.valid is None


def test_crlf_counted_as_one_by_atlas_is_converted() -> None:
    lf = TEXT.replace("\r\n", "\n")
    start, end = lf.index("De wachttijd"), lf.index(" was lang")
    body = USERS + CODES + "<Sources>" + source(G[5], selection(G[6], start, end, [G[2]],
                                                                name="De wachttijd")) + "</Sources>"
    snapshot, report = read_qdpx("a.qdpx", qdpx(project(body, origin="ATLAS.ti 9"),
                                                {G[5] + ".txt": TEXT}))
    (coding,) = snapshot.codings
    assert snapshot.documents[0].text[coding.start:coding.end] == "De wachttijd"
    assert report.offsets["doc"] == "code points, CRLF as 1"


def test_unknown_tool_positions_are_chosen_by_word_boundaries() -> None:
    text = "SYNTHETIC 😀 tekst 😀 met 😀 emoji 😀 en 😀 woorden 😀 hier."
    units = text.encode("utf-16-le")

    def u(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    words = ["tekst", "emoji", "woorden", "hier"]
    sels = "".join(selection(G[10 + i], u(text.index(w)), u(text.index(w) + len(w)), [G[1]])
                   for i, w in enumerate(words))
    snapshot, report = read_qdpx("u.qdpx", qdpx(project(USERS + CODES + "<Sources>" + source(
        G[5], sels) + "</Sources>"), {G[5] + ".txt": text}))
    doc = snapshot.documents[0].text
    assert [doc[c.start:c.end] for c in snapshot.codings] == words
    assert units.decode("utf-16-le") == doc
    assert report.offsets["doc"].startswith("UTF-16")


def test_memos_as_uncoded_selections_and_commented_codings() -> None:
    body = USERS + CODES + "<Sources>" + source(G[5], selection(
        G[6], 11, 24, [], description="Een opmerking (MAXQDA-memo)") + selection(
        G[7], 27, 39, [G[2]], description="Waarom zo lang?") + selection(G[8], 0, 9, [])
    ) + "</Sources>"
    snapshot, report = read_qdpx("m.qdpx", qdpx(project(body), {G[5] + ".txt": TEXT}))
    memos = {m.text: m for m in snapshot.memos}
    assert (memos["Een opmerking (MAXQDA-memo)"].start, memos[
        "Een opmerking (MAXQDA-memo)"].end) == (11, 24)
    assert memos["Waarom zo lang?"].document == "doc"
    assert memos[""].start == 0 and memos[""].end == 9
    assert len(snapshot.codings) == 1
    assert report.imported.selections == 3
    assert any("memos on their segment" in n for n in report.notes)


def test_nvivo_annotation_link_and_note_refs_attach_memos() -> None:
    body = (USERS + CODES.replace("isCodable=\"true\"/>", f'isCodable="true"><NoteRef targetGUID'
                                  f'="{G[22]}"/></Code>', 1)
            + "<Sources>" + source(G[5], selection(G[6], 11, 24, [G[1]]),
                                    extra=f'<NoteRef targetGUID="{G[21]}"/>') + "</Sources>"
            + f'<Notes><Note guid="{G[20]}" name="annotation" creatingUser="{G[0]}">'
            f'<PlainTextContent>Let op de tolk.</PlainTextContent></Note>'
            f'<Note guid="{G[21]}" name="doc memo" plainTextPath="internal://{G[21]}.txt"/>'
            f'<Note guid="{G[22]}" name="code memo"><PlainTextContent>Over tolken'
            f'</PlainTextContent></Note><Note guid="{G[23]}" name="los"><PlainTextContent>x'
            f'</PlainTextContent></Note></Notes>'
            f'<Links><Link guid="{G[24]}" originGUID="{G[20]}" targetGUID="{G[6]}"/>'
            f'<Link guid="{G[25]}" originGUID="{G[1]}" targetGUID="{G[2]}"/></Links>')
    snapshot, report = read_qdpx("n.qdpx", qdpx(project(body), {G[5] + ".txt": TEXT,
                                                               G[21] + ".txt": "Memo\r\ntekst"}))
    memos = {m.title: m for m in snapshot.memos}
    assert (memos["annotation"].document, memos["annotation"].start) == ("doc", 11)
    assert memos["annotation"].author == "an"
    assert (memos["doc memo"].document, memos["doc memo"].text) == ("doc", "Memo\ntekst")
    assert (memos["code memo"].code, memos["code memo"].document) == ("tolk", None)
    assert memos["los"].document is None and memos["los"].code is None
    assert report.imported.notes == 4
    assert any("link(s)" in n for n in report.notes)


def test_duplicate_code_names_are_disambiguated_with_their_path() -> None:
    codes = (f'<CodeBook><Codes><Code guid="{G[1]}" name="A" isCodable="false">'
             f'<Code guid="{G[2]}" name="anders" isCodable="true"/></Code>'
             f'<Code guid="{G[3]}" name="B" isCodable="true"><Code guid="{G[4]}" name="anders" '
             f'isCodable="true" color="#ABC"/></Code>'
             f'<Code guid="{G[7]}" name="rood" isCodable="true" color="rgb(255, 0, 0)"/>'
             f'<Code guid="{G[8]}" name="kapot" isCodable="true" color="blue"/></Codes></CodeBook>')
    snapshot, report = read_qde("p.qde", project(USERS + codes))
    codes_by_name = {c.name: c for c in snapshot.codes}
    assert codes_by_name["A/anders"].category == "A"
    assert codes_by_name["B/anders"].colour == "#aabbcc"
    assert codes_by_name["rood"].colour == "#ff0000" and codes_by_name["kapot"].colour == ""
    assert codes_by_name["B/anders"].parent == "B" and codes_by_name["B/anders"].category is None
    assert [c.name for c in snapshot.categories] == ["A"]
    assert any("A/anders" in n for n in report.notes)
    assert any("'blue'" in d for d in report.deviations)


def test_cases_variables_and_nameless_document_cases() -> None:
    variables = (f'<Variables><Variable guid="{G[10]}" name="OCMW" typeOfVariable="Text"/>'
                 f'<Variable guid="{G[11]}" name="golf" typeOfVariable="Integer"/>'
                 f'<Variable guid="{G[12]}" name="datum" typeOfVariable="Date"/></Variables>')

    def value(var: str, kind: str, text: str) -> str:
        return (f'<VariableValue><VariableRef targetGUID="{var}"/><{kind}Value>{text}'
                f'</{kind}Value></VariableValue>')

    cases = (f'<Cases><Case guid="{G[13]}" name="OCMW Gent"><Description>Gent</Description>'
             + value(G[10], "Text", "Gent") + f'<CodeRef targetGUID="{G[1]}"/>'
             f'<SourceRef targetGUID="{G[5]}"/><SourceRef targetGUID="{G[6]}"/></Case>'
             f'<Case guid="{G[14]}" name="Tweede"><SourceRef targetGUID="{G[5]}"/></Case>'
             f'<Case guid="{G[15]}">' + value(G[11], "Integer", "2") + value(G[12], "Date",
             "2021-05-28") + f'<SourceRef targetGUID="{G[6]}"/></Case></Cases>')
    sources = ("<Sources>" + source(G[5], "", "een") + source(G[6], "", "twee", value(
        G[11], "Integer", "x")) + "</Sources>")
    body = USERS + CODES + variables + cases + sources
    snapshot, report = read_qdpx("c.qdpx", qdpx(project(body, origin="MAXQDA 24"), {
        G[5] + ".txt": "SYNTHETIC een", G[6] + ".txt": "SYNTHETIC twee"}))
    cases = {c.name: c for c in snapshot.cases}
    assert sorted(cases) == ["OCMW Gent", "Tweede"]
    case = cases["OCMW Gent"]
    assert (case.description, case.attributes) == ("Gent", {"OCMW": "Gent"})
    docs = {d.name: d for d in snapshot.documents}
    assert docs["een"].case == "OCMW Gent" and docs["twee"].case == "OCMW Gent"
    assert docs["twee"].attributes["golf"] == 2
    assert str(docs["twee"].attributes["datum"]) == "2021-05-28"
    applies = {(a.name, a.applies_to, a.type.value) for a in snapshot.attributes}
    assert applies == {("OCMW", "case", "text"), ("golf", "document", "number"),
                       ("datum", "document", "date")}
    assert report.imported.cases == 3 and report.imported.variables == 3
    text = " ".join(report.deviations + report.notes)
    assert "Cases without a name" in text and "keeps the first" in text
    assert "CodeRef" in text and "'x'" in text


def test_users_sources_and_selections_out_of_the_ordinary() -> None:
    sels = (selection(G[6], 11, 24, [G[1]], user=G[9]) + selection(G[7], 40, 4000, [G[1]])
            + selection(G[8], 5, 5, [G[2]]))
    whole = f'<Coding guid="{G[29]}"><CodeRef targetGUID="{G[2]}"/></Coding>'
    body = (USERS + CODES + "<Sources>" + source(G[5], sels, extra=whole)
            + source(G[4], "", name="doc") + "</Sources>")
    snapshot, report = read_qdpx("o.qdpx", qdpx(project(body), {
        G[5] + ".txt": TEXT, G[4] + ".txt": "\ufeffSYNTHETIC twee"}))
    assert [d.name for d in snapshot.documents] == ["doc", "doc (2)"]
    assert snapshot.documents[1].text == "SYNTHETIC twee"
    coders = {c.coder for c in snapshot.codings}
    assert coders == {G[9], "an"}
    whole_doc = [c for c in snapshot.codings if c.code == "wacht"]
    assert (whole_doc[0].start, whole_doc[0].end) == (0, len(snapshot.documents[0].text))
    assert report.dropped.selections == 2 and report.dropped.codings == 2
    assert report.declared.codings == report.imported.codings + report.dropped.codings
    assert any("not listed in Users" in d for d in report.deviations)


def test_pdf_with_text_representation_becomes_a_document() -> None:
    rep = (f'<Representation guid="{G[16]}" plainTextPath="internal://{G[16]}.txt">'
           + selection(G[6], 11, 24, [G[1]]) + "</Representation>")
    region = (f'<PDFSelection guid="{G[6]}" page="0" firstX="1" firstY="1" secondX="5" '
              f'secondY="5"><Coding guid="{G[28]}"><CodeRef targetGUID="{G[1]}"/></Coding>'
              f'</PDFSelection><PDFSelection guid="{G[7]}" page="1" firstX="1" firstY="1" '
              f'secondX="5" secondY="5"><Coding guid="{G[27]}"><CodeRef targetGUID="{G[2]}"/>'
              f'</Coding></PDFSelection>')
    body = (USERS + CODES + f'<Sources><PDFSource guid="{G[5]}" name="verslag.pdf" '
            f'path="internal://{G[5]}.pdf">{region}{rep}</PDFSource>'
            f'<AudioSource guid="{G[17]}" name="gesprek.m4a" path="relative:///gesprek.m4a">'
            f'<AudioSelection guid="{G[18]}" begin="0" end="10"/></AudioSource></Sources>')
    snapshot, report = read_qdpx("p.qdpx", qdpx(project(body), {
        G[16] + ".txt": TEXT, G[5] + ".pdf": b"%PDF-1.4 synthetic"}))
    (doc,) = snapshot.documents
    assert (doc.name, doc.source_format, doc.guid) == ("verslag.pdf", "pdf", G[5])
    pdf, audio = snapshot.files
    assert (pdf.kind, pdf.data, pdf.selections) == ("pdf", b"%PDF-1.4 synthetic", 2)
    assert (audio.kind, audio.path, audio.selections) == ("audio", "relative:///gesprek.m4a", 1)
    assert len(snapshot.codings) == 1
    assert report.imported.codings == 2 and report.dropped.codings == 1
    assert report.imported.selections == report.declared.selections == 4


def test_codebook_namespace_variant_and_target_guid_members() -> None:
    qdc = (f'<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="NVivo 12 For Mac"><Codes>'
           f'<Code guid="{G[1]}" name="a" isCodable="true"/></Codes><Sets><Set guid="{G[2]}" '
           f'name="s"><MemberCode targetGUID="{G[1]}"/></Set></Sets></CodeBook>').encode()
    snapshot, report = read_qdc_snapshot("n.qdc", qdc)
    assert snapshot.sets[0].codes == ["a"]
    assert report.tool == "NVivo" and report.valid is None
    assert any("1:0" in d for d in report.deviations)
    assert any("targetGUID" in d for d in report.deviations)


def test_project_in_a_folder_and_text_outside_sources_are_found() -> None:
    sel = selection(G[6], 11, 24, [G[1]])
    body = USERS + CODES + "<Sources>" + source(G[5], sel) + "</Sources>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Mijn project/mijn project.qde", project(body))
        archive.writestr(f"Mijn project/teksten/{G[5]}.txt", TEXT)
    snapshot, report = read_qdpx("f.qdpx", buffer.getvalue())
    assert snapshot.documents[0].text == TEXT.replace("\r\n", "\n")
    text = " ".join(report.deviations)
    for expected in ("in a folder", "outside sources/", "instead of 'project.qde'"):
        assert expected in text
