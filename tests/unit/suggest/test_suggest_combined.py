"""The combined model without a real embedder: grouped cross-validation never mixes documents
(both base models and the calibration), calibrated probabilities stay in [0, 1] and never fall
when a base score rises, and speaker turns as units.

The vectors here are synthetic (a code's direction plus noise), so these tests need no model.
"""

from __future__ import annotations

import numpy as np
import pytest

from stemmen.model.media import Turn
from stemmen.suggest import evaluate as ev
from stemmen.suggest import labelled_units
from stemmen.suggest.combined import SuggestModel, probability
from stemmen.suggest.lexical import LexicalModel
from stemmen.suggest.semantic import SemanticModel
from stemmen.suggest.units import TextUnit, label_units, turn_units
from suggest_corpus import NOISE, RARE, VOCABULARY, corpus

CODES = [*VOCABULARY, RARE, NOISE]


def _vectors(labels, seed=5):
    """Per unit: the sum of its codes' directions plus noise (unit length)."""
    rng = np.random.default_rng(seed)
    directions = {code: rng.normal(size=16) for code in CODES}
    rows = []
    for found in labels:
        v = rng.normal(scale=0.8, size=16)
        for code in found:
            if code in VOCABULARY:
                v = v + directions[code]
        rows.append(v / np.linalg.norm(v))
    return np.asarray(rows, dtype=np.float32)


@pytest.fixture(scope="module")
def data():
    texts, codings = corpus(documents=8, seed=11)
    units, labels = labelled_units(texts, codings)
    # each text names its document, so that a text tells which document it came from
    units = [TextUnit(u.document, u.start, u.end, f"{u.document}. {u.text}") for u in units]
    return units, labels, _vectors(labels)


def test_combined_cross_validation_never_mixes_documents(data, monkeypatch):
    units, labels, vectors = data
    document_of_text = {u.text: u.document for u in units}
    document_of_vector = {v.tobytes(): u.document for u, v in zip(units, vectors, strict=True)}
    seen: list[tuple[str, set[str]]] = []
    fit_lex, scores_lex = LexicalModel.fit, LexicalModel.scores
    fit_sem, scores_sem = SemanticModel.fit, SemanticModel.scores

    def spy_fit_lex(self, texts, present):
        seen.append(("lexical fit", {document_of_text[t] for t in texts}))
        return fit_lex(self, texts, present)

    def spy_scores_lex(self, texts):
        seen.append(("lexical test", {document_of_text[t] for t in texts}))
        return scores_lex(self, texts)

    def spy_fit_sem(self, matrix, present):
        seen.append(("semantic fit", {document_of_vector[v.tobytes()] for v in matrix}))
        return fit_sem(self, matrix, present)

    def spy_scores_sem(self, matrix):
        seen.append(("semantic test", {document_of_vector[v.tobytes()] for v in matrix}))
        return scores_sem(self, matrix)

    calibrated: list[int] = []
    real_calibrate = ev.calibrate

    def spy_calibrate(features, truth):
        calibrated.append(len(truth))
        return real_calibrate(features, truth)

    monkeypatch.setattr(LexicalModel, "fit", spy_fit_lex)
    monkeypatch.setattr(LexicalModel, "scores", spy_scores_lex)
    monkeypatch.setattr(SemanticModel, "fit", spy_fit_sem)
    monkeypatch.setattr(SemanticModel, "scores", spy_scores_sem)
    monkeypatch.setattr(ev, "calibrate", spy_calibrate)
    report, held_out = ev.cross_validate(units, labels, CODES, "an", model="combined",
                                         vectors=vectors)
    assert report.kind == "combined" and report.model.startswith("combined:")
    assert report.folds == 5 and held_out.shape == (len(units), len(report.enabled) + 1)
    for base in ("lexical", "semantic"):
        fits = [docs for what, docs in seen if what == f"{base} fit"]
        tests = [docs for what, docs in seen if what == f"{base} test"]
        assert len(fits) == len(tests) == 5
        for trained_on, tested_on in zip(fits, tests, strict=True):
            assert trained_on.isdisjoint(tested_on)
        assert set().union(*tests) == {u.document for u in units}  # each tested once
    learnt = sum(1 for c in report.codes if c.reason != ev.TOO_FEW)
    # per learnt code: one calibration per fold on the other folds' units only, then one on all
    assert len(calibrated) == learnt * 6
    assert sorted(set(calibrated))[-1] == len(units)
    assert calibrated.count(len(units)) == learnt


def test_calibration_gives_probabilities_monotone_in_every_base_score():
    rng = np.random.default_rng(2)
    truth = rng.random(400) < 0.3
    good = truth * 2.0 + rng.normal(size=400)
    against = truth * -1.0 + rng.normal(size=400)  # a base score that points the wrong way
    params = ev.calibrate(np.column_stack([good, against]), truth)
    assert len(params) == 3 and params[0] > 0 and params[1] == 0  # left out, not negative
    grid = np.linspace(-5, 5, 41)
    for fixed in (-3.0, 0.0, 3.0):
        for column in (0, 1):
            scores = np.full((len(grid), 2), fixed)
            scores[:, column] = grid
            p = probability(scores, params)
            assert ((p >= 0) & (p <= 1)).all()
            assert (np.diff(p) >= -1e-12).all()
    assert probability(np.array([[3.0, 0.0]]), params)[0] > probability(
        np.array([[-3.0, 0.0]]), params)[0]


def test_calibration_of_a_constant_code_is_a_constant_probability():
    params = ev.calibrate(np.zeros((10, 2)), np.zeros(10, dtype=bool))
    assert probability(np.ones((3, 2)), params).max() < 0.01


def test_combined_model_trains_suggests_and_round_trips(data):
    units, labels, vectors = data
    model, report, held_out = ev.train(units, labels, CODES, "an", model="combined",
                                       vectors=vectors)
    assert set(report.enabled) == set(VOCABULARY)
    assert ((held_out >= 0) & (held_out <= 1)).all()
    for code in report.enabled:
        weights = report.code(code).platt[:-1]
        assert len(weights) == 2 and min(weights) >= 0 and max(weights) > 0
    texts = [u.text for u in units[:6]]
    first = ev.suggest(model, report, texts, vectors[:6])
    again = SuggestModel.from_bytes(model.to_bytes())
    assert ev.suggest(again, report, texts, vectors[:6]) == first
    assert all(0.5 <= p <= 1 for found in first for _c, p in found)
    with pytest.raises(ValueError, match="vectors"):
        model.scores(texts)


def test_a_semantic_model_needs_a_vector_per_unit(data):
    units, labels, vectors = data
    with pytest.raises(ev.Invalid, match="vector for every unit"):
        ev.cross_validate(units, labels, CODES, "an", model="semantic", vectors=vectors[:3])
    with pytest.raises(ev.Invalid, match="Unknown model"):
        ev.cross_validate(units, labels, CODES, "an", model="neural")


def test_turns_merge_a_speakers_paragraphs_and_keep_one_speaker():
    text = ("Interviewer: Hoe gaat het?\nDeelnemer: Goed.\nMet de tolk ook.\n"
            "Interviewer: En het werk?\nDeelnemer: Een job gevonden.")
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    ends = [s + len(line) for s, line in zip(starts, text.split("\n"), strict=True)]
    speakers = ["Interviewer", "Deelnemer", "Deelnemer", "Interviewer", "Deelnemer"]
    turns = [Turn(s, e, who) for s, e, who in zip(starts, ends, speakers, strict=True)]
    units = turn_units("d", text, turns)
    assert [u.speaker for u in units] == ["Interviewer", "Deelnemer", "Interviewer",
                                          "Deelnemer"]
    assert units[1].text == "Deelnemer: Goed.\nMet de tolk ook."
    theirs = turn_units("d", text, turns, speaker="deelnemer")
    assert [u.text for u in theirs] == ["Deelnemer: Goed.\nMet de tolk ook.",
                                        "Deelnemer: Een job gevonden."]
    labels = label_units(theirs, [("d", starts[2], ends[2], "tolk"), ("x", 0, 5, "werk")])
    assert labels == [frozenset({"tolk"}), frozenset()]
