"""Rows of findings, their evidence (finding ↔ coding) and quotes marked for reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, update

from stemmen.errors import NotFound
from stemmen.store.codebook import new_guid
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import cases, codings
from stemmen.store.schema_findings import finding_evidence, findings, quotes


@dataclass(frozen=True)
class FindingRow:
    """A finding as stored: statement, kind, level, case and the ids of its evidence."""

    id: int
    statement: str
    kind: str
    level: str
    case: str | None
    description: str
    author: str
    evidence: tuple[int, ...]


@dataclass(frozen=True)
class QuoteRow:
    """A coding marked as a quote, with its optional trimmed text and finding."""

    id: int
    coding_id: int
    finding_id: int | None
    text: str | None
    note: str
    author: str


def add_finding(conn: Connection, statement: str, kind: str, level: str, case_id: int | None,
                description: str, author: str) -> int:
    position = (conn.execute(select(func.max(findings.c.position))).scalar() or 0) + 1
    return new_id(conn.execute(
        insert(findings).values(
            guid=new_guid(), statement=statement, kind=kind, level=level, case_id=case_id,
            description=description, position=position, author=author, created_at=now(),
        )
    ))


def list_findings(conn: Connection, ids: Iterable[int] | None = None) -> list[FindingRow]:
    """Findings in the order they were added, each with its evidence coding ids."""
    query = (
        select(findings, cases.c.name.label("case_name"))
        .outerjoin(cases, cases.c.id == findings.c.case_id)
        .order_by(findings.c.position, findings.c.id)
    )
    links_query = select(finding_evidence.c.finding_id, finding_evidence.c.coding_id).order_by(
        finding_evidence.c.coding_id)
    if ids is not None:
        wanted = list(ids)
        query = query.where(findings.c.id.in_(wanted))
        links_query = links_query.where(finding_evidence.c.finding_id.in_(wanted))
    links: dict[int, list[int]] = {}
    for fid, cid in conn.execute(links_query):
        links.setdefault(fid, []).append(cid)
    return [
        FindingRow(r.id, r.statement, r.kind, r.level, r.case_name, r.description, r.author,
                   tuple(links.get(r.id, ())))
        for r in conn.execute(query)
    ]


def get_finding(conn: Connection, finding_id: int) -> FindingRow:
    found = list_findings(conn, [finding_id])
    if not found:
        raise NotFound("There is no finding #{id}.", id=finding_id)
    return found[0]


def update_finding(conn: Connection, finding_id: int, **values: object) -> None:
    get_finding(conn, finding_id)
    conn.execute(update(findings).where(findings.c.id == finding_id).values(**values))


def delete_finding(conn: Connection, finding_id: int) -> None:
    get_finding(conn, finding_id)
    conn.execute(delete(finding_evidence).where(finding_evidence.c.finding_id == finding_id))
    conn.execute(update(quotes).where(quotes.c.finding_id == finding_id).values(finding_id=None))
    conn.execute(delete(findings).where(findings.c.id == finding_id))


def _check_codings(conn: Connection, coding_ids: list[int]) -> None:
    known = set(conn.execute(select(codings.c.id).where(codings.c.id.in_(coding_ids))).scalars())
    missing = sorted(set(coding_ids) - known)
    if missing:
        raise NotFound("There is no coding #{id}.", id=missing[0])


def link(conn: Connection, finding_id: int, coding_ids: Iterable[int]) -> int:
    """Add codings as evidence of a finding; returns how many were new."""
    wanted = sorted(set(coding_ids))
    _check_codings(conn, wanted)
    have = set(get_finding(conn, finding_id).evidence)
    rows = [{"finding_id": finding_id, "coding_id": c} for c in wanted if c not in have]
    if rows:
        conn.execute(insert(finding_evidence), rows)
    return len(rows)


def unlink(conn: Connection, finding_id: int, coding_ids: Iterable[int]) -> int:
    """Remove codings from the evidence of a finding; returns how many went."""
    get_finding(conn, finding_id)
    return conn.execute(
        delete(finding_evidence).where(
            finding_evidence.c.finding_id == finding_id,
            finding_evidence.c.coding_id.in_(sorted(set(coding_ids))),
        )
    ).rowcount


def mark_quote(conn: Connection, coding_id: int, text: str | None, finding_id: int | None,
               note: str, author: str) -> int:
    """Mark a coding as a quote, or update the mark if it has one; returns the quote id."""
    _check_codings(conn, [coding_id])
    if finding_id is not None:
        get_finding(conn, finding_id)
    values = {"text": text, "finding_id": finding_id, "note": note, "author": author}
    found = conn.execute(select(quotes.c.id).where(quotes.c.coding_id == coding_id)).scalar()
    if found is not None:
        conn.execute(update(quotes).where(quotes.c.id == found).values(**values))
        return found
    position = (conn.execute(select(func.max(quotes.c.position))).scalar() or 0) + 1
    return new_id(conn.execute(
        insert(quotes).values(guid=new_guid(), coding_id=coding_id, position=position,
                              created_at=now(), **values)
    ))


def unmark_quote(conn: Connection, coding_id: int) -> int:
    return conn.execute(delete(quotes).where(quotes.c.coding_id == coding_id)).rowcount


def list_quotes(conn: Connection) -> list[QuoteRow]:
    query = select(quotes).order_by(quotes.c.position, quotes.c.id)
    return [QuoteRow(r.id, r.coding_id, r.finding_id, r.text, r.note, r.author)
            for r in conn.execute(query)]
