"""Reconciliation: two coders' codings plus a decision per disagreement give the master coding.

Decisions are keyed like :func:`~stemmen.stats.disagreements.list_disagreements` output:
(document, unit number, code); an empty code ("" or None) decides every code the coders
disagree on in that unit at once (the reviewer's choice for the whole unit).
A decision takes coder ``"a"``'s version, ``"b"``'s, ``"both"``
(the union: keep the code wherever either applied it) or ``"neither"`` (drop the code there).
Where the coders agree, ``agreed`` says whose segments to keep ("both": their union).

The master keeps the coders' own segment boundaries, cut to the chosen units: each unit owns
the text up to the next unit (so a segment running over two kept paragraphs stays whole),
pieces of one code that touch or overlap are merged, and no piece starts or ends in the gap
between units.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.arrays import Bools
from stemmen.stats.disagreements import pick_coders
from stemmen.stats.segments import merge_segments, overlapping_pairs
from stemmen.stats.units import CodingArrays, Presence, read_codings

CHOICES: tuple[str, ...] = ("a", "b", "both", "neither")
MasterCoding = tuple[str, int, int, str, str]
Key = tuple[str, int, str]


def reconcile(
    presence: Presence,
    codings: Iterable[Any] | CodingArrays,
    decisions: Mapping[Key, str] | Iterable[Any],
    *,
    coder_a: str | None = None,
    coder_b: str | None = None,
    master: str = "master",
    agreed: str = "both",
    default: str | None = None,
) -> list[MasterCoding]:
    """The master codings ``(document, start, end, code, master)`` in document and text order.

    ``presence`` must be built from the same codings, with all units (not a selection).
    Every disagreement needs a decision unless ``default`` gives one; a decision for something
    that is not a disagreement is an error (it usually means the codings changed since).
    """
    for choice in (agreed, default):
        if choice is not None and choice not in CHOICES:
            raise Invalid("Unknown choice {choice}: use a, b, both or neither.", choice=choice)
    ia, ib = pick_coders(presence, coder_a, coder_b)
    has_a, has_b = presence.array[:, :, ia], presence.array[:, :, ib]
    agree = has_a & has_b
    keep_a = agree if agreed in ("a", "both") else np.zeros_like(agree)
    keep_b = agree if agreed in ("b", "both") else np.zeros_like(agree)
    keep_a, keep_b = keep_a.copy(), keep_b.copy()
    open_cells = _disagreements(presence, has_a ^ has_b)
    for key, choice in _read_decisions(decisions):
        chosen = [key] if key[2] else [k for k in open_cells if k[:2] == key[:2]]
        if not chosen or any(k not in open_cells for k in chosen):
            raise Invalid(
                "There is no disagreement on {code} in {document}, unit {unit}.",
                document=key[0],
                unit=key[1],
                code=key[2] or "any code",
            )
        for k in chosen:
            _apply(choice, open_cells.pop(k), has_a, has_b, keep_a, keep_b)
    if open_cells and default is None:
        first = next(iter(open_cells))
        raise Invalid(
            "{n} disagreement(s) have no decision, e.g. {code} in {document}, unit {unit}.",
            n=len(open_cells),
            document=first[0],
            unit=first[1],
            code=first[2],
        )
    for cell in open_cells.values():
        _apply(default or "neither", cell, has_a, has_b, keep_a, keep_b)
    return _master(presence, codings, ((ia, keep_a), (ib, keep_b)), master)


def _disagreements(presence: Presence, differ: Bools) -> dict[Key, tuple[int, int]]:
    rows, cols = np.nonzero(differ)
    return {
        (
            presence.documents[presence.unit_document[i]],
            int(presence.unit_index[i]),
            presence.codes[j],
        ): (int(i), int(j))
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
    }


def _read_decisions(decisions: Mapping[Key, str] | Iterable[Any]) -> Iterable[tuple[Key, str]]:
    """(key, choice) from a mapping, 4-tuples or dicts with document/unit/code/choice."""
    items: Iterable[Any] = decisions.items() if isinstance(decisions, Mapping) else decisions
    for item in items:
        key: Sequence[Any]
        choice: Any
        if isinstance(item, Mapping):
            key, choice = (item["document"], item["unit"], item["code"]), item["choice"]
        elif len(item) == 4:
            key, choice = tuple(item[:3]), item[3]
        else:
            key, choice = item
        if choice not in CHOICES:
            raise Invalid("Unknown choice {choice}: use a, b, both or neither.", choice=choice)
        yield (str(key[0]), int(key[1]), "" if key[2] is None else str(key[2])), choice


def _apply(
    choice: str,
    cell: tuple[int, int],
    has_a: Bools,
    has_b: Bools,
    keep_a: Bools,
    keep_b: Bools,
) -> None:
    if choice in ("a", "both"):
        keep_a[cell] = has_a[cell]
    if choice in ("b", "both"):
        keep_b[cell] = has_b[cell]


def _master(
    presence: Presence,
    codings: Iterable[Any] | CodingArrays,
    chosen: tuple[tuple[int, Bools], ...],
    master: str,
) -> list[MasterCoding]:
    arrays, _, _ = read_codings(codings, presence.documents, presence.codes, presence.coders)
    doc, start, end = presence.unit_document, presence.unit_start, presence.unit_end
    tile_end = end.copy()
    same_next = doc[1:] == doc[:-1]
    tile_end[:-1][same_next] = start[1:][same_next]
    stride = int(max(tile_end.max(initial=0), arrays.end.max(initial=0))) + 1
    groups, starts, ends = [], [], []
    for coder, keep in chosen:
        mine = (arrays.coder == coder) & (arrays.document >= 0) & (arrays.code >= 0)
        c_doc, c_code = arrays.document[mine], arrays.code[mine]
        c_start, c_end = arrays.start[mine], arrays.end[mine]
        segment, unit = overlapping_pairs(
            doc * stride + start,
            doc * stride + tile_end,
            c_doc * stride + c_start,
            c_doc * stride + c_end,
        )
        take = keep[unit, c_code[segment]]
        segment, unit = segment[take], unit[take]
        groups.append(c_doc[segment] * len(presence.codes) + c_code[segment])
        starts.append(np.maximum(c_start[segment], start[unit]))
        ends.append(np.minimum(c_end[segment], tile_end[unit]))
    group, s, e = merge_segments(
        np.concatenate(groups), np.concatenate(starts), np.concatenate(ends)
    )
    n_codes = max(len(presence.codes), 1)
    # A piece that ends (or starts) in the gap between two units stops at the unit's edge.
    g_doc = group // n_codes
    last = np.searchsorted(doc * stride + start, g_doc * stride + e - 1, side="right") - 1
    e = np.minimum(e, end[last])
    first = np.searchsorted(doc * stride + end, g_doc * stride + s, side="right")
    s = np.maximum(s, start[np.minimum(first, start.size - 1)])
    rows = [
        (presence.documents[g // n_codes], int(a), int(b), presence.codes[g % n_codes], master)
        for g, a, b in zip(group.tolist(), s.tolist(), e.tolist(), strict=True)
    ]
    order = {name: i for i, name in enumerate(presence.documents)}
    return sorted(rows, key=lambda row: (order[row[0]], row[1], row[3]))
