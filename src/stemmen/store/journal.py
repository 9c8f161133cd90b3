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


def audit_page(conn: Connection, action: str, actor: str, offset: int, limit: int
               ) -> tuple[list[AuditEntry], int, list[str], list[str]]:
    """Newest first: one page of the audit entries with this action and actor (empty: any),
    how many match in all, and every action and actor the log holds."""
    where = [c for c in (audit_log.c.action == action if action else None,
                         audit_log.c.actor == actor if actor else None) if c is not None]
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
