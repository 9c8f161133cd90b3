"""Rows of the study around the coding: codebook versions and the sampling plan."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from stemmen.errors import AlreadyExists, NotFound
from stemmen.model.codebook_versions import CodebookVersion, thaw
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import codebook_history, codes
from stemmen.store.schema_study import codebook_versions, sampling_plans


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
