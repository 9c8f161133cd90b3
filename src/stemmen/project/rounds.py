"""Blind double-coding rounds: open one on documents for coders, close it with the coders'
agreement, reconcile its disagreements into a master coding.

While a round is open, each of its coders (a viewer whose name is a round coder and who does
not see all coders) sees only their own codings in the round's documents. :func:`hidden` is
the one place that says what a viewer may not see; the queries of the document page,
retrieval, exports and reliability apply it.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.model.access import Role
from stemmen.store import analysis, journal
from stemmen.store import documents as dc
from stemmen.store import rounds as rs

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.comparison import Comparison


@dataclass(frozen=True)
class Hidden:
    """What one viewer may not see: in ``documents`` (id → name), every coder but ``viewer``.

    ``pairs`` holds the hidden (document id, coder id) of the coders that exist; a falsy
    Hidden hides nothing."""

    viewer: str = ""
    documents: Mapping[int, str] = field(default_factory=dict)
    pairs: frozenset[tuple[int, int]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.documents)

    def covers(self, document: int | str) -> bool:
        """Whether some codings in ``document`` (id or name) are hidden."""
        if isinstance(document, int):
            return document in self.documents
        return document in self._names

    def hides(self, document: int | str, coder: str) -> bool:
        """Whether ``coder``'s codings in ``document`` (id or name) are hidden."""
        if not self.documents or coder == self.viewer:
            return False
        if isinstance(document, int):
            return document in self.documents
        return document in self._names

    @property
    def _names(self) -> frozenset[str]:
        return frozenset(self.documents.values())


NOTHING = Hidden()


def hidden_from(conn: Any, coder: str) -> Hidden:
    """What the open rounds hide from ``coder`` as a coder (whatever their role): for a
    copy written for one coder."""
    docs = rs.blind_documents(conn, coder)
    return Hidden(coder, docs, rs.hidden_pairs(conn, coder)) if docs else NOTHING


def hidden(project: Project, conn: Any) -> Hidden:
    """What ``project.viewer`` may not see: nothing for owners and reviewers; for a coder in
    open rounds, the other coders' codings in those rounds' documents."""
    viewer = project.viewer
    if viewer.sees_all_coders:
        return NOTHING
    return hidden_from(conn, viewer.name)


@contextmanager
def blinded(project: Project) -> Iterator[Any]:
    """``project.store.reading()`` in which the analyses of ``store.analysis`` (matrices,
    frequencies, coded spans) leave out what a blind round hides from the viewer."""
    with project.store.reading() as conn:
        blind = hidden(project, conn)
        if not blind:
            yield conn
            return
        token = analysis.BLIND.set((tuple(sorted(blind.documents)),
                                    rs.own_coder_id(conn, blind.viewer)))
        try:
            yield conn
        finally:
            analysis.BLIND.reset(token)


@dataclass(frozen=True)
class Round:
    """A blind round: name, state, who opened/closed it when, its documents and coders."""

    name: str
    state: str
    documents: list[str]
    coders: list[str]
    opened_at: dt.datetime
    opened_by: str
    closed_at: dt.datetime | None = None
    closed_by: str | None = None

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "state": self.state, "documents": list(self.documents),
                "coders": list(self.coders), "opened_at": self.opened_at.isoformat(),
                "opened_by": self.opened_by,
                "closed_at": self.closed_at.isoformat() if self.closed_at else None,
                "closed_by": self.closed_by}


@dataclass(frozen=True)
class RoundAgreement:
    """A round with its coders' agreement on its documents (None, with the reason, when it
    cannot be computed, e.g. a coder coded nothing)."""

    round: Round
    agreement: Comparison | None
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The shape of ``stemmen agreement --json``, plus ``round``, ``reason`` and the
        round's documents and coders (``round_documents``, ``round_coders``)."""
        data: dict[str, Any] = self.agreement.as_dict() if self.agreement else {}
        data.update({"round": self.round.name, "round_documents": self.round.documents,
                     "round_coders": self.round.coders, "state": self.round.state,
                     "reason": self.reason})
        data.setdefault("documents", self.round.documents)
        data.setdefault("coders", self.round.coders)
        return data


def _round(row: rs.RoundRow) -> Round:
    return Round(row.name, row.state, list(row.documents), list(row.coders), row.opened_at,
                 row.opened_by, row.closed_at, row.closed_by)


class Rounds:
    """Blind double-coding rounds of a project."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def _owner(self, what: str) -> None:
        if self._p.viewer.role == Role.OWNER:
            return
        if what == "open":
            raise Invalid("Only an owner may open a round.")
        raise Invalid("Only an owner may close a round.")

    def open(self, name: str, documents: Iterable[str], coders: Iterable[str]) -> Round:
        """Open a round on ``documents`` for ``coders`` (two or more): from now on each of
        them sees only their own codings in these documents."""
        name = name.strip()
        docs = list(dict.fromkeys(d.strip() for d in documents if d.strip()))
        people = list(dict.fromkeys(c.strip() for c in coders if c.strip()))
        self._owner("open")
        if not name:
            raise Invalid("Name the round.")
        if not docs:
            raise Invalid("Give one or more documents for the round (--document).")
        if len(people) < 2:
            raise Invalid("A round needs two or more coders (--coder); got {n}.", n=len(people))
        with self._p.store.transaction() as tx:
            ids = [dc.document_id(tx, d) for d in docs]
            rs.add(tx, name, ids, people, self._p.actor)
            journal.record(tx, self._p.actor, "round.open", round=name, documents=docs,
                           coders=people)
            return _round(rs.get(tx, name))

    def blind_key(self) -> tuple[int, ...]:
        """What the viewer may not see, as a key for kept results: the ids of the documents
        whose other coders are hidden (empty: the viewer sees everything)."""
        if self._p.viewer.sees_all_coders:
            return ()
        with self._p.store.reading() as conn:
            return tuple(sorted(hidden(self._p, conn).documents))

    def list(self) -> builtins.list[Round]:
        with self._p.store.reading() as conn:
            return [_round(r) for r in rs.list_rounds(conn)]

    def get(self, name: str) -> Round:
        with self._p.store.reading() as conn:
            return _round(rs.get(conn, name))

    def agreement(self, name: str) -> RoundAgreement:
        """The round's coders' agreement on its documents (per code, pooled, code sets, with
        intervals), as :meth:`Reliability.compare` gives it. Only once the round is closed,
        unless the viewer sees all coders."""
        found = self.get(name)
        if found.is_open and not self._p.viewer.sees_all_coders:
            raise Invalid("The agreement of round {name!r} is shown when it closes.",
                          name=name)
        try:
            result = self._p.reliability.compare(found.coders, found.documents)
        except Invalid as exc:
            return RoundAgreement(found, None, exc.message)
        return RoundAgreement(found, result)

    def close(self, name: str) -> RoundAgreement:
        """Close a round: its coders see each other's codings again, and its agreement is
        computed (and returned) so that reconciliation can start."""
        self._owner("close")
        with self._p.store.transaction() as tx:
            row = rs.get(tx, name)
            if row.state != "open":
                raise Invalid("The round {name!r} is already closed.", name=name)
            rs.close(tx, row.id, self._p.actor)
            journal.record(tx, self._p.actor, "round.close", round=name)
        return self.agreement(name)

    def disagreements(self, name: str, unit: str = "paragraph") -> builtins.list[dict[str, Any]]:
        """Each disagreement of the round's first two coders on its documents, classified
        (different_code, missed, boundary), with the unit's text."""
        found = self._closed_for_review(name)
        return self._p.reliability.disagreements(found.coders[:2], found.documents, unit=unit)

    def reconcile(self, name: str, decisions: Mapping[tuple[str, int, str], str] | Iterable[Any],
                  master: str = "master", unit: str = "paragraph",
                  default: str | None = None) -> int:
        """Write the round's master coding from its first two coders by decisions (a, b,
        both, neither), with :meth:`Reliability.reconcile`; recorded in the audit log.
        Returns the number of master codings written."""
        found = self._closed_for_review(name)
        written = self._p.reliability.reconcile(decisions, found.coders[0], found.coders[1],
                                                master, found.documents, unit=unit,
                                                default=default)
        self._p.journal.record("round.reconcile", round=name, master=master, codings=written)
        return written

    def _closed_for_review(self, name: str) -> Round:
        found = self.get(name)
        if not self._p.viewer.sees_all_coders:
            raise Invalid("Only a reviewer or an owner may reconcile round {name!r}.",
                          name=name)
        if found.is_open:
            raise Invalid("Close round {name!r} before reconciling it.", name=name)
        return found
