"""POST /api/documents: one transcript file (multipart) becomes a document, or nothing changes."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.web import security

TXT = "Interviewer: Hoe gaat het?\n\nDeelnemer: Goed, dankzij de tolk. Ça va.\n"


def paragraphs(project: stemmen.Project, name: str) -> list[str]:
    text = project.documents.get(name).text
    return [text[u.start:u.end] for u in project.documents.paragraphs(name)]


def names(project: stemmen.Project) -> list[str]:
    return [d.name for d in project.documents.list()]


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_txt_file_becomes_a_document_named_after_the_file(client: TestClient,
                                                            project: stemmen.Project) -> None:
    answer = client.post("/api/documents", files={"file": ("FG Brugge.txt", TXT.encode())},
                         data={"case": "OCMW Brugge"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["ok"] and body["warnings"] == []
    stored = project.documents.get("FG Brugge")
    assert body["document"] == {"name": "FG Brugge", "case": "OCMW Brugge", "format": "txt",
                                "encoding": "utf-8", "length": len(stored.text),
                                "paragraphs": 2}
    assert stored.case == "OCMW Brugge" and stored.source_format == "txt"
    assert paragraphs(project, "FG Brugge") == [
        "Interviewer: Hoe gaat het?", "Deelnemer: Goed, dankzij de tolk. Ça va."]


def test_a_docx_file_with_a_chosen_name(client: TestClient, project: stemmen.Project) -> None:
    data = docx_bytes("Interviewer: Welkom.", "Deelnemer 1: Ik leer Nederlands.")
    answer = client.post("/api/documents", data={"name": "Interview Leuven"},
                         files={"file": ("opname 3.docx", data)})
    assert answer.status_code == 200, answer.text
    assert answer.json()["document"]["format"] == "docx"
    assert paragraphs(project, "Interview Leuven") == [
        "Interviewer: Welkom.", "Deelnemer 1: Ik leer Nederlands."]
    assert "opname 3" not in names(project)


def test_a_windows_1252_file_is_read_with_a_translated_warning(
        client: TestClient, project: stemmen.Project) -> None:
    answer = client.post("/api/documents", files={"file": ("oud.txt", "Déjà vu à Liège.\n"
                                                           .encode("cp1252"))},
                         headers={"Accept-Language": "nl"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["warnings"] == [
        "Geen UTF-8: gelezen als Windows-1252; controleer letters met accenten."]
    assert project.documents.get("oud").text.startswith("Déjà vu à Liège.")


@pytest.mark.parametrize(("filename", "data", "reason"), [
    ("kapot.docx", b"this is not a zip at all", "not a valid .docx"),
    ("leeg.txt", b"", "is empty"),
    ("programma.exe", b"MZ\x90\x00", "cannot read as a transcript"),
    ("blanco.txt", b"   \n\n  \n", "contains no text"),
])
def test_an_unreadable_file_is_refused_with_its_reason_and_nothing_is_written(
        client: TestClient, project: stemmen.Project, filename: str, data: bytes,
        reason: str) -> None:
    before = names(project)
    entries = len(project.journal.entries())
    answer = client.post("/api/documents", files={"file": (filename, data)})
    assert answer.status_code == 422
    body = answer.json()
    assert body["ok"] is False and body["status"] == 422
    assert filename in body["error"] and reason in body["error"]
    assert names(project) == before
    assert len(project.journal.entries()) == entries


def test_a_request_without_a_file_or_with_a_taken_name_is_refused(
        client: TestClient, project: stemmen.Project) -> None:
    missing = client.post("/api/documents", data={"name": "Zonder bestand"})
    assert missing.status_code == 400 and "file" in missing.json()["error"]
    as_json = client.post("/api/documents", json={"name": "X", "text": "Hallo"})
    assert as_json.status_code == 400
    taken = client.post("/api/documents", files={"file": ("FG Gent.txt", TXT.encode())})
    assert taken.status_code == 409 and "FG Gent" in taken.json()["error"]
    assert names(project) == ["FG Antwerpen", "FG Gent"]


def test_an_upload_needs_the_csrf_header(make_client: Callable[..., TestClient],
                                         project: stemmen.Project) -> None:
    client = make_client(csrf_header=False)
    refused = client.post("/api/documents", files={"file": ("x.txt", TXT.encode())})
    assert refused.status_code == 403 and refused.json()["ok"] is False
    assert "x" not in names(project)
    accepted = client.post("/api/documents", files={"file": ("x.txt", TXT.encode())},
                           headers={"X-CSRF-Token": "test-csrf-token"})
    assert accepted.status_code == 200 and "x" in names(project)


def test_uploads_may_exceed_the_json_body_limit_but_not_their_own(
        client: TestClient, project: stemmen.Project, monkeypatch: pytest.MonkeyPatch) -> None:
    line = "Deelnemer: " + "woord " * 30 + "\n"
    big = (line * (security.MAX_BODY // len(line) + 200)).encode()
    assert security.MAX_BODY < len(big) < security.MAX_UPLOAD
    assert client.post("/api/documents", files={"file": ("groot.txt", big)}).status_code \
        == 200
    assert client.post("/api/memos", content=b"{" + b" " * len(big) + b"}",
                       headers={"Content-Type": "application/json"}).status_code == 413
    monkeypatch.setattr(security, "MAX_UPLOAD", 10_000)
    refused = client.post("/api/documents", files={"file": ("te groot.txt", big)})
    assert refused.status_code == 413 and refused.json()["status"] == 413
    assert "te groot" not in names(project)


# --- the import page's batch upload and metadata sheet -----------------------------------

def batch(client: TestClient, files: list[tuple[str, bytes]], **data: str) -> dict:
    """POST a batch to /api/documents/import and wait for its job's answer."""
    answer = client.post("/api/documents/import", data=data,
                         files=[("file", (name, content)) for name, content in files])
    assert answer.status_code == 200, answer.text
    job = answer.json()["job"]
    client.app.state.jobs.wait(job)
    status = client.get(f"/api/jobs/{job}").json()
    assert status["state"] == "done", status
    assert status["done"] == status["total"] == len(files)
    return status["result"]


def test_a_batch_imports_the_readable_files_and_says_why_the_others_are_refused(
        client: TestClient, project: stemmen.Project) -> None:
    client.cookies.set("stemmen_lang", "nl")
    result = batch(client, [("FG Luik.txt", TXT.encode()),
                            ("Interview 7.docx", docx_bytes("Interviewer: Dag.", "D1: Hallo.")),
                            ("scan.pdf", b"no pdf here\n"), ("leeg.txt", b""),
                            ("FG Gent.txt", TXT.encode())],
                   case="OCMW Luik", attributes='{"wave": "2", "consent": "ja"}')
    assert [(d["file"], d["name"], d["case"], d["paragraphs"]) for d in result["imported"]] == [
        ("FG Luik.txt", "FG Luik", "OCMW Luik", 2),
        ("Interview 7.docx", "Interview 7", "OCMW Luik", 2)]
    refused = {r["file"]: r["error"] for r in result["refused"]}
    assert refused == {
        "scan.pdf": "scan.pdf: is geen geldig .pdf-bestand (beschadigd, of het is niet een "
                    "PDF-document); het lijkt een gewoon tekstbestand: hernoem het naar .txt",
        "leeg.txt": "leeg.txt: is leeg",
        "FG Gent.txt": "FG Gent.txt: er bestaat al een document met de naam 'FG Gent'",
    }
    stored = project.documents.get("Interview 7")
    assert stored.case == "OCMW Luik" and stored.attributes == {"wave": 2, "consent": True}
    assert names(project) == ["FG Antwerpen", "FG Gent", "FG Luik", "Interview 7"]


def test_a_batch_with_bad_fields_is_refused_before_anything_is_read(
        client: TestClient, project: stemmen.Project) -> None:
    no_files = client.post("/api/documents/import", data={"case": "X"})
    assert no_files.status_code == 400 and "file" in no_files.json()["error"]
    bad = client.post("/api/documents/import", data={"attributes": '["wave"]'},
                      files=[("file", ("a.txt", TXT.encode()))])
    assert bad.status_code == 400 and "attributes" in bad.json()["error"]
    assert names(project) == ["FG Antwerpen", "FG Gent"]


def test_a_single_upload_gives_its_reason_in_the_chosen_language(
        client: TestClient, project: stemmen.Project) -> None:
    answer = client.post("/api/documents", files={"file": ("leeg.txt", b"")},
                         headers={"Accept-Language": "fr"})
    assert answer.status_code == 422 and answer.json()["error"] == "leeg.txt : est vide"


SHEET = ("file,case,pseudonyms,wave:number\n"
         "FG Antwerpen,OCMW Antwerpen,Amina,3\n"
         "FG Gent.docx,OCMW Brugge,,x\n"
         "FG Luik.txt,OCMW Luik,,1\n")


def test_a_metadata_sheet_is_previewed_without_writing_then_applied(
        client: TestClient, project: stemmen.Project) -> None:
    entries = len(project.journal.entries())
    answer = client.post("/api/documents/metadata/preview",
                         files={"file": ("meta.csv", SHEET.encode())})
    assert answer.status_code == 200, answer.text
    preview = answer.json()["preview"]
    assert [(r["line"], r["document"]) for r in preview["rows"]] == [
        (2, "FG Antwerpen"), (3, "FG Gent"), (4, None)]
    first, second, third = preview["rows"]
    assert first["attributes"] == [{"name": "wave", "old": 1, "new": 3}]
    assert first["participants"] == ["Amina"] and first["case"] is None
    assert second["case"] == {"name": "case", "old": "OCMW Gent", "new": "OCMW Brugge"}
    assert second["problems"] == ["meta.csv:3: Value 'x' is not a valid number for attribute wave."]
    assert third["problems"] == ["meta.csv:4: 'FG Luik.txt' matches no document in the project"]
    assert (preview["new_cases"], preview["new_participants"], preview["changes"]) == (
        ["OCMW Brugge"], ["Amina"], 3)
    assert len(project.journal.entries()) == entries
    assert project.documents.get("FG Gent").case == "OCMW Gent"

    applied = client.post("/api/documents/metadata/apply",
                          files={"file": ("meta.csv", SHEET.encode())}).json()["applied"]
    assert applied["changes"] == 3
    assert project.documents.get("FG Gent").case == "OCMW Brugge"
    assert project.documents.get("FG Antwerpen").attributes["wave"] == 3
    assert [(x.pseudonym, x.documents) for x in project.participants.list()] == [
        ("Amina", ("FG Antwerpen",))]


def test_a_sheet_that_cannot_be_read_is_refused_with_its_reason(
        client: TestClient, project: stemmen.Project) -> None:
    answer = client.post("/api/documents/metadata/preview",
                         files={"file": ("meta.csv", b"name,case\na,b\n")})
    assert answer.status_code == 422
    assert answer.json()["error"] == (
        "meta.csv:1: has no 'file' column naming the transcript of each row")
    missing = client.post("/api/documents/metadata/apply", data={"x": "1"})
    assert missing.status_code == 400


def test_the_import_page_offers_the_cases_attributes_and_the_codebook_link(
        client: TestClient) -> None:
    page = client.get("/import", headers={"Accept-Language": "nl"})
    assert page.status_code == 200
    html = page.text
    assert '<option value="OCMW Gent">' in html and '<option value="wave">' in html
    assert 'href="/codebook#import"' in html and "Metadatablad" in html
    assert 'src="/static/js/import.js"' in html
