"""How the AMIF-42 codebook developed, as steps the demo replays: the pilot codebook, five
codes added after wave 1 at the expert panel's request, and 'visie en beleid' merged into
'impact op de OCMW-werking' (the code O-OCMW) because their definitions overlapped.

:func:`pilot_snapshot` turns the final demo snapshot into the pilot one (the five codes and
their codings held back, a share of O-OCMW's codings on 'visie en beleid'); the project then
replays the steps so that the history holds real entries and the final codebook and codings are
exactly the published ones.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from stemmen.demo.ids import guid
from stemmen.model.codes import Code
from stemmen.model.codings import Coding
from stemmen.model.snapshot import ProjectSnapshot

ADDED_AFTER_WAVE_1 = ("M-andere", "M-covid-19", "O-covid-19", "A-covid-19", "S-covid-19")
MERGED = "visie en beleid"
MERGED_INTO = "O-OCMW"
MERGED_DEFINITION = ("Visie en beleid van het OCMW op de begeleiding van erkende "
                     "vluchtelingen.")
PANEL = "expertpanel"


@dataclass(frozen=True)
class Step:
    """A named version of the codebook, frozen after the changes before it."""

    version: str
    note: str


PILOT = Step("pilot", "Codeboek van de pilootfase, vóór golf 1 (mei 2021).")
AFTER_WAVE_1 = Step("na golf 1", "Vijf codes toegevoegd na golf 1, op vraag van het "
                    "expertpanel (september 2021).")
FINAL = Step("definitief", "'visie en beleid' samengevoegd met 'impact op de OCMW-werking' "
             "(O-OCMW); het gepubliceerde codeboek van 39 codes.")

ADD_REASONS = {
    "M-andere": "Methodieken die in golf 1 genoemd werden maar onder geen code vielen.",
    "M-covid-19": "Golf 1 toonde de impact van corona op de methodieken.",
    "O-covid-19": "Golf 1 toonde de impact van corona op de OCMW-werking.",
    "A-covid-19": "Golf 1 toonde de impact van corona op de activering.",
    "S-covid-19": "Golf 1 toonde de impact van corona op het sociaal netwerk.",
}
MERGE_REASON = "De definities van beide codes overlapten."


def pilot_snapshot(snap: ProjectSnapshot) -> tuple[ProjectSnapshot, list[Code], list[Coding]]:
    """The pilot project: without the five codes added after wave 1 (returned, with their
    codings, to add later) and with 'visie en beleid' holding every third O-OCMW coding."""
    added = [c for c in snap.codes if c.name in ADDED_AFTER_WAVE_1]
    held = [c for c in snap.codings if c.code in ADDED_AFTER_WAVE_1]
    codes: list[Code] = []
    for code in snap.codes:
        if code.name in ADDED_AFTER_WAVE_1:
            continue
        codes.append(code)
        if code.name == MERGED_INTO:
            codes.append(Code(name=MERGED, guid=guid("code", MERGED), category=code.category,
                              definition=MERGED_DEFINITION, colour=code.colour))
    codings = []
    seen = 0
    for coding in snap.codings:
        if coding.code in ADDED_AFTER_WAVE_1:
            continue
        if coding.code == MERGED_INTO:
            seen += 1
            if seen % 3 == 0:
                coding = replace(coding, code=MERGED)
        codings.append(coding)
    return replace(snap, codes=codes, codings=codings), added, held
