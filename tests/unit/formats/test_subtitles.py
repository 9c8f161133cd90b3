"""Timed transcripts (.vtt, .srt, plain text with timestamps): one paragraph per speaker turn,
speaker and times kept, bad files refused with the file and the line. Texts are synthetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from stemmen.errors import FormatError
from stemmen.formats.subtitles import looks_timed, parse_timestamp, read_timed_lines
from stemmen.formats.transcripts import read_transcript
from stemmen.model.media import Turn, format_ms, label_turns, turn_at
from stemmen.model.text import paragraphs

DATA = Path(__file__).resolve().parents[2] / "data" / "subtitles"
SPOKEN = [("Interviewer", "Goedemorgen, fijn dat u er bent."),
          ("Deelnemer 1", "Dank u, ik kom graag. Het centrum ligt dichtbij."),
          ("Interviewer", "Hoe vond u de cursus?"),
          ("Deelnemer 1", "Heel nuttig, vooral de taalles.")]


def lines(text: str) -> list[str]:
    return [text[u.start:u.end] for u in paragraphs(text)]


def check_spans(text: str, turns: list[Turn]) -> None:
    """Every turn is exactly one paragraph, in order."""
    assert [(t.start, t.end) for t in turns] == [(u.start, u.end) for u in paragraphs(text)]


@pytest.mark.parametrize("name", ["interview_pysubs2.srt", "interview_pysubs2.vtt",
                                  "interview_webvtt.vtt"])
def test_files_of_two_subtitle_libraries_give_one_paragraph_per_turn(name: str) -> None:
    read = read_transcript(name, (DATA / name).read_bytes())
    assert lines(read.text) == [f"{who}: {said}" for who, said in SPOKEN]
    assert [(t.speaker, t.start_ms, t.end_ms) for t in read.turns] == [
        ("Interviewer", 0, 1500), ("Deelnemer 1", 1500, 3500), ("Interviewer", 3500, 4500),
        ("Deelnemer 1", 4500, 6000)]
    check_spans(read.text, read.turns)
    assert read.format == name.rsplit(".", 1)[1]


def test_srt_without_speakers_keeps_one_paragraph_per_cue() -> None:
    read = read_transcript("x.srt", (DATA / "interview_webvtt.srt").read_bytes())
    assert len(read.turns) == 5 and all(t.speaker is None for t in read.turns)
    assert [t.start_ms for t in read.turns] == [0, 1500, 2600, 3500, 4500]
    assert lines(read.text)[1] == "Dank u, ik kom graag."
    check_spans(read.text, read.turns)


def test_vtt_with_bom_crlf_header_notes_styles_settings_tags_and_entities() -> None:
    source = ("\ufeffWEBVTT - made by hand\r\nKind: captions\r\nLanguage: nl\r\n\r\n"
              "NOTE a note\r\nover two lines\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\n"
              "REGION\r\nid:fred\r\n\r\n"
              "intro\r\n01:02.5 --> 01:04.000 align:start position:10% line:0\r\n"
              "<v.loud Ann Smit>Ja &amp; <i>nee</i> <c.yellow>toch</c></v>\r\n\r\n"
              "7\r\n00:01:04.000 --> 00:01:06.250\r\n<v Ann Smit><00:01:05.000>zeker\r\n\r\n"
              "00:01:06.250 --> 1:00:01.000\r\nBob: Goed.\r\n")
    read = read_transcript("hand.vtt", source.encode("utf-8"))
    assert lines(read.text) == ["Ann Smit: Ja & nee toch zeker", "Bob: Goed."]
    assert [(t.speaker, t.start_ms, t.end_ms) for t in read.turns] == [
        ("Ann Smit", 62500, 66250), ("Bob", 66250, 3601000)]
    check_spans(read.text, read.turns)


def test_srt_with_dots_coordinates_and_positioning_codes() -> None:
    source = ("1\n00:00:01.000 --> 00:00:02,5 X1:10 X2:20 Y1:1 Y2:2\n{\\an8}<i>Ann:</i> hoi\n"
              "daar\n\n2\n00:00:03,000 --> 00:00:04,000\n<font color=\"red\">Bob: ja</font>\n")
    read = read_transcript("x.srt", source.encode())
    assert lines(read.text) == ["Ann: hoi daar", "Bob: ja"]
    assert [(t.start_ms, t.end_ms) for t in read.turns] == [(1000, 2500), (3000, 4000)]


@pytest.mark.parametrize(("name", "source", "line", "words"), [
    ("a.vtt", "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nx\n", 3, "ends before it starts"),
    ("b.vtt", "WEBVTT\n\n1\nno timing here\n", 3, "without a cue timing"),
    ("c.vtt", "1\n00:00:01.000 --> 00:00:02.000\nx\n", 1, "WEBVTT"),
    ("d.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:0x\nx\n", 3, "cannot be read"),
    ("e.srt", "1\n00:00:01,000 -> 00:00:02,000\nx\n", 2, "without a timing"),
    ("f.srt", "hello\n00:00:01,000 --> 00:00:02,000\nx\n", 1, "cue number"),
    ("g.srt", "1\n00:00:01,000 --> 00:00:61,000\nx\n", 2, "59 minutes or seconds"),
])
def test_bad_subtitle_files_name_the_file_and_the_line(name: str, source: str, line: int,
                                                       words: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_transcript(name, source.encode())
    assert caught.value.file == name and caught.value.line == line
    assert words in caught.value.reason and f"{name}:{line}:" in str(caught.value)


def test_a_vtt_without_cues_is_refused() -> None:
    with pytest.raises(FormatError, match="no cues"):
        read_transcript("empty.vtt", b"WEBVTT\n\nNOTE nothing here\n")


TIMED = """[SYNTHETIC TEST TRANSCRIPT]
[00:01:23] Speaker 1: Goedemorgen.
[00:01:30] Interviewer: Hoe gaat het?
Dat wilde ik eerst vragen.
Speaker 1 (00:01:41): Goed, dank u.
00:02:05 Interviewer
Vertel eens over de cursus.
[02:30] Speaker 1: De cursus was nuttig.
Speaker 1  2:45
En de mensen waren vriendelijk.
"""


def test_plain_text_with_timestamps_of_several_tools() -> None:
    read = read_transcript("timed.txt", TIMED.replace("\n", "\r\n").encode("utf-8-sig"))
    assert lines(read.text) == [
        "[SYNTHETIC TEST TRANSCRIPT]", "Speaker 1: Goedemorgen.",
        "Interviewer: Hoe gaat het? Dat wilde ik eerst vragen.", "Speaker 1: Goed, dank u.",
        "Interviewer: Vertel eens over de cursus.",
        "Speaker 1: De cursus was nuttig. En de mensen waren vriendelijk."]
    assert [(t.speaker, t.start_ms, t.end_ms) for t in read.turns] == [
        (None, None, None), ("Speaker 1", 83000, 90000), ("Interviewer", 90000, 101000),
        ("Speaker 1", 101000, 125000), ("Interviewer", 125000, 150000),
        ("Speaker 1", 150000, None)]
    check_spans(read.text, read.turns)


def test_timestamps_without_speakers_are_one_paragraph_each() -> None:
    cues = read_timed_lines("t.txt", "[00:00] Hallo.\n[00:05] Ja\n[00:09] Nee, toch niet.\n")
    assert [(c.start_ms, c.end_ms, c.speaker, c.text) for c in cues] == [
        (0, 5000, None, "Hallo."), (5000, 9000, None, "Ja"), (9000, None, None,
                                                               "Nee, toch niet.")]


def test_ordinary_text_is_not_taken_for_a_timed_transcript() -> None:
    text = "Interviewer: We begonnen om 10:30 uur.\nDeelnemer 1: Ja.\n12:00 was de lunch.\n"
    assert not looks_timed(text)
    read = read_transcript("plain.txt", text.encode())
    assert read.turns == [] and lines(read.text)[2] == "12:00 was de lunch."


@pytest.mark.parametrize(("value", "ms"), [("00:01:23", 83000), ("01:23", 83000),
                                           ("1:02:03,5", 3723500), ("00:00.042", 42),
                                           ("00:61", None), ("1:60:00", None), ("x", None)])
def test_timestamps(value: str, ms: int | None) -> None:
    assert parse_timestamp(value) == ms


def test_turns_from_speaker_labels_and_the_turn_of_a_position() -> None:
    text = ("Titel\nAnn: Ja.\nverder\nBob: Nee.\nAnn: Ik zei: goed.\nBob: Ok.\n"
            "Ik zei: nee.\nDeelnemer 3: Eens.\n")
    turns = label_turns(text, paragraphs(text))
    # "Ik zei:" is no name: Bob's turn goes on; "Deelnemer 3" speaks once but is a name
    assert [t.speaker for t in turns] == [None, "Ann", "Ann", "Bob", "Ann", "Bob", "Bob",
                                          "Deelnemer 3"]
    once = "Ann: Ja.\nIk zei: nee.\n"  # no label opens two paragraphs: no speakers at all
    assert [t.speaker for t in label_turns(once, paragraphs(once))] == [None, None]
    bob = text.index("Bob")
    assert turn_at(turns, bob).speaker == "Bob"  # type: ignore[union-attr]
    assert turn_at(turns, bob - 1).speaker == "Bob"  # the line break before Bob's turn
    assert turn_at(turns, len(text) + 5) is None
    assert (format_ms(83000), format_ms(3723500), format_ms(None)) == ("01:23", "1:02:03.500",
                                                                         "")
