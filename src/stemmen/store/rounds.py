"""Rows of blind double-coding rounds, and what a round hides from one of its coders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from stemmen.errors import AlreadyExists, NotFound
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import coders, documents
from stemmen.store.schema_rounds import round_coders, round_documents, rounds


@dataclass(frozen=True)
class RoundRow:
    """A round as stored: its state, who opened/closed it when, its documents and coders."""

    id: int
    name: str
    state: str
    opened_at: dt.datetime
    opened_by: str
    closed_at: dt.datetime | None
    closed_by: str | None
    documents: tuple[str, ...]
    coders: tuple[str, ...]


def add(conn: Connection, name: str, document_ids: list[int], coder_names: list[str],
        actor: str) -> int:
    if conn.execute(select(rounds.c.id).where(rounds.c.name == name)).first() is not None:
        raise AlreadyExists("There is already a round {name!r}.", name=name)
    round_id = new_id(conn.execute(insert(rounds).values(
        name=name, state="open", opened_at=now(), opened_by=actor)))
    conn.execute(insert(round_documents),
                 [{"round_id": round_id, "document_id": d} for d in document_ids])
    conn.execute(insert(round_coders), [{"round_id": round_id, "coder": c} for c in coder_names])
    return round_id


def list_rounds(conn: Connection, name: str | None = None) -> list[RoundRow]:
    """Rounds in the order they were opened, with their documents and coders by name."""
    query = select(rounds).order_by(rounds.c.id)
    if name is not None:
        query = query.where(rounds.c.name == name)
    found = list(conn.execute(query))
    if not found:
        return []
    ids = [r.id for r in found]
    docs: dict[int, list[str]] = {i: [] for i in ids}
    for round_id, doc in conn.execute(
            select(round_documents.c.round_id, documents.c.name)
            .join(documents, documents.c.id == round_documents.c.document_id)
            .where(round_documents.c.round_id.in_(ids)).order_by(documents.c.name)):
        docs[round_id].append(doc)
    people: dict[int, list[str]] = {i: [] for i in ids}
    for round_id, coder in conn.execute(
            select(round_coders.c.round_id, round_coders.c.coder)
            .where(round_coders.c.round_id.in_(ids)).order_by(round_coders.c.coder)):
        people[round_id].append(coder)
    return [RoundRow(r.id, r.name, r.state, r.opened_at, r.opened_by, r.closed_at, r.closed_by,
                     tuple(docs[r.id]), tuple(people[r.id])) for r in found]


def get(conn: Connection, name: str) -> RoundRow:
    found = list_rounds(conn, name)
    if not found:
        raise NotFound("There is no round {name!r}.", name=name)
    return found[0]


def close(conn: Connection, round_id: int, actor: str) -> None:
    conn.execute(update(rounds).where(rounds.c.id == round_id)
                 .values(state="closed", closed_at=now(), closed_by=actor))


def blind_documents(conn: Connection, coder: str) -> dict[int, str]:
    """Document id → name of the documents in open rounds that ``coder`` codes in."""
    query = (
        select(documents.c.id, documents.c.name).distinct()
        .select_from(round_coders
                     .join(rounds, rounds.c.id == round_coders.c.round_id)
                     .join(round_documents, round_documents.c.round_id == rounds.c.id)
                     .join(documents, documents.c.id == round_documents.c.document_id))
        .where(rounds.c.state == "open", round_coders.c.coder == coder)
    )
    return {doc_id: name for doc_id, name in conn.execute(query)}


def hidden_pairs(conn: Connection, coder: str) -> frozenset[tuple[int, int]]:
    """(document id, coder id) of every coding ``coder`` may not see: in the documents of
    the open rounds they code in, every other coder's codings."""
    docs = blind_documents(conn, coder)
    if not docs:
        return frozenset()
    others = [i for name, i in conn.execute(select(coders.c.name, coders.c.id))
              if name != coder]
    return frozenset((d, c) for d in docs for c in others)


def count_hidden(conn: Connection, document_ids: list[int], coder: str) -> int:
    """How many codings in ``document_ids`` are by anyone but ``coder``."""
    from sqlalchemy import func

    from stemmen.store.schema import codings

    if not document_ids:
        return 0
    query = (select(func.count()).select_from(codings.join(coders,
                                                           coders.c.id == codings.c.coder_id))
             .where(codings.c.document_id.in_(document_ids), coders.c.name != coder))
    return int(conn.execute(query).scalar_one())


def own_coder_id(conn: Connection, coder: str) -> int:
    """The id of ``coder`` (-1 when they have not coded yet)."""
    found = conn.execute(select(coders.c.id).where(coders.c.name == coder)).scalar()
    return -1 if found is None else int(found)
