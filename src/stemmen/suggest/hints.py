"""Zero-shot hints: codes whose definition reads like a unit, from the codebook alone.

Nothing is learnt from any coder. A code is described by its name, definition and inclusion
criteria; a unit gets a hint for the code whose description is most similar to it (cosine of
multilingual-e5-small vectors), when that similarity stands out from the unit's similarity to
the other codes by at least :data:`MARGIN`. The margin was fixed before measuring, not tuned on
any project. Hints are labelled as hints everywhere and measured against a coder like the
trained models (:func:`measure`), with no cross-validation needed since nothing is fitted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from stemmen.model.codes import Code
from stemmen.stats.bands import DEFAULT_THRESHOLD
from stemmen.suggest.semantic import DESCRIPTION, Vectors
from stemmen.suggest.trust import UNDEFINED, UNDER_THRESHOLD, CodeTrust, TrustReport

MARGIN = 0.03  # similarity above the unit's mean similarity to every code
KIND = "hints"
DESCRIBE = (f"zero-shot hints: {DESCRIPTION}, similarity of a unit to each code's name, "
            "definition and inclusion criteria (no coder's codings used)")

Bools = NDArray[np.bool_]


def describe_code(code: Code) -> str:
    """The text a code is compared with: name, definition, inclusion criteria."""
    parts = [code.name.replace("_", " "), code.definition, code.inclusion]
    return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip())


def similarities(units: Vectors, codes: Vectors) -> NDArray[np.float64]:
    """Cosine similarity, units x codes (the vectors are unit length)."""
    result: NDArray[np.float64] = np.asarray(units, dtype=float) @ np.asarray(codes,
                                                                         dtype=float).T
    return result


def hinted(similarity: NDArray[np.float64]) -> Bools:
    """Units x codes: the best code of each unit, when it stands out by :data:`MARGIN`."""
    out = np.zeros(similarity.shape, dtype=bool)
    if similarity.size == 0 or similarity.shape[1] < 2:
        return out
    best = similarity.argmax(axis=1)
    rows = np.arange(len(similarity))
    margin = similarity[rows, best] - similarity.mean(axis=1)
    out[rows[margin >= MARGIN], best[margin >= MARGIN]] = True
    return out


def measure(truth: Bools, hints: Bools, codes: Sequence[str], coder: str, groups: Sequence[str],
            *, threshold: float = DEFAULT_THRESHOLD, unit: str = "paragraphs") -> TrustReport:
    """The hints' agreement with ``coder`` per code and pooled, as a trust report (no folds:
    nothing was fitted)."""
    from stemmen.suggest.evaluate import agreement

    rows: list[CodeTrust] = []
    for k, code in enumerate(codes):
        f = agreement(truth[:, k], hints[:, k], coder)
        kappa = f["kappa"]
        reason = (UNDEFINED if kappa is None else "" if kappa >= threshold - 1e-9
                  else UNDER_THRESHOLD)
        params = ({"kappa": f"{kappa:.2f}", "threshold": f"{threshold:.2f}"}
                  if reason == UNDER_THRESHOLD else {})
        rows.append(CodeTrust(
            code, int(truth[:, k].sum()),
            len({groups[int(i)] for i in np.flatnonzero(truth[:, k])}),
            kappa=kappa, kappa_low=f["kappa_low"],
            kappa_high=f["kappa_high"], ac1=f["ac1"], ac1_low=f["ac1_low"],
            ac1_high=f["ac1_high"], precision=f["precision"], recall=f["recall"],
            enabled=not reason, reason=reason, reason_params=params))
    pooled = agreement(truth.ravel(), hints.ravel(), coder) if len(codes) else {}
    return TrustReport(coder, len(truth), len(set(groups)), 0, threshold, rows, pooled, 0.0,
                       model=DESCRIBE, kind=KIND, unit=unit)
