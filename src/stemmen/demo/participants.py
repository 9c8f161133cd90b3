"""The 54 end users of the study, matching the report's partial profile tables.

The report (section 1.3.2) gives 30 men with mean age 34.93 and 24 women with mean age 32.60,
and three tables that cover only part of the participants: country of birth (34 people),
highest diploma (13) and years in Belgium (24). The demo reproduces those counts exactly and
leaves the other values missing (None), as in the report. Ages are whole years; 24 whole ages
cannot average 32.60, so four women's ages are missing too (20 known, sum 652).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from stemmen.demo.interviews import SITES, Interview, Site
from stemmen.demo.sources import read_rows
from stemmen.model.documents import Participant


@dataclass
class _Person:
    pseudonym: str
    case: str
    documents: list[str] = field(default_factory=list)
    demographics: dict[str, object] = field(default_factory=dict)


def profile_table(table: str) -> list[tuple[str, int]]:
    """(value, count) rows of one table in profile_tables.csv, in the report's order."""
    return [(r["value"], int(r["count"])) for r in read_rows("profile_tables.csv")
            if r["table"] == table]


def profile_ages() -> dict[str, tuple[int, float]]:
    """Gender → (count, published mean age)."""
    return {r["gender"]: (int(r["count"]), float(r["mean_age"]))
            for r in read_rows("profile_ages.csv")}


def _known_ages(count: int, mean: float) -> int:
    """The largest number of whole ages (≤ count) whose mean rounds to ``mean``."""
    for n in range(count, 0, -1):
        if round(round(n * mean) / n, 2) == round(mean, 2):
            return n
    raise ValueError(f"no whole ages average {mean}")


def _ages(rng: random.Random, n: int, mean: float, low: int = 19, high: int = 62) -> list[int]:
    """``n`` whole ages between low and high whose sum is round(n * mean)."""
    target = round(n * mean)
    ages = [rng.randint(low + 3, high - 12) for _ in range(n)]
    while (diff := target - sum(ages)) != 0:
        i = rng.randrange(n)
        step = 1 if diff > 0 else -1
        if low <= ages[i] + step <= high:
            ages[i] += step
    return ages


def _site_people(site: Site, interviews: list[Interview], extra_new: int,
                 rng: random.Random) -> list[_Person]:
    """People of one OCMW: wave-1 focus group, newcomers in wave 2, the late entrant."""
    mine = [iv for iv in interviews if iv.site is site]
    fg1 = next(iv for iv in mine if iv.type == "Focusgroep eindgebruikers" and iv.wave == 1)
    fg2 = next(iv for iv in mine if iv.type == "Focusgroep eindgebruikers" and iv.wave == 2)
    single = next(iv for iv in mine if iv.type == "Individueel eindgebruiker")
    late = next(iv for iv in mine if iv.type == "Individueel late instapper")
    new = max(0, fg2.size - fg1.size) + extra_new
    people = [_Person(f"EG-{site.short}-{i + 1:02d}", site.case)
              for i in range(fg1.size + new + 1)]
    first, newcomers, late_one = people[:fg1.size], people[fg1.size:-1], people[-1]
    for person in first:
        person.documents.append(fg1.name)
    returning = rng.sample(first, fg2.size - new)
    for person in sorted(returning + newcomers, key=lambda p: p.pseudonym):
        person.documents.append(fg2.name)
    not_back = [p for p in first if p not in returning] or first
    rng.choice(not_back).documents.append(single.name)
    late_one.documents.append(late.name)
    return people


def _extra_new(interviews: list[Interview], total: int) -> dict[str, int]:
    """Spread the wave-2 newcomers that the group sizes do not force, one per OCMW in turn."""
    def size(site: Site, wave: int) -> int:
        return next(iv.size for iv in interviews if iv.site is site and iv.wave == wave
                    and iv.type == "Focusgroep eindgebruikers")
    forced = sum(size(s, 1) + max(0, size(s, 2) - size(s, 1)) + 1 for s in SITES)
    extra = {s.case: 0 for s in SITES}
    for i in range(total - forced):
        extra[SITES[i % len(SITES)].case] += 1
    return extra


def _fill(people: list[_Person], key: str, table: list[tuple[str, int]],
          rng: random.Random) -> None:
    values: list[object] = [v for v, n in table for _ in range(n)]
    rng.shuffle(values)
    for i, person in enumerate(people):
        value = values[i] if i < len(values) else None
        if key == "years_in_belgium" and value is not None:
            value = int(str(value))
        person.demographics[key] = value


def build_participants(interviews: list[Interview], seed: int) -> list[Participant]:
    """54 pseudonymised end users, each linked to their OCMW and end-user interviews."""
    rng = random.Random(f"{seed}/participants")
    ages = profile_ages()
    total = sum(count for count, _ in ages.values())
    extra = _extra_new(interviews, total)
    people = [p for site in SITES
              for p in _site_people(site, interviews, extra[site.case], rng)]
    genders = [g for g, (count, _) in ages.items() for _ in range(count)]
    rng.shuffle(genders)
    # Completeness order: the first people filled in most of the profile form.
    order = people[:]
    rng.shuffle(order)
    for person, gender in zip(people, genders, strict=True):
        person.demographics = {"gender": gender, "age": None}
    for gender, (count, mean) in ages.items():
        members = [p for p in order if p.demographics["gender"] == gender]
        known = _known_ages(count, mean)
        for person, age in zip(members[:known], _ages(rng, known, mean), strict=True):
            person.demographics["age"] = age
    _fill(order, "country_of_birth", profile_table("country_of_birth"), rng)
    _fill(order, "diploma", profile_table("diploma"), rng)
    _fill(order, "years_in_belgium", profile_table("years_in_belgium"), rng)
    return [Participant(p.pseudonym, p.case, tuple(p.documents), dict(p.demographics))
            for p in people]


def speakers_by_document(participants: list[Participant]) -> dict[str, list[Participant]]:
    """Document name → its participants in pseudonym order ("Deelnemer 1" is the first)."""
    found: dict[str, list[Participant]] = {}
    for person in sorted(participants, key=lambda p: p.pseudonym):
        for name in person.documents:
            found.setdefault(name, []).append(person)
    return found
