"""The sampling plan: stored in the project, checked against the participants and
interviews recorded (met, or short by n, per criterion, case and wave, with the people who
count). :meth:`Sampling.check` is what a report's method chapter shows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.model.sampling import (
    Interview,
    Person,
    Plan,
    SamplingCheck,
    check_plan,
    parse_plan,
    people_waves,
    wave_label,
)
from stemmen.project import sheets as sh
from stemmen.project.settings import attribute_names, first_value
from stemmen.store import documents as dc
from stemmen.store import journal
from stemmen.store import study as st

if TYPE_CHECKING:
    from stemmen.project import Project

MAX_PLAN = 1_000_000


def read_plan_file(source: str | Path | bytes, filename: str | None = None
                   ) -> tuple[str, Any]:
    """(name, YAML data) of a plan file (a path, or bytes with their file name)."""
    import yaml

    if isinstance(source, bytes):
        name, data = filename or "plan.yaml", source
    else:
        path = Path(source)
        if not path.is_file():
            raise NotFound("The sampling plan {name} does not exist.", name=str(path))
        name, data = filename or path.name, path.read_bytes()
    if len(data) > MAX_PLAN:
        raise Invalid("The sampling plan {name} is larger than 1 MB.", name=name)
    try:
        return name, yaml.safe_load(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise Invalid("The sampling plan {name} is not valid YAML: {reason}", name=name,
                      reason=str(exc).splitlines()[0]) from exc


class Sampling:
    """The purposive-sampling plan of the study and its check."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def set_plan(self, source: str | Path | bytes, filename: str | None = None) -> Plan:
        """Store the plan of a YAML file (it replaces the one before; both stay in the
        project's history)."""
        name, data = read_plan_file(source, filename)
        plan = parse_plan(data, name)
        with self._p.store.transaction() as tx:
            st.save_plan(tx, name, self._p.actor, data)
            journal.record(tx, self._p.actor, "sampling.plan", source=name, plan=plan.name,
                           criteria=len(plan.criteria), targets=len(plan.targets))
        return plan

    def plan(self) -> Plan:
        """The stored plan; NotFound names the command that stores one."""
        return self._stored()[1]

    def _stored(self) -> tuple[str, Plan]:
        with self._p.store.reading() as conn:
            found = st.current_plan(conn)
        if found is None:
            raise NotFound("The project has no sampling plan yet: store one with "
                           "'stemmen sampling plan PROJECT FILE.yaml'.")
        source, data = found
        return source, parse_plan(data, source)

    def has_plan(self) -> bool:
        with self._p.store.reading() as conn:
            return st.current_plan(conn) is not None

    def check(self) -> SamplingCheck:
        """The stored plan against the participants (role, case, waves of their interviews,
        attributes) and the interviews (case, type, wave) recorded now."""
        source, plan = self._stored()
        with self._p.store.reading() as conn:
            names = attribute_names(conn)
            docs = dc.list_documents(conn)
            defs = sh.participant_defs(conn)
            people = dc.list_participants(conn)
            cases = [c.name for c in dc.list_cases(conn)]
        wave_of = {d.name: _wave(names.first_value(d.attributes, "wave")) for d in docs}
        persons = []
        for p in people:
            values = sh.decode_demographics(defs, p.demographics)
            role = first_value(values, names.person_role)
            persons.append(Person(p.pseudonym, p.case, None if role is None else str(role),
                                  people_waves(p.documents, wave_of), values))
        interviews = [Interview(d.name, d.case, _text(names.first_value(d.attributes, "type")),
                                wave_of[d.name]) for d in docs]
        return check_plan(plan, persons, interviews, cases, source)


def _wave(value: Any) -> str | None:
    return None if value is None else wave_label(value)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


__all__ = ["Sampling", "read_plan_file"]
