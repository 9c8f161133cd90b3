"""Opening a project database: URL resolution, engine set-up, schema version checks."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy import Connection, create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from stemmen.errors import Invalid, NotFound, SchemaOutdated
from stemmen.store import revisions


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL for a path (SQLite file) or a postgresql:// URL."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        if text.startswith(("postgresql+", "sqlite")):
            return text
        raise Invalid("Unsupported database URL {url}: use a file path or postgresql://…", url=text)
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    with suppress(sqlite3.OperationalError):  # a read-only file can still be read
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_DAMAGED = ("file is not a database", "malformed", "file is encrypted")


@contextmanager
def plain_errors(url: str) -> Iterator[None]:
    """Database failures a user can act on, as sentences: a damaged or foreign file, a
    read-only project, a project another program holds locked."""
    try:
        yield
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        reason = str(getattr(exc, "orig", exc) or exc)
        where = display(url)
        if any(mark in reason for mark in _DAMAGED):
            raise Invalid("{path} is not a Stemmen project, or it is damaged ({reason}). If "
                          "it was a project, restore it from a backup.",
                          path=where, reason=reason) from exc
        if "readonly" in reason or "read-only" in reason:
            raise Invalid("The project {path} is read-only: nothing was changed. Copy it to "
                          "a folder you can write to, or ask for write access.",
                          path=where) from exc
        if "database is locked" in reason:
            raise Invalid("The project {path} is busy: another program is writing to it. "
                          "Try again in a moment.", path=where) from exc
        if "unable to open database file" in reason:
            raise NotFound("The project {path} cannot be opened: its folder is missing or "
                           "cannot be read.", path=where) from exc
        raise


def sqlite_path(url: str) -> Path:
    """The file of a SQLite URL, also in its URI form (``sqlite:///file:PATH?mode=ro&uri=true``)."""
    rest = url.removeprefix("sqlite:///")
    if rest.startswith("file:"):
        rest = rest.removeprefix("file:").split("?", 1)[0]
    return Path(rest)


def display(url: str) -> str:
    """How a project is named in messages: a file's path, or the URL without a password."""
    if url.startswith("sqlite:///"):
        return str(sqlite_path(url))
    return _safe(url)


def _foreign_keys_back_on(dbapi_connection, record) -> None:  # noqa: ANN001
    """A connection that ran a migration gets its foreign keys back before anyone reuses it."""
    if record.info.pop(revisions.FOREIGN_KEYS_OFF, False):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


class Store:
    """A project database. ``transaction()`` is the unit of work of every action.

    Inside ``batch()`` every action of this thread (or task) joins one outer transaction:
    one commit for many actions, and all or nothing.
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._batch: ContextVar[_Batch | None] = ContextVar(f"batch-{id(self)}", default=None)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on error."""
        batch = self._batch.get()
        if batch is not None:
            try:
                yield batch.conn
            except BaseException:
                batch.failed = True  # the batch then rolls back, even if this is caught
                raise
            return
        with plain_errors(self.url), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        batch = self._batch.get()
        if batch is not None:  # read what the batch has written so far
            yield batch.conn
            return
        with plain_errors(self.url), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def batch(self) -> Iterator[Connection]:
        """One transaction for every action inside: committed at the end, all or nothing."""
        outer = self._batch.get()
        if outer is not None:  # nested batches are part of the outer one
            yield outer.conn
            return
        with self.engine.begin() as conn:
            batch = _Batch(conn)
            token = self._batch.set(batch)
            try:
                yield conn
            finally:
                self._batch.reset(token)
            if batch.failed:
                raise BatchFailed()

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return revisions.current_revision(conn)

    def upgrade(self) -> str:
        """Bring the schema to the newest revision; returns that revision."""
        from stemmen.store import migrate  # Alembic: only when the schema changes

        with self.engine.begin() as conn:
            migrate.upgrade(conn)
            return migrate.current_revision(conn) or ""

    def close(self) -> None:
        self.engine.dispose()


class _Batch:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.failed = False


class BatchFailed(Invalid):
    """An action inside a batch failed: the whole batch was rolled back."""

    def __init__(self) -> None:
        super().__init__("An action in this batch failed, so nothing of the batch was saved.")


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "checkin", _foreign_keys_back_on)
        return engine
    return create_engine(url, pool_pre_ping=True)


def create_store(target: str | Path) -> Store:
    """Create a new, empty project database at the newest schema."""
    url = database_url(target)
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path.exists():
            raise Invalid("{path} already exists.", path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(_make_engine(url), url)
    with store.engine.connect() as conn:
        if inspect(conn).has_table("settings"):
            store.close()
            raise Invalid("The database {url} already holds a Stemmen project.", url=_safe(url))
    store.upgrade()
    return store


def open_store(target: str | Path, *, auto_upgrade: bool | None = None) -> Store:
    """Open an existing project; a solo SQLite file upgrades itself after a backup.

    A server database (PostgreSQL) refuses to open on an old schema unless
    ``auto_upgrade`` is true: run ``stemmen db upgrade`` first.
    """
    url = database_url(target)
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path.is_dir():
            inside = sorted(p.name for p in path.glob("*.stemmen"))[:3]
            raise Invalid("{path} is a folder, not a project file. {hint}", path=str(path),
                          hint=("Projects in it: " + ", ".join(inside) + ".") if inside else
                          "Give the path of a .stemmen file.")
        if not path.exists():
            raise NotFound("No project at {path}.", path=str(path))
    store = Store(_make_engine(url), url)
    try:
        with plain_errors(url), store.engine.connect() as conn:
            current = revisions.current_revision(conn)
    except BaseException:
        store.close()
        raise
    if current is None:
        store.close()
        raise NotFound("{url} is not a Stemmen project.", url=display(url))
    if current != revisions.head_revision():
        upgrade = store.is_sqlite if auto_upgrade is None else auto_upgrade
        if not upgrade:
            store.close()
            raise SchemaOutdated(
                "The project database is at schema {current}; this Stemmen needs {head}. "
                "Run: stemmen db upgrade {url}",
                current=current,
                head=revisions.head_revision(),
                url=_safe(url),
            )
        if store.is_sqlite:
            path = sqlite_path(url)
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        store.upgrade()
    return store


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':')[0]}:***@{host}"
    return url
