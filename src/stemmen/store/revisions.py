"""Schema revisions without importing Alembic: the head is read from the migration scripts'
``revision``/``down_revision`` lines and the current revision from ``alembic_version``.
Opening a project at the newest schema (every command) then costs no Alembic import;
``migrate`` (Alembic itself) is imported only to upgrade. A test checks both agree.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, inspect, text

VERSIONS = Path(__file__).parent / "migrations" / "versions"
_LINE = re.compile(r'^(revision|down_revision)\s*=\s*(?:"([^"]*)"|None)', re.M)
FOREIGN_KEYS_OFF = "stemmen_foreign_keys_off"


@cache
def head_revision() -> str:
    """The revision no other script builds on."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in VERSIONS.glob("*.py"):
        for kind, value in _LINE.findall(script.read_text(encoding="utf-8")):
            if value:
                (revisions if kind == "revision" else parents).add(value)
    heads = sorted(revisions - parents)
    return heads[-1] if heads else ""


def current_revision(conn: Connection) -> str | None:
    """The schema revision stamped in the database, or None when it holds no project."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
