"""Rows of accounts, login sessions and failed login attempts (see ``schema_users``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, update

from stemmen.errors import AlreadyExists, NotFound
from stemmen.store.keys import new_id
from stemmen.store.schema_users import login_attempts, user_sessions, users


@dataclass(frozen=True)
class UserRow:
    """An account as stored (the password hash stays in the store)."""

    id: int
    name: str
    role: str
    created_at: dt.datetime
    disabled: bool


@dataclass(frozen=True)
class SessionRow:
    """A login session and its account."""

    id: int
    user: UserRow
    created_at: dt.datetime
    last_seen: dt.datetime
    expires_at: dt.datetime


def name_key(name: str) -> str:
    """The name as compared: case folded, so Ann and ann are the same person."""
    return name.casefold()


def _user(row: object) -> UserRow:
    return UserRow(id=row.id, name=row.name, role=row.role,  # type: ignore[attr-defined]
                   created_at=row.created_at, disabled=bool(row.disabled))  # type: ignore


def has_users(conn: Connection) -> bool:
    return conn.execute(select(users.c.id).limit(1)).first() is not None


def add_user(conn: Connection, name: str, role: str, password_hash: str,
             at: dt.datetime) -> UserRow:
    if conn.execute(select(users.c.id).where(users.c.name_key == name_key(name))).first():
        raise AlreadyExists("There is already a user named {name}.", name=name)
    user_id = new_id(conn.execute(insert(users).values(
        name=name, name_key=name_key(name), role=role, password_hash=password_hash,
        created_at=at, disabled=False)))
    return UserRow(user_id, name, role, at, False)


def list_users(conn: Connection) -> list[UserRow]:
    return [_user(r) for r in conn.execute(select(users).order_by(users.c.name_key))]


def get_user(conn: Connection, name: str) -> UserRow:
    row = conn.execute(select(users).where(users.c.name_key == name_key(name))).first()
    if row is None:
        raise NotFound("There is no user named {name}.", name=name)
    return _user(row)


def password_hash(conn: Connection, name: str) -> tuple[UserRow, str] | None:
    """The account and its password hash, or None when no such user exists."""
    row = conn.execute(select(users).where(users.c.name_key == name_key(name))).first()
    return None if row is None else (_user(row), row.password_hash)


def set_password_hash(conn: Connection, user_id: int, hashed: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=hashed))


def set_role(conn: Connection, user_id: int, role: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(role=role))


def remove_user(conn: Connection, user_id: int) -> int:
    """Delete the account and its sessions; how many sessions ended."""
    ended = conn.execute(delete(user_sessions).where(user_sessions.c.user_id == user_id))
    conn.execute(delete(users).where(users.c.id == user_id))
    return int(ended.rowcount or 0)


def end_sessions(conn: Connection, user_id: int) -> int:
    ended = conn.execute(delete(user_sessions).where(user_sessions.c.user_id == user_id))
    return int(ended.rowcount or 0)


def add_session(conn: Connection, user_id: int, token_hash: str, at: dt.datetime,
                expires_at: dt.datetime) -> None:
    conn.execute(insert(user_sessions).values(token_hash=token_hash, user_id=user_id,
                                              created_at=at, last_seen=at,
                                              expires_at=expires_at))


def find_session(conn: Connection, token_hash: str) -> SessionRow | None:
    row = conn.execute(
        select(user_sessions.c.id.label("session_id"), user_sessions.c.created_at.label("began"),
               user_sessions.c.last_seen, user_sessions.c.expires_at, users)
        .join(users, users.c.id == user_sessions.c.user_id)
        .where(user_sessions.c.token_hash == token_hash)).first()
    if row is None:
        return None
    return SessionRow(id=row.session_id, user=_user(row), created_at=row.began,
                      last_seen=row.last_seen, expires_at=row.expires_at)


def list_sessions(conn: Connection, user_id: int | None = None) -> list[SessionRow]:
    query = (select(user_sessions.c.id.label("session_id"),
                    user_sessions.c.created_at.label("began"), user_sessions.c.last_seen,
                    user_sessions.c.expires_at, users)
             .join(users, users.c.id == user_sessions.c.user_id)
             .order_by(user_sessions.c.created_at))
    if user_id is not None:
        query = query.where(user_sessions.c.user_id == user_id)
    return [SessionRow(id=r.session_id, user=_user(r), created_at=r.began, last_seen=r.last_seen,
                       expires_at=r.expires_at) for r in conn.execute(query)]


def touch_session(conn: Connection, session_id: int, at: dt.datetime) -> None:
    conn.execute(update(user_sessions).where(user_sessions.c.id == session_id)
                 .values(last_seen=at))


def end_session(conn: Connection, session_id: int) -> None:
    conn.execute(delete(user_sessions).where(user_sessions.c.id == session_id))


def end_stale_sessions(conn: Connection, before: dt.datetime, idle_before: dt.datetime) -> None:
    """Forget sessions that expired (absolute) or were idle too long."""
    conn.execute(delete(user_sessions).where(
        (user_sessions.c.expires_at < before) | (user_sessions.c.last_seen < idle_before)))


def count_sessions(conn: Connection, user_id: int) -> int:
    return int(conn.execute(select(func.count()).select_from(user_sessions)
                            .where(user_sessions.c.user_id == user_id)).scalar_one())


def add_attempt(conn: Connection, key: str, at: dt.datetime) -> None:
    conn.execute(insert(login_attempts).values(key=key[:300], at=at))


def count_attempts(conn: Connection, key: str, since: dt.datetime) -> int:
    return int(conn.execute(select(func.count()).select_from(login_attempts).where(
        login_attempts.c.key == key[:300], login_attempts.c.at >= since)).scalar_one())


def clear_attempts(conn: Connection, key: str, before: dt.datetime | None = None) -> None:
    """Forget the failed attempts of ``key`` (all, or those before a moment)."""
    query = delete(login_attempts).where(login_attempts.c.key == key[:300])
    if before is not None:
        query = query.where(login_attempts.c.at < before)
    conn.execute(query)


def forget_attempts(conn: Connection, before: dt.datetime) -> None:
    conn.execute(delete(login_attempts).where(login_attempts.c.at < before))
