"""A purposive-sampling plan and its check against the participants and interviews recorded.

A plan names criteria per participant role (any attribute: ``equal``, ``one_of``, ``range``,
``distinct``, ``at_least`` n per value, ``quota``) and targets (interviews per case, type and
wave; people per role, case and wave). Each criterion is checked overall or ``per`` case
and/or wave, and says met or short by n, with the people who count.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from stemmen.errors import Invalid

KINDS = ("equal", "one_of", "range", "distinct", "at_least", "quota")
SCOPES = ("case", "wave")


@dataclass(frozen=True)
class Criterion:
    """One rule for the people of one role."""

    role: str | None
    name: str
    kind: str
    attribute: str | None = None
    per: tuple[str, ...] = ()
    values: tuple[Any, ...] = ()
    n: int = 1
    within: float = 10.0
    low: float | None = None
    high: float | None = None
    spread: float | None = None
    groups: Mapping[str, str] = field(default_factory=dict)  # value -> group
    where: Any = None  # quota: count only people whose attribute has this value


@dataclass(frozen=True)
class Target:
    """Interviews (``type``) or people (``role``) wanted per case and wave."""

    name: str
    n: int
    type: str | None = None
    role: str | None = None
    wave: str | None = None
    case: str | None = None  # None: every case


@dataclass(frozen=True)
class Plan:
    name: str
    criteria: tuple[Criterion, ...] = ()
    targets: tuple[Target, ...] = ()

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(c.role for c in self.criteria if c.role))


@dataclass(frozen=True)
class Person:
    """What the check needs of a participant."""

    name: str
    case: str | None
    role: str | None
    waves: frozenset[str]
    values: Mapping[str, Any]


@dataclass(frozen=True)
class Interview:
    name: str
    case: str | None
    type: str | None
    wave: str | None


@dataclass(frozen=True)
class CriterionResult:
    """One criterion in one scope (case and wave; None: all): met, or short by ``short``."""

    role: str | None
    criterion: str
    kind: str
    attribute: str | None
    case: str | None
    wave: str | None
    met: bool
    short: int
    observed: str
    required: str
    people: tuple[str, ...] = ()
    unrecorded: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "criterion": self.criterion, "kind": self.kind,
                "attribute": self.attribute, "case": self.case, "wave": self.wave,
                "met": self.met, "short": self.short, "observed": self.observed,
                "required": self.required, "people": list(self.people),
                "unrecorded": list(self.unrecorded)}


@dataclass(frozen=True)
class TargetResult:
    """A target in one case: planned, held (documents or people), short by n."""

    target: str
    kind: str  # "interviews" or "people"
    what: str
    case: str | None
    wave: str | None
    planned: int
    held: int
    names: tuple[str, ...] = ()

    @property
    def short(self) -> int:
        return max(0, self.planned - self.held)

    @property
    def met(self) -> bool:
        return self.held >= self.planned

    def as_dict(self) -> dict[str, Any]:
        return {"target": self.target, "kind": self.kind, "what": self.what,
                "case": self.case, "wave": self.wave, "planned": self.planned,
                "held": self.held, "short": self.short, "met": self.met,
                "names": list(self.names)}


@dataclass(frozen=True)
class SamplingCheck:
    """The plan's check: every criterion per scope and every target per case."""

    plan: str
    source: str
    criteria: tuple[CriterionResult, ...] = ()
    targets: tuple[TargetResult, ...] = ()

    @property
    def met(self) -> int:
        return sum(r.met for r in self.criteria) + sum(t.met for t in self.targets)

    @property
    def total(self) -> int:
        return len(self.criteria) + len(self.targets)

    def criterion_names(self, role: str | None = None) -> list[str]:
        return list(dict.fromkeys(r.criterion for r in self.criteria
                                  if role is None or r.role == role))

    def lines(self) -> list[str]:
        """One sentence per criterion and target for a method chapter (English; a face or a
        report translates the pattern)."""
        out = []
        for name in self.criterion_names():
            rows = [r for r in self.criteria if r.criterion == name]
            met = sum(r.met for r in rows)
            role = rows[0].role or ""
            out.append(f"{name} ({role}): met in {met} of {len(rows)}"
                       + ("" if met == len(rows) else
                          f", short by {sum(r.short for r in rows)}"))
        for name in dict.fromkeys(t.target for t in self.targets):
            planned = [t for t in self.targets if t.target == name]
            out.append(f"{name}: {sum(t.held for t in planned)} of "
                       f"{sum(t.planned for t in planned)} held")
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"plan": self.plan, "source": self.source, "met": self.met,
                "total": self.total, "criteria": [r.as_dict() for r in self.criteria],
                "targets": [t.as_dict() for t in self.targets]}


# --- reading a plan ---------------------------------------------------------------------------

def _number(raw: Any, where: str, key: str) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise Invalid("{where}: {key} must be a number, not {value!r}.", where=where, key=key,
                      value=raw)
    return float(raw)


def _count(raw: Any, where: str, key: str, default: int = 1) -> int:
    value = _number(raw, where, key)
    if value is None:
        return default
    if value < 0 or not float(value).is_integer():
        raise Invalid("{where}: {key} must be a whole number of 0 or more.", where=where,
                      key=key)
    return int(value)


def _per(raw: Any, where: str) -> tuple[str, ...]:
    items = [raw] if isinstance(raw, str) else list(raw or [])
    for item in items:
        if item not in SCOPES:
            raise Invalid("{where}: per is case and/or wave, not {value!r}.", where=where,
                          value=item)
    return tuple(s for s in SCOPES if s in items)


def _criterion(role: str | None, raw: Any, where: str) -> Criterion:
    if not isinstance(raw, Mapping):
        raise Invalid("{where}: a criterion is a mapping with name, kind and attribute.",
                      where=where)
    kind = str(raw.get("kind", ""))
    if kind not in KINDS:
        raise Invalid("{where}: kind is one of {kinds}, not {kind!r}.", where=where,
                      kinds=", ".join(KINDS), kind=kind)
    name = str(raw.get("name") or kind)
    attribute = raw.get("attribute")
    if kind != "quota" and not attribute:
        raise Invalid("{where}: a criterion of kind {kind} needs an attribute.", where=where,
                      kind=kind)
    values = raw.get("values") or ()
    if kind in ("one_of", "at_least") and not values:
        raise Invalid("{where}: a criterion of kind {kind} needs values.", where=where,
                      kind=kind)
    groups: dict[str, str] = {}
    for group, members in (raw.get("groups") or {}).items():
        for member in members or ():
            groups[str(member)] = str(group)
    default_n = 1
    return Criterion(
        role, name, kind, str(attribute) if attribute else None, _per(raw.get("per"), where),
        tuple(values if isinstance(values, (list, tuple)) else [values]),
        _count(raw.get("at_least", raw.get("n")), where, "at_least", default_n),
        _number(raw.get("within"), where, "within") or 10.0,
        _number(raw.get("min"), where, "min"), _number(raw.get("max"), where, "max"),
        _number(raw.get("spread"), where, "spread"), groups, raw.get("where"))


def parse_plan(data: Any, source: str = "plan") -> Plan:
    """A plan from its YAML data: ``name``, ``roles`` (a mapping role → list of criteria),
    ``targets`` (list of {name, type or role, wave, case, per_case})."""
    if not isinstance(data, Mapping):
        raise Invalid("{file}: a sampling plan is a mapping with roles and targets.",
                      file=source)
    roles = data.get("roles") or {}
    if not isinstance(roles, Mapping):
        raise Invalid("{file}: roles is a mapping of role to its criteria.", file=source)
    criteria = []
    for role, items in roles.items():
        for i, raw in enumerate(items or [], start=1):
            criteria.append(_criterion(str(role), raw, f"{source}: {role}, criterion {i}"))
    targets = []
    for i, raw in enumerate(data.get("targets") or [], start=1):
        where = f"{source}: target {i}"
        if not isinstance(raw, Mapping) or not (raw.get("type") or raw.get("role")):
            raise Invalid("{where}: a target names an interview type or a role.",
                          where=where)
        wave = raw.get("wave")
        targets.append(Target(
            str(raw.get("name") or raw.get("type") or raw.get("role")),
            _count(raw.get("per_case", raw.get("n")), where, "per_case"),
            str(raw["type"]) if raw.get("type") else None,
            str(raw["role"]) if raw.get("role") else None,
            None if wave is None else wave_label(wave),
            str(raw["case"]) if raw.get("case") else None))
    if not criteria and not targets:
        raise Invalid("{file}: the plan has no criteria and no targets.", file=source)
    return Plan(str(data.get("name") or source), tuple(criteria), tuple(targets))


def wave_label(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- checking ---------------------------------------------------------------------------------

def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _equal(c: Criterion, have: list[tuple[str, Any]]) -> tuple[bool, int, str, str]:
    counts = Counter(_text(v) for _, v in have)
    wanted = [_text(v) for v in c.values] or sorted(counts)
    for v in wanted:
        counts.setdefault(v, 0)
    total = sum(counts.values())
    observed = ", ".join(f"{v} {counts[v]}" for v in wanted)
    required = f"shares within {c.within:g} points"
    if total == 0 or len(wanted) < 2:
        return False, 0 if wanted else 1, observed or "nobody", required
    low, high = min(counts[v] for v in wanted), max(counts[v] for v in wanted)
    extra = 0
    while True:
        n = total + extra
        if (high - (low + extra)) / n * 100 <= c.within or low + extra >= high:
            break
        extra += 1
    return extra == 0, extra, observed, required


def _distinct(c: Criterion, have: list[tuple[str, Any]]) -> tuple[bool, int, str, str]:
    found = sorted({c.groups.get(_text(v), _text(v)) for _, v in have})
    kind = "groups" if c.groups else "values"
    return (len(found) >= c.n, max(0, c.n - len(found)),
            f"{len(found)} {kind}: " + ", ".join(found) if found else "none",
            f"at least {c.n} different {kind}")


def _one_of(c: Criterion, have: list[tuple[str, Any]]) -> tuple[bool, int, str, str]:
    allowed = {_text(v) for v in c.values}
    outside = [name for name, v in have if _text(v) not in allowed]
    return (not outside and bool(have), len(outside) if have else 1,
            f"{len(have) - len(outside)} of {len(have)} in the list",
            "one of " + ", ".join(_text(v) for v in c.values))


def _range(c: Criterion, have: list[tuple[str, Any]]) -> tuple[bool, int, str, str]:
    numbers = [(name, float(v)) for name, v in have if isinstance(v, (int, float))
               and not isinstance(v, bool)]
    outside = [n for n, v in numbers if (c.low is not None and v < c.low)
               or (c.high is not None and v > c.high)]
    spread = (max(v for _, v in numbers) - min(v for _, v in numbers)) if numbers else 0.0
    short = len(outside) + (math.ceil(c.spread - spread) if c.spread and spread < c.spread
                            else 0)
    bounds = " to ".join(_text(b) for b in (c.low, c.high) if b is not None)
    required = ", ".join(p for p in (f"between {bounds}" if bounds else "",
                                     f"spread at least {c.spread:g}" if c.spread else "") if p)
    observed = (f"{_text(min(v for _, v in numbers))} to {_text(max(v for _, v in numbers))}"
                if numbers else "none")
    return bool(numbers) and short == 0, short if numbers else 1, observed, required


def _at_least(c: Criterion, have: list[tuple[str, Any]]) -> tuple[bool, int, str, str]:
    counts = Counter(_text(v) for _, v in have)
    wanted = [_text(v) for v in c.values]
    short = sum(max(0, c.n - counts[v]) for v in wanted)
    return (short == 0, short, ", ".join(f"{v} {counts[v]}" for v in wanted),
            f"at least {c.n} per value")


CHECKS = {"equal": _equal, "distinct": _distinct, "one_of": _one_of, "range": _range,
          "at_least": _at_least}


def _scopes(c: Criterion, cases: Sequence[str], waves: Sequence[str]
            ) -> list[tuple[str | None, str | None]]:
    case_list: list[str | None] = list(cases) if "case" in c.per else [None]
    wave_list: list[str | None] = list(waves) if "wave" in c.per else [None]
    return [(case, wave) for case in case_list for wave in wave_list]


def check_plan(plan: Plan, people: Sequence[Person], interviews: Sequence[Interview],
               cases: Sequence[str], source: str = "") -> SamplingCheck:
    """Every criterion in every scope and every target in every case."""
    waves = sorted({w for p in people for w in p.waves} | {i.wave for i in interviews
                                                           if i.wave is not None},
                   key=_wave_order)
    results = []
    for c in plan.criteria:
        if c.kind == "equal" and not c.values:  # the values seen in the whole role
            seen = {_text(p.values[c.attribute or ""]) for p in people
                    if (c.role is None or p.role == c.role)
                    and p.values.get(c.attribute or "") not in (None, "")}
            c = replace(c, values=tuple(sorted(seen)))
        for case, wave in _scopes(c, cases, waves):
            pool = [p for p in people if (c.role is None or p.role == c.role)
                    and (case is None or p.case == case) and (wave is None or wave in p.waves)]
            results.append(_check_one(c, pool, case, wave))
    targets = []
    for t in plan.targets:
        for case in ([t.case] if t.case else list(cases)):
            if t.type is not None:
                names = tuple(sorted(i.name for i in interviews if i.type == t.type
                                     and i.case == case and (t.wave is None or i.wave == t.wave)))
                targets.append(TargetResult(t.name, "interviews", t.type, case, t.wave, t.n,
                                            len(names), names))
            else:
                names = tuple(sorted(p.name for p in people if p.role == t.role
                                     and p.case == case
                                     and (t.wave is None or t.wave in p.waves)))
                targets.append(TargetResult(t.name, "people", t.role or "", case, t.wave, t.n,
                                            len(names), names))
    return SamplingCheck(plan.name, source, tuple(results), tuple(targets))


def _check_one(c: Criterion, pool: Sequence[Person], case: str | None,
               wave: str | None) -> CriterionResult:
    if c.kind == "quota":
        counted = [p.name for p in pool if c.attribute is None or c.where is None
                   or _text(p.values.get(c.attribute)) == _text(c.where)]
        return CriterionResult(c.role, c.name, c.kind, c.attribute, case, wave,
                               len(counted) >= c.n, max(0, c.n - len(counted)),
                               f"{len(counted)} people", f"at least {c.n}",
                               tuple(sorted(counted)))
    attribute = c.attribute or ""
    have = [(p.name, p.values[attribute]) for p in pool
            if p.values.get(attribute) not in (None, "")]
    unrecorded = tuple(sorted(p.name for p in pool if p.values.get(attribute) in (None, "")))
    met, short, observed, required = CHECKS[c.kind](c, have)
    return CriterionResult(c.role, c.name, c.kind, c.attribute, case, wave, met, short,
                           observed, required, tuple(sorted(_counting(c, have))), unrecorded)


def _counting(c: Criterion, have: list[tuple[str, Any]]) -> list[str]:
    """The people who count towards the criterion: with an allowed value (one_of,
    at_least), within the range (range), or with any value (equal, distinct)."""
    if c.kind in ("one_of", "at_least"):
        allowed = {_text(v) for v in c.values}
        return [n for n, v in have if _text(v) in allowed]
    if c.kind == "range":
        return [n for n, v in have if isinstance(v, (int, float)) and not isinstance(v, bool)
                and (c.low is None or v >= c.low) and (c.high is None or v <= c.high)]
    return [n for n, _ in have]


def _wave_order(value: str) -> tuple[int, float, str]:
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def people_waves(documents: Iterable[str], wave_of: Mapping[str, str | None]) -> frozenset[str]:
    return frozenset(w for d in documents if (w := wave_of.get(d)) is not None)
