"""The study around the coding in the demo: the codebook's development replayed as real
history entries and versions (pilot, after wave 1, final); see :mod:`stemmen.demo.codebook_history`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stemmen.demo import codebook_history as ch
from stemmen.model.codes import Code
from stemmen.model.codings import Coding
from stemmen.model.snapshot import ProjectSnapshot
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import journal
from stemmen.store import study as st

if TYPE_CHECKING:
    from stemmen.project import Project


def pilot_of(snap: ProjectSnapshot) -> tuple[ProjectSnapshot, list[Code], list[Coding]]:
    """The snapshot to load first, and the codes and codings added after wave 1."""
    return ch.pilot_snapshot(snap)


def replay_codebook(project: Project, final: ProjectSnapshot, added: list[Code],
                    held: list[Coding]) -> list[str]:
    """Version the pilot, add the five codes (with their codings, at the panel's request),
    version again, merge 'visie en beleid' into O-OCMW, version the final codebook; codes end
    in the published order. Returns the version names."""
    versions = project.codebook_versions
    versions.create(ch.PILOT.version, ch.PILOT.note)
    with project.store.transaction() as tx:
        for code in added:
            cb.add_code(tx, code)
            journal.record_codebook(tx, project.actor, "add", code=code.name,
                                    category=code.category, reason=ch.ADD_REASONS[code.name],
                                    requested_by=ch.PANEL)
        docs = {d.name: dc.document_id(tx, d.name) for d in final.documents}
        ids = cb.code_ids(tx)
        coders = {c: cd.coder_id(tx, c) for c in {c.coder for c in held}}
        cd.insert_many(tx, ({"document_id": docs[c.document], "code_id": ids[c.code],
                             "coder_id": coders[c.coder], "start": c.start, "end": c.end,
                             **({"created_at": c.created_at} if c.created_at else {}),
                             **({"guid": c.guid} if c.guid else {})} for c in held))
    versions.create(ch.AFTER_WAVE_1.version, ch.AFTER_WAVE_1.note)
    project.codebook.merge(ch.MERGED, ch.MERGED_INTO, reason=ch.MERGE_REASON,
                           requested_by=ch.PANEL)
    with project.store.transaction() as tx:
        st.set_code_order(tx, [c.name for c in final.codes])
    versions.create(ch.FINAL.version, ch.FINAL.note)
    return [ch.PILOT.version, ch.AFTER_WAVE_1.version, ch.FINAL.version]


def add_people(project: Project, snap: ProjectSnapshot) -> int:
    """Caseworkers and managers as participants, a role for everyone, every participant's
    speaker label per transcript, and the late entrants (joined wave, whom they replaced).
    Returns the number of participants added."""
    from stemmen.demo import people as dp
    from stemmen.demo.interviews import load_interviews
    from stemmen.store import participants as ps

    interviews = load_interviews()
    staff = dp.staff(interviews)
    with project.store.transaction() as tx:
        for attr in dp.person_attributes():
            dc.ensure_attribute(tx, attr)
        for person in snap.participants:
            pid = ps.participant_id(tx, person.pseudonym)
            ps.set_demographics(tx, pid, {**ps.demographics(tx, pid), dp.ROLE: dp.END_USER})
        for person in staff:
            dc.add_participant(tx, person)
        everyone = [*snap.participants, *staff]
        for pseudonym, document, label in dp.speaker_links(interviews, everyone):
            ps.link(tx, ps.participant_id(tx, pseudonym), dc.document_id(tx, document), label)
        for pseudonym, wave, replaced in dp.late_entrants(interviews, list(snap.participants)):
            pid = ps.participant_id(tx, pseudonym)
            values = {**ps.demographics(tx, pid), dp.JOINED_WAVE: wave}
            if replaced:
                values[dp.REPLACES] = replaced
            ps.set_demographics(tx, pid, values)
        journal.record(tx, project.actor, "demo.people", added=len(staff))
    return len(staff)


def add_sampling_plan(project: Project) -> int:
    """Store the study's sampling plan; returns its number of criteria."""
    from stemmen.demo.sources import sampling_plan

    plan = project.sampling.set_plan(sampling_plan().encode("utf-8"),
                                     "sampling-plan-amif42.yaml")
    return len(plan.criteria)


def add_fieldwork(project: Project, snap: ProjectSnapshot) -> int:
    """The interviews as planned, and consent for every participant. Returns the number of
    planned interviews."""
    from stemmen.demo import fieldwork as fw
    from stemmen.demo import people as dp
    from stemmen.demo.interviews import load_interviews
    from stemmen.store import participants as ps

    interviews = load_interviews()
    everyone = [*snap.participants, *dp.staff(interviews)]
    plans = project.fieldwork.plan_many(fw.planned_interviews(interviews, everyone))
    with project.store.transaction() as tx:
        for pseudonym, given, form in fw.consents(interviews, everyone):
            st.set_consent(tx, ps.participant_id(tx, pseudonym), given_on=given,
                           form_version=form)
        journal.record(tx, project.actor, "demo.consents", participants=len(everyone))
    return len(plans)


def add_guides(project: Project) -> int:
    """The topic guides of both waves; returns how many."""
    import yaml

    from stemmen.demo.guides import guides
    from stemmen.demo.interviews import load_interviews

    data = yaml.safe_dump({"guides": guides(load_interviews())}, allow_unicode=True)
    return len(project.guides.import_(data.encode("utf-8"), "guides-amif42.yaml",
                                      note="Topiclijsten van de studie (synthetisch)."))
