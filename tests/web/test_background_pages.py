"""Pages whose analysis runs in the background (web.background): with no time to wait, the
reliability and queries pages answer a progress bar and a job at once; the page loaded again
with ``?job=`` shows that job's result; the result is kept until the project changes, and a
change is seen at once."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

import stemmen
from stemmen.web import background

JOB = re.compile(r'class="panel job-wait" data-job="([0-9a-f]+)"')


@pytest.fixture
def client(make_client, project: stemmen.Project, monkeypatch: pytest.MonkeyPatch) -> TestClient:  # noqa: ANN001
    monkeypatch.setattr(background, "QUICK", 0.0)  # never wait: always the progress bar
    for coder in ("an", "bert"):
        project.codings.apply("FG Antwerpen", "S-stress", coder, paragraph=3)
    project.codings.apply("FG Antwerpen", "R-tolk", "an", paragraph=4)
    return make_client()


def _follow(client: TestClient, url: str) -> str:
    """The page at ``url`` after its job: the progress bar first, the result after."""
    first = client.get(url)
    assert first.status_code == 200
    found = JOB.search(first.text)
    assert found, "expected the progress bar"
    assert 'class="job-progress"' in first.text and "error-box" not in first.text
    job = client.app.state.jobs.wait(found.group(1), timeout=30)
    assert job.state == "done", job.error
    status = client.get(f"/api/jobs/{job.id}").json()
    assert status["state"] == "done" and status["result"] == {"ready": True}
    back = client.get(url + "&job=" + job.id)
    assert back.status_code == 200 and not JOB.search(back.text)
    return back.text


def test_reliability_shows_progress_then_the_report_kept_until_a_change(
        client: TestClient, project: stemmen.Project) -> None:
    url = "/reliability?coder=an&coder=bert&unit=paragraph&drop_uncoded=1"
    page = _follow(client, url)
    assert "<strong>2</strong> units compared" in page
    assert "<strong>1</strong> units with a difference" in page
    again = client.get(url).text  # unchanged project: straight from the cache
    assert not JOB.search(again) and "<strong>2</strong> units compared" in again
    project.codings.apply("FG Antwerpen", "R-tolk", "bert", paragraph=4)  # now they agree
    assert JOB.search(client.get(url).text), "a change must not show the old report"
    page = _follow(client, url)
    assert "<strong>0</strong> units with a difference" in page


def test_queries_page_runs_in_the_background_and_sees_a_new_coding(
        client: TestClient, project: stemmen.Project) -> None:
    url = "/queries?kind=cooccurrence&unit=paragraph"
    page = _follow(client, url)
    assert "S-stress" in page and "Co-occurrence" in page
    assert not JOB.search(client.get(url).text)  # kept
    url = "/queries?kind=progress"
    page = _follow(client, url)
    assert "FG Gent, an: 0/6" in page
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=2)
    page = _follow(client, url)
    assert "FG Gent, an: 1/6" in page


def test_a_failing_query_reports_its_error_through_the_job(client: TestClient) -> None:
    first = client.get("/queries?kind=matrix&rows=nonsense")
    found = JOB.search(first.text)
    assert found
    job = client.app.state.jobs.wait(found.group(1), timeout=30)
    status = client.get(f"/api/jobs/{job.id}").json()
    assert status["state"] == "failed" and "nonsense" in status["error"]


def test_the_json_api_answers_at_once_without_a_job(client: TestClient) -> None:
    answer = client.get("/api/reliability?coder=an&coder=bert&unit=paragraph"
                        "&drop_uncoded=1").json()
    assert answer["ok"] and answer["n_units"] == 2
    assert client.get("/api/queries/run?kind=progress").json()["kind"] == "progress"
