"""Agreement on project data: per code, pooled over codes, and per unit as a study reports it.

Input is a :class:`~stemmen.stats.units.Presence` (units x codes x coders). Three views:

* ``per_code``: each code's presence/absence over the units, every coefficient.
* ``pooled``: every (unit, code) pair is one rating unit (presence/absence), pooled over codes.
* ``code_sets``: each unit's set of codes is one nominal label, and ``n_disagreements`` counts
  the units where the coders' sets differ ("102 paragraphs, the coders differed 12 times,
  kappa 0.80"): the reading most studies use when they report one Cohen's kappa.

With ``drop_uncoded=True`` units that no coder coded at all are left out (they inflate
agreement on absence); the output says so and how many went. Character units count
characters (``n_units`` is then the number of characters).
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.arrays import Array, Bools, Floats, Ints, Numbers
from stemmen.stats.ratings import Ratings, presence_patterns, ratings_from_patterns
from stemmen.stats.summary import summarise
from stemmen.stats.units import Presence

Figures = dict[str, float | int | None]
"""Every coefficient of one ratings table with n_units and n_units_paired (see summarise);
per code also n_units_coded and n_disagreements."""


class AgreementReport(TypedDict):
    """What :func:`code_agreement` finds, JSON-ready (the keys are the JSON keys)."""

    unit_kind: str
    n_units: int | float
    n_coders: int
    n_codes: int
    coders: list[str]
    codes: list[str]
    min_coverage: float
    dropped_uncoded: bool
    n_units_dropped: int | float
    n_disagreements: int | float
    unit_agreement: float | None
    code_sets: Figures
    pooled: Figures
    per_code: dict[str, Figures]


def code_agreement(presence: Presence, *, drop_uncoded: bool = False) -> AgreementReport:
    """Per-code, pooled and code-set agreement of a presence array, as a JSON-ready dict."""
    coded = presence.coded_units()
    kept = presence.select(coded) if drop_uncoded else presence
    n_dropped = _total(_unit_weights(presence)[~coded]) if drop_uncoded else 0
    array, weight = kept.array, kept.multiplicity
    n_codes, n_coders = array.shape[1], array.shape[2]
    anyone, everyone = across_coders(array)  # units x codes
    differs = anyone & ~everyone
    unit_weight = _unit_weights(kept)
    per_code: dict[str, Figures] = {}
    pooled_totals = np.zeros(1 << n_coders)
    for j, code in enumerate(kept.codes):
        totals = presence_patterns(array[:, j, :], weight)
        pooled_totals += totals
        entry = summarise(ratings_from_patterns(totals, kept.coders))
        entry["n_units_coded"] = _total(unit_weight[anyone[:, j]])
        entry["n_disagreements"] = _total(unit_weight[differs[:, j]])
        per_code[code] = entry
    pooled = summarise(ratings_from_patterns(pooled_totals, kept.coders))
    disagreeing = differs.any(axis=1)
    n_units = _total(unit_weight)
    n_disagreements = _total(unit_weight[disagreeing])
    return {
        "unit_kind": kept.kind,
        "n_units": n_units,
        "n_coders": n_coders,
        "n_codes": n_codes,
        "coders": list(kept.coders),
        "codes": list(kept.codes),
        "min_coverage": kept.min_coverage,
        "dropped_uncoded": drop_uncoded,
        "n_units_dropped": n_dropped,
        "n_disagreements": n_disagreements,
        "unit_agreement": None if not n_units else 1 - n_disagreements / n_units,
        "code_sets": summarise(code_set_ratings(kept)),
        "pooled": pooled,
        "per_code": per_code,
    }


def across_coders(array: Bools) -> tuple[Bools, Bools]:
    """units x codes: some coder applied the code, every coder did (``any``/``all`` over the
    coders axis, one coder at a time: numpy reduces a short last axis slowly)."""
    if array.shape[2] == 0:
        return np.asarray(array.any(axis=2)), np.asarray(array.all(axis=2))
    anyone, everyone = array[:, :, 0].copy(), array[:, :, 0].copy()
    for g in range(1, array.shape[2]):
        anyone |= array[:, :, g]
        everyone &= array[:, :, g]
    return anyone, everyone


def code_ratings(presence: Presence, code: str | None = None) -> Ratings:
    """Compressed presence/absence ratings of one code, or pooled over codes when ``code`` is
    None: what :func:`~stemmen.stats.intervals.estimate` takes for a confidence interval."""
    if code is None:
        totals = presence_patterns(presence.array, _pooled_weight(presence))
    else:
        if code not in presence.codes:
            raise Invalid("There is no code {code} in these codings.", code=code)
        j = presence.codes.index(code)
        totals = presence_patterns(presence.array[:, j, :], presence.multiplicity)
    return ratings_from_patterns(totals, presence.coders)


def _pooled_weight(presence: Presence) -> Numbers | None:
    if presence.multiplicity is None:
        return None
    return np.repeat(presence.multiplicity, presence.array.shape[1])


def code_set_ratings(presence: Presence) -> Ratings:
    """Each unit's set of codes per coder as one nominal label (label = index of the set)."""
    array = presence.array
    n_units, _, n_coders = array.shape
    if array.size == 0:  # no codes (every set is empty) or no coders
        labels = np.zeros(n_units * n_coders, dtype=np.int64)
        distinct = 1 if labels.size else 0
    else:
        packed = np.packbits(array, axis=1)  # units x bytes x coders
        rows = np.ascontiguousarray(packed.transpose(0, 2, 1)).reshape(n_units * n_coders, -1)
        _, labels = np.unique(_byte_keys(rows), return_inverse=True)
        distinct = int(labels.max()) + 1 if labels.size else 0
    codes = labels.reshape(n_units, n_coders).astype(np.int32)
    return Ratings(codes, tuple(range(distinct)), presence.coders, presence.multiplicity)


def _byte_keys(rows: Ints) -> Array:
    """One sortable key per row of bytes, in the bytes' order: a big-endian integer when the
    row fits in eight bytes (sorting integers is much faster), else the raw bytes."""
    width = rows.shape[1]
    if width > 8 or rows.shape[0] == 0:
        return rows.view(np.dtype((np.void, width))).ravel()
    padded = np.zeros((rows.shape[0], 8), dtype=np.uint8)
    padded[:, :width] = rows
    return padded.view(">u8").ravel().astype(np.uint64)


def _unit_weights(presence: Presence) -> Floats:
    if presence.multiplicity is None:
        return np.ones(presence.n_units)
    return presence.multiplicity.astype(float)


def _total(values: Numbers) -> int | float:
    total = float(np.sum(values))
    return int(round(total)) if abs(total - round(total)) < 1e-9 else total
