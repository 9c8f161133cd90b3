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
