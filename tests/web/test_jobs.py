"""Background jobs: progress, a file to download, and a failure's message in the page's language."""

from __future__ import annotations

from stemmen.errors import NotFound
from stemmen.web.jobs import Download


def test_a_job_reports_progress_and_its_file(client):
    jobs = client.app.state.jobs

    def work(progress):
        for i in range(3):
            progress(i + 1, 3)
        return Download("a.txt", "text/plain", b"abc")

    job = jobs.start("test", work)
    jobs.wait(job.id)
    status = client.get(f"/api/jobs/{job.id}").json()
    assert (status["state"], status["done"], status["total"]) == ("done", 3, 3)
    answer = client.get(status["download"])
    assert answer.content == b"abc"
    assert "a.txt" in answer.headers["content-disposition"]


def test_a_failed_job_says_why_in_the_chosen_language(client):
    jobs = client.app.state.jobs

    def work(progress):
        raise NotFound("No such job: {job}.", job="x")

    job = jobs.start("test", work)
    jobs.wait(job.id)
    client.cookies.set("stemmen_lang", "nl")
    status = client.get(f"/api/jobs/{job.id}").json()
    assert status["state"] == "failed"
    assert status["error"] == "Deze taak bestaat niet: x."
    assert client.get("/api/jobs/nope").status_code == 404
