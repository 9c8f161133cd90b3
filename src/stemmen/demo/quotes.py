"""Where each published quote goes: one interview of its OCMW with a matching role."""

from __future__ import annotations

import random

from stemmen.demo.interviews import END_USER_TYPES, Interview
from stemmen.demo.sources import Quote

# How many quotes an interview of each type comfortably holds, relative to the others.
_CAPACITY = {
    "Focusgroep eindgebruikers": 3.0,
    "Individueel eindgebruiker": 1.0,
    "Individueel late instapper": 0.5,
    "Focusgroep hulpverleners": 1.0,
    "Bilateraal": 1.0,
}


def _candidates(quote: Quote, interviews: list[Interview]) -> list[Interview]:
    """Interviews of the quote's OCMW whose people could have said it."""
    mine = [iv for iv in interviews if iv.site.case == quote.org]
    role = quote.role.lower()
    if role.startswith("hulpverlen"):
        return [iv for iv in mine if iv.type == "Focusgroep hulpverleners"]
    if "verantwoordelijke" in role:
        leads = [iv for iv in mine if iv.type == "Bilateraal"]
        return [iv for iv in leads if iv.role == "Projectverantwoordelijke"] or leads
    if "focusgroep" in role:
        return [iv for iv in mine if iv.type == "Focusgroep eindgebruikers"]
    return [iv for iv in mine if iv.type in END_USER_TYPES]


def _is_wave_two_topic(quote: Quote) -> bool:
    """Corona and aftercare were only asked about in the second wave."""
    return any("covid" in c or c.startswith("N-") for c in quote.codes)


def place_quotes(quotes: list[Quote], interviews: list[Interview],
                 seed: int) -> dict[str, list[Quote]]:
    """Interview name → the quotes woven into it; every quote is placed exactly once."""
    rng = random.Random(f"{seed}/quotes")
    placed: dict[str, list[Quote]] = {iv.name: [] for iv in interviews}
    for quote in quotes:
        options = _candidates(quote, interviews)
        if not options:
            raise ValueError(f"no interview for quote {quote.number} ({quote.role}, {quote.org})")
        if _is_wave_two_topic(quote) and any(iv.wave == 2 for iv in options):
            options = [iv for iv in options if iv.wave == 2]
        load = {iv.name: len(placed[iv.name]) / _CAPACITY[iv.type] for iv in options}
        lowest = min(load.values())
        chosen = rng.choice([iv for iv in options if load[iv.name] == lowest])
        placed[chosen.name].append(quote)
    return placed
