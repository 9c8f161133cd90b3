"""Nothing is hard-deleted without an audit row: every project action that deletes rows
writes an audit entry in the same action, with the person who did it (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event

pytestmark = pytest.mark.usefixtures("quick_passwords")
# Bookkeeping that is not the project's content (sessions, throttling, caches).
NOT_CONTENT = ("user_sessions", "login_attempts")


def _deletes_and_audits(project: Any) -> Callable[[Callable[[], Any]], tuple[list[str], int]]:
    """``run(action)`` -> (the DELETE statements it ran on content tables, how many audit
    entries it added). Statements are seen through SQLAlchemy's events; audit entries are
    counted (on SQLite they are written through the driver, see ``store/prepared.py``)."""
    seen: list[str] = []

    @event.listens_for(project.store.engine, "before_cursor_execute")
    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(" ".join(statement.split()))

    def run(action: Callable[[], Any]) -> tuple[list[str], int]:
        before = len(project.journal.entries())
        seen.clear()
        action()
        deletes = [s for s in seen if s.upper().startswith("DELETE")
                   and not any(t in s for t in NOT_CONTENT)]
        return deletes, len(project.journal.entries()) - before

    return run


def test_every_delete_writes_an_audit_row_with_its_actor(make_project, sample_text) -> None:
    p = make_project(codes=["R-tolk", "S-stress", "T-taal"], documents={"d": sample_text,
                                                                        "e": sample_text},
                     actor="ann", d="OCMW Gent")
    p.users.add("bo", "coder", "a password")
    first = p.codings.apply("d", "R-tolk", "ann", paragraph=2)
    second = p.codings.apply("d", "S-stress", "ann", paragraph=3)
    third = p.codings.apply("d", "T-taal", "ann", paragraph=4)
    p.codings.apply("e", "R-tolk", "ann", paragraph=2)
    memo = p.memos.add("Een notitie.")
    finding = p.findings.add("Tolken helpen.")
    p.findings.link(finding.id, [first.id])
    p.quotes.mark(second.id)
    p.cases.define_attribute("wave", "number")
    p.participants.add("P1", case="OCMW Gent")
    p.settings.set("attribute.role", "functie")
    run = _deletes_and_audits(p)
    actions: dict[str, Callable[[], Any]] = {
        "finding.unlink": lambda: p.findings.unlink(finding.id, [first.id]),
        "finding.delete": lambda: p.findings.delete(finding.id),
        "quote.unmark": lambda: p.quotes.unmark(second.id),
        "coding.remove": lambda: p.codings.remove(first.id),
        "coding.remove_many": lambda: p.codings.remove_many([second.id]),
        "coding.remove_span": lambda: p.codings.remove_span("d", "T-taal", "ann",
                                                            paragraph=4),
        "memo.remove": lambda: p.memos.remove(memo.id),
        "participant.delete": lambda: p.participants.delete("P1"),
        "attribute.delete": lambda: p.cases.delete_attribute("wave"),
        "setting.reset": lambda: p.settings.reset("attribute.role"),
        "codebook.delete": lambda: p.codebook.delete("S-stress"),
        "document.delete": lambda: p.documents.delete("e"),
        "case.delete": lambda: p.cases.delete("OCMW Gent"),
        "user.remove": lambda: p.users.remove("bo"),
    }
    silent, deleted_nothing = [], []
    for name, action in actions.items():
        deletes, audits = run(action)
        if not deletes:
            deleted_nothing.append(name)
        elif not audits:
            silent.append(f"{name}: {deletes[:2]}")
        assert p.journal.entries()[-1].actor == "ann", name
    assert silent == [], f"deleted rows without an audit row: {silent}"
    assert len(deleted_nothing) < len(actions) // 2, deleted_nothing  # the walk deletes
    del third
