"""The audit log and the codebook history: append-only records of who changed what."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select

from stemmen.model.codings import AuditEntry
from stemmen.store.prepared import Prepared
from stemmen.store.schema import audit_log, codebook_history


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_RECORD = Prepared(insert(audit_log).values(
    at=bindparam("at"), actor=bindparam("actor"), action=bindparam("action"),
    details=bindparam("details"),
))


def record(conn: Connection, actor: str, action: str, **details: Any) -> None:
    """Append one line to the audit log."""
    _RECORD.insert(conn, {"at": now(), "actor": actor, "action": action,
                          "details": json.dumps(details, default=str)})


def record_codebook(conn: Connection, actor: str, kind: str, **details: Any) -> None:
    """Append a codebook change (add, rename, move, merge, split, edit, delete) and audit it."""
    conn.execute(
        insert(codebook_history).values(
            at=now(), actor=actor, kind=kind, details=json.dumps(details, default=str)
        )
    )
    record(conn, actor, f"codebook.{kind}", **details)


def _entries(conn: Connection, table, action_col, limit: int | None) -> list[AuditEntry]:  # noqa: ANN001
    query = select(table).order_by(table.c.id.desc())
    if limit:
        query = query.limit(limit)
    return [
        AuditEntry(
            actor=row.actor,
            action=getattr(row, action_col),
            details=json.loads(row.details),
            at=row.at,
            id=row.id,
        )
        for row in conn.execute(query)
    ][::-1]


def audit_entries(conn: Connection, limit: int | None = None) -> list[AuditEntry]:
    return _entries(conn, audit_log, "action", limit)


def codebook_entries(conn: Connection, limit: int | None = None) -> list[AuditEntry]:
    return _entries(conn, codebook_history, "kind", limit)


def _audit_where(action: str, actor: str, since: dt.datetime | None,
                 until: dt.datetime | None) -> list[Any]:
    return [c for c in (audit_log.c.action == action if action else None,
                        audit_log.c.actor == actor if actor else None,
                        audit_log.c.at >= since if since else None,
                        audit_log.c.at < until if until else None) if c is not None]


def audit_filtered(conn: Connection, action: str = "", actor: str = "",
                   since: dt.datetime | None = None,
                   until: dt.datetime | None = None) -> list[AuditEntry]:
    """Oldest first: every audit entry with this action and actor (empty: any), at or after
    ``since`` and before ``until``."""
    rows = conn.execute(select(audit_log).where(*_audit_where(action, actor, since, until))
                        .order_by(audit_log.c.id))
    return [AuditEntry(actor=r.actor, action=r.action, details=json.loads(r.details),
                       at=r.at, id=r.id) for r in rows]


def audit_page(conn: Connection, action: str, actor: str, offset: int, limit: int,
               since: dt.datetime | None = None, until: dt.datetime | None = None,
               ) -> tuple[list[AuditEntry], int, list[str], list[str]]:
    """Newest first: one page of the audit entries with this action and actor (empty: any)
    between ``since`` and ``until``, how many match in all, and every action and actor the
    log holds."""
    where = _audit_where(action, actor, since, until)
    total = conn.execute(select(func.count()).select_from(audit_log).where(*where)).scalar_one()
    rows = conn.execute(select(audit_log).where(*where).order_by(audit_log.c.id.desc())
                        .offset(offset).limit(limit))
    entries = [AuditEntry(actor=r.actor, action=r.action, details=json.loads(r.details),
                          at=r.at, id=r.id) for r in rows]
    actions = list(conn.execute(select(audit_log.c.action).distinct()
                                .order_by(audit_log.c.action)).scalars())
    actors = list(conn.execute(select(audit_log.c.actor).distinct()
                               .order_by(audit_log.c.actor)).scalars())
    return entries, int(total), actions, actors
