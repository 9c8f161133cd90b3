"""The suggestion model: grouped cross-validation, disabled codes, and it finds distinct codes."""

from __future__ import annotations

import socket

import pytest

from stemmen.errors import Invalid
from stemmen.suggest import SuggestModel, TrustReport, labelled_units, train
from stemmen.suggest.evaluate import folds, suggest
from stemmen.suggest.semantic import Embedder
from suggest_corpus import NOISE, RARE, VOCABULARY, corpus

CODES = [*VOCABULARY, RARE, NOISE]


@pytest.fixture(scope="module")
def trained() -> tuple[SuggestModel, TrustReport, list]:
    texts, codings = corpus()
    units, labels = labelled_units(texts, codings)
    model, report, _held_out = train(units, labels, CODES, "an")
    return model, report, units


def test_units_carry_the_codes_that_overlap_them():
    texts, codings = corpus(documents=2)
    units, labels = labelled_units(texts, codings)
    assert len(units) == 24
    assert {u.document for u in units} == set(texts)
    first = [(s, e, c) for d, s, e, c in codings if d == "interview 01"]
    assert {c for s, e, c in first if s == units[0].start} == labels[0]
    assert units[0].text == texts["interview 01"][units[0].start:units[0].end]


def test_cross_validation_never_puts_a_document_in_train_and_test():
    groups = [f"d{i % 7}" for i in range(70)]
    seen_in_test: list[str] = []
    for train_rows, test_rows in folds(groups):
        train_docs = {groups[i] for i in train_rows}
        test_docs = {groups[i] for i in test_rows}
        assert train_docs.isdisjoint(test_docs)
        assert len(train_rows) + len(test_rows) == 70
        seen_in_test += sorted(test_docs)
    assert sorted(seen_in_test) == sorted(set(groups))  # each document tested exactly once


def test_one_document_cannot_be_measured():
    with pytest.raises(Invalid, match="two documents"):
        list(folds(["d1"] * 5))


def test_a_rare_code_is_disabled_with_its_reason(trained):
    _model, report, _units = trained
    rare = report.code(RARE)
    assert rare is not None and not rare.enabled
    assert rare.n == 3 and rare.documents == 1
    assert "too few examples" in rare.reason_text()
    assert "3 units in 1 documents" in rare.reason_text()
    assert rare.kappa is None


def test_codes_with_their_own_vocabulary_are_found_and_enabled(trained):
    model, report, _units = trained
    assert set(report.enabled) == set(VOCABULARY)
    for code in VOCABULARY:
        trust = report.code(code)
        assert trust.kappa is not None and trust.kappa > 0.8
        assert trust.kappa_low is not None and trust.kappa_low <= trust.kappa
        assert trust.ac1 is not None and trust.precision > 0.8 and trust.recall > 0.8
    assert report.pooled["kappa"] > 0.8
    assert report.folds == 5 and report.documents == 10
    guesses = suggest(model, report, ["Deelnemer: zonder tolk begreep ik niets, het weer.",
                                      "Deelnemer: de huur van het appartement."])
    assert guesses[0][0][0] == "tolk" and guesses[0][0][1] >= 0.5
    assert guesses[1][0][0] == "wonen"


def test_a_code_under_the_threshold_is_disabled_and_says_why(trained):
    _model, report, _units = trained
    noise = report.code(NOISE)
    assert noise is not None and noise.n >= 8 and not noise.enabled
    assert noise.kappa is not None and noise.kappa < 0.6
    assert f"kappa {noise.kappa:.2f} is under the threshold 0.60" == noise.reason_text()
    assert NOISE not in {code for found in _model_guesses(trained) for code, _p in found}


def _model_guesses(trained):
    model, report, units = trained
    return suggest(model, report, [u.text for u in units])


def test_the_report_and_the_model_survive_a_round_trip(trained):
    model, report, _units = trained
    again = SuggestModel.from_bytes(model.to_bytes())
    texts = ["Deelnemer: een job gevonden."]
    assert (again.scores(texts) == model.scores(texts)).all()
    assert TrustReport.from_dict(report.to_dict()) == report


def test_training_and_suggesting_need_no_network(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError("network blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    texts, codings = corpus(documents=6, seed=3)
    units, labels = labelled_units(texts, codings)
    model, report, _ = train(units, labels, CODES, "an")
    assert report.enabled
    assert suggest(model, report, ["Deelnemer: de werkgever belde."])[0][0][0] == "werk"
    # the semantic model's embedder loads and runs from site-packages, sockets blocked
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    vectors = Embedder().passages(["Ik zoek een sociale woning.", "Je cherche un logement."])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.8  # the same meaning in Dutch and French
