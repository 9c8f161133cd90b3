"""Writes the subtitle fixtures of this folder with two real subtitle libraries.

Run once, in a throwaway virtual environment (not Stemmen's):
    python3 -m venv /tmp/fixvenv && /tmp/fixvenv/bin/pip install pysubs2==1.8.1 webvtt-py==0.6.0
    cd tests/data/subtitles && /tmp/fixvenv/bin/python make_fixtures.py
The interview is synthetic (written for these tests), not real interview data.
"""

import pysubs2
import webvtt

TURNS = [  # (start ms, end ms, speaker, text): a synthetic interview, made up for the tests
    (0, 1500, "Interviewer", "Goedemorgen, fijn dat u er bent."),
    (1500, 2600, "Deelnemer 1", "Dank u, ik kom graag."),
    (2600, 3500, "Deelnemer 1", "Het centrum ligt dichtbij."),
    (3500, 4500, "Interviewer", "Hoe vond u de cursus?"),
    (4500, 6000, "Deelnemer 1", "Heel nuttig, vooral de taalles."),
]

subs = pysubs2.SSAFile()
for start, end, speaker, text in TURNS:
    subs.append(pysubs2.SSAEvent(start=start, end=end, text=f"{speaker}: {text}"))
subs.save("interview_pysubs2.srt")
subs.save("interview_pysubs2.vtt")


def clock(ms: int) -> str:
    return f"00:00:{ms // 1000:02d}.{ms % 1000:03d}"


vtt = webvtt.WebVTT()
for start, end, speaker, text in TURNS:
    vtt.captions.append(webvtt.Caption(clock(start), clock(end), f"<v {speaker}>{text}</v>"))
vtt.save("interview_webvtt.vtt")
vtt.save_as_srt("interview_webvtt.srt")
