"""Rows of pseudonymisation: entities (numbered persons), candidates and their decisions, the
encrypted mappings, and the replacement of accepted spans in the stored texts.

:func:`replace_spans` is the one place that changes the texts: documents, then every offset
that points into them (codings, memos, suggestions, candidates), paragraphs and the
full-text index (:func:`stemmen.store.units.refresh_units`), and the copies of words kept
elsewhere (quotes, text versions and reviews), all in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from stemmen.errors import NotFound
from stemmen.model.text_edits import Edit, EditMap, apply_edits
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import codings, documents, memos, metadata, suggestions
from stemmen.store.schema_findings import quotes
from stemmen.store.schema_privacy import privacy_candidates as cand
from stemmen.store.schema_privacy import privacy_entities as ent
from stemmen.store.schema_privacy import privacy_mappings as maps

PENDING, ACCEPTED, REJECTED, APPLIED = "pending", "accepted", "rejected", "applied"


@dataclass(frozen=True)
class CandidateRow:
    """A stored candidate with its document's name and its person's role and number."""

    id: int
    document_id: int
    document: str
    start: int
    end: int
    text: str | None
    kind: str
    lang: str
    entity_id: int | None
    role: str | None
    number: int | None
    label: str | None
    source: str
    state: str
    decided_by: str | None
    decided_at: dt.datetime | None


@dataclass(frozen=True)
class EntityRow:
    id: int
    key: str | None
    role: str | None
    number: int


@dataclass(frozen=True)
class NewCandidate:
    """A candidate to store (found by a detector or added by hand)."""

    document_id: int
    start: int
    end: int
    text: str
    kind: str
    lang: str
    entity_id: int | None
    source: str
    state: str = PENDING
    label: str | None = None


def entities(conn: Connection) -> list[EntityRow]:
    return [EntityRow(r.id, r.key, r.role, r.number)
            for r in conn.execute(select(ent).order_by(ent.c.id))]


def add_entity(conn: Connection, key: str, role: str | None) -> EntityRow:
    """A new person, numbered after the last one of the same role."""
    role_is = ent.c.role.is_(None) if role is None else ent.c.role == role
    number = (conn.execute(select(func.max(ent.c.number)).where(role_is)).scalar() or 0) + 1
    eid = new_id(conn.execute(insert(ent).values(key=key, role=role, number=number)))
    return EntityRow(eid, key, role, number)


def set_entity_role(conn: Connection, entity_id: int, role: str | None) -> EntityRow:
    """Give a person a (new) role: they take the next number of that role."""
    row = conn.execute(select(ent).where(ent.c.id == entity_id)).one()
    if row.role == role:
        return EntityRow(row.id, row.key, row.role, row.number)
    role_is = ent.c.role.is_(None) if role is None else ent.c.role == role
    number = (conn.execute(select(func.max(ent.c.number)).where(role_is)).scalar() or 0) + 1
    conn.execute(update(ent).where(ent.c.id == entity_id).values(role=role, number=number))
    return EntityRow(row.id, row.key, role, number)


def _query():  # noqa: ANN202
    return (select(cand, documents.c.name.label("document"), ent.c.role, ent.c.number)
            .join(documents, documents.c.id == cand.c.document_id)
            .outerjoin(ent, ent.c.id == cand.c.entity_id)
            .order_by(documents.c.name, cand.c.start, cand.c.id))


def _row(r: object) -> CandidateRow:
    return CandidateRow(
        r.id, r.document_id, r.document, r.start, r.end, r.text, r.kind, r.lang,  # type: ignore[attr-defined]
        r.entity_id, r.role, r.number, r.label, r.source, r.state,  # type: ignore[attr-defined]
        r.decided_by, r.decided_at)  # type: ignore[attr-defined]


def candidates(conn: Connection, document_id: int | None = None,
               states: Sequence[str] | None = None,
               ids: Iterable[int] | None = None) -> list[CandidateRow]:
    query = _query()
    if document_id is not None:
        query = query.where(cand.c.document_id == document_id)
    if states is not None:
        query = query.where(cand.c.state.in_(list(states)))
    if ids is not None:
        query = query.where(cand.c.id.in_(list(ids)))
    return [_row(r) for r in conn.execute(query)]


def get_candidate(conn: Connection, candidate_id: int) -> CandidateRow:
    found = candidates(conn, ids=[candidate_id])
    if not found:
        raise NotFound("There is no privacy candidate #{id}.", id=candidate_id)
    return found[0]


def forget_pending(conn: Connection, document_id: int) -> int:
    """Drop a document's undecided candidates (before a new scan writes its own)."""
    return conn.execute(delete(cand).where(cand.c.document_id == document_id,
                                           cand.c.state == PENDING)).rowcount


def add_candidates(conn: Connection, rows: Sequence[NewCandidate]) -> int:
    if not rows:
        return 0
    at = now()
    conn.execute(insert(cand), [
        {"document_id": r.document_id, "start": r.start, "end": r.end, "text": r.text,
         "kind": r.kind, "lang": r.lang, "entity_id": r.entity_id, "source": r.source,
         "state": r.state, "label": r.label, "created_at": at,
         "decided_by": None, "decided_at": None} for r in rows])
    return len(rows)


def decide(conn: Connection, candidate_id: int, state: str, actor: str,
           label: str | None = None, kind: str | None = None) -> None:
    values: dict[str, object] = {"state": state, "decided_by": actor, "decided_at": now()}
    if label is not None:
        values["label"] = label or None
    if kind is not None:
        values["kind"] = kind
    conn.execute(update(cand).where(cand.c.id == candidate_id).values(**values))


def set_entity(conn: Connection, candidate_id: int, entity_id: int | None) -> None:
    conn.execute(update(cand).where(cand.c.id == candidate_id).values(entity_id=entity_id))


def add_mapping(conn: Connection, actor: str, count: int, token: str) -> int:
    return new_id(conn.execute(insert(maps).values(actor=actor, created_at=now(), count=count,
                                                   token=token)))


def mapping_tokens(conn: Connection) -> list[str]:
    return list(conn.execute(select(maps.c.token).order_by(maps.c.id)).scalars())


def _table(name: str) -> Table | None:
    return metadata.tables.get(name)


def replace_spans(conn: Connection, document_id: int, edits: Sequence[Edit],
                  originals: dict[str, str]) -> str:
    """Replace ``edits`` (sorted, not overlapping) in a document's text; every coding, memo,
    suggestion and candidate moves with its words (widened to a label it began or ended
    inside); ``originals`` (original string → label) is replaced in the copies of words kept
    elsewhere. Returns the new text."""
    old = conn.execute(select(documents.c.text).where(documents.c.id == document_id)).scalar()
    if old is None:
        raise NotFound("There is no document #{id}.", id=document_id)
    new = apply_edits(old, edits)
    mapper = EditMap(edits)
    conn.execute(update(documents).where(documents.c.id == document_id)
                 .values(text=new, length=len(new)))
    for table in (codings, memos, suggestions, cand):
        _shift(conn, table, document_id, mapper)
    try:
        from stemmen.store.units import refresh_units
    except ImportError:  # pragma: no cover - the units table came with migration 0007
        pass
    else:
        refresh_units(conn, document_id, new)
    _replace_copies(conn, document_id, originals)
    return new


def _shift(conn: Connection, table: Table, document_id: int, mapper: EditMap) -> None:
    rows = conn.execute(select(table.c.id, table.c.start, table.c.end).where(
        table.c.document_id == document_id, table.c.start.is_not(None))).all()
    moved = []
    for rid, start, end in rows:
        if end is None:
            continue
        span = mapper.span(start, end, widen=True)
        if (span.start, span.end) != (start, end):
            moved.append((rid, span.start, max(span.end, span.start + 1)))
    for rid, start, end in moved:
        conn.execute(update(table).where(table.c.id == rid).values(start=start, end=end))


def _replace_copies(conn: Connection, document_id: int, originals: dict[str, str]) -> None:
    """Names in the quotes of this document's codings, its text versions and reviews."""
    if not originals:
        return
    order = sorted(originals, key=len, reverse=True)

    def clean(text: str | None) -> str | None:
        if text is None:
            return None
        for original in order:
            text = text.replace(original, originals[original])
        return text

    coding_ids = select(codings.c.id).where(codings.c.document_id == document_id)
    for qid, text in conn.execute(select(quotes.c.id, quotes.c.text).where(
            quotes.c.coding_id.in_(coding_ids), quotes.c.text.is_not(None))).all():
        if clean(text) != text:
            conn.execute(update(quotes).where(quotes.c.id == qid).values(text=clean(text)))
    for name, column in (("text_versions", "text"), ("text_reviews", "quote")):
        table = _table(name)
        if table is None or column not in table.c:
            continue
        col = table.c[column]
        for rid, text in conn.execute(select(table.c.id, col).where(
                table.c.document_id == document_id)).all():
            fixed = clean(text)
            if fixed != text:
                values: dict[str, object] = {column: fixed}
                if "length" in table.c and column == "text" and fixed is not None:
                    values["length"] = len(fixed)
                conn.execute(update(table).where(table.c.id == rid).values(**values))


def replace_in_participants(conn: Connection, originals: dict[str, str]) -> None:
    """Names of participants (characteristics such as ``naam``) and their speaker labels that
    were replaced in the texts take the same label."""
    import json

    from stemmen.store.schema import participant_documents, participants

    if not originals:
        return
    for pid, raw in conn.execute(select(participants.c.id, participants.c.demographics)).all():
        values = json.loads(raw or "{}")
        changed = {k: originals[v] for k, v in values.items()
                   if isinstance(v, str) and v in originals}
        if changed:
            conn.execute(update(participants).where(participants.c.id == pid).values(
                demographics=json.dumps(values | changed, ensure_ascii=False, default=str)))
    links = participant_documents
    for original, shown in originals.items():
        conn.execute(update(links).where(links.c.speaker == original).values(speaker=shown))


def mark_applied(conn: Connection, ids: Sequence[int]) -> None:
    """Applied candidates keep their place and label, not their text."""
    if ids:
        conn.execute(update(cand).where(cand.c.id.in_(list(ids)))
                     .values(state=APPLIED, text=None))


def forget_keys(conn: Connection) -> None:
    """Clear the name of every person no longer mentioned by an unapplied candidate."""
    live = select(cand.c.entity_id).where(cand.c.state != APPLIED,
                                          cand.c.entity_id.is_not(None))
    conn.execute(update(ent).where(ent.c.id.not_in(live)).values(key=None))
