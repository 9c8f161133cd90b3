"""The reports page renders the researchers' outline like ``stemmen report`` (same bytes),
shows the outline's broken references before rendering, refuses them when strict, offers the
generic report, slides in one or two languages, and a pseudonymised report."""

from __future__ import annotations

import io
from pathlib import Path

from typer.testing import CliRunner

from stemmen.cli import app

RUNNER = CliRunner()


def _outline(project):
    coding = project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4).id
    project.quotes.mark(coding)
    chapter = project.outline.add("Resultaten", lang="nl",
                                  narrative=f"Over tolken.\n\n{{{{quote {coding}}}}}")
    project.outline.add("", "case", chapter.id, case="OCMW Gent", lang="nl",
                        narrative="De werking in Gent.")
    project.labels.set("report", "title", "nl", "Evaluatie van het project")
    return coding, chapter


def _made(client, **asked):
    started = client.post("/api/reports/make", json=asked)
    assert started.status_code == 200, started.text
    job = client.app.state.jobs.wait(started.json()["job"], timeout=120)
    assert job.state == "done", job.error
    status = client.get(f"/api/jobs/{job.id}").json()
    return status, client.get(status["download"])


def test_outline_report_has_the_bytes_of_the_cli(project, client, tmp_path: Path):
    _outline(project)
    status, got = _made(client, lang="nl", format="docx")
    out = tmp_path / "r.docx"
    result = RUNNER.invoke(app, ["report", str(tmp_path / "study.stemmen"), "--output", str(out),
                                 "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert got.content == out.read_bytes()
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(got.content)).paragraphs)
    assert "Evaluatie van het project" in text and "Over tolken." in text
    generic_status, generic = _made(client, lang="nl", format="docx", generic=True)
    assert generic.content != got.content
    assert generic.content == project.reports.make("docx", lang="nl").data
    assert "Over tolken." not in "\n".join(
        p.text for p in Document(io.BytesIO(generic.content)).paragraphs)


def test_broken_references_are_shown_and_strict_refuses(project, client):
    _coding, chapter = _outline(project)
    project.outline.edit(chapter.id, "nl", narrative="Zie {{finding 77}}.")
    found = client.get("/api/reports/check?lang=nl").json()
    assert found["outline"] is True
    assert found["problems"] == ["1 Resultaten: {{finding 77}} is gone: no such finding"]
    started = client.post("/api/reports/make", json={"lang": "nl", "format": "html",
                                                      "strict": True}).json()
    job = client.app.state.jobs.wait(started["job"], timeout=120)
    assert job.state == "failed" and "{{finding 77}}" in str(job.error)
    _status, loose = _made(client, lang="nl", format="html")
    assert "Resultaten" in loose.text


def test_slides_in_two_languages_and_options_checked(project, client):
    _outline(project)
    _status, deck = _made(client, lang="nl", second_lang="fr", format="pptx")
    assert deck.content == project.reports.slides(["nl", "fr"])
    from pptx import Presentation

    assert len(Presentation(io.BytesIO(deck.content)).slides) > 1
    _status, one = _made(client, lang="fr", format="pptx")
    assert one.content == project.reports.slides(["fr"])
    bad = client.post("/api/reports/make", json={"lang": "nl", "second_lang": "fr",
                                                  "format": "docx"})
    assert bad.status_code == 400 and "pptx" in bad.json()["error"]
    page = client.get("/reports")
    for part in ('value="pptx"', 'name="second_lang"', 'name="strict"', 'name="generic"',
                 'name="pseudonymised"', 'id="report-checks"'):
        assert part in page.text


def test_pseudonymised_report_replaces_accepted_names(project, client):
    _outline(project)
    project.privacy.add_text("FG Gent", "Zonder", label="PERSOON-1")
    plain = project.reports.deliver("html", lang="nl")
    scrubbed = project.reports.deliver("html", lang="nl", pseudonymised=True)
    assert "Zonder tolk" in plain.data.decode() and "Zonder tolk" not in scrubbed.data.decode()
    assert "PERSOON-1 tolk" in scrubbed.data.decode()
    _status, got = _made(client, lang="nl", format="html", pseudonymised=True)
    assert got.content == scrubbed.data
    assert client.get("/api/reports/check?lang=nl").json()["problems"] == []
    assert plain.data == _made(client, lang="nl", format="html")[1].content
