"""Kappa as NVivo's coding comparison query reports it: per code, per source, on characters.

NVivo compares two users (or user groups) A and B one node (code) and one source (document) at
a time. Every character of the source is a unit; it counts the characters both coded, only A,
only B and neither, and (as its help pages describe the calculation)

    EF1 = coded by A x coded by B / length,  EF2 = not coded by A x not coded by B / length,
    kappa = (agreeing characters - (EF1 + EF2)) / (length - (EF1 + EF2)),

which is Cohen's kappa on that source's characters for that code. When nobody coded the code
in the source, or both coded all of it, chance agreement is the whole source and NVivo shows
kappa 1 ("complete agreement"). NVivo prints no average; its help suggests averaging the rows
in a spreadsheet, weighted by source size, which is what studies then report.

Stemmen's own figures differ on purpose: they count units (paragraphs by default) and pool
every document and code into one table before computing kappa, rather than averaging one
kappa per (code, document).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from stemmen.stats.disagreements import pick_coders
from stemmen.stats.units import Presence


@dataclass(frozen=True)
class NvivoRow:
    """One (code, document) comparison, as a row of NVivo's coding comparison result."""

    code: str
    document: str
    length: int
    both: int
    only_a: int
    only_b: int
    neither: int
    kappa: float
    agreement: float
    coded: bool  # False: nobody coded the code in this document (NVivo shows kappa 1)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def nvivo_rows(presence: Presence, coder_a: str | None = None,
               coder_b: str | None = None) -> list[NvivoRow]:
    """Every (code, document) of a character presence (built with whole document lengths)."""
    a, b = pick_coders(presence, coder_a, coder_b)
    n_docs, n_codes = len(presence.documents), len(presence.codes)
    weight = (np.ones(presence.n_units) if presence.multiplicity is None
              else presence.multiplicity).astype(np.int64)
    has_a, has_b = presence.array[:, :, a], presence.array[:, :, b]
    counts = np.zeros((4, n_docs, n_codes), dtype=np.int64)
    for k, cells in enumerate((has_a & has_b, has_a & ~has_b, ~has_a & has_b,
                               ~has_a & ~has_b)):
        np.add.at(counts[k], presence.unit_document, cells * weight[:, None])
    length = np.bincount(presence.unit_document, weights=weight, minlength=n_docs)
    rows = []
    for d, document in enumerate(presence.documents):
        total = int(length[d])
        for j, code in enumerate(presence.codes):
            both, only_a, only_b, neither = (int(counts[k, d, j]) for k in range(4))
            rows.append(NvivoRow(code, document, total, both, only_a, only_b, neither,
                                 nvivo_kappa(both, only_a, only_b, neither),
                                 (both + neither) / total if total else 1.0,
                                 bool(both + only_a + only_b)))
    return rows


def nvivo_kappa(both: int, only_a: int, only_b: int, neither: int) -> float:
    """NVivo's kappa of one code in one source from its four character counts."""
    total = both + only_a + only_b + neither
    if total == 0:
        return 1.0
    coded_a, coded_b = both + only_a, both + only_b
    expected = (coded_a * coded_b + (total - coded_a) * (total - coded_b)) / total
    if total - expected <= 1e-12:  # nothing coded, or everything: complete agreement
        return 1.0
    return ((both + neither) - expected) / (total - expected)


def _mean(values: list[float], weights: list[float] | None = None) -> float | None:
    if not values:
        return None
    return float(np.average(values, weights=weights))


def nvivo_summary(rows: list[NvivoRow]) -> dict[str, Any]:
    """Averages of the rows: per code (over documents, weighted by length), per document (over
    codes) and overall, over the codes somebody coded in a document and, as NVivo lists them
    when every row is kept, over all rows (uncoded rows count as kappa 1)."""
    coded = [r for r in rows if r.coded]

    def averages(chosen: list[NvivoRow]) -> dict[str, float | None]:
        kappas, lengths = [r.kappa for r in chosen], [float(r.length) for r in chosen]
        return {"mean": _mean(kappas),
                "weighted_mean": _mean(kappas, lengths) if sum(lengths) else None,
                "agreement_weighted_mean": _mean([r.agreement for r in chosen], lengths)
                if sum(lengths) else None}

    per_code: dict[str, dict[str, Any]] = {}
    for code in dict.fromkeys(r.code for r in coded):
        mine = [r for r in coded if r.code == code]
        per_code[code] = {"n_documents": len(mine), **averages(mine)}
    per_document: dict[str, dict[str, Any]] = {}
    for document in dict.fromkeys(r.document for r in rows):
        mine = [r for r in coded if r.document == document]
        per_document[document] = {"n_codes": len(mine), "length": next(
            r.length for r in rows if r.document == document), "mean": _mean(
            [r.kappa for r in mine])}
    return {
        "rows": [r.to_dict() for r in coded],
        "n_rows_uncoded": len(rows) - len(coded),
        "per_code": per_code,
        "per_document": per_document,
        "overall": averages(coded),
        "overall_with_uncoded": averages(rows),
    }
