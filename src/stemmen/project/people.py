"""Participants as persons: the codes of their own turns, per wave, and late entrants.

End users, caseworkers, managers and interpreters are all participants; the attribute that
holds a participant's role, the wave a late entrant joined and whom they replaced are named by
the project's settings (``attribute.person_role``, ``attribute.joined_wave``,
``attribute.replaces``). A participant's link to a transcript carries their speaker label
("Deelnemer 4", "Hulpverlener 3"): the codings that overlap their turns are theirs.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.model.documents import AttributeDef, AttributeType
from stemmen.model.people import (
    PersonWave,
    PersonWaves,
    codes_in,
    compare_waves,
    sum_shifts,
    turns_of,
)
from stemmen.project.settings import attribute_names, first_value
from stemmen.store import Tx, journal
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import participants as ps

if TYPE_CHECKING:
    from stemmen.project import Project


@dataclass(frozen=True)
class Turns:
    """One participant in one document: their speaker label, their turns and their codes."""

    participant: str
    document: str
    speaker: str | None
    turns: int
    codes: tuple[str, ...]


@dataclass(frozen=True)
class LateEntrant:
    """A participant who joined in a later wave, and whom they replaced (if recorded)."""

    participant: str
    case: str | None
    joined_wave: Any
    replaces: str | None
    documents: tuple[str, ...]


def wave_key(value: Any) -> tuple[int, float, str]:
    """Waves in order: numbers by value, then text."""
    try:
        return (0, float(value), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(value))


class People:
    """Participants of every kind as persons across the study's waves."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def turns(self, pseudonym: str, coders: builtins.list[str] | None = None
              ) -> builtins.list[Turns]:
        """Per linked document: the person's speaker label, turns and the codes on them."""
        with self._p.store.reading() as conn:
            ps.participant_id(conn, pseudonym)
            found = []
            for _person, document, speaker in ps.links(conn, pseudonym):
                ranges = self._ranges(conn, document, speaker)
                codings = [(c.code, c.start, c.end) for c in
                           cd.list_codings(conn, document=document, coders_=coders)]
                found.append(Turns(pseudonym, document, speaker, len(ranges),
                                   tuple(sorted(codes_in(ranges, codings)))))
        return found

    @staticmethod
    def _ranges(conn: Tx, document: str, speaker: str | None) -> builtins.list[tuple[int, int]]:
        if not speaker:
            return []
        return turns_of(dc.get_document(conn, document).text, speaker)

    def waves(self, attribute: str | None = None, coders: builtins.list[str] | None = None,
              role: str | None = None) -> PersonWaves:
        """For each person seen in two or more waves (``attribute``: the document attribute
        of the wave, by default the setting ``attribute.wave``): the codes of their own
        turns in their first and last wave, what appeared and disappeared, and the sum over
        people per code. ``role``: only people with that role."""
        with self._p.store.reading() as conn:
            names = attribute_names(conn)
            docs = {d.name: d for d in dc.list_documents(conn)}
            if attribute is None:
                present = {k for d in docs.values() for k in d.attributes}
                attribute = names.first_name(present, "wave") or names.wave[0]
            order = {c.name: i for i, c in enumerate(cb.list_codes(conn))}
            people = {p.pseudonym: p for p in dc.list_participants(conn)}
            by_person: dict[str, builtins.list[tuple[str, str | None]]] = {}
            for pseudonym, document, speaker in ps.links(conn):
                by_person.setdefault(pseudonym, []).append((document, speaker))
            texts: dict[str, str] = {}
            codings: dict[str, builtins.list[tuple[str, int, int]]] = {}
            found: builtins.list[PersonWave] = []
            unlabelled: builtins.list[str] = []
            for pseudonym, links in by_person.items():
                person = people[pseudonym]
                person_role = first_value(person.demographics, names.person_role)
                if role is not None and str(person_role) != role:
                    continue
                waves = {docs[d].attributes.get(attribute) for d, _ in links
                         if docs[d].attributes.get(attribute) is not None}
                if len(waves) < 2:
                    continue
                if any(not speaker for _, speaker in links):
                    unlabelled.append(pseudonym)
                    continue
                per_wave: dict[str, set[str]] = {}
                for wave in sorted(waves, key=wave_key):
                    per_wave[_label(wave)] = set()
                for document, speaker in links:
                    wave = docs[document].attributes.get(attribute)
                    if wave is None:
                        continue
                    if document not in texts:
                        texts[document] = dc.get_document(conn, document).text
                        codings[document] = [(c.code, c.start, c.end) for c in
                                             cd.list_codings(conn, document=document,
                                                             coders_=coders)]
                    ranges = turns_of(texts[document], speaker or "")
                    per_wave[_label(wave)] |= codes_in(ranges, codings[document])
                found.append(compare_waves(pseudonym, person.case,
                                           None if person_role is None else str(person_role),
                                           per_wave, order, [d for d, _ in links]))
        return PersonWaves(attribute, tuple(found), sum_shifts(found, order),
                           tuple(unlabelled))

    def late_entrants(self) -> builtins.list[LateEntrant]:
        """Participants with a recorded joined wave (setting ``attribute.joined_wave``)."""
        with self._p.store.reading() as conn:
            names = attribute_names(conn)
            people = dc.list_participants(conn)
        found = []
        for p in people:
            joined = first_value(p.demographics, names.joined_wave)
            if joined is None:
                continue
            replaces = first_value(p.demographics, names.replaces)
            found.append(LateEntrant(p.pseudonym, p.case, joined,
                                     None if replaces is None else str(replaces),
                                     tuple(p.documents)))
        return found

    def mark_late_entrant(self, pseudonym: str, joined_wave: Any,
                          replaces: str | None = None) -> LateEntrant:
        """Record the wave a participant joined and whom they replaced (who must exist),
        under the attribute names of the settings (defined if missing)."""
        if joined_wave is None or str(joined_wave).strip() == "":
            raise Invalid("Give the wave the participant joined.")
        with self._p.store.transaction() as tx:
            names = attribute_names(tx)
            pid = ps.participant_id(tx, pseudonym)
            if replaces:
                if replaces == pseudonym:
                    raise Invalid("A participant cannot replace themselves.")
                ps.participant_id(tx, replaces)
            defined = {a.name for a in dc.attribute_defs(tx, "participant")}
            values = ps.demographics(tx, pid)
            joined_key, replaces_key = names.joined_wave[0], names.replaces[0]
            for key in (joined_key, replaces_key):
                if key not in defined:
                    dc.ensure_attribute(tx, AttributeDef(key, AttributeType.TEXT, (),
                                                         "participant"))
            values[joined_key] = _number_or_text(joined_wave)
            if replaces:
                values[replaces_key] = replaces
            else:
                values.pop(replaces_key, None)
            ps.set_demographics(tx, pid, values)
            journal.record(tx, self._p.actor, "participant.late_entrant",
                           pseudonym=pseudonym, joined_wave=values[joined_key],
                           replaces=replaces)
        return next(e for e in self.late_entrants() if e.participant == pseudonym)

    def role_of(self, pseudonym: str) -> str | None:
        with self._p.store.reading() as conn:
            names = attribute_names(conn)
            for p in dc.list_participants(conn):
                if p.pseudonym == pseudonym:
                    role = first_value(p.demographics, names.person_role)
                    return None if role is None else str(role)
        raise NotFound("There is no participant {name!r}.", name=pseudonym)


def _label(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number_or_text(value: Any) -> str:
    """A wave as text: 2.0 and "2" are "2"."""
    return _label(value).strip()


__all__ = ["LateEntrant", "People", "Turns", "wave_key"]
