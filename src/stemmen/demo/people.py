"""Participants of every kind in the demo: caseworkers and managers beside the 54 end users,
each with a role, and the speaker label every participant has in each transcript; the late
entrants with the wave they joined and whom they replaced. Synthetic, like the transcripts.
"""

from __future__ import annotations

from stemmen.demo.interviews import SITE_BY_CASE, SITES, Interview
from stemmen.model.documents import AttributeDef, AttributeType, Participant

ROLE = "role"
JOINED_WAVE = "joined_wave"
REPLACES = "replaces"
END_USER = "Eindgebruiker"
CASEWORKER = "Hulpverlener"
PERSON_ROLES = (END_USER, CASEWORKER, "OCMW-verantwoordelijke", "Projectverantwoordelijke")
FUNCTION = "function"
FUNCTIONS = ("AMIF-projectwerker", "ATB-begeleider", "Sociale dienst", "Signaalwerker", "Tolk",
             "Taalleraar", "Buurtwerker", "Jeugdwerker", "Cultuurwerker")
"""The nine kinds of caseworker the study's sampling criteria ask for (report, 1.2)."""


def person_attributes() -> list[AttributeDef]:
    """The participant attributes the study around the coding adds."""
    return [
        AttributeDef(ROLE, AttributeType.CHOICE, PERSON_ROLES, "participant",
                     "Rol van de deelnemer"),
        AttributeDef(JOINED_WAVE, AttributeType.NUMBER, (), "participant",
                     "Golf waarin een late instapper instapte"),
        AttributeDef(REPLACES, AttributeType.TEXT, (), "participant",
                     "Wie de late instapper verving"),
        AttributeDef(FUNCTION, AttributeType.CHOICE, FUNCTIONS, "participant",
                     "Functie van de hulpverlener"),
    ]


def speaker_labels(interview: Interview) -> list[str]:
    """The labels of the people who speak in the transcript, as the transcript writes them
    (see :mod:`stemmen.demo.transcripts`): "Deelnemer 1".."Deelnemer n", "Hulpverlener 3",
    "Verantwoordelijke", "Participant"."""
    fr = interview.language == "fr"
    if interview.type == "Bilateraal":
        if interview.role == "Projectverantwoordelijke":
            return ["Responsable de projet" if fr else "Projectverantwoordelijke"]
        return ["Responsable" if fr else "Verantwoordelijke"]
    word = ("Participant" if fr else "Deelnemer") if interview.voice == "eg" else (
        "Intervenant" if fr else "Hulpverlener")
    if not interview.is_group:
        return [word]
    return [f"{word} {k}" for k in range(1, interview.size + 1)]


def staff(interviews: list[Interview]) -> list[Participant]:
    """Caseworkers of each caseworkers' focus group and the managers of the bilateral
    interviews, as participants with a role (no demographics: the report profiles end
    users only)."""
    people = []
    n = 0
    for iv in interviews:
        if iv.voice == "eg":
            continue
        short = SITE_BY_CASE[iv.site.case].short
        if iv.type == "Bilateraal":
            prefix = "PV" if iv.role == "Projectverantwoordelijke" else "VW"
            people.append(Participant(f"{prefix}-{short}", iv.site.case, (iv.name,),
                                      {ROLE: iv.role}))
            continue
        for k in range(1, iv.size + 1):
            people.append(Participant(f"HV-{short}-{k:02d}", iv.site.case, (iv.name,),
                                      {ROLE: CASEWORKER,
                                       FUNCTION: FUNCTIONS[n % len(FUNCTIONS)]}))
            n += 1
    return people


def speaker_links(interviews: list[Interview], participants: list[Participant]
                  ) -> list[tuple[str, str, str]]:
    """(pseudonym, document, speaker label) for every participant in every transcript: the
    k-th participant of a document by pseudonym is its k-th label."""
    by_doc: dict[str, list[str]] = {}
    for person in sorted(participants, key=lambda p: p.pseudonym):
        for document in person.documents:
            by_doc.setdefault(document, []).append(person.pseudonym)
    found = []
    for iv in interviews:
        labels = speaker_labels(iv)
        for pseudonym, label in zip(by_doc.get(iv.name, []), labels, strict=False):
            found.append((pseudonym, iv.name, label))
    return found


def late_entrants(interviews: list[Interview], participants: list[Participant]
                  ) -> list[tuple[str, int, str | None]]:
    """(late entrant, joined wave, whom they replaced) per OCMW: the person of the
    late-entrant interview took the place of the first wave-1 focus-group participant who did
    not come back to the wave-2 group."""
    found = []
    for site in SITES:
        mine = [iv for iv in interviews if iv.site is site]
        late = next(iv for iv in mine if iv.type == "Individueel late instapper")
        group1, group2 = (next(iv.name for iv in mine if iv.wave == wave
                               and iv.type == "Focusgroep eindgebruikers") for wave in (1, 2))
        entrant = next(p for p in participants if late.name in p.documents)
        gone = sorted(p.pseudonym for p in participants
                      if group1 in p.documents and group2 not in p.documents)
        found.append((entrant.pseudonym, late.wave, gone[0] if gone else None))
    return found
