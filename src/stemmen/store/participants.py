"""Rows of participants: pseudonym, case, demographics (JSON) and their speaker links."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from stemmen.errors import AlreadyExists, NotFound
from stemmen.store.keys import new_id
from stemmen.store.schema import documents, participant_documents, participants

LINKS = participant_documents


def participant_id(conn: Connection, pseudonym: str) -> int:
    found = conn.execute(select(participants.c.id)
                         .where(participants.c.pseudonym == pseudonym)).scalar()
    if found is None:
        raise NotFound("There is no participant {name!r}.", name=pseudonym)
    return found


def check_pseudonym_free(conn: Connection, pseudonym: str, except_id: int | None = None) -> None:
    """Refuse a pseudonym already used, ignoring letter case."""
    query = select(participants.c.id, participants.c.pseudonym).where(
        func.lower(participants.c.pseudonym) == pseudonym.lower())
    for found_id, found in conn.execute(query):
        if found_id != except_id:
            raise AlreadyExists("A participant {name!r} already exists.", name=found)


def create(conn: Connection, pseudonym: str) -> int:
    check_pseudonym_free(conn, pseudonym)
    return new_id(conn.execute(insert(participants).values(pseudonym=pseudonym, demographics="{}")
                        ))


def rename(conn: Connection, pid: int, pseudonym: str) -> None:
    check_pseudonym_free(conn, pseudonym, pid)
    conn.execute(update(participants).where(participants.c.id == pid)
                 .values(pseudonym=pseudonym))


def set_case(conn: Connection, pid: int, case_id: int | None) -> None:
    conn.execute(update(participants).where(participants.c.id == pid).values(case_id=case_id))


def case_id_of(conn: Connection, pid: int) -> int | None:
    return conn.execute(select(participants.c.case_id).where(participants.c.id == pid)).scalar()


def demographics(conn: Connection, pid: int) -> dict[str, Any]:
    text = conn.execute(select(participants.c.demographics)
                        .where(participants.c.id == pid)).scalar()
    return json.loads(text or "{}")


def set_demographics(conn: Connection, pid: int, values: dict[str, Any]) -> None:
    conn.execute(update(participants).where(participants.c.id == pid).values(
        demographics=json.dumps(values, ensure_ascii=False, default=str)))


def every_demographics(conn: Connection) -> dict[int, dict[str, Any]]:
    rows = conn.execute(select(participants.c.id, participants.c.demographics))
    return {pid: json.loads(text or "{}") for pid, text in rows}


def delete_participant(conn: Connection, pid: int) -> None:
    conn.execute(delete(LINKS).where(LINKS.c.participant_id == pid))
    conn.execute(delete(participants).where(participants.c.id == pid))


def links(conn: Connection, participant: str | None = None, document: str | None = None
          ) -> list[tuple[str, str, str | None]]:
    """(pseudonym, document, speaker label) of every link, by participant then document."""
    query = (select(participants.c.pseudonym, documents.c.name, LINKS.c.speaker)
             .join(participants, participants.c.id == LINKS.c.participant_id)
             .join(documents, documents.c.id == LINKS.c.document_id)
             .order_by(participants.c.pseudonym, documents.c.name))
    if participant is not None:
        query = query.where(participants.c.pseudonym == participant)
    if document is not None:
        query = query.where(documents.c.name == document)
    return [tuple(row) for row in conn.execute(query)]


def speaker_of(conn: Connection, pid: int, doc_id: int) -> tuple[bool, str | None]:
    """Whether the participant is linked to the document, and under which label."""
    row = conn.execute(select(LINKS.c.speaker).where(
        LINKS.c.participant_id == pid, LINKS.c.document_id == doc_id)).first()
    return (row is not None, row.speaker if row is not None else None)


def link(conn: Connection, pid: int, doc_id: int, speaker: str | None) -> None:
    """Link a participant to a document under a speaker label (updated if already linked)."""
    if speaker_of(conn, pid, doc_id)[0]:
        conn.execute(update(LINKS).where(LINKS.c.participant_id == pid,
                                         LINKS.c.document_id == doc_id).values(speaker=speaker))
    else:
        conn.execute(insert(LINKS).values(participant_id=pid, document_id=doc_id,
                                          speaker=speaker))


def unlink(conn: Connection, pid: int, doc_id: int) -> bool:
    return bool(conn.execute(delete(LINKS).where(LINKS.c.participant_id == pid,
                                                 LINKS.c.document_id == doc_id)).rowcount)
