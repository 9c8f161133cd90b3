"""Batches: many actions, one transaction; the single-coding fast path stores what Core does."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

import stemmen
from stemmen import Invalid, NotFound
from stemmen.store import codings as cd
from stemmen.store.engine import BatchFailed
from stemmen.store.schema import audit_log, codings

TEXT = "Eerste alinea over stress.\n\nTweede alinea over de tolk.\n\nDerde alinea.\n"


def test_batch_commits_every_action_once_at_the_end(make_project, database):
    p = make_project(codes=["A", "B"], documents={"d": TEXT})
    with p.batch():
        for start in range(0, 20, 2):
            p.codings.apply("d", "A", "an", start, start + 5)
        p.codings.apply("d", "B", "bert", paragraph=2)
        assert len(p.codings.list()) == 11  # reads inside see the batch's own writes
        other = stemmen.open_project(database)
        try:
            assert other.codings.list() == []  # nothing visible outside before the commit
        finally:
            other.close()
    assert len(p.codings.list()) == 11
    assert p.codings.coders() == ["an", "bert"]


def test_a_failed_action_rolls_back_the_whole_batch_even_if_caught(make_project):
    p = make_project(codes=["A"], documents={"d": TEXT})
    p.codings.apply("d", "A", "an", 0, 5)
    with pytest.raises(BatchFailed), p.batch():
        p.codings.apply("d", "A", "an", 6, 10)
        with pytest.raises(NotFound):
            p.codings.apply("d", "missing", "an", 0, 5)
        p.codings.apply("d", "A", "an", 11, 15)
    assert [(c.start, c.end) for c in p.codings.list()] == [(0, 5)]


def test_an_error_leaving_the_batch_rolls_it_back(make_project):
    p = make_project(codes=["A"], documents={"d": TEXT})
    with pytest.raises(Invalid), p.batch():
        p.codings.apply("d", "A", "an", 0, 5)
        p.codings.apply("d", "A", "an", 5, 10_000)
    assert p.codings.list() == []


def test_nested_batches_join_the_outer_one_and_other_threads_do_not(make_project, database):
    p = make_project(codes=["A"], documents={"d": TEXT})
    seen: list[int] = []
    with p.batch():
        with p.batch():
            p.codings.apply("d", "A", "an", 0, 5)
        worker = threading.Thread(target=lambda: seen.append(len(p.codings.list())))
        worker.start()
        worker.join()
        assert len(p.codings.list()) == 1
    assert seen == [0]  # another thread reads outside the batch (committed data only)
    assert len(p.codings.list()) == 1


def test_fast_path_stores_what_core_stores(make_project):
    p = make_project(codes=["A"], documents={"d": TEXT})
    fast = p.codings.apply("d", "A", "an", 0, 5)
    with p.store.transaction() as tx:
        ids = cd.lookup(tx, "d", "A", "an")
        core_id = cd.add(tx, ids[0], ids[2], ids[3], 6, 10)
        rows = {r.id: r for r in tx.execute(select(codings))}
        audit = tx.execute(select(audit_log).order_by(audit_log.c.id.desc())).first()
    assert type(rows[fast.id].created_at) is type(rows[core_id].created_at)
    assert rows[fast.id].created_at == fast.created_at  # returned as it reads back
    assert rows[fast.id].created_at.tzinfo == rows[core_id].created_at.tzinfo
    assert len(rows[fast.id].guid) == 36 and rows[fast.id].start == 0
    assert audit.action == "coding.apply" and audit.actor == "an"
    listed = {c.id: c for c in p.codings.list()}
    assert listed[fast.id] == fast


def test_lookup_names_what_is_missing_and_adds_a_new_coder(make_project):
    p = make_project(codes=["A"], documents={"d": TEXT})
    with p.store.transaction() as tx:
        with pytest.raises(NotFound, match="no document"):
            cd.lookup(tx, "x", "A", "an")
        with pytest.raises(NotFound, match="no code"):
            cd.lookup(tx, "d", "x", "an")
        first = cd.lookup(tx, "d", "A", "new coder")
        assert cd.lookup(tx, "d", "A", "new coder") == first
    assert first[1] == len(p.documents.get("d").text)
    assert p.codings.coders() == ["new coder"]


def test_insert_many_stores_what_core_stores(make_project):
    p = make_project(codes=["A"], documents={"d": TEXT})
    with p.store.transaction() as tx:
        doc_id, _, code_id, coder = cd.lookup(tx, "d", "A", "an")
        core_id = cd.add(tx, doc_id, code_id, coder, 0, 5)
        rows = [{"document_id": doc_id, "code_id": code_id, "coder_id": coder,
                 "start": s, "end": s + 3} for s in range(6, 30, 4)]
        assert cd.insert_many(tx, rows, batch=4) == len(rows)  # two chunks
        stored = {r.id: r for r in tx.execute(select(codings))}
    core = stored.pop(core_id)
    assert [(r.start, r.end) for r in stored.values()] == [(s, s + 3) for s in range(6, 30, 4)]
    for row in stored.values():
        assert type(row.created_at) is type(core.created_at)
        assert row.created_at.tzinfo == core.created_at.tzinfo
        assert len(row.guid) == 36
    assert len({r.created_at for r in stored.values()}) == 1  # one timestamp for the call
