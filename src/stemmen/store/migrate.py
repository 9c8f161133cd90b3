"""Alembic, driven from code: no alembic.ini, the scripts live in ``migrations/``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from stemmen.store.revisions import FOREIGN_KEYS_OFF

_SCRIPTS = Path(__file__).parent / "migrations"


def _config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()




def _no_cascades(conn: Connection) -> None:
    """SQLite rebuilds a table to alter it (Alembic's batch mode): with foreign keys on, the
    DROP of the old table would cascade into every table that refers to it. Foreign keys are
    switched off for the migration; the pragma only works before the transaction's first
    write, which is where migrations start. The engine turns them on again when the
    connection goes back to its pool (see ``engine._foreign_keys_back_on``)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.info[FOREIGN_KEYS_OFF] = True


def upgrade(conn: Connection, revision: str = "head") -> None:
    _no_cascades(conn)
    command.upgrade(_config(conn), revision)


def downgrade(conn: Connection, revision: str) -> None:
    _no_cascades(conn)
    command.downgrade(_config(conn), revision)
