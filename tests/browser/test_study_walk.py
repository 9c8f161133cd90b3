"""A whole study walked in the browser, without the CLI (issue 15, "Done means"): create a
project on the start page, upload a .txt, a .docx and a .pdf focus group, make two cases and
four participants with speaker labels, import a codebook after its preview, code in two
browser contexts as two coders, open a matrix cell, write a finding with retrieved evidence,
reconcile the coders' disagreement, download a DOCX report and a .qdpx, and import that .qdpx
into a new project with the same counts.

Nothing is set up through the project API: a second handle on the same file only checks what
the pages wrote. The steps run in order and share one study; a step whose predecessor failed
is skipped (the first failure is the one to read).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import docx
import pytest
from fpdf import FPDF
from playwright.sync_api import expect

import stemmen

pytestmark = pytest.mark.browser
SLOW = 60_000  # ms: background jobs (upload, report, export, import) on a busy two-core machine

FG_GENT = [  # the .txt: nine paragraphs
    "[SYNTHETIC TEST TRANSCRIPT]",
    "Interviewer: Welkom. Hoe kwam u bij het OCMW terecht?",
    "Deelnemer 1: Een buurvrouw bracht mij naar het onthaal. Ze waren vriendelijk.",
    "Deelnemer 2: De tolk hielp ons. Zonder tolk begrijp ik niets van de brieven.",
    "Deelnemer 3: Ik moest lang wachten op een afspraak, drie maanden.",
    "Interviewer: En hoe gaat het nu met de taal?",
    "Deelnemer 1: Ik spreek nu beter Nederlands, ook op het werk.",
    "Deelnemer 2: Ik had veel stress, maar nu gaat het beter.",
    "Deelnemer 3: Ik zoek nog werk, maar ik heb een cursus gevonden.",
]
FG_LUIK = [  # the .docx: eight paragraphs
    "[SYNTHETIC TEST TRANSCRIPT]",
    "Interviewer: Comment avez-vous connu le projet?",
    "Participant 1: L'assistante sociale m'a accueilli, c'était chaleureux.",
    "Participant 2: Sans interprète je ne comprends rien aux lettres.",
    "Interviewer: Et le travail?",
    "Participant 1: J'ai trouvé un emploi dans une boulangerie.",
    "Participant 2: Le stress est moins fort maintenant.",
    "Interviewer: Merci beaucoup.",
]
INTERVIEW_GENT = [  # the .pdf: seven paragraphs
    "[SYNTHETIC TEST TRANSCRIPT]",
    "Interviewer: Kunt u iets vertellen over de begeleiding?",
    "Respondent: De begeleider luisterde altijd naar mij.",
    "Respondent: Soms was er geen tolk en dan was het moeilijk.",
    "Interviewer: Wat is er veranderd?",
    "Respondent: Ik volg nu taalles, twee keer per week.",
    "Respondent: Ik voel minder stress dan vroeger.",
]
DOCUMENTS = {"FG Gent": FG_GENT, "FG Luik": FG_LUIK, "Interview Gent": INTERVIEW_GENT}
CASE_OF = {"FG Gent": "OCMW Gent", "FG Luik": "OCMW Luik", "Interview Gent": "OCMW Gent"}
PEOPLE = [  # pseudonym, case, document, speaker label
    ("Amina", "OCMW Gent", "FG Gent", "Deelnemer 1"),
    ("Bilal", "OCMW Gent", "FG Gent", "Deelnemer 2"),
    ("Chloé", "OCMW Luik", "FG Luik", "Participant 1"),
    ("Dries", "OCMW Gent", "Interview Gent", "Respondent"),
]
CODEBOOK = ("category,code,definition\n"
            "Randvoorwaarden,R-tolk,Een tolk of bemiddelaar helpt of ontbreekt.\n"
            "Randvoorwaarden,R-onthaal,Hoe de eerste ontvangst verliep.\n"
            "Randvoorwaarden,R-wachttijd,Wachten op een afspraak of een beslissing.\n"
            "Impact,I-taal,Vooruitgang in de taal.\n"
            "Impact,I-stress,Stress en hoe die verandert.\n"
            "Impact,I-werk,Werk zoeken of vinden.\n")
# (document, paragraph, code) each coder applies; they differ on FG Gent paragraph 5.
AGREED = [("FG Gent", 3, "R-onthaal"), ("FG Gent", 4, "R-tolk"), ("FG Gent", 7, "I-taal"),
          ("FG Luik", 4, "R-tolk"), ("Interview Gent", 4, "R-tolk")]
CODING = {"an": [*AGREED, ("FG Gent", 5, "R-wachttijd")],
          "bert": [*AGREED, ("FG Gent", 5, "I-stress")]}
STATEMENT = "A telephone interpreter opens the first conversation"


def docx_bytes(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@dataclass
class Study:
    """The server started without a project, and what the steps made so far."""

    url: str
    token: str
    app: Any
    folder: Path
    done: list[str] = field(default_factory=list)
    check: stemmen.Project | None = None  # a second handle on the project file

    def enter(self, page: Any, path: str) -> None:
        page.goto(f"{self.url}{path}{'&' if '?' in path else '?'}token={self.token}")

    @property
    def project(self) -> stemmen.Project:
        assert self.check is not None, "no project was created"
        return self.check

    def after(self, step: str) -> None:
        """Skip this step when the one it builds on did not finish."""
        if step not in self.done:
            pytest.skip(f"the step '{step}' did not finish")


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> Iterator[Study]:
    """``stemmen serve`` with no project, over a private config folder (recent projects)."""
    folder = tmp_path_factory.mktemp("walk")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STEMMEN_HOME", str(folder / "home"))
        server, thread, url, token = serve(None, timeout=20)
        state = Study(url, token, server.config.app, folder)
        yield state
        if state.check is not None:
            state.check.close()
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(autouse=True)
def patient() -> Iterator[None]:
    """Waits fit for a loaded two-core machine; the default is put back afterwards."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def slow(page: Any) -> Any:
    page.set_default_timeout(20_000)
    return page


# 1. Start page -----------------------------------------------------------------------

def test_1_create_a_project_on_the_start_page(study: Study, page: Any, axe: Any) -> None:
    slow(page)
    study.enter(page, "/")
    expect(page).to_have_url(f"{study.url}/start")
    axe(page)
    page.get_by_label("Folder", exact=True).fill(str(study.folder / "studies"))
    page.get_by_label("Project name").fill("walk")
    page.get_by_role("button", name="Create project").click()
    expect(page).to_have_url(f"{study.url}/")
    expect(page.locator("header .project")).to_have_text("walk")
    path = study.folder / "studies" / "walk.stemmen"
    assert path.is_file()
    study.check = stemmen.open_project(path, actor="an")
    assert study.project.documents.list() == []
    axe(page)
    study.done.append("start")


# 2. Import page ----------------------------------------------------------------------

def test_2_upload_a_txt_a_docx_and_a_pdf(study: Study, page: Any, axe: Any) -> None:
    study.after("start")
    slow(page)
    study.enter(page, "/import")
    expect(page.get_by_role("heading", name="Import", exact=True)).to_be_visible()
    axe(page)
    page.locator("#files").set_input_files([
        {"name": "FG Gent.txt", "mimeType": "text/plain",
         "buffer": ("\n".join(FG_GENT) + "\n").encode()},
        {"name": "FG Luik.docx", "mimeType": "application/octet-stream",
         "buffer": docx_bytes(FG_LUIK)},
        {"name": "Interview Gent.pdf", "mimeType": "application/pdf",
         "buffer": pdf_bytes(INTERVIEW_GENT)},
    ])
    expect(page.locator("#chosen li")).to_have_count(3)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#upload-summary")).to_contain_text("3 document(s) imported",
                                                            timeout=SLOW)
    expect(page.locator("#refused")).to_be_hidden()
    for name, lines in DOCUMENTS.items():
        expect(page.locator("#chosen li", has_text=name).locator(".status")).to_contain_text(
            f"({len(lines)} paragraphs)")
    axe(page)

    p = study.project
    docs = {d.name: d for d in p.documents.list()}
    assert set(docs) == set(DOCUMENTS)
    assert {n: d.source_format for n, d in docs.items()} == {
        "FG Gent": "txt", "FG Luik": "docx", "Interview Gent": "pdf"}
    for name, lines in DOCUMENTS.items():
        text = p.documents.get(name).text
        assert [text[x.start:x.end] for x in p.documents.paragraphs(name)] == lines, name
    study.done.append("import")


# 3. Cases page -----------------------------------------------------------------------

def forget_status(page: Any) -> None:
    page.evaluate("document.querySelectorAll('.status').forEach(s => { s.textContent = ''; })")


def edit_cell(page: Any, cell: Any, text: str) -> None:
    """Type ``text`` into a grid cell and save it with Enter, as in a spreadsheet."""
    forget_status(page)
    cell.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def saved(page: Any, panel: str) -> None:
    expect(page.locator(f"#panel-{panel} .status")).to_contain_text("Saved")


def test_3_cases_participants_documents_and_speakers(study: Study, page: Any,
                                                     axe: Any) -> None:
    study.after("import")
    slow(page)
    p = study.project
    study.enter(page, "/cases")
    axe(page)
    for case in ("OCMW Gent", "OCMW Luik"):
        page.get_by_label("New case").fill(case)
        with page.expect_navigation():
            page.get_by_role("button", name="Add case").click()
    expect(page.locator("#panel-cases tbody tr:not(.new-row)")).to_have_count(2)
    assert [c.name for c in p.cases.list()] == ["OCMW Gent", "OCMW Luik"]

    page.get_by_role("tab", name="Participants").click()
    for pseudonym, case, _document, _speaker in PEOPLE:
        page.get_by_label("New participant (pseudonym)").fill(pseudonym)
        page.locator("#panel-participants").get_by_label("Case").fill(case)
        with page.expect_navigation():
            page.get_by_role("button", name="Add participant").click()
        page.get_by_role("tab", name="Participants").click()
    expect(page.locator("#panel-participants tbody tr:not(.new-row)")).to_have_count(4)
    assert {x.pseudonym: x.case for x in p.participants.list()} == {
        pseudonym: case for pseudonym, case, _d, _s in PEOPLE}

    page.get_by_role("tab", name="Documents").click()
    documents = page.locator("#panel-documents")
    for name, case in CASE_OF.items():
        row = documents.locator("tbody tr", has=page.locator("td[data-c='0']", has_text=name))
        edit_cell(page, row.locator("td[data-c='1']"), case)
        saved(page, "documents")
        expect(row.locator("td[data-c='1']")).to_have_text(case, use_inner_text=True)
    assert {d.name: d.case for d in p.documents.list()} == CASE_OF

    page.get_by_role("tab", name="Speakers").click()
    for pseudonym, _case, document, speaker in PEOPLE:  # typed into the new row, Tab by Tab
        forget_status(page)
        page.locator("#panel-speakers tr.new-row td").first.click()
        for i, value in enumerate((pseudonym, document, speaker)):
            page.keyboard.type(value)
            page.keyboard.press("Enter" if i == 2 else "Tab")
        saved(page, "speakers")
    expect(page.locator("#panel-speakers tbody tr:not(.new-row)")).to_have_count(4)
    assert sorted((x.participant, x.document, x.speaker) for x in p.participants.links()) == \
        sorted((who, document, speaker) for who, _c, document, speaker in PEOPLE)
    axe(page)
    study.done.append("cases")


# 4. Codebook page --------------------------------------------------------------------

def test_4_import_a_codebook_after_its_preview(study: Study, page: Any, axe: Any) -> None:
    study.after("cases")
    slow(page)
    p = study.project
    study.enter(page, "/codebook")
    axe(page)
    form = page.locator("#import-form")
    form.locator("input[type=file]").set_input_files(
        {"name": "codeboek.csv", "mimeType": "text/csv", "buffer": CODEBOOK.encode()})
    form.get_by_role("button", name="Preview").click()
    expect(page.locator("#import-preview")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text("6 to add")
    expect(page.locator("#import-preview tr.status-added")).to_have_count(6)
    assert p.codebook.codes() == []  # the preview writes nothing
    axe(page)
    with page.expect_navigation():
        page.locator("#import-apply").click()
    expect(page.locator("li.code-row")).to_have_count(6)
    expect(page.locator(".history-list li").first).to_contain_text("Imported")
    codes = {c.name: c for c in p.codebook.codes()}
    assert {n: c.category for n, c in codes.items()} == {
        "R-tolk": "Randvoorwaarden", "R-onthaal": "Randvoorwaarden",
        "R-wachttijd": "Randvoorwaarden", "I-taal": "Impact", "I-stress": "Impact",
        "I-werk": "Impact"}
    assert codes["I-taal"].definition == "Vooruitgang in de taal."
    axe(page)
    study.done.append("codebook")


# 5. Document page, two coders in two browser contexts --------------------------------

def code_paragraphs(study: Study, page: Any, coder: str, axe: Any) -> None:
    for document in DOCUMENTS:
        mine = [(n, code) for doc, n, code in CODING[coder] if doc == document]
        study.enter(page, f"/documents/{quote(document)}")
        page.wait_for_selector("#paras[data-ready]", state="attached")
        expect(page.locator("#coder-name")).to_have_text(coder)
        for paragraph, code in mine:
            page.locator(f"#p{paragraph} .pnum").click()
            with page.expect_response("**/api/codings") as answer:
                page.locator(f"#code-list li[data-code='{code}']").click()
            assert answer.value.ok
            expect(page.locator(f"#p{paragraph} .hl")).not_to_have_count(0)
        if document == "FG Gent":
            axe(page)


def coded(project: stemmen.Project, coder: str) -> set[tuple[str, int, str]]:
    """(document, paragraph, code) of a coder's codings, each exactly one paragraph."""
    found = set()
    for document in DOCUMENTS:
        paragraphs = {(x.start, x.end): x.index for x in project.documents.paragraphs(document)}
        for c in project.codings.list(document=document):
            if c.coder == coder:
                found.add((document, paragraphs[(c.start, c.end)], c.code))
    return found


def test_5_two_coders_code_in_two_browser_contexts(study: Study, page: Any, browser: Any,
                                                   axe: Any) -> None:
    study.after("codebook")
    slow(page)
    p = study.project
    study.enter(page, "/")
    expect(page.locator("#coder-name")).to_have_text("an")  # the server's default coder

    other = browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-GB")
    errors: list[str] = []
    try:
        bert = slow(other.new_page())
        bert.on("pageerror", lambda exc: errors.append(str(exc)))
        study.enter(bert, "/")
        bert.get_by_role("button", name=re.compile("^Coding as")).click()
        dialog = bert.locator("dialog.confirm")
        dialog.get_by_label("Who is coding in this browser?").fill("bert")
        dialog.get_by_role("button", name="OK").click()
        expect(bert.locator("#coder-name")).to_have_text("bert")
        expect(bert.locator("#toast")).to_contain_text("Now coding as bert.")

        code_paragraphs(study, page, "an", axe)
        code_paragraphs(study, bert, "bert", axe)
        # bert sees an's codings too: every coder is shown by default
        study.enter(bert, f"/documents/{quote('FG Gent')}")
        bert.wait_for_selector("#paras[data-ready]", state="attached")
        expect(bert.locator("#coder-list")).to_contain_text("an (4)")
        expect(bert.locator("#coder-list")).to_contain_text("bert (4)")
        expect(bert.locator("#legend-list button[data-code]")).to_have_count(5)
    finally:
        other.close()
    assert errors == [], errors
    assert coded(p, "an") == set(CODING["an"])
    assert coded(p, "bert") == set(CODING["bert"])
    study.done.append("coding")


# 6. Queries page ---------------------------------------------------------------------

def test_6_the_code_by_case_matrix_and_a_cell_s_segments(study: Study, page: Any,
                                                         axe: Any) -> None:
    study.after("coding")
    slow(page)
    study.enter(page, "/queries")
    matrix = page.locator("table.matrix")
    expect(matrix.locator("thead th")).to_have_text(["Code", "OCMW Gent", "OCMW Luik", "Total"])
    cell = matrix.locator("button.cell-open[data-row='R-tolk'][data-column='OCMW Gent']")
    value = int(cell.inner_text())
    # two segments (FG Gent and Interview Gent, paragraph 4), each coded by both coders
    assert value == study.project.queries.matrix().cell("R-tolk", "OCMW Gent") == 2
    axe(page)
    cell.click()
    panel = page.locator("#cell-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("#cell-count")).to_have_text(f"{value} segment(s)")
    expect(panel.locator("li.segment")).to_have_count(value)
    expect(panel.locator("li.segment").first.locator(".attribution")).to_contain_text(
        "OCMW Gent")
    axe(page)
    study.done.append("queries")


# 7. Findings page --------------------------------------------------------------------

def test_7_a_finding_with_evidence_from_retrieved_segments(study: Study, page: Any,
                                                           axe: Any) -> None:
    study.after("queries")
    slow(page)
    p = study.project
    study.enter(page, "/findings")
    axe(page)
    form = page.locator("#add-form")
    expect(form).to_be_visible()  # no findings yet: the form is open
    form.get_by_label("Statement").fill(STATEMENT)
    form.get_by_label("Kind").select_option("good_practice")
    form.get_by_label("Case").select_option("OCMW Gent")
    form.get_by_label("Level").fill("OCMW")
    form.get_by_role("button", name="Add finding").click()
    expect(page.locator("#detail")).to_be_visible()
    expect(page.locator("#strength dd[data-key=segments]")).to_have_text("0")

    finder = page.locator("#find-form")
    finder.locator("select[name=code]").select_option("R-tolk")
    expect(finder.locator("select[name=case] option:checked")).to_have_text("OCMW Gent")
    finder.get_by_role("button", name="Retrieve").click()
    candidates = page.locator("#candidates li")
    expect(candidates).to_have_count(4)  # an and bert, FG Gent and Interview Gent
    finder.locator("select[name=coder]").select_option("an")
    finder.get_by_role("button", name="Retrieve").click()
    expect(candidates).to_have_count(2)
    expect(candidates.locator(".seg-head .muted")).to_have_text(["an", "an"])
    chosen = [int(candidates.nth(i).get_attribute("data-coding") or 0) for i in (0, 1)]
    for i in (0, 1):
        candidates.nth(i).get_by_role("checkbox").check()
    assert len(chosen) == 2
    page.get_by_role("button", name="Add chosen as evidence").click()
    expect(page.locator("#evidence li.segment")).to_have_count(2)
    [finding] = p.findings.list()
    assert (finding.statement, finding.case, finding.level) == (STATEMENT, "OCMW Gent", "OCMW")
    assert sorted(finding.evidence) == sorted(chosen)
    assert finding.strength.segments == 2 and finding.strength.interviews == 2
    expect(page.locator("#strength dd[data-key=interviews]")).to_have_text("2")
    axe(page)
    study.done.append("findings")


# 8. Reliability page -----------------------------------------------------------------

def test_8_agreement_and_reconciling_the_disagreement(study: Study, page: Any,
                                                      axe: Any) -> None:
    study.after("findings")
    slow(page)
    p = study.project
    study.enter(page, "/reliability")
    expect(page.locator(".problem")).to_have_count(0)
    expect(page.locator(".verdict-line")).to_contain_text("The coders differed 1 times")
    flagged = page.locator("table.per-code tr.flagged")
    expect(flagged).to_have_count(2)  # the two codes of the disagreement; the rest agree
    assert sorted(r.get_attribute("data-code") for r in flagged.all()) == [
        "I-stress", "R-wachttijd"]
    expect(page.locator("table.per-code tr[data-code='R-tolk'] td").first).to_have_text("3")
    rows = page.locator("tr.disagreement")
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row.locator(".quote")).to_have_text(FG_GENT[4])
    expect(row.locator("td[data-coder='an'] li.differs")).to_have_text("R-wachttijd")
    expect(row.locator("td[data-coder='bert'] li.differs")).to_have_text("I-stress")
    expect(row.locator(".kind").first).to_have_text("different code")
    axe(page)

    progress = page.locator("#rc-progress")
    expect(progress).to_have_text("0 of 1 decided")
    row.locator("button[data-choice='b']").click()
    expect(row.locator("button[data-choice='b']")).to_have_attribute("aria-pressed", "true")
    expect(progress).to_have_text("1 of 1 decided")
    page.get_by_role("button", name="Save the master coding").click()
    expect(page.locator("#rc-result")).to_have_text(
        re.compile(r"^Wrote \d+ master coding\(s\) as master\.$"))
    master = coded(p, "master")
    assert ("FG Gent", 5, "I-stress") in master  # bert's side of the disagreement
    assert not any(code == "R-wachttijd" for _d, _n, code in master)
    assert set(AGREED) <= master  # what both coded stays in the master coding
    entry = [e for e in p.journal.entries() if e.action == "reliability.reconcile"][-1]
    assert [d["choice"] for d in entry.details["decisions"]] == ["b"]
    axe(page)
    study.done.append("reliability")


# 9. Reports and exchange pages -------------------------------------------------------

def test_9_a_docx_report_a_qdpx_and_the_qdpx_in_a_new_project(
        study: Study, page: Any, axe: Any, tmp_path: Path) -> None:
    study.after("reliability")
    slow(page)
    p = study.project
    study.enter(page, "/reports")
    axe(page)
    page.get_by_label("English").check()
    page.get_by_label("Chosen cases").check()
    page.locator("#case-list").get_by_label("OCMW Gent").check()
    page.get_by_label("Word (DOCX)").check()
    with page.expect_download(timeout=SLOW) as got:
        page.get_by_role("button", name="Make the report").click()
    expect(page.locator("#report-status")).to_contain_text("Ready:", timeout=SLOW)
    report = docx.Document(io.BytesIO(Path(got.value.path()).read_bytes()))
    text = "\n".join(par.text for par in report.paragraphs)
    text += "\n".join(cell.text for table in report.tables for row in table.rows
                      for cell in row.cells)
    assert STATEMENT in text
    assert got.value.suggested_filename.endswith(".docx")

    original = p.workspace.overview()["totals"]
    counts = {k: original[k] for k in ("documents", "codes", "codings", "cases")}
    assert counts == {"documents": 3, "codes": 6, "codings": 12 + len(coded(p, "master")),
                      "cases": 2}
    study.enter(page, "/exchange")
    axe(page)
    with page.expect_download(timeout=SLOW) as waiting:
        page.get_by_role("button", name="Download project (.qdpx)").click()
    saved = tmp_path / "walk.qdpx"
    waiting.value.save_as(saved)
    assert waiting.value.suggested_filename == "walk.qdpx"
    with zipfile.ZipFile(saved) as archive:
        assert "project.qde" in archive.namelist()

    page.get_by_label("REFI-QDA file").set_input_files(str(saved))
    page.get_by_label("Folder of the new project").fill(str(tmp_path / "copies"))
    page.get_by_label("Name of the new project").fill("walk-copy")
    page.get_by_role("button", name="Import", exact=True).click()
    result = page.locator("#import-result")
    expect(result).to_be_visible(timeout=SLOW)
    shown = {kind: int(result.locator(f"#result-written li[data-kind={kind}] .count")
                       .inner_text()) for kind in counts}
    assert shown == counts
    axe(page)
    copy = stemmen.open_project(tmp_path / "copies" / "walk-copy.stemmen", actor="an")
    try:
        totals = copy.workspace.overview()["totals"]
        assert {k: totals[k] for k in counts} == counts
        assert {d.name: d.case for d in copy.documents.list()} == CASE_OF
    finally:
        copy.close()
    page.get_by_role("button", name="Open the new project").click()
    expect(page.locator("header .project")).to_have_text("walk-copy")
    expect(page.locator(".totals li").first).to_have_text("3 documents")
    study.done.append("exchange")
