"""Fieldwork: interviews planned (case, type, wave, date, planned participants) against the
interviews held (documents), and consent per participant.

A planned interview is held by the document linked to it, or else by a document of the same
case, type and wave that no other plan claims (the closest date first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PlannedInterview:
    name: str
    case: str | None
    type: str
    wave: str
    date: dt.date | None = None
    participants: tuple[str, ...] = ()
    document: str | None = None  # linked explicitly
    note: str = ""
    held_by: str | None = None  # the document that holds it (linked or matched)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "case": self.case, "type": self.type, "wave": self.wave,
                "date": self.date.isoformat() if self.date else None,
                "participants": list(self.participants), "document": self.document,
                "held_by": self.held_by, "note": self.note}


@dataclass(frozen=True)
class HeldInterview:
    """A document as fieldwork sees it."""

    name: str
    case: str | None
    type: str
    wave: str
    date: dt.date | None = None


@dataclass(frozen=True)
class FieldworkRow:
    """Planned, held and missing interviews of one case, type and wave."""

    case: str | None
    type: str
    wave: str
    planned: tuple[str, ...]
    held: tuple[str, ...]  # documents that hold a plan
    missing: tuple[str, ...]  # plans no document holds
    unplanned: tuple[str, ...]  # documents no plan asked for

    def as_dict(self) -> dict[str, Any]:
        return {"case": self.case, "type": self.type, "wave": self.wave,
                "planned": list(self.planned), "held": list(self.held),
                "missing": list(self.missing), "unplanned": list(self.unplanned)}


@dataclass(frozen=True)
class Consent:
    participant: str
    given_on: dt.date | None = None
    form_version: str = ""
    withdrawn_on: dt.date | None = None
    note: str = ""

    @property
    def state(self) -> str:
        if self.withdrawn_on is not None:
            return "withdrawn"
        return "given" if self.given_on is not None else "unknown"

    def as_dict(self) -> dict[str, Any]:
        return {"participant": self.participant,
                "given_on": self.given_on.isoformat() if self.given_on else None,
                "form_version": self.form_version,
                "withdrawn_on": self.withdrawn_on.isoformat() if self.withdrawn_on else None,
                "note": self.note, "state": self.state}


@dataclass(frozen=True)
class Fieldwork:
    """The overview: rows per case, type and wave; plans with the document that holds them;
    participants without a recorded consent."""

    rows: tuple[FieldworkRow, ...]
    plans: tuple[PlannedInterview, ...]
    no_consent: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()

    @property
    def totals(self) -> dict[str, int]:
        return {k: sum(len(getattr(r, k)) for r in self.rows)
                for k in ("planned", "held", "missing", "unplanned")}

    def as_dict(self) -> dict[str, Any]:
        return {"totals": self.totals, "rows": [r.as_dict() for r in self.rows],
                "plans": [p.as_dict() for p in self.plans],
                "no_consent": list(self.no_consent), "withdrawn": list(self.withdrawn)}


def _distance(plan: PlannedInterview, doc: HeldInterview) -> int:
    if plan.date is None or doc.date is None:
        return 10**6
    return abs((plan.date - doc.date).days)


def match(plans: Sequence[PlannedInterview], held: Sequence[HeldInterview]
          ) -> list[PlannedInterview]:
    """Each plan with the document that holds it (``held_by``): its linked document, else
    the nearest unclaimed document of the same case, type and wave."""
    from dataclasses import replace

    names = {d.name for d in held}
    claimed = {p.document for p in plans if p.document in names}
    out = []
    for plan in plans:
        if plan.document in names:
            out.append(replace(plan, held_by=plan.document))
            continue
        options = sorted((d for d in held if d.name not in claimed and d.case == plan.case
                          and d.type == plan.type and d.wave == plan.wave),
                         key=lambda d: (_distance(plan, d), d.name))
        if options:
            claimed.add(options[0].name)
            out.append(replace(plan, held_by=options[0].name))
        else:
            out.append(replace(plan, held_by=None))
    return out


def overview(plans: Sequence[PlannedInterview], held: Sequence[HeldInterview]
             ) -> tuple[list[FieldworkRow], list[PlannedInterview]]:
    """Rows per (case, type, wave), in case, wave and type order, and the matched plans."""
    matched = match(plans, held)
    keys = sorted({(p.case, p.type, p.wave) for p in matched}
                  | {(d.case, d.type, d.wave) for d in held},
                  key=lambda k: (k[0] or "", k[2], k[1]))
    holding = {p.held_by for p in matched if p.held_by}
    rows = []
    for case, type_, wave in keys:
        mine = [p for p in matched if (p.case, p.type, p.wave) == (case, type_, wave)]
        docs = [d.name for d in held if (d.case, d.type, d.wave) == (case, type_, wave)]
        rows.append(FieldworkRow(
            case, type_, wave, tuple(p.name for p in mine),
            tuple(p.held_by for p in mine if p.held_by),
            tuple(p.name for p in mine if not p.held_by),
            tuple(d for d in docs if d not in holding)))
    return rows, matched
