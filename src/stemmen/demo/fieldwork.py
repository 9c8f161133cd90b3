"""The demo's fieldwork: the interviews as planned (one per row of the published list, with
the people invited: wave-2 focus groups re-invite the wave-1 group) and consent per
participant (given on the day of their first interview, on the form of its language).
Synthetic, like the participants."""

from __future__ import annotations

from typing import Any

from stemmen.demo.interviews import Interview
from stemmen.model.documents import Participant

FORM = {"nl": "toestemming-nl v1", "fr": "consentement-fr v1"}


def planned_interviews(interviews: list[Interview], people: list[Participant]
                       ) -> list[dict[str, Any]]:
    """One planned interview per interview held, with the pseudonyms invited."""
    by_doc: dict[str, list[str]] = {}
    for person in sorted(people, key=lambda p: p.pseudonym):
        for document in person.documents:
            by_doc.setdefault(document, []).append(person.pseudonym)
    plans = []
    for iv in interviews:
        invited = list(by_doc.get(iv.name, []))
        if iv.wave == 2 and iv.type == "Focusgroep eindgebruikers":
            first = next(other for other in interviews if other.site is iv.site
                         and other.wave == 1 and other.type == iv.type)
            invited = sorted(set(invited) | set(by_doc.get(first.name, [])))
        plans.append({"name": f"Gepland: {iv.name}", "case": iv.site.case, "type": iv.type,
                      "wave": iv.wave, "date": iv.date, "participants": invited,
                      "note": "Uitnodiging via het OCMW (synthetisch)."})
    return plans


def consents(interviews: list[Interview], people: list[Participant]
             ) -> list[tuple[str, Any, str]]:
    """(pseudonym, date given, form version) for everyone: their first interview's day."""
    by_name = {iv.name: iv for iv in interviews}
    found = []
    for person in people:
        mine = sorted((by_name[d] for d in person.documents if d in by_name),
                      key=lambda iv: iv.date)
        if mine:
            found.append((person.pseudonym, mine[0].date, FORM[mine[0].language]))
    return found
