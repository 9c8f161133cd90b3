"""Cross-validation grouped by document, and training: the trust report before suggestions.

A code is learnt only with at least :data:`MIN_POSITIVE` coded units in at least
:data:`MIN_DOCUMENTS` documents. Each fold's model is fitted on other documents only (its
vocabulary too), so no interview is ever scored by a model that read it.

Three models (:data:`KINDS`): ``lexical`` (TF-IDF n-grams), ``semantic`` (sentence
embeddings) and ``combined`` (both, stacked). The held-out (out-of-fold) scores of the base
models are calibrated per code by a logistic regression on those scores: Platt's sigmoid for
one model, stacking for two. Its weights are kept non-negative, so the probability never falls
when a base score rises. The calibration is itself cross-fitted with the same folds: the
probability of a unit in the report comes from a calibration fitted on the other documents.
A unit is "coded by the model" when the probability reaches 0.5. Agreement with the human
coder uses the project's own statistics.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from stemmen.errors import Invalid
from stemmen.stats import estimate
from stemmen.stats.bands import DEFAULT_THRESHOLD
from stemmen.stats.ratings import binary_ratings
from stemmen.suggest.combined import KINDS, SuggestModel, bases, describe, probability
from stemmen.suggest.lexical import Floats, LexicalModel
from stemmen.suggest.semantic import SemanticModel, Vectors
from stemmen.suggest.trust import TOO_FEW, UNDEFINED, UNDER_THRESHOLD, CodeTrust, TrustReport
from stemmen.suggest.units import TextUnit

MIN_POSITIVE = 8  # coded units a code needs to be learnt
MIN_DOCUMENTS = 2  # documents those units must come from
FOLDS = 5
CUT = 0.5  # probability from which the model "codes" a unit

Bools = NDArray[np.bool_]
Progress = Callable[[int, int], None]
Split = tuple[NDArray[np.intp], NDArray[np.intp]]

__all__ = ["CUT", "FOLDS", "KINDS", "MIN_DOCUMENTS", "MIN_POSITIVE", "agreement",
           "calibrate", "cross_validate", "folds", "presence", "suggest", "train"]


def presence(labels: Sequence[frozenset[str]], codes: Sequence[str]) -> Bools:
    """Units x codes: did the coder give the code to the unit."""
    matrix = np.zeros((len(labels), len(codes)), dtype=bool)
    column = {code: k for k, code in enumerate(codes)}
    for i, found in enumerate(labels):
        for code in found:
            if code in column:
                matrix[i, column[code]] = True
    return matrix


def folds(groups: Sequence[str], n_folds: int = FOLDS) -> Iterator[Split]:
    """(train, test) unit indices; a document's units are all in the same test fold."""
    n_groups = len(set(groups))
    if n_groups < 2:
        raise Invalid("Suggestions need codings in at least two documents to be measured.")
    splitter = GroupKFold(n_splits=min(n_folds, n_groups))
    dummy = np.zeros(len(groups))
    yield from splitter.split(dummy, groups=np.asarray(groups))


def calibrate(features: Floats, truth: Bools) -> tuple[float, ...]:
    """(a_1, ..., a_m, b) with every a_i >= 0: probability = sigmoid(sum a_i * s_i + b).

    A logistic regression on the base scores (Platt's sigmoid for one score, stacking for
    several); a score whose weight comes out negative is left out and the rest refitted, so
    the probability is monotone in each base score."""
    features = features.reshape(len(truth), -1)
    m = features.shape[1]
    if truth.all() or not truth.any():
        return (*([0.0] * m), 10.0 if truth.all() else -10.0)
    keep = list(range(m))
    while keep:
        fit = LogisticRegression(C=1e4).fit(features[:, keep], truth.astype(int))
        weights = fit.coef_[0]
        if (weights >= 0).all():
            params = [0.0] * m
            for j, w in zip(keep, weights, strict=True):
                params[j] = float(w)
            return (*params, float(fit.intercept_[0]))
        keep = [j for j, w in zip(keep, weights, strict=True) if w > 0]
    rate = float(np.clip(truth.mean(), 1e-6, 1 - 1e-6))
    return (*([0.0] * m), float(np.log(rate / (1 - rate))))


def _rounded(value: float | None) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 4)


def agreement(human: Bools, model: Bools, coder: str) -> dict[str, float | None]:
    """Kappa and AC1 with 95% intervals, precision and recall of the model against the coder."""
    ratings = binary_ratings(np.column_stack([human, model]), coders=(coder, "model"))
    kappa = estimate(ratings, "cohen_kappa")
    ac1 = estimate(ratings, "gwet_ac1")
    hits = float(np.sum(human & model))
    return {
        "kappa": _rounded(kappa.value), "kappa_low": _rounded(kappa.ci_low),
        "kappa_high": _rounded(kappa.ci_high), "ac1": _rounded(ac1.value),
        "ac1_low": _rounded(ac1.ci_low), "ac1_high": _rounded(ac1.ci_high),
        "precision": _rounded(hits / model.sum()) if model.any() else None,
        "recall": _rounded(hits / human.sum()) if human.any() else None,
    }


def eligible_codes(units: Sequence[TextUnit], labels: Sequence[frozenset[str]],
                   codes: Sequence[str]) -> tuple[list[str], dict[str, tuple[int, int]]]:
    """The codes with enough examples to learn, and every code's (units, documents) counts."""
    counts: dict[str, tuple[int, int]] = {}
    for code in codes:
        hit = [u.document for u, found in zip(units, labels, strict=True) if code in found]
        counts[code] = (len(hit), len(set(hit)))
    learnt = [c for c in codes
              if counts[c][0] >= MIN_POSITIVE and counts[c][1] >= MIN_DOCUMENTS]
    return learnt, counts


def _check(kind: str, units: Sequence[TextUnit], vectors: Vectors | None) -> None:
    if kind not in KINDS:
        raise Invalid("Unknown model {model}: choose lexical, semantic or combined.",
                      model=kind)
    if "semantic" in bases(kind) and (vectors is None or len(vectors) != len(units)):
        raise Invalid("The {model} model needs a vector for every unit.", model=kind)


def _fold_scores(kind: str, learnt: Sequence[str], texts: Sequence[str],
                 vectors: Vectors | None, truth: Bools, splits: Sequence[Split],
                 progress: Progress | None) -> Floats:
    """Held-out decision scores: units x codes x base models."""
    names = bases(kind)
    scores = np.zeros((len(texts), len(learnt), len(names)))
    for done, (train_rows, test_rows) in enumerate(splits):
        for j, base in enumerate(names):
            if not learnt:
                continue
            if base == "lexical":
                lexical = LexicalModel(learnt).fit([texts[i] for i in train_rows],
                                                   truth[train_rows])
                scores[test_rows, :, j] = lexical.scores([texts[i] for i in test_rows])
            else:
                assert vectors is not None
                semantic = SemanticModel(learnt).fit(vectors[train_rows], truth[train_rows])
                scores[test_rows, :, j] = semantic.scores(vectors[test_rows])
        if progress:
            progress(done + 1, len(splits) + 1)
    return scores


def cross_validate(units: Sequence[TextUnit], labels: Sequence[frozenset[str]],
                   codes: Sequence[str], coder: str, *, threshold: float = DEFAULT_THRESHOLD,
                   n_folds: int = FOLDS, progress: Progress | None = None,
                   model: str = "lexical", vectors: Vectors | None = None,
                   unit: str = "paragraphs", speaker: str | None = None
                   ) -> tuple[TrustReport, Floats]:
    """The trust report and the held-out probabilities (units x learnt codes)."""
    _check(model, units, vectors)
    started = time.perf_counter()
    learnt, counts = eligible_codes(units, labels, codes)
    groups = [u.document for u in units]
    splits = list(folds(groups, n_folds))
    truth = presence(labels, learnt)
    scores = _fold_scores(model, learnt, [u.text for u in units], vectors, truth, splits,
                          progress)
    probabilities = np.zeros(truth.shape)
    trusts: dict[str, CodeTrust] = {}
    for k, code in enumerate(learnt):
        for train_rows, test_rows in splits:  # cross-fitted calibration: no document
            params = calibrate(scores[train_rows, k], truth[train_rows, k])  # calibrates itself
            probabilities[test_rows, k] = probability(scores[test_rows, k], params)
        params = calibrate(scores[:, k], truth[:, k])
        figures = agreement(truth[:, k], probabilities[:, k] >= CUT, coder)
        kappa = figures["kappa"]
        reason = (UNDEFINED if kappa is None else "" if kappa >= threshold - 1e-9
                  else UNDER_THRESHOLD)
        reason_params = ({"kappa": f"{kappa:.2f}", "threshold": f"{threshold:.2f}"}
                         if reason == UNDER_THRESHOLD else {})
        f = figures
        trusts[code] = CodeTrust(
            code, *counts[code], kappa=f["kappa"], kappa_low=f["kappa_low"],
            kappa_high=f["kappa_high"], ac1=f["ac1"], ac1_low=f["ac1_low"],
            ac1_high=f["ac1_high"], precision=f["precision"], recall=f["recall"],
            enabled=not reason, reason=reason, reason_params=reason_params, platt=params)
    report_codes = [trusts.get(code) or CodeTrust(
        code, *counts[code], reason=TOO_FEW, reason_params={
            "positives": counts[code][0], "documents": counts[code][1],
            "min_units": MIN_POSITIVE, "min_documents": MIN_DOCUMENTS}) for code in codes]
    pooled = (agreement(truth.ravel(), (probabilities >= CUT).ravel(), coder) if learnt
              else {})
    report = TrustReport(coder, len(units), len(set(groups)), len(splits), threshold,
                         report_codes, pooled, round(time.perf_counter() - started, 2),
                         model=describe(model), kind=model, unit=unit, speaker=speaker)
    return report, probabilities


def train(units: Sequence[TextUnit], labels: Sequence[frozenset[str]], codes: Sequence[str],
          coder: str, *, threshold: float = DEFAULT_THRESHOLD, n_folds: int = FOLDS,
          progress: Progress | None = None, model: str = "lexical",
          vectors: Vectors | None = None, unit: str = "paragraphs",
          speaker: str | None = None) -> tuple[SuggestModel, TrustReport, Floats]:
    """Cross-validate, then fit the model on every unit: (model, report, held-out
    probabilities)."""
    report, held_out = cross_validate(units, labels, codes, coder, threshold=threshold,
                                      n_folds=n_folds, progress=progress, model=model,
                                      vectors=vectors, unit=unit, speaker=speaker)
    learnt, _counts = eligible_codes(units, labels, codes)
    fitted = SuggestModel(model, learnt)
    if learnt:
        fitted.fit([u.text for u in units], vectors, presence(labels, learnt))
    if progress:
        progress(report.folds + 1, report.folds + 1)
    return fitted, report, held_out


def suggest(model: SuggestModel, report: TrustReport, texts: Sequence[str],
            vectors: Vectors | None = None, top: int = 3) -> list[list[tuple[str, float]]]:
    """For each text, up to ``top`` enabled codes whose probability reaches 0.5, best first."""
    enabled = {c.code: c.platt for c in report.codes if c.enabled}
    columns = [k for k, code in enumerate(model.codes) if code in enabled]
    if not columns or not texts:
        return [[] for _ in texts]
    scores = model.scores(texts, vectors)
    result = []
    for row in scores:
        found = [(model.codes[k], float(probability(row[k][None, :], enabled[model.codes[k]])[0]))
                 for k in columns]
        found = sorted((f for f in found if f[1] >= CUT), key=lambda f: -f[1])[:top]
        result.append(found)
    return result
