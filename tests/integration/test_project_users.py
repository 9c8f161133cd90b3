"""``project.users`` on SQLite and PostgreSQL: hashes, sessions, throttling; and
``Project.acting_as`` (one view per person over the same store)."""

from __future__ import annotations

import datetime as dt

import pytest

from stemmen.errors import AlreadyExists, Invalid, NotFound
from stemmen.model.access import Role, Viewer
from stemmen.project import users as users_module
from stemmen.project.cache import cache_of
from stemmen.project.users import LoginRefused, LoginThrottled

pytestmark = pytest.mark.usefixtures("quick_passwords")

PASSWORD = "correct horse"


def test_users_are_unique_whatever_the_case_and_keep_only_a_hash(make_project) -> None:
    p = make_project()
    assert not p.users.exist()
    added = p.users.add("Ann", "owner", PASSWORD)
    assert added.role is Role.OWNER and p.users.exist()
    with pytest.raises(AlreadyExists):
        p.users.add("ANN", "coder", PASSWORD)
    with pytest.raises(Invalid):
        p.users.add("bo", "boss", PASSWORD)
    with pytest.raises(Invalid):
        p.users.add("bo", "coder", "")
    from sqlalchemy import select

    from stemmen.store.schema_users import users

    with p.store.reading() as conn:
        [stored] = conn.execute(select(users.c.password_hash)).scalars()
    assert stored.startswith("$argon2") and PASSWORD not in stored


def test_a_session_is_checked_touched_and_ended(make_project) -> None:
    p = make_project()
    p.users.add("Ann", "coder", PASSWORD)
    login = p.users.authenticate("ann", PASSWORD, "10.0.0.1")
    assert login.user.name == "Ann" and login.expires > dt.datetime.now(dt.UTC)
    assert p.users.session(login.token) == login.user
    assert p.users.session(login.token + "x") is None
    assert p.users.session(login.token, idle=dt.timedelta(0)) is None  # idle too long: ended
    assert p.users.sessions("Ann") == []
    again = p.users.authenticate("Ann", PASSWORD)
    p.users.logout(again.token)
    assert p.users.session(again.token) is None
    short = p.users.authenticate("Ann", PASSWORD, lifetime=dt.timedelta(seconds=-1))
    assert p.users.session(short.token) is None  # past its lifetime


def test_a_role_change_or_removal_counts_at_the_next_check(make_project) -> None:
    p = make_project()
    p.users.add("Ann", "coder", PASSWORD)
    login = p.users.authenticate("Ann", PASSWORD)
    p.users.role("ann", "reader")
    assert p.users.session(login.token).role is Role.READER
    p.users.remove("Ann")
    assert p.users.session(login.token) is None
    with pytest.raises(NotFound):
        p.users.remove("Ann")
    actions = [e.action for e in p.journal.entries()]
    assert actions[-4:] == ["user.add", "user.login", "user.role", "user.remove"]


def test_failed_logins_are_throttled_per_name_and_address(make_project, monkeypatch) -> None:
    p = make_project()
    p.users.add("Ann", "coder", PASSWORD)
    p.users.add("Bo", "coder", PASSWORD)
    for _ in range(users_module.MAX_FAILED_PER_NAME):
        with pytest.raises(LoginRefused):
            p.users.authenticate("Ann", "wrong password", "10.0.0.1")
    with pytest.raises(LoginThrottled):
        p.users.authenticate("Ann", PASSWORD, "10.0.0.2")
    assert p.users.authenticate("Bo", PASSWORD, "10.0.0.1").user.name == "Bo"
    monkeypatch.setattr(users_module, "MAX_FAILED_PER_ADDRESS", 2)
    for name in ("x", "y"):
        with pytest.raises(LoginRefused):
            p.users.authenticate(name, "wrong password", "10.0.0.9")
    with pytest.raises(LoginThrottled):
        p.users.authenticate("Bo", PASSWORD, "10.0.0.9")


def test_acting_as_shares_the_store_and_cache_and_records_the_user(make_project,
                                                                   sample_text) -> None:
    p = make_project(codes=["R-tolk"], documents={"d": sample_text})
    cor = p.acting_as(Viewer("cor", Role.CODER))
    assert cor.actor == "cor" and cor.viewer.role is Role.CODER
    assert cor.store is p.store and cache_of(cor) is cache_of(p)
    assert p.acting_as(Viewer("cor", Role.CODER)) is cor  # one view per person
    assert p.acting_as(Viewer("cor", Role.READER)) is not cor
    assert p.acting_as(p.viewer) is p
    cor.codings.apply("d", "R-tolk", "cor", paragraph=2)
    cor.memos.add("Een notitie.")
    assert [(e.actor, e.action) for e in p.journal.entries()][-2:] == [
        ("cor", "coding.apply"), ("cor", "memo.add")]
