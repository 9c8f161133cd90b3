"""Codings: coder "an" codes everything by paragraph; "bert" double-codes two focus groups.

Bert's disagreements follow the lessons the study recorded: segments marked too short (one
sentence without its context, then read differently), codes missed, and overlapping code
definitions (e.g. T-mondeling where An chose S-communicatie).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from stemmen.demo.ids import guid
from stemmen.demo.transcripts import Paragraph, Transcript
from stemmen.model.codings import Coding

ParagraphTest = Callable[[Paragraph], bool]
"""Whether a paragraph suits one kind of disagreement."""

FIRST_CODER, SECOND_CODER = "an", "bert"
DOUBLE_CODED = ("FG hulpverleners Antwerpen 2021-06-10", "FG eindgebruikers Gent 2021-06-21")
DOUBLE_CODED_PARAGRAPHS = 51  # coded paragraphs per double-coded document: 102 in total
# Kinds of disagreement per double-coded document (12 paragraphs in all, 4 too short).
DISAGREEMENTS = (
    ("short", "short", "swap", "swap", "swap", "missed"),
    ("short", "short", "swap", "swap", "swap", "extra"),
)

# Codes whose definitions overlap, so that a second coder may pick one for the other.
PARTNER = {
    "T-mondeling": "S-communicatie", "S-communicatie": "T-mondeling",
    "T-schriftelijk": "M-taal", "M-taal": "T-mondeling",
    "S-sociale vaardigheden": "S-communicatie",
    "R-tolk": "M-tolken", "M-tolken": "R-tolk",
    "R-int. bemiddelaar": "M-int. bemiddeling", "M-int. bemiddeling": "R-int. bemiddelaar",
    "Z- zelfredzaamheid": "Z-zelfvertrouwen", "Z-zelfvertrouwen": "Z- zelfredzaamheid",
    "M-vrijwilligers": "A-activering", "A-activering": "M-vrijwilligers",
    "M-digitale kennis": "D-PC", "D-PC": "M-digitale kennis",
    "D- smartphone": "D-internet", "D-internet": "D- smartphone", "D-mail": "D-internet",
    "M-ind. begeleiding": "M-collect. begeleiding",
    "M-collect. begeleiding": "S-sociale vaardigheden",
    "M-telefoneren": "M-ind. begeleiding", "M-artistiek": "M-collect. begeleiding",
    "M-andere": "M-ind. begeleiding", "M-wisselwerking": "O-OCMW",
    "O-OCMW": "M-wisselwerking", "O-opl. Hulpv.": "O-OCMW",
    "N-begeleiding": "N-communicatie", "N-communicatie": "N-begeleiding",
    "R-oriëntatie": "R-verwelkoming", "R-verwelkoming": "R-oriëntatie",
    "R-inburgering": "R-taalniveau", "R-taalniveau": "R-inburgering",
    "A-kinderopvang": "A-activering", "G-gezondheid": "Z-zelfvertrouwen",
    "T-covid-19": "M-covid-19", "M-covid-19": "O-covid-19", "O-covid-19": "M-covid-19",
    "S-covid-19": "A-covid-19", "A-covid-19": "S-covid-19",
}


def _when(date: dt.date, days: int, hour: int, step: int) -> dt.datetime:
    """A fixed, naive timestamp: ``days`` after the interview, ``step`` minutes into a session."""
    start = dt.datetime.combine(date + dt.timedelta(days=days), dt.time(hour, 0))
    return start + dt.timedelta(minutes=step)


def _coding(doc: str, start: int, end: int, code: str, coder: str,
            at: dt.datetime) -> Coding:
    return Coding(doc, start, end, code, coder, at, guid("coding", coder, doc, start, end, code))


def code_fully(transcript: Transcript, coder: str = FIRST_CODER) -> list[Coding]:
    """Every coded paragraph with its true codes, each coding spanning the whole paragraph."""
    iv = transcript.interview
    days = 10 + iv.number % 9
    return [
        _coding(iv.name, p.start, p.end, code, coder, _when(iv.date, days, 9, p.index))
        for p in transcript.paragraphs for code in p.codes
    ]


def _pick(pool: list[Paragraph], used: set[int], test: ParagraphTest) -> Paragraph:
    """The first unused paragraph that passes ``test``, preferring those with two codes."""
    for wanted in (2, 1):
        for paragraph in pool:
            if paragraph.index not in used and len(paragraph.codes) >= wanted and test(paragraph):
                used.add(paragraph.index)
                return paragraph
    raise ValueError("no paragraph fits this kind of disagreement")


def _disagree(kind: str, paragraph: Paragraph,
              rng: random.Random) -> list[tuple[int, int, str]]:
    """Bert's (start, end, code) codings for a paragraph on which the coders differ."""
    whole = (paragraph.start, paragraph.end)
    codes = paragraph.codes
    if kind == "short":
        # One sentence marked without its context, then read as a neighbouring code.
        content = [s for s in paragraph.sentences if s[2]] or list(paragraph.sentences)
        start, end, code = rng.choice(content[1:] or content)
        return [(start, end, PARTNER[code or rng.choice(codes)])]
    if kind == "swap":
        return [(*whole, c) for c in dict.fromkeys(PARTNER[code] for code in codes)]
    if kind == "missed":
        return [(*whole, codes[0])]
    return [(*whole, c) for c in dict.fromkeys((*codes, PARTNER[codes[0]]))]  # extra


def _tests(kind: str) -> ParagraphTest:
    if kind == "short":
        return lambda p: (len([s for s in p.sentences if s[2] or p.kind == "quote"]) >= 2
                          and all(PARTNER[c] not in p.codes for c in p.codes))
    if kind == "missed":
        return lambda p: len(p.codes) >= 2
    if kind == "extra":
        return lambda p: len(p.codes) == 1 and PARTNER[p.codes[0]] not in p.codes
    return lambda p: all(PARTNER[c] not in p.codes for c in p.codes)


def second_coder(transcript: Transcript, kinds: tuple[str, ...], seed: int,
                 coder: str = SECOND_CODER) -> list[Coding]:
    """Bert's independent coding of a whole document, differing on ``len(kinds)`` paragraphs."""
    iv = transcript.interview
    rng = random.Random(f"{seed}/{coder}/{iv.name}")
    pool = [p for p in transcript.paragraphs if p.codes and p.kind in ("answer", "quote")]
    rng.shuffle(pool)
    used: set[int] = set()
    differing: dict[int, list[tuple[int, int, str]]] = {}
    for kind in kinds:
        paragraph = _pick(pool, used, _tests(kind))
        differing[paragraph.index] = _disagree(kind, paragraph, rng)
    codings: list[Coding] = []
    for p in transcript.paragraphs:
        spans = differing.get(p.index, [(p.start, p.end, code) for code in p.codes])
        at = _when(iv.date, 24, 14, p.index)
        codings.extend(_coding(iv.name, a, b, code, coder, at) for a, b, code in spans)
    return codings
