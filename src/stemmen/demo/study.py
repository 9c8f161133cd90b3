"""``build_demo_study``: the AMIF-42 impact evaluation as a synthetic, deterministic project."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from stemmen.demo.codebook import build_codebook
from stemmen.demo.coding import (
    DISAGREEMENTS,
    DOUBLE_CODED,
    DOUBLE_CODED_PARAGRAPHS,
    FIRST_CODER,
    SECOND_CODER,
    code_fully,
    second_coder,
)
from stemmen.demo.ids import guid
from stemmen.demo.interviews import attribute_defs, build_cases, load_interviews
from stemmen.demo.participants import build_participants, speakers_by_document
from stemmen.demo.quotes import place_quotes
from stemmen.demo.sources import phrasebook, published_quotes, read_rows
from stemmen.demo.transcripts import Transcript, write_transcript
from stemmen.model.codings import Memo
from stemmen.model.documents import Document
from stemmen.model.snapshot import CodeSet, ProjectSnapshot
from stemmen.model.text import paragraphs

PROJECT_NAME = "AMIF-42 impactevaluatie (synthetische demo)"

_ABOUT = """Dit project is SYNTHETISCH: het bevat geen echte interviews of echte personen.
Ce projet est SYNTHÉTIQUE : il ne contient ni vrais entretiens ni vraies personnes.

Echt (gepubliceerd) zijn: het codeboek (39 codes in 11 categorieën), de lijst van 31
interviews (28/05/21-26/10/21), de 93 citaten uit het eindrapport en de profieltabellen van de
deelnemers (30 mannen, gemiddeld 34,93 jaar; 24 vrouwen, gemiddeld 32,60 jaar; geboorteland,
diploma en jaren in België voor een deel van de deelnemers).

Gegenereerd (seed {seed}) zijn: de transcripten, de 54 deelnemers met pseudoniemen, de codering
door "an" (alles, per paragraaf) en door "bert" (twee focusgroepen, voor de
intercodeerbetrouwbaarheid). De gepubliceerde citaten staan letterlijk in de transcripten; het
rapport geeft citaten uit Franstalige interviews in Nederlandse vertaling, zo staan ze er ook.
Leeftijden zijn hele jaren: van vier vrouwen ontbreekt de leeftijd, zodat het gemiddelde van de
overige twintig precies 32,60 is."""

_RELIABILITY = """Dubbel gecodeerd door an en bert, onafhankelijk van elkaar, samen met
"{other}". Lessen uit het rapport: een segment moet met zijn context gecodeerd worden (vier
verschillen kwamen van te kort gemarkeerde paragrafen) en overlappende codedefinities leiden tot
verschillen (bv. T-mondeling en S-communicatie)."""


def _documents(transcripts: list[Transcript]) -> list[Document]:
    return [
        Document(name=t.interview.name, text=t.text, guid=guid("document", t.interview.name),
                 case=t.interview.site.case, attributes=t.interview.attributes(),
                 source_format="txt")
        for t in transcripts
    ]


def _memo(title: str, text: str, when: dt.datetime, **where: Any) -> Memo:
    return Memo(text=text, author=FIRST_CODER, title=title, created_at=when,
                guid=guid("memo", title), **where)


def build_memos(seed: int) -> list[Memo]:
    """A project memo, a reliability memo, a code memo, good practices and recommendations."""
    memos = [
        _memo("Over dit demoproject / À propos de ce projet", _ABOUT.format(seed=seed),
              dt.datetime(2021, 5, 20, 9, 0)),
        _memo("Intercodeerbetrouwbaarheid", _RELIABILITY.format(other=DOUBLE_CODED[1]),
              dt.datetime(2021, 7, 20, 16, 0), document=DOUBLE_CODED[0]),
        _memo("Samengevoegde code", "De code 'visie en beleid' werd samengevoegd met "
              "'impact op de OCMW-werking' omdat de definities overlapten.",
              dt.datetime(2021, 9, 2, 11, 0), code="O-OCMW"),
    ]
    practices: dict[str, list[str]] = {}
    for row in read_rows("good_practices.csv"):
        practices.setdefault(row["case"], []).append(row["practice"])
    for day, (case, items) in enumerate(practices.items(), start=13):
        text = "\n".join(f"- {item}" for item in items)
        memos.append(_memo(f"Goede praktijken {case}", text, dt.datetime(2021, 12, day, 10)))
    levels: dict[str, list[str]] = {}
    for row in read_rows("recommendations.csv"):
        levels.setdefault(row["level"], []).append(row["recommendation"])
    text = "\n".join(f"{level}:\n" + "\n".join(f"- {r}" for r in items)
                     for level, items in levels.items())
    memos.append(_memo("Beleidsaanbevelingen", text, dt.datetime(2022, 1, 10, 10)))
    return memos


def build_demo_study(seed: int = 42) -> ProjectSnapshot:
    """The AMIF-42 study as a synthetic project; the same seed gives an identical snapshot."""
    interviews = load_interviews()
    participants = build_participants(interviews, seed)
    speakers = speakers_by_document(participants)
    placed = place_quotes(published_quotes(), interviews, seed)
    book = phrasebook()
    transcripts = [
        write_transcript(iv, book, speakers.get(iv.name, []), placed[iv.name], seed,
                         coded=DOUBLE_CODED_PARAGRAPHS if iv.name in DOUBLE_CODED else None)
        for iv in interviews
    ]
    codings = [c for t in transcripts for c in code_fully(t, FIRST_CODER)]
    for kinds, name in zip(DISAGREEMENTS, DOUBLE_CODED, strict=True):
        transcript = next(t for t in transcripts if t.interview.name == name)
        codings.extend(second_coder(transcript, kinds, seed, SECOND_CODER))
    categories, codes = build_codebook()
    return ProjectSnapshot(
        name=PROJECT_NAME,
        coders=[FIRST_CODER, SECOND_CODER],
        categories=categories,
        codes=codes,
        attributes=attribute_defs(),
        cases=build_cases(),
        documents=_documents(transcripts),
        participants=participants,
        codings=codings,
        memos=build_memos(seed),
        sets=[CodeSet("Dubbel gecodeerd (an, bert)", guid("set", "double-coded"),
                      "De twee focusgroepen voor de intercodeerbetrouwbaarheid.",
                      documents=list(DOUBLE_CODED))],
        report=[f"Synthetic demo project built by stemmen.demo (seed {seed})."],
    )


def describe_demo(snapshot: ProjectSnapshot) -> dict[str, Any]:
    """Counts that summarise a (demo) snapshot, for tours, logs and tests."""
    coders_per_doc: dict[str, set[str]] = {}
    for coding in snapshot.codings:
        coders_per_doc.setdefault(coding.document, set()).add(coding.coder)
    return {
        "name": snapshot.name,
        "documents": len(snapshot.documents),
        "cases": len(snapshot.cases),
        "categories": len(snapshot.categories),
        "codes": len(snapshot.codes),
        "attributes": len(snapshot.attributes),
        "participants": len(snapshot.participants),
        "paragraphs": sum(len(paragraphs(d.text)) for d in snapshot.documents),
        "codings": len(snapshot.codings),
        "codings_by_coder": dict(sorted(Counter(c.coder for c in snapshot.codings).items())),
        "memos": len(snapshot.memos),
        "languages": dict(sorted(Counter(d.attributes.get("language")
                                         for d in snapshot.documents).items())),
        "double_coded": sorted(d for d, coders in coders_per_doc.items() if len(coders) > 1),
    }
