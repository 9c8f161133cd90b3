"""The import page: transcripts in a batch (file input and drag and drop, a bar per file,
refused files with their reasons), then a metadata sheet previewed and applied."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from fpdf import FPDF
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LINES = ["[SYNTHETIC TEST TRANSCRIPT]", "Interviewer: Hoe ging het met de tolk?",
         "Deelnemer 1: De tolk hielp ons. Zonder tolk begrijp ik niets."]


def docx_bytes() -> bytes:
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in LINES:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def file(name: str, data: bytes, mime: str = "application/octet-stream") -> dict[str, Any]:
    return {"name": name, "mimeType": mime, "buffer": data}


def drop_files(page: Any, files: list[tuple[str, str]]) -> None:
    """Drop (name, text) files on the drop zone, as a file manager does."""
    page.evaluate("""(files) => {
        const transfer = new DataTransfer();
        for (const [name, text] of files) transfer.items.add(new File([text], name));
        const zone = document.getElementById("drop");
        zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true}));
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
    }""", [list(f) for f in files])


def test_upload_a_batch_then_describe_it_with_a_metadata_sheet(
        server: Any, page: Any, axe: Any, shoot: Any) -> None:
    p = server.project
    server.enter(page, "/")
    page.get_by_role("link", name="Import transcripts on the Import page.").click()
    expect(page.get_by_role("heading", name="Import", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Import a codebook")).to_have_attribute(
        "href", "/codebook#import")

    page.locator("#files").set_input_files([
        file("FG Luik.txt", ("\n".join(LINES) + "\n").encode(), "text/plain"),
        file("Interview Gent.docx", docx_bytes()),
        file("Bilateraal Brussel.pdf", pdf_bytes(), "application/pdf"),
        file("kapot.pdf", b"this is not a PDF, only text\n", "application/pdf"),
    ])
    drop_files(page, [("leeg.txt", "")])
    expect(page.locator("#chosen li")).to_have_count(5)
    page.get_by_label("Case for every file (choose one or type a new name)").fill("CPAS Liège")
    page.get_by_role("button", name="Add attribute").click()
    page.get_by_label("Attribute name 1").fill("wave")
    page.get_by_label("Value of attribute 1").fill("2")
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.locator("#upload-summary")).to_have_text(
        "3 document(s) imported, 2 file(s) refused.", timeout=15000)
    bars = page.locator("#chosen progress")
    assert [bars.nth(i).evaluate("b => b.value") for i in range(5)] == [100] * 5
    item = page.locator("#chosen li", has_text="Interview Gent.docx")
    expect(item.locator(".status")).to_contain_text("Imported as Interview Gent (3 paragraphs)")
    refused = page.locator("#refused-list li")
    expect(refused).to_have_text([
        "kapot.pdf: is not a valid .pdf file (damaged or not a PDF document); it looks like "
        "a plain text file: rename it to .txt",
        "leeg.txt: is empty",
    ])
    expect(page.locator("#chosen li", has_text="leeg.txt")).to_have_attribute(
        "data-state", "refused")

    docs = {d.name: d for d in p.documents.list()}
    assert set(docs) == {"FG Luik", "Interview Gent", "Bilateraal Brussel"}
    assert {d.case for d in docs.values()} == {"CPAS Liège"}
    assert {d.attributes["wave"] for d in docs.values()} == {2}
    assert {d.source_format for d in docs.values()} == {"txt", "docx", "pdf"}
    assert p.documents.get("Bilateraal Brussel").text.splitlines()[1] == LINES[1]
    axe(page)
    shoot(page, "import", full_page=True)

    sheet = ("file,case,pseudonyms,role,date:date\n"
             "FG Luik.txt,CPAS Liège,Amina; Yusuf,Eindgebruiker,21/10/2021\n"
             "Interview Gent.docx,OCMW Gent,Karim,Eindgebruiker,12/10/2021\n"
             "Onbekend.txt,OCMW Gent,,Hulpverlener,\n")
    page.locator("#sheet").set_input_files(file("profielen.csv", sheet.encode(), "text/csv"))
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview")
    expect(preview).to_be_visible()
    expect(page.locator("#preview-summary")).to_have_text(
        "3 row(s); 2 match a document; 8 change(s).")
    expect(page.locator("#preview-new")).to_contain_text("New cases: OCMW Gent")
    expect(page.locator("#preview-new")).to_contain_text("New participants: Amina, Yusuf, Karim")
    gent = preview.locator("tbody tr[data-file='Interview Gent.docx']")
    expect(gent).to_contain_text("case: CPAS Liège → OCMW Gent")
    expect(preview.locator("tbody tr[data-file='Onbekend.txt'] td.problem")).to_have_text(
        "profielen.csv:4: 'Onbekend.txt' matches no document in the project")
    assert p.documents.get("Interview Gent").case == "CPAS Liège"  # nothing written yet
    assert p.participants.list() == []
    axe(page)
    shoot(page, "import-preview", full_page=True)

    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#preview-summary")).to_have_text(
        "Applied: 8 change(s) to 2 document(s).")
    expect(page.get_by_role("button", name="Apply")).to_be_disabled()
    gent_doc = p.documents.get("Interview Gent")
    assert gent_doc.case == "OCMW Gent" and gent_doc.attributes["role"] == "Eindgebruiker"
    assert str(p.documents.get("FG Luik").attributes["date"]) == "2021-10-21"
    assert {x.pseudonym: x.documents for x in p.participants.list()} == {
        "Amina": ("FG Luik",), "Yusuf": ("FG Luik",), "Karim": ("Interview Gent",)}
