"""Cross-validation grouped by document, and training: the trust report before suggestions.

A code is learnt only with at least :data:`MIN_POSITIVE` coded units in at least
:data:`MIN_DOCUMENTS` documents. Each fold's model is fitted on other documents only (its
vocabulary too), so no interview is ever scored by a model that read it. The held-out scores
are calibrated per code with Platt's sigmoid; a unit is "coded by the model" when the
probability reaches 0.5. Agreement with the human coder uses the project's own statistics.
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
from stemmen.suggest.lexical import Floats, LexicalModel, platt
from stemmen.suggest.trust import TOO_FEW, UNDEFINED, UNDER_THRESHOLD, CodeTrust, TrustReport
from stemmen.suggest.units import TextUnit

MIN_POSITIVE = 8  # coded units a code needs to be learnt
MIN_DOCUMENTS = 2  # documents those units must come from
FOLDS = 5
CUT = 0.5  # probability from which the model "codes" a unit

Bools = NDArray[np.bool_]
Progress = Callable[[int, int], None]


def presence(labels: Sequence[frozenset[str]], codes: Sequence[str]) -> Bools:
    """Units x codes: did the coder give the code to the unit."""
    matrix = np.zeros((len(labels), len(codes)), dtype=bool)
    column = {code: k for k, code in enumerate(codes)}
    for i, found in enumerate(labels):
        for code in found:
            if code in column:
                matrix[i, column[code]] = True
    return matrix


def folds(groups: Sequence[str], n_folds: int = FOLDS) -> Iterator[tuple[NDArray[np.intp],
                                                                        NDArray[np.intp]]]:
    """(train, test) unit indices; a document's units are all in the same test fold."""
    n_groups = len(set(groups))
    if n_groups < 2:
        raise Invalid("Suggestions need codings in at least two documents to be measured.")
    splitter = GroupKFold(n_splits=min(n_folds, n_groups))
    dummy = np.zeros(len(groups))
    yield from splitter.split(dummy, groups=np.asarray(groups))


def _fit_platt(scores: Floats, truth: Bools) -> tuple[float, float]:
    if truth.all() or not truth.any():
        return 0.0, (10.0 if truth.all() else -10.0)
    fit = LogisticRegression(C=1e4).fit(scores.reshape(-1, 1), truth.astype(int))
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])


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


def cross_validate(units: Sequence[TextUnit], labels: Sequence[frozenset[str]],
                   codes: Sequence[str], coder: str, *, threshold: float = DEFAULT_THRESHOLD,
                   n_folds: int = FOLDS, progress: Progress | None = None
                   ) -> tuple[TrustReport, Floats]:
    """The trust report and the held-out probabilities (units x learnt codes)."""
    started = time.perf_counter()
    learnt, counts = eligible_codes(units, labels, codes)
    groups = [u.document for u in units]
    splits = list(folds(groups, n_folds))
    truth = presence(labels, learnt)
    scores = np.zeros(truth.shape)
    texts = [u.text for u in units]
    for done, (train_rows, test_rows) in enumerate(splits):
        if learnt:
            model = LexicalModel(learnt).fit([texts[i] for i in train_rows], truth[train_rows])
            scores[test_rows] = model.scores([texts[i] for i in test_rows])
        if progress:
            progress(done + 1, len(splits) + 1)
    probabilities = np.zeros(truth.shape)
    trusts: dict[str, CodeTrust] = {}
    for k, code in enumerate(learnt):
        a, b = _fit_platt(scores[:, k], truth[:, k])
        probabilities[:, k] = platt(scores[:, k], a, b)
        figures = agreement(truth[:, k], probabilities[:, k] >= CUT, coder)
        kappa = figures["kappa"]
        reason = (UNDEFINED if kappa is None else "" if kappa >= threshold - 1e-9
                  else UNDER_THRESHOLD)
        params = ({"kappa": f"{kappa:.2f}", "threshold": f"{threshold:.2f}"}
                  if reason == UNDER_THRESHOLD else {})
        f = figures
        trusts[code] = CodeTrust(
            code, *counts[code], kappa=f["kappa"], kappa_low=f["kappa_low"],
            kappa_high=f["kappa_high"], ac1=f["ac1"], ac1_low=f["ac1_low"],
            ac1_high=f["ac1_high"], precision=f["precision"], recall=f["recall"],
            enabled=not reason, reason=reason, reason_params=params, platt=(a, b))
    report_codes = [trusts.get(code) or CodeTrust(
        code, *counts[code], reason=TOO_FEW, reason_params={
            "positives": counts[code][0], "documents": counts[code][1],
            "min_units": MIN_POSITIVE, "min_documents": MIN_DOCUMENTS}) for code in codes]
    pooled = (agreement(truth.ravel(), (probabilities >= CUT).ravel(), coder) if learnt
              else {})
    report = TrustReport(coder, len(units), len(set(groups)), len(splits), threshold,
                         report_codes, pooled, round(time.perf_counter() - started, 2))
    return report, probabilities


def train(units: Sequence[TextUnit], labels: Sequence[frozenset[str]], codes: Sequence[str],
          coder: str, *, threshold: float = DEFAULT_THRESHOLD, n_folds: int = FOLDS,
          progress: Progress | None = None) -> tuple[LexicalModel, TrustReport, Floats]:
    """Cross-validate, then fit the model on every unit: (model, report, held-out
    probabilities)."""
    report, held_out = cross_validate(units, labels, codes, coder, threshold=threshold,
                                      n_folds=n_folds, progress=progress)
    learnt, _counts = eligible_codes(units, labels, codes)
    model = LexicalModel(learnt)
    if learnt:
        model.fit([u.text for u in units], presence(labels, learnt))
    if progress:
        progress(report.folds + 1, report.folds + 1)
    return model, report, held_out


def suggest(model: LexicalModel, report: TrustReport, texts: Sequence[str],
            top: int = 3) -> list[list[tuple[str, float]]]:
    """For each text, up to ``top`` enabled codes whose probability reaches 0.5, best first."""
    enabled = {c.code: c.platt for c in report.codes if c.enabled}
    columns = [k for k, code in enumerate(model.codes) if code in enabled]
    if not columns or not texts:
        return [[] for _ in texts]
    scores = model.scores(texts)
    result = []
    for row in scores:
        found = [(model.codes[k], float(platt(np.array([row[k]]), *enabled[model.codes[k]])[0]))
                 for k in columns]
        found = sorted((f for f in found if f[1] >= CUT), key=lambda f: -f[1])[:top]
        result.append(found)
    return result
