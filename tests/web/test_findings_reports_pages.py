"""The findings and reports pages over the JSON API: the same project functions and bytes as
the CLI."""

from __future__ import annotations

import io
import zipfile

import pytest

import stemmen


@pytest.fixture
def coded(project: stemmen.Project) -> dict[str, int]:
    """Four codings: R-tolk on the interpreter paragraph of both documents (two roles, two
    cases, two waves), S-stress on the stress paragraph of each."""
    ids = {}
    for doc in ("FG Antwerpen", "FG Gent"):
        ids[f"{doc} tolk"] = project.codings.apply(doc, "R-tolk", "an", paragraph=4).id
        ids[f"{doc} stress"] = project.codings.apply(doc, "S-stress", "an", paragraph=3).id
    return ids


def test_findings_page_lists_groups_from_the_project(client, project):
    project.findings.add("Tolken helpen", "good-practice", "OCMW Gent")
    page = client.get("/findings")
    assert page.status_code == 200
    assert "Tolken helpen" in page.text  # in the page's initial data
    assert 'id="find-form"' in page.text and "R-tolk" in page.text


def test_a_finding_is_made_backed_by_retrieved_segments_and_quoted(client, project, coded):
    added = client.post("/api/findings/add", json={
        "statement": "Tolken helpen", "kind": "recommendation", "case": "", "level": "OCMW"})
    finding = added.json()["finding"]
    assert (finding["case"], finding["level"], finding["strength"]["flags"]) == (
        None, "OCMW", ["no evidence"])
    fid = finding["id"]
    found = client.get(f"/api/findings/{fid}/candidates?code=R-tolk&text=ZONDER%20tolk").json()
    assert found["count"] == 2 and not any(s["linked"] for s in found["segments"])
    chosen = [s["coding_id"] for s in found["segments"]]
    linked = client.post("/api/findings/link", json={"id": fid, "codings": chosen}).json()
    strength = linked["finding"]["strength"]
    assert (linked["added"], strength["interviews"], len(strength["roles"]),
            len(strength["cases"]), len(strength["waves"]), strength["flags"]) == (
        2, 2, 2, 2, 2, [])
    assert [s["coding_id"] for s in linked["evidence"]] == sorted(chosen)
    again = client.get(f"/api/findings/{fid}/candidates?code=R-tolk").json()
    assert all(s["linked"] for s in again["segments"])
    assert project.findings.get(fid).evidence == tuple(sorted(chosen))  # the same store

    quote = client.post("/api/quotes/mark", json={
        "coding": chosen[0], "finding": fid, "text": "De tolk hielp ons. […] niets."}).json()
    assert quote["quote"]["text"] == "De tolk hielp ons. […] niets."
    detail = client.get(f"/api/findings/{fid}").json()
    assert [q["coding_id"] for q in detail["quotes"]] == [chosen[0]]
    bad = client.post("/api/quotes/mark", json={"coding": chosen[0], "text": "Niet gezegd"})
    assert bad.status_code == 400 and "not in it" in bad.json()["error"]

    unlinked = client.post("/api/findings/unlink", json={"id": fid, "codings": [chosen[1]]})
    assert unlinked.json()["finding"]["strength"]["flags"] == ["single interview", "single role"]


def test_findings_are_edited_reordered_and_deleted(client, project):
    a = project.findings.add("Eerste", case="OCMW Gent").id
    b = project.findings.add("Tweede").id
    c = project.findings.add("Derde").id
    edited = client.post("/api/findings/edit", json={"id": a, "case": "", "level": "Lokaal",
                                                     "statement": "Eerste, herzien"}).json()
    assert (edited["finding"]["case"], edited["finding"]["level"],
            edited["finding"]["statement"]) == (None, "Lokaal", "Eerste, herzien")
    order = client.post("/api/findings/reorder", json={"ids": [c, a]}).json()["findings"]
    assert [f["id"] for f in order] == [c, b, a]
    assert [f.id for f in project.findings.list()] == [c, b, a]
    assert client.post("/api/findings/delete", json={"id": b}).json() == {"ok": True}
    missing = client.post("/api/findings/delete", json={"id": b})
    assert missing.status_code == 404 and missing.json()["ok"] is False
    empty = client.post("/api/findings/add", json={"statement": "  "})
    assert empty.status_code == 400 and "statement" in empty.json()["error"]


def _made(client, **asked):
    started = client.post("/api/reports/make", json=asked).json()
    job = client.app.state.jobs.wait(started["job"], timeout=120)
    assert job.state == "done", job.error
    status = client.get(f"/api/jobs/{job.id}").json()
    assert status["done"] == status["total"] > 0
    return status, client.get(status["download"])


def test_reports_page_offers_languages_cases_and_formats(client):
    page = client.get("/reports")
    assert page.status_code == 200
    for part in ('value="docx"', 'value="pdf"', 'value="html"', 'value="md"', 'value="xlsx"',
                 'value="OCMW Gent"', 'name="lang" value="fr"'):
        assert part in page.text


def test_report_downloads_are_the_bytes_of_the_project_api(client, project, coded):
    status, html = _made(client, lang="fr", scope="cross", format="html")
    data = project.reports.prepare(lang="fr")
    expected = project.reports.download(data, "html")
    assert status["filename"] == expected.filename and html.content == expected.data
    status, md = _made(client, lang="nl", scope="some", cases=["OCMW Gent", "OCMW Antwerpen"],
                       format="md")
    data = project.reports.prepare(["OCMW Gent", "OCMW Antwerpen"], lang="nl")
    name = project.reports.file_name(data)
    with zipfile.ZipFile(io.BytesIO(md.content)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    assert status["filename"] == f"{name}.zip" and f"{name}.md" in files
    assert "## OCMW Gent" in files[f"{name}.md"].decode("utf-8")


def test_report_preview_is_sandboxed_html(client, coded):
    status, _ = _made(client, lang="en", scope="all", format="html")
    shown = client.get(f"/reports/preview/{status['id']}")
    assert shown.status_code == 200 and "<h2>OCMW Antwerpen</h2>" in shown.text
    assert "sandbox" in shown.headers["content-security-policy"]


def test_report_options_are_checked(client):
    bad = client.post("/api/reports/make", json={"scope": "some", "cases": []})
    assert bad.status_code == 400 and bad.json()["ok"] is False
    assert client.post("/api/reports/make", json={"lang": "de"}).status_code == 400
