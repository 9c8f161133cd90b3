"""Accounts, roles and login sessions; migration 0010.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.

- ``users``: a person who may log in to ``stemmen serve``; ``name_key`` is the name folded to
  lower case, so names are unique whatever their case. Only an argon2 hash of the password is
  kept.
- ``user_sessions``: a logged-in browser; only the SHA-256 of its random token is kept, so a
  copy of the database does not let anyone in.
- ``login_attempts``: failed logins per name and per address, for rate limiting.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Index, Integer, String, Table

from stemmen.store.schema import UTCDateTime, metadata

ROLES = ("owner", "reviewer", "coder", "reader")

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("disabled", Boolean(), nullable=False, default=False),
    CheckConstraint("role IN ('owner', 'reviewer', 'coder', 'reader')", name="role_known"),
)

user_sessions = Table(
    "user_sessions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_seen", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
)

login_attempts = Table(
    "login_attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
)

Index("ix_user_sessions_user", user_sessions.c.user_id)
Index("ix_login_attempts_key_at", login_attempts.c.key, login_attempts.c.at)
