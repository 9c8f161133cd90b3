"""Agreement from a long table of (unit, coder, label) rows: the contract other tools rely on.

Reading the rows
    One row says that a coder gave a unit a label. No row for a unit and coder means that coder
    did not code the unit (a missing rating). Several rows for one unit and coder are several
    labels (multi-label data); repeated identical rows count once. A row with an empty label
    says the coder coded the unit and gave it no label.

Single-label data (every coder gives each unit at most one label)
    The top-level figures are computed on the labels themselves. ``weights`` (None, "linear",
    "quadratic") apply to every coefficient except alpha (weighted Cohen's kappa, AC2, ...);
    alpha follows ``level``. The scale order is numeric when every label is a number, otherwise
    alphabetical. An empty label is the category "no label" when level is nominal and there are
    no weights; on a scale (weights, or ordinal/interval/ratio) it is a missing rating.

Multi-label data (some coder gave some unit two or more labels)
    The top-level figures are pooled over labels: every (unit, label) pair is one rating unit,
    and each coder who coded the unit says present (1) or absent (0); coders who did not code
    the unit are missing. Presence is binary, so weights and level change nothing there.

``per_label`` (always present)
    For each label, the same coefficients on that label's presence/absence over all units of
    the table (coders who did not code a unit are missing for it): category-specific agreement
    in the sense of Fleiss (1971). For single-label data this is "this label vs the rest".

``n_disagreements`` counts units, coded by two or more coders, whose label sets differ: the
count a study reports as "the coders differed 12 times".
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.arrays import Ints
from stemmen.stats.krippendorff_alpha import LEVELS
from stemmen.stats.ratings import MISSING, Ratings, binary_ratings, order_labels, parse_number
from stemmen.stats.summary import summarise
from stemmen.stats.weights import WEIGHTS_BY, Weights, weights_name

Row = Sequence[Any] | Mapping[str, Any]
LabelSets = dict[tuple[str, str], frozenset[str]]
"""Each (unit, coder)'s set of labels, as :func:`read_rows` gives them."""


def agreement_from_rows(
    rows: Iterable[Row], level: str = "nominal", weights: Weights = None,
    weights_by: str = "values",
) -> dict[str, Any]:
    """All coefficients of a (unit, coder, label) table as a JSON-ready dict (see module doc).

    ``weights_by`` places numeric labels for the weights: by their ``"values"`` (1, 2, 5 are
    4 apart from 1 to 5) or by their ``"ranks"`` among the labels used (1, 2, 3: as irr and
    scikit-learn do); see docs/statistics.md.
    """
    if level not in LEVELS:
        raise Invalid(
            "Unknown level {level}: use nominal, ordinal, interval or ratio.", level=level
        )
    if weights_by not in WEIGHTS_BY:
        raise Invalid("Unknown weights_by {by}: use values or ranks.", by=weights_by)
    units, coders, sets = read_rows(rows)
    labels = order_labels(label for chosen in sets.values() for label in chosen)
    multi = any(len(chosen) > 1 for chosen in sets.values())
    present = _presence(units, coders, sets, labels)  # units x labels x coders, -1 missing
    if multi:
        top = summarise(binary_ratings(present.reshape(-1, len(coders)), coders=coders))
        top["n_units_paired"] = _paired_units(present)
    else:
        top = summarise(
            _single(units, coders, sets, labels, level, weights), weights=weights, level=level,
            weights_by=weights_by,
        )
    top["n_units"] = len(units)
    per_label = {}
    for k, label in enumerate(labels):
        entry = summarise(binary_ratings(present[:, k, :], coders=coders))
        entry["n_units_with_label"] = int((present[:, k, :] == 1).any(axis=1).sum())
        per_label[str(label)] = entry
    return {
        "n_units": len(units),
        "n_coders": len(coders),
        "coders": list(coders),
        "labels": [str(label) for label in labels],
        "multi_label": multi,
        "basis": "presence_pooled" if multi else "labels",
        "level": level,
        "weights": weights_name(weights),
        "weights_by": weights_by,
        "n_units_paired": top["n_units_paired"],
        "n_disagreements": _disagreements(units, coders, sets),
        **{key: value for key, value in top.items() if key not in ("n_units", "n_units_paired")},
        "per_label": per_label,
    }


def read_rows(
    rows: Iterable[Row],
) -> tuple[list[str], tuple[str, ...], LabelSets]:
    """Units and coders in order of appearance, and each (unit, coder)'s set of labels."""
    sets: dict[tuple[str, str], set[str]] = {}
    units: dict[str, None] = {}
    coders: dict[str, None] = {}
    for number, row in enumerate(rows, start=1):
        unit, coder, label = _fields(row, number)
        units.setdefault(unit)
        coders.setdefault(coder)
        chosen = sets.setdefault((unit, coder), set())
        if label:
            chosen.add(label)
    return list(units), tuple(coders), {key: frozenset(value) for key, value in sets.items()}


def _fields(row: Row, number: int) -> tuple[str, str, str]:
    if isinstance(row, Mapping):
        values = [row.get("unit"), row.get("coder"), row.get("label")]
    else:
        values = list(row)
    if len(values) != 3:
        raise Invalid("Row {number} should have unit, coder and label.", number=number)
    unit, coder, label = ("" if v is None else str(v).strip() for v in values)
    if not unit or not coder:
        raise Invalid("Row {number} has no unit or no coder.", number=number)
    return unit, coder, label


def _presence(
    units: list[str], coders: tuple[str, ...], sets: LabelSets, labels: tuple[Hashable, ...]
) -> Ints:
    index = {label: k for k, label in enumerate(labels)}
    present = np.full((len(units), len(labels), len(coders)), MISSING, dtype=np.int32)
    for i, unit in enumerate(units):
        for g, coder in enumerate(coders):
            chosen = sets.get((unit, coder))
            if chosen is None:
                continue
            present[i, :, g] = 0
            for label in chosen:
                present[i, index[label], g] = 1
    return present


def _single(
    units: list[str],
    coders: tuple[str, ...],
    sets: LabelSets,
    labels: tuple[Hashable, ...],
    level: str,
    weights: Weights,
) -> Ratings:
    """Single-label ratings; an empty set is the category "" only on a nominal, unweighted scale."""
    none_is_category = level == "nominal" and weights is None
    if level in ("interval", "ratio") and any(parse_number(label) is None for label in labels):
        raise Invalid("The {level} level needs numeric labels.", level=level)
    used_empty = none_is_category and any(not chosen for chosen in sets.values())
    categories = (*labels, "") if used_empty else labels
    index = {label: k for k, label in enumerate(categories)}
    codes = np.full((len(units), len(coders)), MISSING, dtype=np.int32)
    for i, unit in enumerate(units):
        for g, coder in enumerate(coders):
            chosen = sets.get((unit, coder))
            if chosen:
                codes[i, g] = index[next(iter(chosen))]
            elif chosen is not None and used_empty:
                codes[i, g] = index[""]
    return Ratings(codes, categories, coders)


def _paired_units(present: Ints) -> int:
    return int(((present[:, 0, :] >= 0).sum(axis=1) >= 2).sum()) if present.shape[1] else 0


def _disagreements(units: list[str], coders: tuple[str, ...], sets: LabelSets) -> int:
    count = 0
    for unit in units:
        seen = [sets[(unit, c)] for c in coders if (unit, c) in sets]
        if len(seen) >= 2 and any(s != seen[0] for s in seen[1:]):
            count += 1
    return count
