"""File import into a real store: bad files reported, the rest imported, crashes roll back."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from stemmen.store import documents as store_documents

TEXT = "[SYNTHETIC TEST TRANSCRIPT]\nInterviewer: Dag!\nDeelnemer 1: Ik leer Nederlands.\n"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.md").write_text("# Interview\n\n" + TEXT, encoding="utf-8")
    word = docx.Document()
    for line in TEXT.splitlines():
        word.add_paragraph(line)
    word.save(folder / "c.docx")
    (folder / "cp1252.txt").write_bytes("[SYNTHETIC]\nCafé, déjà vu – 5 €\n".encode("cp1252"))
    return folder


def test_folder_import_reads_every_format_and_reports_bad_files(make_project, tmp_path):
    folder = _folder(tmp_path)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    (folder / "empty.txt").write_bytes(b"")
    p = make_project()
    result = p.documents.import_folder(folder)
    assert sorted(result.imported) == ["a", "b", "c", "cp1252"]
    assert sorted(e.file for e in result.errors) == ["broken.docx", "empty.txt"]
    assert all(e.reason for e in result.errors)
    assert p.documents.get("c").text == TEXT.strip()
    assert p.documents.get("cp1252").text.endswith("Café, déjà vu – 5 €")


def test_a_crash_mid_import_leaves_the_project_as_it_was(make_project, tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    p = make_project(documents={"existing": TEXT})
    real = store_documents.add_document
    calls = []

    def crash_on_third(conn, doc):
        calls.append(doc.name)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(conn, doc)

    monkeypatch.setattr(store_documents, "add_document", crash_on_third)
    with pytest.raises(RuntimeError):
        p.documents.import_folder(folder)
    assert [d.name for d in p.documents.list()] == ["existing"]
    assert [e.action for e in p.journal.entries()].count("document.add") == 1


def test_metadata_sheet_sets_case_and_typed_attributes(make_project, tmp_path):
    folder = _folder(tmp_path)
    sheet = tmp_path / "meta.csv"
    sheet.write_text("file;case;wave:number;date:date\na.txt;OCMW Luik;2;21/10/21\n"
                     "c.docx;OCMW Gent;1;12/10/21\n", encoding="utf-8")
    p = make_project()
    result = p.documents.import_folder(folder, metadata=sheet)
    assert not result.errors
    a, c = p.documents.get("a"), p.documents.get("c")
    assert (a.case, a.attributes["wave"], str(a.attributes["date"])) == (
        "OCMW Luik", 2, "2021-10-21")
    assert c.case == "OCMW Gent"
    assert {x.name: x.type.value for x in p.cases.attributes()} == {
        "wave": "number", "date": "date"}


# --- uploads: files given as bytes go through the same readers and one transaction ----

def _docx_bytes(text: str) -> bytes:
    import io

    word = docx.Document()
    for line in text.splitlines():
        word.add_paragraph(line)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_uploads_import_the_readable_files_and_refuse_the_others_with_reasons(make_project):
    p = make_project(documents={"bestaand": TEXT})
    steps = []
    result = p.documents.import_uploads(
        [("a.txt", TEXT.encode()), ("map/b.docx", _docx_bytes(TEXT)),
         ("kapot.pdf", b"this is no PDF at all, just text\n"), ("leeg.txt", b""),
         ("bestaand.txt", TEXT.encode()), ("a.md", TEXT.encode())],
        case="OCMW Luik", attributes={"wave": "2", "role": "Eindgebruiker"},
        progress=lambda done, total: steps.append((done, total)))
    assert result.imported == ["a", "b"]
    assert steps[-1] == (6, 6)
    refused = {e.file: e.reason for e in result.errors}
    assert set(refused) == {"kapot.pdf", "leeg.txt", "bestaand.txt", "a.md"}
    assert refused["leeg.txt"] == "is empty"
    assert refused["kapot.pdf"].startswith("is not a valid .pdf file")
    assert "already exists" in refused["bestaand.txt"] and "already exists" in refused["a.md"]
    b = p.documents.get("b")
    assert b.text == TEXT.strip() and b.source_format == "docx" and b.case == "OCMW Luik"
    assert b.attributes == {"wave": 2, "role": "Eindgebruiker"}  # typed as the CLI types them
    assert {a.name: a.type.value for a in p.cases.attributes()} == {"wave": "number",
                                                                    "role": "text"}
    assert [f.name for f in result.files] == ["a", "b"]
    assert result.files[1].paragraphs == 3 and result.files[1].file == "b.docx"
    assert [e.action for e in p.journal.entries()].count("document.add") == 3


def test_strict_uploads_refuse_the_whole_call(make_project):
    from stemmen.errors import AlreadyExists, FormatError, ImportFailed

    p = make_project(documents={"bestaand": TEXT})
    with pytest.raises(FormatError, match="is empty"):
        p.documents.import_uploads([("leeg.txt", b"")], strict=True)
    with pytest.raises(ImportFailed):
        p.documents.import_uploads([("x.txt", TEXT.encode()), ("leeg.txt", b""),
                                    ("y.doc", b"old")], strict=True)
    with pytest.raises(AlreadyExists):
        p.documents.import_uploads([("bestaand.txt", TEXT.encode())], strict=True)
    assert [d.name for d in p.documents.list()] == ["bestaand"]


def test_a_crash_while_writing_uploads_leaves_nothing(make_project, monkeypatch):
    p = make_project()
    real = store_documents.add_document

    def crash_on_second(conn, doc):
        if doc.name == "b":
            raise RuntimeError("disk full")
        return real(conn, doc)

    monkeypatch.setattr(store_documents, "add_document", crash_on_second)
    with pytest.raises(RuntimeError):
        p.documents.import_uploads([("a.txt", TEXT.encode()), ("b.txt", TEXT.encode())],
                                   case="OCMW Gent")
    assert p.documents.list() == [] and p.cases.list() == []


# --- metadata sheet: preview, then apply ------------------------------------------------

SHEET = (
    "file;case;pseudonyms;wave:number;date\n"
    "a.txt;OCMW Luik;Amina; Yusuf;2;21/10/21\n"
    "b;OCMW Gent;amina;1;12/10/21\n"
    "c.docx;OCMW Gent;;x;\n"
    ";OCMW Gent;;1;\n"
    "a;;;3;\n"
).replace("Amina; Yusuf", '"Amina; Yusuf"')


def _two_documents(make_project):
    p = make_project()
    p.documents.import_uploads([("a.txt", TEXT.encode()), ("b.txt", TEXT.encode())],
                               case="OCMW Luik")
    return p


def test_metadata_preview_shows_matches_changes_and_problems_and_writes_nothing(make_project):
    p = _two_documents(make_project)
    before = (p.documents.list(), p.cases.list(), p.participants.list(), len(p.journal.entries()))
    plan = p.documents.preview_metadata(SHEET.encode(), "meta.csv")
    assert (p.documents.list(), p.cases.list(), p.participants.list(),
            len(p.journal.entries())) == before
    rows = {row.line: row for row in plan.rows}
    assert [(r.line, r.document) for r in plan.rows] == [
        (2, "a"), (3, "b"), (4, None), (6, None)]
    assert rows[2].case is None  # a is already in OCMW Luik
    assert [(c.name, c.old, c.new) for c in rows[2].attributes][0] == ("wave", None, 2)
    assert rows[2].participants == ["Amina", "Yusuf"]
    assert (rows[3].case.old, rows[3].case.new) == ("OCMW Luik", "OCMW Gent")
    assert rows[3].participants == ["Amina"]  # "amina" is the Amina of line 2
    assert "matches no document" in rows[4].problems[0].reason
    assert "same document as line 2" in rows[6].problems[0].reason
    assert [(e.line, e.reason) for e in plan.problems] == [(5, "this row has no file name")]
    assert plan.new_cases == ["OCMW Gent"]
    assert plan.new_participants == ["Amina", "Yusuf"]
    assert [a.name for a in plan.new_attributes] == ["wave", "date"]
    assert plan.change_count() == 4 + 4  # a: wave, date, 2 people; b: case, wave, date, Amina


def test_metadata_apply_writes_the_preview_in_one_action(make_project):
    p = _two_documents(make_project)
    p.participants.add("YUSUF")  # known, in other letter case: linked, not created again
    plan = p.documents.apply_metadata(SHEET.encode(), "meta.csv")
    a, b = p.documents.get("a"), p.documents.get("b")
    assert (a.case, a.attributes["wave"], str(a.attributes["date"])) == (
        "OCMW Luik", 2, "2021-10-21")
    assert (b.case, b.attributes["wave"]) == ("OCMW Gent", 1)
    people = {x.pseudonym: x for x in p.participants.list()}
    assert set(people) == {"Amina", "YUSUF"}
    assert people["Amina"].documents == ("a", "b") and people["Amina"].case == "OCMW Luik"
    assert people["YUSUF"].documents == ("a",)
    assert plan.new_participants == ["Amina"]
    assert p.journal.entries()[-1].action == "document.metadata"
    again = p.documents.preview_metadata(SHEET.encode(), "meta.csv")
    assert again.change_count() == 0 and again.new_attributes == []


def test_metadata_uses_the_project_type_of_an_attribute(make_project):
    p = _two_documents(make_project)
    p.cases.define_attribute("wave", "text")
    plan = p.documents.preview_metadata(b"file,wave\na.txt,2\nb.txt,twee\n", "m.csv")
    assert [[(c.name, c.new) for c in r.attributes] for r in plan.rows] == [
        [("wave", "2")], [("wave", "twee")]]
    p.cases.define_attribute("date", "date")
    plan = p.documents.preview_metadata(b"file,date\na.txt,morgen\n", "m.csv")
    assert "not a valid date" in plan.rows[0].problems[0].reason


def test_folder_import_links_the_participants_of_its_sheet(make_project, tmp_path):
    folder = _folder(tmp_path)
    sheet = tmp_path / "meta.csv"
    sheet.write_text('file,case,pseudonyms\na.txt,OCMW Luik,"Amina, Yusuf"\n'
                     "c.docx,OCMW Gent,Amina\n", encoding="utf-8")
    p = make_project()
    p.documents.import_folder(folder, metadata=sheet)
    people = {x.pseudonym: x.documents for x in p.participants.list()}
    assert people == {"Amina": ("a", "c"), "Yusuf": ("a",)}
    assert "pseudonyms" not in {a.name for a in p.cases.attributes()}
