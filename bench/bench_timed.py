"""Timed transcripts and speakers (issue 17, part 3): the time of reading a two-hour WebVTT
file and of the speaker actions on it, on SQLite (a temporary project).

    .venv/bin/python bench/bench_timed.py [--cues 2400] [--repeat 5]

Timed (median of --repeat runs, milliseconds):
- ``read .vtt``: the file (2,400 cues of 3 s, four speakers, voice tags) to paragraphs and
  turns, without the database;
- ``import``: ``documents.import_files`` of that file (text and turns written);
- ``paragraph_times``: every paragraph with speaker and times (what `documents show --json`
  and the player ask for);
- ``apply_turns``: every turn of one speaker coded (fresh code each run);
- ``retrieve --speaker``: the segments of that code said by one speaker.
The interview is SYNTHETIC (random words).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import stemmen
from stemmen.formats.transcripts import read_transcript

WORDS = ("de", "taal", "cursus", "werk", "tolk", "begeleider", "stress", "centrum", "café",
         "ja", "nee", "misschien", "école", "buurt", "vriendin", "😀")
SPEAKERS = ("Interviewer", "Deelnemer 1", "Deelnemer 2", "Tolk")


def vtt(cues: int, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    out = ["WEBVTT", ""]
    speaker = SPEAKERS[0]
    for i in range(cues):
        if rnd.random() < 0.4:
            speaker = rnd.choice(SPEAKERS)
        start, end = i * 3000, i * 3000 + 2900
        clock = [f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}."
                 f"{ms % 1000:03d}" for ms in (start, end)]
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 14)))
        out += [str(i + 1), f"{clock[0]} --> {clock[1]}", f"<v {speaker}>{words}.", ""]
    return "\n".join(out).encode()


def median_ms(action: Callable[[int], object], repeat: int) -> float:
    times = []
    for run in range(repeat):
        began = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cues", type=int, default=2400)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = vtt(args.cues)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "interview.vtt"
        source.write_bytes(data)
        p = stemmen.create_project(Path(folder) / "bench.stemmen", actor="bench")
        turns = len(read_transcript("interview.vtt", data).turns)
        rows = {"read .vtt": median_ms(lambda _: read_transcript("interview.vtt", data),
                                       args.repeat)}

        def import_once(run: int) -> None:
            copy = Path(folder) / f"interview{run}.vtt"
            copy.write_bytes(data)
            p.documents.import_files([copy])

        rows["import"] = median_ms(import_once, args.repeat)
        rows["paragraph_times"] = median_ms(lambda _: p.media.paragraph_times("interview0"),
                                            args.repeat)
        for run in range(args.repeat):
            p.codebook.add(f"Vraag {run}")
        rows["apply_turns"] = median_ms(
            lambda run: p.codings.apply_turns(["interview0"], "Interviewer", f"Vraag {run}"),
            args.repeat)
        rows["retrieve --speaker"] = median_ms(
            lambda _: p.segments.retrieve(["Vraag 0"], speakers=["Interviewer"]), args.repeat)
        said = len(p.segments.retrieve(["Vraag 0"], speakers=["Interviewer"]))
        p.close()
    print(f"{args.cues} cues, {len(data) // 1024} KB, {turns} turns; "
          f"{said} turns of Interviewer coded")
    print("| action | ms |\n| --- | --- |")
    for name, ms in rows.items():
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
