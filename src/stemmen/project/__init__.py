"""The application layer: every user action exists once, as ``project.<noun>.<verb>()``."""

from __future__ import annotations

import getpass
import os
from contextlib import AbstractContextManager
from pathlib import Path

from stemmen.errors import Invalid
from stemmen.project.cases import Cases, Participants
from stemmen.project.codebook import Codebook
from stemmen.project.codings import Codings
from stemmen.project.documents import Documents
from stemmen.project.exchange import Exchange
from stemmen.project.findings import Findings
from stemmen.project.journal import Journal, Memos
from stemmen.project.queries import Queries
from stemmen.project.quotes import Quotes
from stemmen.project.reliability import Reliability
from stemmen.project.reporting import Reports
from stemmen.project.retrieval import Segments
from stemmen.project.workspace import Workspace
from stemmen.store import Store
from stemmen.store.engine import create_store, open_store


def default_actor() -> str:
    """Who is acting: $STEMMEN_USER, else the login name."""
    try:
        return os.environ.get("STEMMEN_USER") or getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "stemmen"


class Project:
    """One open project. Its nouns hold the actions; each action is one transaction."""

    def __init__(self, store: Store, actor: str | None = None) -> None:
        self.store = store
        self.actor = actor or default_actor()
        self.documents = Documents(self)
        self.codebook = Codebook(self)
        self.codings = Codings(self)
        self.cases = Cases(self)
        self.participants = Participants(self)
        self.memos = Memos(self)
        self.segments = Segments(self)
        self.reliability = Reliability(self)
        self.exchange = Exchange(self)
        self.journal = Journal(self)
        self.workspace = Workspace(self)
        self.queries = Queries(self)
        self.findings = Findings(self)
        self.quotes = Quotes(self)
        self.reports = Reports(self)

    @property
    def url(self) -> str:
        return self.store.url

    def batch(self) -> AbstractContextManager[object]:
        """Many actions as one transaction: one commit at the end, all or nothing.

        ``with project.batch(): ...`` is for scripts that make thousands of changes; inside
        it, reads see the batch's own writes, and if any action fails (even if the error is
        caught) nothing of the batch is saved.
        """
        return self.store.batch()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Project {self.url}>"


def resolve_target(target: str | Path | None) -> str | Path:
    """The project's path or URL: the argument, else $STEMMEN_DATABASE_URL."""
    chosen = target or os.environ.get("STEMMEN_DATABASE_URL")
    if not chosen:
        raise Invalid("Name a project file or set STEMMEN_DATABASE_URL.")
    return chosen


def create_project(target: str | Path | None = None, actor: str | None = None) -> Project:
    """Create an empty project: a SQLite file path or a postgresql:// URL."""
    project = Project(create_store(resolve_target(target)), actor)
    project.journal.record("project.create")
    return project


def open_project(target: str | Path | None = None, actor: str | None = None,
                 auto_upgrade: bool | None = None) -> Project:
    """Open an existing project (a solo SQLite file upgrades itself after a backup)."""
    return Project(open_store(resolve_target(target), auto_upgrade=auto_upgrade), actor)
