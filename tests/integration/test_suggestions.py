"""Code suggestions on a project (SQLite and PostgreSQL): train, list, accept, reject, and the
model as a coder for the reliability module."""

from __future__ import annotations

import socket

import pytest

from stemmen.errors import Invalid, NotFound
from suggest_corpus import NOISE, RARE, VOCABULARY, corpus


@pytest.fixture
def coded(make_project):
    texts, codings = corpus(documents=8)
    p = make_project(codes=[*VOCABULARY, RARE, NOISE], documents=texts, actor="carla")
    for document, start, end, code in codings:
        p.codings.apply(document, code, "an", start=start, end=end)
    p.documents.add("nieuw", "Deelnemer: zonder tolk begreep ik niets.\n"
                             "Deelnemer: de huur van het appartement is hoog.\n"
                             "Deelnemer: het weer was goed.")
    return p


def _audit(p, action):
    return [e for e in p.journal.entries() if e.action == action]


def test_train_stores_the_model_and_its_report(coded):
    report = coded.suggestions.train("an")
    assert set(report.enabled) == set(VOCABULARY)
    rare = report.code(RARE)
    assert not rare.enabled and "too few examples" in rare.reason_text()
    assert coded.suggestions.report() == report
    assert len(_audit(coded, "suggest.train")) == 1


def test_training_needs_a_known_coder(coded):
    with pytest.raises(NotFound):
        coded.suggestions.train("nobody")


def test_listing_needs_a_trained_model(coded):
    with pytest.raises(Invalid, match="No suggestion model"):
        coded.suggestions.list("nieuw")
    assert coded.suggestions.pending("nieuw") == []  # for pages: quietly nothing
    coded.suggestions.train("an")
    assert [s.code for s in coded.suggestions.pending("nieuw")] == ["tolk", "wonen"]


def test_list_accept_and_reject(coded):
    coded.suggestions.train("an")
    found = coded.suggestions.list("nieuw")
    assert [(s.code, s.start) for s in found] == [("tolk", 0), ("wonen", 41)]
    assert all(0.5 <= s.probability <= 1 and s.state == "pending" for s in found)
    assert coded.suggestions.list("nieuw") == found  # stored once, same ids
    before = len(coded.codings.list())
    audit_before = len(coded.journal.entries())

    coding = coded.suggestions.accept(found[0].id)
    assert (coding.document, coding.code, coding.coder) == ("nieuw", "tolk", "carla")
    assert (coding.start, coding.end) == (found[0].start, found[0].end)
    assert len(coded.codings.list()) == before + 1  # exactly one coding
    entries = coded.journal.entries()
    assert len(entries) == audit_before + 1  # and exactly one audit entry
    assert any(e.action == "suggestion.accept" for e in entries)
    assert [s.id for s in coded.suggestions.list("nieuw")] == [found[1].id]
    with pytest.raises(Invalid, match="already accepted"):
        coded.suggestions.accept(found[0].id)

    rejected = coded.suggestions.reject(found[1].id)
    assert rejected.state == "rejected"
    assert coded.suggestions.list("nieuw") == []
    assert len(coded.codings.list()) == before + 1
    with pytest.raises(NotFound):
        coded.suggestions.reject(9999)


def test_units_the_coder_coded_get_no_suggestions(coded):
    coded.suggestions.train("an")
    assert coded.suggestions.list("interview 01", coder="an") == []
    assert coded.suggestions.list("interview 01", coder="carla")


def test_the_model_as_a_coder_agrees_as_the_trust_report_says(coded):
    report = coded.suggestions.train("an")
    written = coded.suggestions.as_coder()
    assert written > 0
    assert coded.suggestions.as_coder() == written  # replaces, does not add
    interviews = [d.name for d in coded.documents.list() if d.name != "nieuw"]
    comparison = coded.reliability.compare(coders=["an", "model"], documents=interviews,
                                           intervals=False)
    for code in VOCABULARY:
        assert comparison.per_code[code]["cohen_kappa"] == pytest.approx(
            report.code(code).kappa, abs=1e-3)
    with pytest.raises(Invalid):
        coded.suggestions.as_coder("an")


def test_training_and_suggesting_work_with_the_network_blocked(coded, monkeypatch, database):
    if database.startswith("postgresql"):
        pytest.skip("the PostgreSQL server is reached over a socket")

    def refuse(*_args, **_kwargs):
        raise OSError("network blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert coded.suggestions.train("an").enabled
    assert coded.suggestions.list("nieuw")
