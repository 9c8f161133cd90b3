"""The application layer: every user action exists once, as ``project.<noun>.<verb>()``."""

from __future__ import annotations

import getpass
import os
import threading
from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from stemmen.errors import Invalid
from stemmen.model.access import Role, Viewer
from stemmen.store import Store
from stemmen.store.engine import create_store, open_store

if TYPE_CHECKING:
    from stemmen.project.cases import Cases, Participants
    from stemmen.project.codebook import Codebook
    from stemmen.project.codebook_versions import CodebookVersions
    from stemmen.project.codings import Codings
    from stemmen.project.documents import Documents
    from stemmen.project.exchange import Exchange
    from stemmen.project.fieldwork import FieldworkNoun
    from stemmen.project.findings import Findings
    from stemmen.project.guides import Guides
    from stemmen.project.journal import Journal, Memos
    from stemmen.project.labels import Labels
    from stemmen.project.media import Media
    from stemmen.project.outline import Outline
    from stemmen.project.people import People
    from stemmen.project.privacy import Privacy
    from stemmen.project.queries import Queries
    from stemmen.project.quotes import Quotes, QuoteTranslations
    from stemmen.project.reliability import Reliability
    from stemmen.project.reporting import Reports
    from stemmen.project.retrieval import Segments
    from stemmen.project.rounds import Rounds
    from stemmen.project.sampling import Sampling
    from stemmen.project.settings import Settings
    from stemmen.project.status import ProjectStatus
    from stemmen.project.suggestions import Suggestions
    from stemmen.project.texts import Texts
    from stemmen.project.users import Users
    from stemmen.project.workspace import Workspace


def default_actor() -> str:
    """Who is acting: $STEMMEN_USER, else the login name."""
    try:
        return os.environ.get("STEMMEN_USER") or getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "stemmen"


class Project:
    """One open project. Its nouns hold the actions; each action is one transaction."""

    def __init__(self, store: Store, actor: str | None = None,
                 viewer: Viewer | None = None) -> None:
        self.store = store
        self.actor = actor or default_actor()
        # Whose eyes: blind rounds hide other coders' codings from a coder (solo mode: owner).
        self.viewer = viewer or Viewer(self.actor, Role.OWNER)
        self._views: dict[Viewer, Project] = {}
        self._views_lock = threading.Lock()

    def acting_as(self, viewer: Viewer) -> Project:
        """This project as ``viewer`` sees and changes it (``actor`` and ``viewer`` are theirs):
        the same store, so the same connections and caches (``project.cache``); one view per
        viewer is kept, so what a noun keeps between calls is kept per person. A server holds
        one Project and gives each request the view of its logged-in user."""
        if viewer == self.viewer and viewer.name == self.actor:
            return self
        with self._views_lock:
            view = self._views.get(viewer)
            if view is None:
                view = self._views[viewer] = Project(self.store, viewer.name, viewer)
            return view

    # The nouns are made (and their modules imported) on first use: a command that lists
    # documents does not import the statistics.
    @cached_property
    def documents(self) -> Documents:
        from stemmen.project.documents import Documents

        return Documents(self)

    @cached_property
    def codebook(self) -> Codebook:
        from stemmen.project.codebook import Codebook

        return Codebook(self)

    @cached_property
    def codebook_versions(self) -> CodebookVersions:
        from stemmen.project.codebook_versions import CodebookVersions

        return CodebookVersions(self)

    @cached_property
    def codings(self) -> Codings:
        from stemmen.project.codings import Codings

        return Codings(self)

    @cached_property
    def cases(self) -> Cases:
        from stemmen.project.cases import Cases

        return Cases(self)

    @cached_property
    def participants(self) -> Participants:
        from stemmen.project.cases import Participants

        return Participants(self)

    @cached_property
    def people(self) -> People:
        from stemmen.project.people import People

        return People(self)

    @cached_property
    def fieldwork(self) -> FieldworkNoun:
        from stemmen.project.fieldwork import FieldworkNoun

        return FieldworkNoun(self)

    @cached_property
    def guides(self) -> Guides:
        from stemmen.project.guides import Guides

        return Guides(self)

    @cached_property
    def sampling(self) -> Sampling:
        from stemmen.project.sampling import Sampling

        return Sampling(self)

    @cached_property
    def memos(self) -> Memos:
        from stemmen.project.journal import Memos

        return Memos(self)

    @cached_property
    def segments(self) -> Segments:
        from stemmen.project.retrieval import Segments

        return Segments(self)

    @cached_property
    def reliability(self) -> Reliability:
        from stemmen.project.reliability import Reliability

        return Reliability(self)

    @cached_property
    def rounds(self) -> Rounds:
        from stemmen.project.rounds import Rounds

        return Rounds(self)

    @cached_property
    def exchange(self) -> Exchange:
        from stemmen.project.exchange import Exchange

        return Exchange(self)

    @cached_property
    def journal(self) -> Journal:
        from stemmen.project.journal import Journal

        return Journal(self)

    @cached_property
    def settings(self) -> Settings:
        from stemmen.project.settings import Settings

        return Settings(self)

    @cached_property
    def workspace(self) -> Workspace:
        from stemmen.project.workspace import Workspace

        return Workspace(self)

    @cached_property
    def queries(self) -> Queries:
        from stemmen.project.queries import Queries

        return Queries(self)

    @cached_property
    def findings(self) -> Findings:
        from stemmen.project.findings import Findings

        return Findings(self)

    @cached_property
    def quotes(self) -> Quotes:
        from stemmen.project.quotes import Quotes

        return Quotes(self)

    @cached_property
    def translations(self) -> QuoteTranslations:
        from stemmen.project.quotes import QuoteTranslations

        return QuoteTranslations(self)

    @cached_property
    def outline(self) -> Outline:
        from stemmen.project.outline import Outline

        return Outline(self)

    @cached_property
    def labels(self) -> Labels:
        from stemmen.project.labels import Labels

        return Labels(self)

    @cached_property
    def reports(self) -> Reports:
        from stemmen.project.reporting import Reports

        return Reports(self)

    @cached_property
    def users(self) -> Users:
        from stemmen.project.users import Users

        return Users(self)

    @cached_property
    def media(self) -> Media:
        from stemmen.project.media import Media

        return Media(self)

    @cached_property
    def suggestions(self) -> Suggestions:
        from stemmen.project.suggestions import Suggestions

        return Suggestions(self)

    @cached_property
    def texts(self) -> Texts:
        from stemmen.project.texts import Texts

        return Texts(self)

    @cached_property
    def privacy(self) -> Privacy:
        from stemmen.project.privacy import Privacy

        return Privacy(self)

    def status(self) -> ProjectStatus:
        """Schema revision, kind of database and location (`stemmen db status`)."""
        from stemmen.project.status import project_status

        return project_status(self)

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
