"""Accounts and roles of a team project, and the login sessions of ``stemmen serve``.

A project without users is a solo project (``stemmen serve`` opens it with a per-launch
token). Once it has users, the server asks for a login, and each request acts as the
logged-in user (``Project.acting_as``). Passwords are kept only as argon2 hashes; session
tokens only as their SHA-256; failed logins are counted per name and per address so that
guessing is slow.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.model.access import Role, Viewer
from stemmen.store import journal
from stemmen.store import users as us

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from stemmen.project import Project

MIN_PASSWORD = 1  # refused below this
STRONG_PASSWORD = 8  # warned below this (NIST SP 800-63B asks at least 8)
MAX_PASSWORD = 1024
MAX_NAME = 200
IDLE = dt.timedelta(hours=8)  # a session unused this long ends
LIFETIME = dt.timedelta(days=7)  # and every session ends this long after the login
WINDOW = dt.timedelta(minutes=15)  # failed logins are counted over this window
MAX_FAILED_PER_NAME = 5
MAX_FAILED_PER_ADDRESS = 20


class LoginRefused(Invalid):
    """Wrong name or password (which one is not said)."""


class LoginThrottled(Invalid):
    """Too many failed logins for this name or address."""


@dataclass(frozen=True)
class User:
    """A person who may log in, with their role."""

    name: str
    role: Role
    created: dt.datetime
    disabled: bool = False

    @property
    def viewer(self) -> Viewer:
        return Viewer(self.name, self.role)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role.value, "created": self.created.isoformat(),
                "disabled": self.disabled}


@dataclass(frozen=True)
class Login:
    """A new session: the token goes to the browser (a cookie) and is kept nowhere else."""

    token: str
    user: User
    expires: dt.datetime


@dataclass(frozen=True)
class SessionInfo:
    """A live session of a user (its token is not known any more)."""

    user: str
    created: dt.datetime
    last_seen: dt.datetime
    expires: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        return {"user": self.user, "created": self.created.isoformat(),
                "last_seen": self.last_seen.isoformat(), "expires": self.expires.isoformat()}


def parse_role(value: str | Role) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise Invalid("Unknown role {role!r}: use owner, reviewer, coder or reader.",
                      role=str(value)) from None


def check_name(name: str) -> str:
    clean = " ".join(unicodedata.normalize("NFC", name or "").split())
    if not clean or len(clean) > MAX_NAME:
        raise Invalid("A user name needs 1 to {most} characters.", most=MAX_NAME)
    if any(unicodedata.category(ch).startswith("C") for ch in clean):
        raise Invalid("A user name cannot hold control characters.")
    return clean


def is_weak(password: str) -> bool:
    """Shorter than the length a guessing attack cannot exhaust (the CLI warns)."""
    return len(password) < STRONG_PASSWORD


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise Invalid("A password cannot be empty.")
    if len(password) > MAX_PASSWORD:
        raise Invalid("A password can have at most {most} characters.", most=MAX_PASSWORD)
    return password


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # heavy-ish: only when a password is set or checked

    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash to check against when the name is unknown, so both cases take as long."""
    return _hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _verify(hashed: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(hashed, password))
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _public(row: us.UserRow) -> User:
    return User(row.name, Role(row.role), _aware(row.created_at), row.disabled)


class Users:
    """Add, list, remove users and change their role; log in, check and end sessions."""

    def __init__(self, project: Project) -> None:
        self._p = project

    # --- accounts -------------------------------------------------------------------------
    def add(self, name: str, role: str | Role, password: str) -> User:
        """A new user with ``role`` (owner, reviewer, coder, reader) and a password."""
        name, chosen = check_name(name), parse_role(role)
        hashed = hash_password(check_password(password))
        with self._p.store.transaction() as tx:
            row = us.add_user(tx, name, chosen.value, hashed, _now())
            journal.record(tx, self._p.actor, "user.add", name=name, role=chosen.value)
        return _public(row)

    def list(self) -> list[User]:
        with self._p.store.reading() as conn:
            return [_public(r) for r in us.list_users(conn)]

    def get(self, name: str) -> User:
        with self._p.store.reading() as conn:
            return _public(us.get_user(conn, name))

    def exist(self) -> bool:
        """True once the project has users (team mode: the server asks for a login)."""
        with self._p.store.reading() as conn:
            return us.has_users(conn)

    def remove(self, name: str) -> User:
        """Delete a user; their sessions end at once (their codings stay, under their name)."""
        with self._p.store.transaction() as tx:
            row = us.get_user(tx, name)
            ended = us.remove_user(tx, row.id)
            journal.record(tx, self._p.actor, "user.remove", name=row.name, role=row.role,
                           sessions=ended)
        return _public(row)

    def role(self, name: str, role: str | Role) -> User:
        """Give a user another role; it applies from their next request."""
        chosen = parse_role(role)
        with self._p.store.transaction() as tx:
            row = us.get_user(tx, name)
            us.set_role(tx, row.id, chosen.value)
            journal.record(tx, self._p.actor, "user.role", name=row.name, before=row.role,
                           after=chosen.value)
        return User(row.name, chosen, _aware(row.created_at), row.disabled)

    def password(self, name: str, password: str) -> User:
        """Set a new password; every session of the user ends."""
        hashed = hash_password(check_password(password))
        with self._p.store.transaction() as tx:
            row = us.get_user(tx, name)
            us.set_password_hash(tx, row.id, hashed)
            ended = us.end_sessions(tx, row.id)
            journal.record(tx, self._p.actor, "user.password", name=row.name, sessions=ended)
        return _public(row)

    # --- sessions -------------------------------------------------------------------------
    def authenticate(self, name: str, password: str, address: str = "",
                     lifetime: dt.timedelta = LIFETIME) -> Login:
        """Check a name and password and open a session, or refuse.

        Refused: :class:`LoginThrottled` after too many failed attempts for this name
        (``MAX_FAILED_PER_NAME``) or this address (``MAX_FAILED_PER_ADDRESS``) within
        ``WINDOW``, even with the right password; :class:`LoginRefused` for a wrong name or
        password, without saying which.
        """
        now = _now()
        keys = [f"name:{us.name_key((name or '').strip())}"] + (
            [f"address:{address}"] if address else [])
        with self._p.store.reading() as conn:
            if us.count_attempts(conn, keys[0], now - WINDOW) >= MAX_FAILED_PER_NAME or (
                    address and us.count_attempts(conn, keys[1], now - WINDOW)
                    >= MAX_FAILED_PER_ADDRESS):
                raise LoginThrottled("Too many failed logins. Wait {minutes} minutes and try "
                                     "again.", minutes=int(WINDOW.total_seconds() // 60))
            found = us.password_hash(conn, " ".join((name or "").split()))
        good = _verify(found[1] if found else _dummy_hash(), password or "")
        if not good or found is None or found[0].disabled:
            with self._p.store.transaction() as tx:
                for key in keys:
                    us.add_attempt(tx, key, now)
                us.forget_attempts(tx, now - WINDOW)
            raise LoginRefused("Wrong name or password.")
        row, hashed = found
        token = secrets.token_urlsafe(32)
        now = _now()  # the check took a while (on purpose): the session starts now
        expires = now + lifetime
        with self._p.store.transaction() as tx:
            if _hasher().check_needs_rehash(hashed):
                us.set_password_hash(tx, row.id, hash_password(password))
            us.clear_attempts(tx, keys[0])
            us.end_stale_sessions(tx, now, now - LIFETIME)  # housekeeping: long-dead sessions
            us.add_session(tx, row.id, token_hash(token), now, expires)
            journal.record(tx, row.name, "user.login", name=row.name)
        return Login(token, _public(row), expires)

    def session(self, token: str, idle: dt.timedelta = IDLE) -> User | None:
        """The user a session token belongs to, or None when it is unknown, expired, idle too
        long, or its user was removed or disabled. Reads the account each time, so a removed
        user or a new role counts from the next request."""
        if not token:
            return None
        now = _now()
        with self._p.store.reading() as conn:
            found = us.find_session(conn, token_hash(token))
        if found is None:
            return None
        if (now >= _aware(found.expires_at) or now - _aware(found.last_seen) >= idle
                or found.user.disabled):
            with self._p.store.transaction() as tx:
                us.end_session(tx, found.id)
            return None
        if now - _aware(found.last_seen) >= min(dt.timedelta(minutes=1), idle / 4):
            with self._p.store.transaction() as tx:
                us.touch_session(tx, found.id, now)
        return _public(found.user)

    def logout(self, token: str) -> None:
        """End one session (nothing happens for an unknown token)."""
        with self._p.store.reading() as conn:
            found = us.find_session(conn, token_hash(token or ""))
        if found is None:
            return
        with self._p.store.transaction() as tx:
            us.end_session(tx, found.id)
            journal.record(tx, found.user.name, "user.logout", name=found.user.name)

    def sessions(self, name: str | None = None) -> builtins.list[SessionInfo]:
        """Live sessions, of one user or of everyone."""
        with self._p.store.reading() as conn:
            user_id = None if name is None else us.get_user(conn, name).id
            return [SessionInfo(r.user.name, _aware(r.created_at), _aware(r.last_seen),
                                _aware(r.expires_at)) for r in us.list_sessions(conn, user_id)]

    def end_sessions(self, before: dt.datetime | None = None, idle: dt.timedelta = IDLE) -> None:
        """Forget expired and idle sessions (housekeeping)."""
        now = before or _now()
        with self._p.store.transaction() as tx:
            us.end_stale_sessions(tx, now, now - idle)
