"""The media routes: a document's paragraph times, and its audio file served with HTTP Range
support (a browser seeks with Range requests). The transcript is synthetic."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

import stemmen

DATA = Path(__file__).resolve().parents[1] / "data"
WAV = DATA / "media" / "interview_tone.wav"


def timed(project: stemmen.Project) -> None:
    project.documents.import_files([DATA / "subtitles" / "interview_webvtt.vtt"])
    project.media.link("interview_webvtt", WAV, copy=True)


def test_info_gives_the_media_and_the_time_of_every_paragraph(
        project: stemmen.Project, client: TestClient) -> None:
    timed(project)
    answer = client.get("/api/media/info", params={"name": "interview_webvtt"}).json()
    assert answer["media"]["mime_type"] == "audio/wav"
    assert answer["media"]["size"] == WAV.stat().st_size
    assert [(p["index"], p["start"], p["end"], p["speaker"]) for p in answer["paragraphs"]] == [
        (1, 0.0, 1.5, "Interviewer"), (2, 1.5, 3.5, "Deelnemer 1"),
        (3, 3.5, 4.5, "Interviewer"), (4, 4.5, 6.0, "Deelnemer 1")]
    plain = client.get("/api/media/info", params={"name": "FG Gent"}).json()
    assert plain["media"] is None and plain["paragraphs"] == []


def test_the_file_is_served_whole_and_in_ranges(project: stemmen.Project,
                                                client: TestClient) -> None:
    timed(project)
    url = client.get("/api/media/info", params={"name": "interview_webvtt"}).json()["media"][
        "url"]
    data = WAV.read_bytes()
    whole = client.get(url)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["content-type"] == "audio/wav"
    assert whole.headers["accept-ranges"] == "bytes"
    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"
    tail = client.get(url, headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == data[-10:]
    beyond = client.get(url, headers={"Range": f"bytes={len(data) + 5}-"})
    assert beyond.status_code == 416


def test_a_document_without_media_or_a_missing_file_is_not_found(
        project: stemmen.Project, client: TestClient, tmp_path: Path) -> None:
    assert client.get("/api/media/file", params={"name": "FG Gent"}).status_code == 404
    gone = tmp_path / "gone.wav"
    gone.write_bytes(WAV.read_bytes())
    project.media.link("FG Gent", gone, copy=False)
    gone.unlink()
    answer = client.get("/api/media/file", params={"name": "FG Gent"})
    assert answer.status_code == 404 and "gone.wav" in answer.text
    assert client.get("/api/media/info").status_code == 400
