"""Where the coders disagree, why (a rough classification), and which codes get confused.

A disagreement is a (document, unit, code) where some coders applied the code and others did
not. Its kind, seen from the coders who lack the code (the first rule that holds for every
one of them):

* ``"boundary"``: the segments differ in extent, not in reading. Either a segment with this
  code by another coder covers the unit and runs on into a unit where they did apply the code
  (their segment stops short, or starts late); or they touched the unit with the code without
  reaching ``min_coverage``; or they marked a different stretch of the unit than the coders
  with the code did (one sentence where the other took the whole paragraph, say): a segment
  marked too short, the AMIF-42 lesson that the context of a statement must be coded with it;
* ``"missed"``: they applied no code in this unit that the coders with the code left out:
  nothing at all, or only codes the others gave too (they forgot this one);
* ``"different_code"``: they gave the unit a code the others did not give, in place of this
  one (overlapping code definitions are the usual cause; see :func:`code_confusion`).

Character units are spans inside which nothing changes, so the stretch rule never applies
there; the other two boundary rules do.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.arrays import Array, Bools, Ints
from stemmen.stats.units import Presence

KINDS: tuple[str, ...] = ("boundary", "missed", "different_code")


@dataclass(frozen=True)
class Disagreement:
    """One code in one unit that the coders did not agree on."""

    document: str
    unit: int
    start: int
    end: int
    code: str
    kind: str
    coders_with: tuple[str, ...]
    coders_without: tuple[str, ...]
    code_sets: tuple[tuple[str, tuple[str, ...]], ...]  # (coder, codes in this unit)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "unit": self.unit,
            "start": self.start,
            "end": self.end,
            "code": self.code,
            "kind": self.kind,
            "coders_with": list(self.coders_with),
            "coders_without": list(self.coders_without),
            "code_sets": {coder: list(codes) for coder, codes in self.code_sets},
        }


def list_disagreements(presence: Presence) -> list[Disagreement]:
    """Every disagreeing (document, unit, code), in document and text order, classified."""
    has = presence.array
    units, codes = np.nonzero(has.any(axis=2) & ~has.all(axis=2))
    if units.size == 0:
        return []
    cell = has[units, codes, :]  # disagreements x coders: who applied the code
    lacking = ~cell
    near = np.zeros_like(lacking)
    for extra in (presence.linked, presence.touched):
        if extra is not None:
            near |= extra[units, codes, :]
    if presence.extent is not None:
        near |= _other_stretch(presence.extent[units], cell)
    boundary = np.all(near | cell, axis=1)
    missed = ~np.any(lacking & _substituted(has[units], cell), axis=1)
    kinds = np.where(boundary, "boundary", np.where(missed, "missed", "different_code"))
    return _records(presence, units, codes, kinds, lacking)


def _other_stretch(extent: Ints, cell: Bools) -> Bools:
    """disagreements x coders: the coder marked something in the unit, but not the stretch
    that a coder with the code marked."""
    found = np.zeros_like(cell)
    for w in range(cell.shape[1]):
        differs = (extent != extent[:, [w]]) & (extent > 0)
        found |= differs & cell[:, [w]]
    return found


def _substituted(units: Bools, cell: Bools) -> Bools:
    """disagreements x coders: the coder gave the unit a code that some coder with the
    disputed code did not give (a code in place of it)."""
    has = units.astype(np.int32)  # disagreements x codes x coders
    # own[d, g, w]: codes coder g gave and coder w did not, counted
    own = np.einsum("dkg,dkw->dgw", has, 1 - has)
    substituted: Bools = np.any((own > 0) & cell[:, None, :], axis=2)
    return substituted


def _records(
    presence: Presence,
    units: Ints,
    codes: Ints,
    kinds: Array,
    lacking: Bools,
) -> list[Disagreement]:
    """Disagreement objects; coder groups and code sets are built once per pattern and unit."""
    has, coders = presence.array, presence.coders
    code_names = np.asarray(presence.codes, dtype=object)
    bits = lacking.astype(np.int64) @ (1 << np.arange(len(coders), dtype=np.int64))
    groups = {
        int(key): (
            tuple(c for g, c in enumerate(coders) if not key >> g & 1),
            tuple(c for g, c in enumerate(coders) if key >> g & 1),
        )
        for key in np.unique(bits).tolist()
    }
    sets: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for i in np.unique(units).tolist():
        sets[i] = tuple((c, tuple(code_names[has[i, :, g]])) for g, c in enumerate(coders))
    documents = [presence.documents[d] for d in presence.unit_document[units].tolist()]
    return [
        Disagreement(doc, number, start, end, presence.codes[j], kind, *groups[key], sets[i])
        for doc, number, start, end, i, j, kind, key in zip(
            documents,
            presence.unit_index[units].tolist(),
            presence.unit_start[units].tolist(),
            presence.unit_end[units].tolist(),
            units.tolist(),
            codes.tolist(),
            kinds.tolist(),
            bits.tolist(),
            strict=True,
        )
    ]


def count_kinds(disagreements: list[Disagreement]) -> dict[str, int]:
    """How many disagreements of each kind (every kind listed, zeros included)."""
    counts = dict.fromkeys(KINDS, 0)
    for item in disagreements:
        counts[item.kind] += 1
    return counts


def code_confusion(
    presence: Presence,
    coder_a: str | None = None,
    coder_b: str | None = None,
    *,
    symmetric: bool = False,
) -> list[dict[str, Any]]:
    """Which codes stand in for each other: for each pair (X, Y), the units where coder A has X
    and coder B does not, while B has Y and A does not. Sorted by count, most confused first.

    ``symmetric=True`` adds (X, Y) and (Y, X) together (which code pairs overlap, whoever
    used which). Character units count characters. Coders default to the only two; with
    three or more and none named, the counts of every pair of coders are added up.
    """
    if coder_a is None and coder_b is None and len(presence.coders) > 2:
        pairs = list(combinations(range(len(presence.coders)), 2))
    else:
        pairs = [pick_coders(presence, coder_a, coder_b)]
    weight = np.ones(presence.n_units) if presence.multiplicity is None else presence.multiplicity
    table = np.zeros((len(presence.codes), len(presence.codes)))
    for a, b in pairs:
        has_a, has_b = presence.array[:, :, a], presence.array[:, :, b]
        only_a = (has_a & ~has_b) * weight[:, None].astype(float)
        only_b = (has_b & ~has_a).astype(float)
        table += only_a.T @ only_b
    if symmetric:
        table = np.triu(table + table.T, k=1)
    rows = []
    for x, y in zip(*np.nonzero(table > 0), strict=True):
        count = float(table[x, y])
        rows.append(
            {
                "code_a": presence.codes[x],
                "code_b": presence.codes[y],
                "units": int(count) if count.is_integer() else count,
            }
        )
    return sorted(rows, key=lambda row: (-row["units"], row["code_a"], row["code_b"]))


def pick_coders(
    presence: Presence, coder_a: str | None = None, coder_b: str | None = None
) -> tuple[int, int]:
    """Column indices of the two coders compared (the only two when not named)."""
    coders = list(presence.coders)
    if coder_a is None and coder_b is None:
        if len(coders) != 2:
            raise Invalid("Name the two coders to compare; there are {n}.", n=len(coders))
        return 0, 1
    for name in (coder_a, coder_b):
        if name not in coders:
            raise Invalid("There is no coder {coder} in these codings.", coder=name)
    if coder_a == coder_b:
        raise Invalid("Compare two different coders.")
    return coders.index(coder_a), coders.index(coder_b)  # type: ignore[arg-type]
