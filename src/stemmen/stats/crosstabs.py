"""Cross tables for analysis: matrices with percentages, co-occurrence, profile tables, sampling.

Pure functions over plain data (sets, lists, dicts); no database. A matrix counts *units*
(segments, documents or participants): a cell is the number of units that belong to both its
row and its column, so every figure can be checked by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass
from typing import Any

from stemmen.errors import Invalid


@dataclass(frozen=True)
class CrossTab:
    """Rows x columns of unit counts, with the totals percentages are taken from.

    ``row_totals`` are the distinct units of each row over all columns, ``column_totals`` the
    distinct units of each column (coded or not), ``total`` the distinct units of all columns.
    Row percentages are cell / row total, column percentages cell / column total.
    """

    rows: list[str]
    columns: list[str]
    cells: list[list[int]]
    row_totals: list[int]
    column_totals: list[int]
    total: int
    count: str

    def row_percent(self) -> list[list[float | None]]:
        return [[_percent(c, self.row_totals[i]) for c in row] for i, row in enumerate(self.cells)]

    def column_percent(self) -> list[list[float | None]]:
        return [
            [_percent(c, self.column_totals[j]) for j, c in enumerate(row)] for row in self.cells
        ]

    def cell(self, row: str, column: str) -> int:
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    def as_dict(self) -> dict[str, Any]:
        """rows, columns, cells, count, totals and both percentages, JSON-ready."""
        first = {key: getattr(self, key) for key in ("rows", "columns", "cells", "count")}
        return {**first, **asdict(self), "row_percent": self.row_percent(),
                "column_percent": self.column_percent()}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def crosstab(
    row_units: Mapping[str, AbstractSet[Hashable]],
    column_units: Mapping[str, AbstractSet[Hashable]],
    count: str,
) -> CrossTab:
    """Cells = |row units ∩ column units|, in the order of the mappings."""
    universe: set[Hashable] = set().union(*column_units.values()) if column_units else set()
    cells = [[len(units & col) for col in column_units.values()] for units in row_units.values()]
    row_totals = [len(units & universe) for units in row_units.values()]
    column_totals = [len(col) for col in column_units.values()]
    return CrossTab(list(row_units), list(column_units), cells, row_totals, column_totals,
                    len(universe), count)


def cooccurrence(unit_codes: Iterable[set[str]], codes: Sequence[str], count: str) -> CrossTab:
    """How many units carry both codes; the diagonal is the units with that code."""
    index = {code: i for i, code in enumerate(codes)}
    cells = [[0] * len(codes) for _ in codes]
    units = 0
    for present in unit_codes:
        found = sorted(index[c] for c in present if c in index)
        units += bool(found)
        for i in found:
            for j in found:
                cells[i][j] += 1
    diagonal = [cells[i][i] for i in range(len(codes))]
    return CrossTab(list(codes), list(codes), cells, diagonal, diagonal, units, count)


def overlaps(spans: Iterable[tuple[str, str, int, int]], codes: Sequence[str]) -> CrossTab:
    """Pairs of spans (code, document, start, end) of two codes that overlap; diagonal: spans."""
    index = {code: i for i, code in enumerate(codes)}
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for code, document, start, end in spans:
        if code in index:
            by_doc.setdefault(document, []).append((start, end, index[code]))
    cells = [[0] * len(codes) for _ in codes]
    for found in by_doc.values():
        found.sort()
        for k, (_start, end, i) in enumerate(found):
            cells[i][i] += 1
            for start2, _end2, j in found[k + 1 :]:
                if start2 >= end:
                    break
                if i != j:
                    cells[i][j] += 1
                    cells[j][i] += 1
    diagonal = [cells[i][i] for i in range(len(codes))]
    return CrossTab(list(codes), list(codes), cells, diagonal, diagonal, sum(diagonal), "overlaps")


@dataclass(frozen=True)
class Profile:
    """A table of values with their counts; it covers ``covered`` of ``total`` people."""

    key: str
    rows: list[tuple[Any, int]]
    covered: int
    total: int


def value_counts(key: str, values: Sequence[Any], order: Sequence[Any] | None = None) -> Profile:
    """Counts of the known values: in ``order`` if given, numbers ascending, else most first."""
    known = [v for v in values if v is not None and str(v).strip()]
    counts = Counter(known)
    if order:
        ranked = [v for v in order if v in counts] + sorted(
            (v for v in counts if v not in order), key=str
        )
    elif known and all(isinstance(v, (int, float)) for v in known):
        ranked = sorted(counts)
    else:
        ranked = sorted(counts, key=lambda v: (-counts[v], str(v)))
    return Profile(key, [(v, counts[v]) for v in ranked], len(known), len(values))


@dataclass(frozen=True)
class AgeGroup:
    """People of one group (e.g. a gender), how many have an age, and their mean age."""

    group: str
    people: int
    with_age: int
    mean_age: float | None


def ages_by_group(people: Sequence[tuple[Any, Any]]) -> tuple[list[AgeGroup], int, int]:
    """(group, age) pairs → groups (most people first), people covered, people in all."""
    groups: dict[Any, list[Any]] = {}
    for group, age in people:
        if group is not None and str(group).strip():
            groups.setdefault(group, []).append(age)
    rows = []
    for group, ages in sorted(groups.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))):
        known = [float(a) for a in ages if isinstance(a, (int, float))]
        mean = round(sum(known) / len(known), 2) if known else None
        rows.append(AgeGroup(str(group), len(ages), len(known), mean))
    return rows, sum(g.people for g in rows), len(people)


def as_number(value: Any) -> float | None:
    """A number from an int, float or numeric text; None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


KINDS = {
    "balance": "participants",
    "distinct": "participants",
    "spread": "participants",
    "present": "documents",
}


@dataclass(frozen=True)
class Criterion:
    """One purposive-sampling rule, e.g. gender balance within 10 points."""

    name: str
    kind: str
    attribute: str
    of: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Check:
    """The result of one criterion in one scope (None: the whole sample)."""

    criterion: str
    scope: str | None
    observed: str
    required: str
    passed: bool


def parse_criteria(data: Any, balance: str = "gender") -> list[Criterion]:
    """Criteria from data ({"criteria": [...]} or a list of mappings), or Invalid; a balance
    criterion without an attribute balances ``balance`` (the project's gender attribute)."""
    items = data.get("criteria") if isinstance(data, Mapping) else data
    if not isinstance(items, list) or not items:
        raise Invalid("Sampling criteria must be a list under 'criteria'.")
    found = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, Mapping) or item.get("kind") not in KINDS:
            raise Invalid("Criterion {n} needs a kind: balance, distinct, spread or present.", n=n)
        params = {k: v for k, v in item.items() if k not in {"name", "kind", "attribute", "of"}}
        kind = item["kind"]
        attribute = str(item.get("attribute") or (balance if kind == "balance" else ""))
        if not attribute:
            raise Invalid("Criterion {n} needs an attribute.", n=n)
        name = str(item.get("name") or f"{kind} {attribute}")
        found.append(Criterion(name, kind, attribute, str(item.get("of") or KINDS[kind]), params))
    return found


def _fmt(x: float) -> str:
    return f"{x:g}"


def _balance(values: list[Any], p: dict[str, Any]) -> tuple[str, str, bool]:
    counts = Counter(str(v) for v in values)
    wanted = [str(v) for v in p.get("values", [])] or sorted(counts)
    shares = [100 * counts[v] / len(values) if values else 0.0 for v in wanted]
    gap = round(max(shares) - min(shares), 1) if len(wanted) > 1 else 0.0
    within = float(p.get("within", 10))
    observed = ", ".join(f"{v} {counts[v]}" for v in wanted) + f" (Δ {_fmt(gap)} pt)"
    return observed, f"Δ ≤ {_fmt(within)} pt", bool(values) and gap <= within


def _distinct(values: list[Any], p: dict[str, Any]) -> tuple[str, str, bool]:
    groups = p.get("groups") or {}
    found = {str(groups.get(str(v), v)) for v in values}
    at_least = int(p.get("at_least", 2))
    return str(len(found)), f"≥ {at_least}", len(found) >= at_least


def _spread(values: list[Any], p: dict[str, Any]) -> tuple[str, str, bool]:
    numbers = [x for x in (as_number(v) for v in values) if x is not None]
    at_least = float(p.get("at_least", 0))
    if not numbers:
        return "-", f"≥ {_fmt(at_least)}", False
    low, high = min(numbers), max(numbers)
    return (
        f"{_fmt(low)}–{_fmt(high)} ({_fmt(high - low)})",
        f"≥ {_fmt(at_least)}",
        high - low >= at_least,
    )


def _present(values: list[Any], p: dict[str, Any]) -> tuple[str, str, bool]:
    wanted = [str(v) for v in p.get("values", [])]
    have = {str(v) for v in values}
    missing = [v for v in wanted if v not in have]
    observed = f"{len(wanted) - len(missing)}/{len(wanted)}"
    if missing:
        observed += " (- " + ", ".join(missing) + ")"
    return observed, f"{len(wanted)}/{len(wanted)}", not missing


_RULES = {"balance": _balance, "distinct": _distinct, "spread": _spread, "present": _present}


def check_sampling(
    criteria: Sequence[Criterion],
    units: Mapping[str, Sequence[tuple[str | None, Mapping[str, Any]]]],
    cases: Sequence[str],
) -> list[Check]:
    """Each criterion overall, then per case. ``units`` maps "participants"/"documents" to
    (case, values) pairs. Balance compares every value seen in the whole sample (unless
    ``values`` are given); "present" passes overall only when every case passes."""
    checks: list[Check] = []
    for criterion in criteria:
        rule = _RULES[criterion.kind]
        pool = units.get(criterion.of, [])

        def values(
            case: str | None,
            pool: Sequence[tuple[str | None, Mapping[str, Any]]] = pool,
            criterion: Criterion = criterion,
        ) -> list[Any]:
            return [
                v.get(criterion.attribute)
                for c, v in pool
                if (case is None or c == case) and v.get(criterion.attribute) is not None
            ]

        params = criterion.params
        if criterion.kind == "balance" and not params.get("values"):  # every value seen
            params = {**params, "values": sorted({str(v) for v in values(None)})}
        per_case = [Check(criterion.name, case, *rule(values(case), params)) for case in cases]
        overall = Check(criterion.name, None, *rule(values(None), params))
        if criterion.kind == "present":
            good = sum(c.passed for c in per_case)
            overall = Check(
                criterion.name,
                None,
                f"{good}/{len(per_case)}",
                f"{len(per_case)}/{len(per_case)}",
                good == len(per_case),
            )
        checks += [overall, *per_case]
    return checks
