"""Rows of the study around the coding: codebook versions and the sampling plan."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from stemmen.errors import AlreadyExists, NotFound
from stemmen.model.codebook_versions import CodebookVersion, thaw
from stemmen.model.guides import Guide, Topic
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import cases, codebook_history, codes, documents, participants
from stemmen.store.schema_study import (
    codebook_versions,
    consents,
    planned_interviews,
    sampling_plans,
    topic_guides,
)

pi = planned_interviews


def last_history_id(conn: Connection) -> int:
    return int(conn.execute(select(func.max(codebook_history.c.id))).scalar() or 0)


def _version(row: Any) -> CodebookVersion:
    categories, frozen = thaw(json.loads(row.content))
    return CodebookVersion(row.name, row.note, row.actor, row.created_at, row.history_id,
                           categories, frozen)


def add_version(conn: Connection, name: str, note: str, actor: str,
                content: dict[str, Any]) -> CodebookVersion:
    taken = conn.execute(select(codebook_versions.c.name).where(
        func.lower(codebook_versions.c.name) == name.lower())).scalar()
    if taken is not None:
        raise AlreadyExists("A codebook version {name!r} already exists.", name=taken)
    new_id(conn.execute(insert(codebook_versions).values(
        name=name, note=note, actor=actor, created_at=now(), history_id=last_history_id(conn),
        content=json.dumps(content, ensure_ascii=False))))
    return get_version(conn, name)


def list_versions(conn: Connection) -> list[CodebookVersion]:
    rows = conn.execute(select(codebook_versions).order_by(codebook_versions.c.id))
    return [_version(r) for r in rows]


def get_version(conn: Connection, name: str) -> CodebookVersion:
    row = conn.execute(select(codebook_versions)
                       .where(codebook_versions.c.name == name)).first()
    if row is None:
        raise NotFound("There is no codebook version {name!r}.", name=name)
    return _version(row)


def set_code_order(conn: Connection, names: list[str]) -> None:
    """Give the named codes positions 1, 2, ... in this order (others follow, as they were)."""
    ids = {r.name: r.id for r in conn.execute(select(codes.c.name, codes.c.id)
                                              .order_by(codes.c.position, codes.c.id))}
    ordered = [n for n in names if n in ids] + [n for n in ids if n not in names]
    for position, name in enumerate(ordered, start=1):
        conn.execute(update(codes).where(codes.c.id == ids[name]).values(position=position))


# --- sampling plan ---------------------------------------------------------------------------

def save_plan(conn: Connection, source: str, actor: str, content: dict[str, Any]) -> None:
    conn.execute(insert(sampling_plans).values(
        source=source, actor=actor, created_at=now(),
        content=json.dumps(content, ensure_ascii=False, default=str)))


def current_plan(conn: Connection) -> tuple[str, dict[str, Any]] | None:
    """(source, content) of the newest stored plan, or None."""
    row = conn.execute(select(sampling_plans).order_by(sampling_plans.c.id.desc())
                       .limit(1)).first()
    return None if row is None else (row.source, json.loads(row.content))


# --- fieldwork: planned interviews and consent -----------------------------------------------

def add_planned(conn: Connection, name: str, case_id: int | None, type_: str, wave: str,
                date: Any, participants: list[str], note: str) -> int:
    taken = conn.execute(select(planned_interviews.c.name).where(
        func.lower(planned_interviews.c.name) == name.lower())).scalar()
    if taken is not None:
        raise AlreadyExists("A planned interview {name!r} already exists.", name=taken)
    return new_id(conn.execute(insert(planned_interviews).values(
        name=name, case_id=case_id, type=type_, wave=wave, date=date,
        participants=json.dumps(participants, ensure_ascii=False), note=note)))


def list_planned(conn: Connection) -> list[dict[str, Any]]:
    """Every planned interview as a dict: name, case, type, wave, date, participants,
    document (the one linked as held, or None), note."""
    query = (select(pi, cases.c.name.label("case_name"), documents.c.name.label("doc_name"))
             .outerjoin(cases, pi.c.case_id == cases.c.id)
             .outerjoin(documents, pi.c.document_id == documents.c.id)
             .order_by(pi.c.date, pi.c.id))
    return [{"name": r.name, "case": r.case_name, "type": r.type, "wave": r.wave,
             "date": r.date, "participants": json.loads(r.participants),
             "document": r.doc_name, "note": r.note} for r in conn.execute(query)]


def set_planned_document(conn: Connection, name: str, document_id: int | None) -> None:
    done = conn.execute(update(pi).where(pi.c.name == name).values(document_id=document_id))
    if not done.rowcount:
        raise NotFound("There is no planned interview {name!r}.", name=name)


def delete_planned(conn: Connection, name: str) -> None:
    if not conn.execute(delete(pi).where(pi.c.name == name)).rowcount:
        raise NotFound("There is no planned interview {name!r}.", name=name)


def set_consent(conn: Connection, participant_id: int, **values: Any) -> None:
    found = conn.execute(select(consents.c.id).where(
        consents.c.participant_id == participant_id)).scalar()
    if found is None:
        conn.execute(insert(consents).values(participant_id=participant_id,
                                             **{"form_version": "", "note": "", **values}))
    else:
        conn.execute(update(consents).where(consents.c.id == found).values(**values))


def list_consents(conn: Connection) -> dict[str, dict[str, Any]]:
    """Pseudonym → given_on, form_version, withdrawn_on, note."""
    query = select(consents, participants.c.pseudonym).join(
        participants, participants.c.id == consents.c.participant_id)
    return {r.pseudonym: {"given_on": r.given_on, "form_version": r.form_version,
                          "withdrawn_on": r.withdrawn_on, "note": r.note}
            for r in conn.execute(query)}


def delete_consent(conn: Connection, participant_id: int) -> None:
    conn.execute(delete(consents).where(consents.c.participant_id == participant_id))


# --- topic guides ----------------------------------------------------------------------------

def add_guide(conn: Connection, type_: str, wave: str, derived_from: int | None, source: str,
              note: str, actor: str, topics: list[dict[str, Any]]) -> int:
    """A new version of the guide of (type, wave); returns its version number."""
    tg = topic_guides
    version = (conn.execute(select(func.max(tg.c.version)).where(
        tg.c.type == type_, tg.c.wave == wave)).scalar() or 0) + 1
    conn.execute(insert(tg).values(
        type=type_, wave=wave, version=version, derived_from_id=derived_from, source=source,
        note=note, actor=actor, created_at=now(),
        content=json.dumps(topics, ensure_ascii=False)))
    return int(version)


def guide_row_id(conn: Connection, type_: str, wave: str, version: int | None = None
                 ) -> int | None:
    tg = topic_guides
    query = select(tg.c.id).where(tg.c.type == type_, tg.c.wave == wave)
    if version is not None:
        query = query.where(tg.c.version == version)
    return conn.execute(query.order_by(tg.c.version.desc()).limit(1)).scalar()


def list_guides(conn: Connection) -> list[Guide]:
    """Every version of every guide, by type, wave and version."""
    tg = topic_guides
    rows = list(conn.execute(select(tg).order_by(tg.c.type, tg.c.wave, tg.c.version)))
    by_id = {r.id: r for r in rows}
    found = []
    for r in rows:
        base = by_id.get(r.derived_from_id)
        topics = tuple(Topic(t["key"], t.get("titles", {}),
                             {k: tuple(v) for k, v in t.get("questions", {}).items()},
                             tuple(t.get("codes", []))) for t in json.loads(r.content))
        found.append(Guide(r.type, r.wave, r.version, topics,
                           (base.type, base.wave, base.version) if base is not None else None,
                           r.source, r.note, r.actor, r.created_at))
    return found
