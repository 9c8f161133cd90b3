"""The routes added for CLI/web parity, on SQLite and PostgreSQL: linking a recording (a
PostgreSQL project has no media folder: a path, referenced where it is), coding a speaker's
turns, withdrawal of consent (a dry run changes nothing), and the retrieve speaker filter.
Synthetic transcripts; the tone is tests/data/media/interview_tone.wav."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient
from tests.web.conftest import CSRF

import stemmen
from stemmen.web import WebSettings, create_app

WAV = Path(__file__).resolve().parents[1] / "data" / "media" / "interview_tone.wav"
TEXT = ("[SYNTHETIC TEST TRANSCRIPT]\nAnn: De tolk hielp.\nBob: Ik had stress.\n"
        "Ann: En nu?\nBob: Minder stress.\n")


def _client(project: stemmen.Project) -> TestClient:
    settings = WebSettings(csrf=CSRF, token=None, allowed_hosts=("testserver",))
    client = TestClient(create_app(project, settings), raise_server_exceptions=False)
    client.headers["X-CSRF-Token"] = CSRF
    return client


def test_media_turns_withdrawal_and_speaker_filter(
        make_project: Callable[..., stemmen.Project]) -> None:
    p = make_project(codes=["stress", "vraag"], documents={"Gesprek": TEXT})
    client = _client(p)
    sqlite = p.media.folder() is not None

    info = client.get("/api/media/speakers", params={"name": "Gesprek"}).json()
    assert info["speakers"] == ["Ann", "Bob"] and info["media"] is None
    assert info["can_copy"] is sqlite
    copied = client.post("/api/media/link", data={"name": "Gesprek", "path": str(WAV),
                                                  "copy": "1"})
    if sqlite:
        assert copied.status_code == 200 and copied.json()["media"]["copied"] is True
    else:
        assert copied.status_code == 400 and "PostgreSQL" in copied.json()["error"]
    linked = client.post("/api/media/link", data={"name": "Gesprek", "path": str(WAV)})
    assert linked.json()["media"] == {"file": WAV.name, "copied": False,
                                      "size": WAV.stat().st_size, "mime_type": "audio/wav"}
    assert (link := p.media.get("Gesprek")) is not None and link.path == str(WAV.resolve())
    assert client.post("/api/media/unlink", json={"name": "Gesprek"}).json()["removed"] is True
    assert p.media.get("Gesprek") is None
    missing = client.post("/api/media/link", data={"name": "Gesprek"})
    assert missing.status_code == 400 and "path" in missing.json()["error"]

    done = client.post("/api/codings/apply-turns",
                       json={"documents": ["Gesprek"], "speaker": "Bob", "code": "stress"})
    assert done.json()["turns"] == 2 and done.json()["added"] == 2
    again = client.post("/api/codings/apply-turns",
                        json={"documents": ["Gesprek"], "speaker": "Bob", "code": "stress"})
    assert again.json()["added"] == 0
    client.post("/api/codings/apply-turns",
                json={"documents": ["Gesprek"], "speaker": "Ann", "code": "stress"})
    bob = client.get("/api/retrieve", params={"code": "stress", "speaker": "Bob"}).json()
    assert bob["count"] == 2 and all("stress" in s["text"] for s in bob["segments"])
    both = client.get("/api/retrieve", params={"code": "stress"}).json()
    assert both["count"] == 4

    p.participants.add("P-bob")
    p.participants.link("P-bob", "Gesprek", "Bob")
    before = p.documents.get("Gesprek").text
    dry = client.post("/api/study/withdraw", json={"participant": "P-bob", "dry_run": True})
    assert dry.json()["withdrawal"]["applied"] is False
    assert dry.json()["withdrawal"]["turns"] == 2 and dry.json()["withdrawal"]["codings"] == 2
    assert p.documents.get("Gesprek").text == before
    gone = client.post("/api/study/withdraw", json={"participant": "P-bob", "dry_run": False,
                                                    "label": "[weg]"})
    assert gone.json()["withdrawal"]["applied"] is True
    after = p.documents.get("Gesprek").text
    assert "Ik had stress" not in after and after.count("[weg]") == 2
    assert client.get("/api/retrieve", params={"code": "stress", "speaker": "Bob"}).json()[
        "count"] == 0
