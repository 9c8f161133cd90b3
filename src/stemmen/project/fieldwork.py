"""Fieldwork: interviews planned against interviews held, consent per participant, and the
withdrawal of consent (a participant removed with their turns' codings, their words replaced
by a label, in one audited action, after a dry run)."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.model.fieldwork import (
    Consent,
    Fieldwork,
    HeldInterview,
    PlannedInterview,
    overview,
)
from stemmen.model.people import turn_bodies
from stemmen.model.sampling import wave_label
from stemmen.model.text_edits import Edit
from stemmen.project.settings import attribute_names
from stemmen.store import Tx, journal
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import participants as ps
from stemmen.store import study as st

if TYPE_CHECKING:
    from stemmen.project import Project

WITHDRAWN_LABEL = "[consent withdrawn]"


@dataclass(frozen=True)
class WithdrawnDocument:
    document: str
    speaker: str
    turns: int
    codings: int


@dataclass(frozen=True)
class Withdrawal:
    """What withdrawing a participant's consent removes (``applied``: done, else a dry run)."""

    participant: str
    label: str
    documents: tuple[WithdrawnDocument, ...]
    applied: bool

    @property
    def codings(self) -> int:
        return sum(d.codings for d in self.documents)

    @property
    def turns(self) -> int:
        return sum(d.turns for d in self.documents)

    def as_dict(self) -> dict[str, Any]:
        return {"participant": self.participant, "label": self.label,
                "applied": self.applied, "turns": self.turns, "codings": self.codings,
                "documents": [{"document": d.document, "speaker": d.speaker,
                               "turns": d.turns, "codings": d.codings}
                              for d in self.documents]}


def _date(value: Any, what: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid("{what}: {value!r} is not a date (YYYY-MM-DD).", what=what,
                      value=str(value)) from None


class FieldworkNoun:
    """Planned interviews, consent, and withdrawal of consent."""

    def __init__(self, project: Project) -> None:
        self._p = project

    # -- planned interviews ---------------------------------------------------------------

    def plan(self, name: str, case: str | None, type: str, wave: Any,
             date: Any = None, participants: builtins.list[str] | None = None,
             note: str = "") -> PlannedInterview:
        """Plan an interview of a case, type and wave (with a date and the pseudonyms of the
        people invited, who need not be participants yet)."""
        return self.plan_many([{"name": name, "case": case, "type": type, "wave": wave,
                                "date": date, "participants": participants or [],
                                "note": note}])[0]

    def plan_many(self, items: builtins.list[dict[str, Any]]) -> builtins.list[PlannedInterview]:
        """Plan several interviews in one transaction (all or nothing)."""
        with self._p.store.transaction() as tx:
            for i, raw in enumerate(items, start=1):
                self._add(tx, raw, f"planned interview {i}")
            journal.record(tx, self._p.actor, "fieldwork.plan", interviews=len(items),
                           names=[str(r.get("name")) for r in items][:50])
        wanted = {str(r.get("name", "")).strip() for r in items}
        return [p for p in self.planned() if p.name in wanted]

    @staticmethod
    def _add(tx: Tx, raw: dict[str, Any], where: str) -> None:
        name = " ".join(str(raw.get("name") or "").split())
        kind = " ".join(str(raw.get("type") or "").split())
        if not name or not kind or raw.get("wave") in (None, ""):
            raise Invalid("{where}: give a name, a type and a wave.", where=where)
        case = raw.get("case")
        people = raw.get("participants") or []
        if not isinstance(people, list):
            raise Invalid("{where}: participants is a list of pseudonyms.", where=where)
        st.add_planned(tx, name, dc.case_id(tx, str(case)) if case else None, kind,
                       wave_label(raw["wave"]), _date(raw.get("date"), where),
                       [str(p) for p in people], str(raw.get("note") or ""))

    def import_plan(self, path: str | Path) -> builtins.list[PlannedInterview]:
        """Plan the interviews of a YAML file: ``interviews:`` a list of {name, case, type,
        wave, date, participants, note}."""
        import yaml

        path = Path(path)
        if not path.is_file():
            raise NotFound("The fieldwork plan {name} does not exist.", name=str(path))
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise Invalid("The fieldwork plan {name} is not valid YAML: {reason}",
                          name=path.name, reason=str(exc).splitlines()[0]) from exc
        items = data.get("interviews") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            raise Invalid("{name}: a fieldwork plan holds a list 'interviews'.",
                          name=path.name)
        return self.plan_many([i if isinstance(i, dict) else {} for i in items])

    def planned(self) -> builtins.list[PlannedInterview]:
        """Every planned interview, with the document that holds it (linked or matched)."""
        return builtins.list(self.overview().plans)

    def link(self, name: str, document: str | None) -> None:
        """Say which document holds a planned interview (None: match it again by case, type
        and wave)."""
        with self._p.store.transaction() as tx:
            st.set_planned_document(tx, name, dc.document_id(tx, document) if document
                                    else None)
            journal.record(tx, self._p.actor, "fieldwork.link", planned=name,
                           document=document)

    def remove(self, name: str) -> None:
        with self._p.store.transaction() as tx:
            st.delete_planned(tx, name)
            journal.record(tx, self._p.actor, "fieldwork.remove", planned=name)

    def overview(self) -> Fieldwork:
        """Planned, held and missing interviews per case, type and wave; participants
        without a recorded consent, and those who withdrew."""
        with self._p.store.reading() as conn:
            names = attribute_names(conn)
            rows = st.list_planned(conn)
            docs = dc.list_documents(conn)
            people = [p.pseudonym for p in dc.list_participants(conn)]
            consents = st.list_consents(conn)
        plans = [PlannedInterview(r["name"], r["case"], r["type"], r["wave"], r["date"],
                                  tuple(r["participants"]), r["document"], r["note"])
                 for r in rows]
        held = []
        for d in docs:
            kind, wave = (names.first_value(d.attributes, part) for part in ("type", "wave"))
            date = names.first_value(d.attributes, "date")
            held.append(HeldInterview(d.name, d.case, "" if kind is None else str(kind),
                                      "" if wave is None else wave_label(wave),
                                      date if isinstance(date, dt.date) else None))
        table, matched = overview(plans, held)
        return Fieldwork(tuple(table), tuple(matched),
                         tuple(p for p in people if p not in consents),
                         tuple(p for p, c in consents.items() if c["withdrawn_on"]))

    # -- consent --------------------------------------------------------------------------

    def consent(self, pseudonym: str, given_on: Any = None, form_version: str | None = None,
                withdrawn_on: Any = None, note: str | None = None) -> Consent:
        """Record a participant's consent: the date given, the form's version, the date
        withdrawn (the fields given change; the others stay)."""
        values: dict[str, Any] = {}
        if given_on is not None:
            values["given_on"] = _date(given_on, "consent date")
        if withdrawn_on is not None:
            values["withdrawn_on"] = _date(withdrawn_on, "withdrawal date")
        if form_version is not None:
            values["form_version"] = " ".join(form_version.split())
        if note is not None:
            values["note"] = note.strip()
        with self._p.store.transaction() as tx:
            st.set_consent(tx, ps.participant_id(tx, pseudonym), **values)
            journal.record(tx, self._p.actor, "fieldwork.consent", pseudonym=pseudonym,
                           **{k: v for k, v in values.items() if k != "note"})
        return next(c for c in self.consents() if c.participant == pseudonym)

    def consents(self) -> builtins.list[Consent]:
        with self._p.store.reading() as conn:
            found = st.list_consents(conn)
        return [Consent(name, c["given_on"], c["form_version"], c["withdrawn_on"], c["note"])
                for name, c in sorted(found.items())]

    # -- withdrawal -----------------------------------------------------------------------

    def withdraw(self, pseudonym: str, dry_run: bool = False, label: str = WITHDRAWN_LABEL,
                 reason: str = "") -> Withdrawal:
        """Remove a participant who withdrew consent: every coding on their turns (by any
        coder) goes, the words of their turns are replaced by ``label`` (their speaker label
        stays), and the participant is deleted, in one transaction with one audit entry.
        ``dry_run``: say what would go and change nothing."""
        label = " ".join(label.split()) or WITHDRAWN_LABEL
        if dry_run:
            with self._p.store.reading() as conn:
                return self._withdraw(conn, pseudonym, label, reason, apply=False)
        with self._p.store.transaction() as tx:
            return self._withdraw(tx, pseudonym, label, reason, apply=True)

    def _withdraw(self, tx: Tx, pseudonym: str, label: str, reason: str,
                  apply: bool) -> Withdrawal:
        pid = ps.participant_id(tx, pseudonym)
        links = ps.links(tx, pseudonym)
        unlabelled = [doc for _, doc, speaker in links if not speaker]
        if unlabelled:
            raise Invalid("{name} has no speaker label in {documents}: set it first, so that "
                          "their turns can be found.", name=pseudonym,
                          documents=", ".join(unlabelled))
        done = []
        for _, document, speaker in links:
            text = dc.get_document(tx, document).text
            bodies = turn_bodies(text, speaker or "")
            ids = [c.id for c in cd.list_codings(tx, document=document)
                   if c.id is not None and any(c.start < e and s < c.end for s, e in bodies)]
            done.append(WithdrawnDocument(document, speaker or "", len(bodies), len(ids)))
            if not apply or not bodies:
                continue
            cd.remove_many(tx, ids)
            edits = [Edit(s, e, label) for s, e in bodies if text[s:e] != label]
            if edits:
                self._p.texts.apply_in(tx, document, edits, reason or "consent withdrawn",
                                       "withdraw")
        result = Withdrawal(pseudonym, label, tuple(done), apply)
        if apply:
            st.delete_consent(tx, pid)
            ps.delete_participant(tx, pid)
            journal.record(tx, self._p.actor, "participant.withdraw", pseudonym=pseudonym,
                           reason=reason.strip(), turns=result.turns, codings=result.codings,
                           documents=[d.document for d in done])
        return result


__all__ = ["WITHDRAWN_LABEL", "FieldworkNoun", "Withdrawal", "WithdrawnDocument"]
