"""Timed transcripts and media on SQLite and PostgreSQL: turns stored at import, media copied
or linked by path, every turn of a speaker coded at once, retrieval by speaker. Synthetic."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import stemmen
from stemmen.errors import Invalid, NotFound
from stemmen.project.documents import Upload

DATA = Path(__file__).resolve().parents[1] / "data"
VTT = DATA / "subtitles" / "interview_webvtt.vtt"
SRT = DATA / "subtitles" / "interview_pysubs2.srt"
WAV = DATA / "media" / "interview_tone.wav"
Maker = Callable[..., stemmen.Project]


def test_import_stores_one_timed_turn_per_paragraph(make_project: Maker) -> None:
    p = make_project()
    result = p.documents.import_files([VTT, SRT])
    assert result.imported == ["interview_webvtt", "interview_pysubs2"]
    assert [f.paragraphs for f in result.files] == [4, 4]
    timed = "[00:00:05] Ann: Hallo.\n[00:00:09] Bob: Dag Ann.\n[00:00:12] Ann: Tot ziens.\n"
    p.documents.import_uploads([Upload("timed.txt", timed.encode())])
    for name in ("interview_webvtt", "interview_pysubs2"):
        times = p.media.paragraph_times(name)
        assert [(t.index, t.speaker, t.start_ms, t.end_ms) for t in times] == [
            (1, "Interviewer", 0, 1500), (2, "Deelnemer 1", 1500, 3500),
            (3, "Interviewer", 3500, 4500), (4, "Deelnemer 1", 4500, 6000)]
        text = p.documents.get(name).text
        assert [text[t.start:t.end] for t in times] == [
            text[u.start:u.end] for u in p.documents.paragraphs(name)]
    assert [(t.speaker, t.start_ms, t.end_ms) for t in p.media.turns("timed")] == [
        ("Ann", 5000, 9000), ("Bob", 9000, 12000), ("Ann", 12000, None)]
    assert p.documents.get("timed").text.startswith("Ann: Hallo.\nBob: Dag Ann.")


def test_untimed_transcripts_get_turns_from_speaker_labels(make_project: Maker,
                                                           sample_text: str) -> None:
    p = make_project(documents={"FG": sample_text})
    times = p.media.paragraph_times("FG")
    assert [t.speaker for t in times] == [None, "Interviewer", "Deelnemer 1", "Deelnemer 2",
                                          "Interviewer", "Deelnemer 1"]
    assert all(t.start_ms is None for t in times)
    assert p.media.speakers(["FG"]) == {"FG": ["Interviewer", "Deelnemer 1", "Deelnemer 2"]}


def test_media_copied_or_linked_never_moved(make_project: Maker, tmp_path: Path) -> None:
    p = make_project()
    p.documents.import_files([VTT])
    own = tmp_path / "opname.wav"
    own.write_bytes(WAV.read_bytes())
    link = p.media.link("interview_webvtt", own, copy=False)
    assert (link.copied, link.path, link.mime_type, link.size) == (
        False, str(own.resolve()), "audio/wav", own.stat().st_size)
    assert p.media.file("interview_webvtt").path == own.resolve()
    if p.store.is_sqlite:
        copied = p.media.link("interview_webvtt", own)  # replaces the link
        folder = p.media.folder()
        assert folder is not None and folder.name.endswith(".media")
        assert copied.copied and (folder / copied.path).read_bytes() == own.read_bytes()
        again = p.media.link("interview_webvtt", WAV)  # another copy: the old one is deleted
        assert again.path == "interview_tone.wav" and not (folder / copied.path).exists()
        assert p.media.unlink("interview_webvtt") and not (folder / again.path).exists()
    else:
        with pytest.raises(Invalid, match="PostgreSQL project has no folder"):
            p.media.link("interview_webvtt", own)
        assert p.media.unlink("interview_webvtt")
    assert own.exists()  # the researcher's own file is never touched
    assert p.media.get("interview_webvtt") is None
    assert not p.media.unlink("interview_webvtt")
    actions = [e.action for e in p.journal.entries()]
    assert "document.media" in actions and "document.media.remove" in actions


def test_media_refusals(make_project: Maker, tmp_path: Path) -> None:
    p = make_project(documents={"FG": "Ann: ja\nBob: nee\n"})
    text = tmp_path / "notes.txt"
    text.write_text("x")
    with pytest.raises(Invalid, match="notes.txt is not an audio or video file"):
        p.media.link("FG", text, copy=False)
    with pytest.raises(Invalid, match="does not exist"):
        p.media.link("FG", tmp_path / "nergens.mp3", copy=False)
    with pytest.raises(NotFound):
        p.media.link("Nergens", WAV, copy=False)
    with pytest.raises(NotFound, match="has no media file"):
        p.media.file("FG")
    gone = tmp_path / "gone.ogg"
    gone.write_bytes(b"OggS")
    p.media.link("FG", gone, copy=False)
    gone.unlink()
    with pytest.raises(NotFound, match="is missing"):
        p.media.file("FG")


def test_deleting_a_document_removes_its_turns_and_media_link(make_project: Maker) -> None:
    p = make_project()
    p.documents.import_files([VTT, SRT])
    p.media.link("interview_webvtt", WAV, copy=False)
    p.documents.delete("interview_webvtt")
    from sqlalchemy import func, select

    from stemmen.store.schema_media import document_media, document_turns
    with p.store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(document_media)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(document_turns)).scalar() == 4


def test_apply_turns_codes_every_turn_of_a_speaker(make_project: Maker,
                                                   sample_text: str) -> None:
    p = make_project(codes=["Vraag", "Antwoord"], documents={"FG": sample_text})
    p.documents.import_files([VTT])
    done = p.codings.apply_turns(["interview_webvtt", "FG"], "Interviewer", "Vraag",
                                 coder="an")
    assert (done.turns, len(done.added)) == (4, 4)
    coded = {(c.document, c.start, c.end) for c in p.codings.list() if c.code == "Vraag"}
    expected = {(name, t.start, t.end) for name in ("interview_webvtt", "FG")
                for t in p.media.turns(name) if t.speaker == "Interviewer"}
    assert coded == expected and len(expected) == 4
    assert p.documents.get("FG").text[min(s for d, s, _ in coded if d == "FG"):].startswith(
        "Interviewer: Hoe verliep")
    again = p.codings.apply_turns(["interview_webvtt"], "Interviewer", "Vraag", coder="an")
    assert (again.turns, again.added) == (2, [])
    with pytest.raises(Invalid, match="the speakers there are: Deelnemer 1, Interviewer"):
        p.codings.apply_turns(["interview_webvtt"], "Tolk", "Vraag")
    with pytest.raises(NotFound):
        p.codings.apply_turns(["interview_webvtt"], "Interviewer", "Nergens")
    assert len(p.codings.list()) == 4  # the refused calls wrote nothing
    assert "coding.apply_turns" in [e.action for e in p.journal.entries()]


def test_retrieval_filters_by_the_speaker_of_the_turn(make_project: Maker) -> None:
    p = make_project(codes=["Taal"])
    p.documents.import_files([VTT])
    text = p.documents.get("interview_webvtt").text
    for word in ("fijn", "centrum", "cursus", "taalles"):
        start = text.index(word)
        p.codings.apply("interview_webvtt", "Taal", start=start, end=start + len(word))
    said = {s.text: s for s in p.segments.retrieve(["Taal"], speakers=["Deelnemer 1"])}
    assert sorted(said) == ["centrum", "taalles"]
    asked = p.segments.retrieve(["Taal"], speakers=["Interviewer"])
    assert [s.text for s in asked] == ["fijn", "cursus"]
    assert [s.text for s in p.segments.retrieve(["Taal"], speakers=["Interviewer",
                                                                    "Deelnemer 1"],
                                                limit=2, offset=1)] == ["centrum", "cursus"]
    assert p.segments.retrieve(["Taal"], speakers=["Tolk"]) == []


def test_editing_a_timed_transcript_keeps_speakers_and_times(make_project: Maker) -> None:
    p = make_project()
    p.documents.import_files([VTT])
    old = p.documents.get("interview_webvtt").text
    p.texts.edit("interview_webvtt", old.replace("fijn dat u er bent", "welkom"),
                 reason="typo")
    times = p.media.paragraph_times("interview_webvtt")
    assert [(t.speaker, t.start_ms) for t in times] == [
        ("Interviewer", 0), ("Deelnemer 1", 1500), ("Interviewer", 3500), ("Deelnemer 1", 4500)]
    text = p.documents.get("interview_webvtt").text
    assert text[times[0].start:times[0].end] == "Interviewer: Goedemorgen, welkom."
    p.texts.restore("interview_webvtt", 1)
    assert [t.end - t.start for t in p.media.paragraph_times("interview_webvtt")] == [
        u.end - u.start for u in p.documents.paragraphs("interview_webvtt")]
