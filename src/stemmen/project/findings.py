"""Findings: statements the team reports, each backed by coded segments (its evidence).

A finding is a result, a good practice or a recommendation (at a level such as OCMW, federal
or local), about one case or about all cases. Its *strength* says how broad its evidence is:
segments, interviews, distinct roles, cases and waves; findings that rest on a single
interview or a single role are flagged.
"""

from __future__ import annotations

import builtins
from collections import Counter
from dataclasses import asdict, dataclass, field
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.project.settings import AttributeNames, attribute_names
from stemmen.store import analysis, journal
from stemmen.store import codebook as cb
from stemmen.store import documents as dc
from stemmen.store import findings as fs
from stemmen.store.analysis import label

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.retrieval import Segment

KINDS = ("result", "good_practice", "recommendation")
NO_EVIDENCE, SINGLE_INTERVIEW, SINGLE_ROLE = "no evidence", "single interview", "single role"


@dataclass(frozen=True)
class Strength:
    """How broad the evidence of a finding is."""

    segments: int = 0
    interviews: int = 0
    roles: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    waves: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    @property
    def flags(self) -> list[str]:
        """Warnings: no evidence, a single interview, a single role."""
        if not self.segments:
            return [NO_EVIDENCE]
        found = []
        if self.interviews == 1:
            found.append(SINGLE_INTERVIEW)
        if len(self.roles) <= 1:
            found.append(SINGLE_ROLE)
        return found


@dataclass(frozen=True)
class Finding:
    """A finding with its evidence (coding ids), strength and code category."""

    id: int
    statement: str
    kind: str
    level: str
    case: str | None
    description: str
    author: str
    evidence: tuple[int, ...]
    strength: Strength
    category: str | None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = list(self.evidence)
        data["strength"]["flags"] = self.strength.flags
        return data


@dataclass(frozen=True)
class Candidate:
    """A retrieved segment offered as evidence, and whether the finding already holds it."""

    segment: Segment
    linked: bool

    def as_dict(self) -> dict[str, Any]:
        return {**self.segment.as_dict(), "linked": self.linked}


def check_kind(kind: str) -> str:
    clean = kind.strip().lower().replace("-", "_").replace(" ", "_")
    if clean not in KINDS:
        raise Invalid("Unknown kind {kind!r}: use result, good-practice or recommendation.",
                      kind=kind)
    return clean


class Findings:
    """Add findings, link evidence, and measure how strong each finding is."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, statement: str, kind: str = "result", case: str | None = None,
            level: str = "", description: str = "") -> Finding:
        """A new finding about ``case`` (None: across cases)."""
        if not statement.strip():
            raise Invalid("A finding needs a statement.")
        kind = check_kind(kind)
        with self._p.store.transaction() as tx:
            case_id = dc.case_id(tx, case) if case else None
            fid = fs.add_finding(tx, statement.strip(), kind, level.strip(), case_id,
                                 description, self._p.actor)
            journal.record(tx, self._p.actor, "finding.add", id=fid, case=case, kind=kind)
        return self.get(fid)

    def list(self, case: str | None = None, kind: str | None = None,
             cross_case: bool | None = None) -> list[Finding]:
        """Findings, optionally of one case, of one kind, or only cross-case ones."""
        with self._p.store.reading() as conn:
            rows = fs.list_findings(conn)
            built = _build(conn, rows)
        wanted_kind = check_kind(kind) if kind else None
        return [f for f in built
                if (case is None or f.case == case) and (wanted_kind in (None, f.kind))
                and (cross_case is None or (f.case is None) == cross_case)]

    def get(self, finding_id: int) -> Finding:
        with self._p.store.reading() as conn:
            return _build(conn, [fs.get_finding(conn, finding_id)])[0]

    def edit(self, finding_id: int, statement: str | None = None, kind: str | None = None,
             level: str | None = None, description: str | None = None,
             case: str | None | EllipsisType = ...) -> Finding:
        """Change what is given; ``case`` None makes the finding cross-case, ``...`` keeps it."""
        values: dict[str, Any] = {}
        if statement is not None:
            if not statement.strip():
                raise Invalid("A finding needs a statement.")
            values["statement"] = statement.strip()
        if kind is not None:
            values["kind"] = check_kind(kind)
        if level is not None:
            values["level"] = level.strip()
        if description is not None:
            values["description"] = description
        with self._p.store.transaction() as tx:
            if case is not ...:
                values["case_id"] = dc.case_id(tx, case) if case else None
            fs.update_finding(tx, finding_id, **values)
            journal.record(tx, self._p.actor, "finding.edit", id=finding_id,
                           **{k: v for k, v in values.items() if k != "case_id"},
                           **({} if case is ... else {"case": case}))
        return self.get(finding_id)

    def reorder(self, finding_ids: builtins.list[int]) -> builtins.list[Finding]:
        """Put the given findings in this order, in the places they held among the others;
        returns every finding in the new order."""
        wanted = list(dict.fromkeys(finding_ids))
        with self._p.store.transaction() as tx:
            rows = {r.id: r for r in fs.list_findings(tx)}
            for fid in wanted:
                if fid not in rows:
                    raise NotFound("There is no finding #{id}.", id=fid)
            order = list(rows)
            slots = sorted(order.index(fid) for fid in wanted)
            for slot, fid in zip(slots, wanted, strict=True):
                order[slot] = fid
            for position, fid in enumerate(order, start=1):
                fs.update_finding(tx, fid, position=position)
            journal.record(tx, self._p.actor, "finding.reorder", ids=wanted)
        return self.list()

    def delete(self, finding_id: int) -> None:
        with self._p.store.transaction() as tx:
            fs.delete_finding(tx, finding_id)
            journal.record(tx, self._p.actor, "finding.delete", id=finding_id)

    def link(self, finding_id: int, codings: builtins.list[int] | None = None,
             codes: builtins.list[str] | None = None, cases: builtins.list[str] | None = None,
             coders: builtins.list[str] | None = None) -> int:
        """Add evidence: coding ids, or every coding of ``codes`` in ``cases`` (default: the
        finding's own case, or all cases) by ``coders``. Returns how many links are new."""
        with self._p.store.transaction() as tx:
            ids = list(codings or [])
            if codes:
                for code in codes:
                    cb.code_id(tx, code)
                finding = fs.get_finding(tx, finding_id)
                scope = cases or ([finding.case] if finding.case else None)
                for case in scope or []:
                    dc.case_id(tx, case)  # NotFound for an unknown case
                ids += analysis.codings_for(tx, codes, scope, coders)
            added = fs.link(tx, finding_id, ids)
            journal.record(tx, self._p.actor, "finding.link", id=finding_id, added=added)
        return added

    def unlink(self, finding_id: int, codings: builtins.list[int]) -> int:
        with self._p.store.transaction() as tx:
            removed = fs.unlink(tx, finding_id, codings)
            journal.record(tx, self._p.actor, "finding.unlink", id=finding_id, removed=removed)
        return removed

    def evidence(self, finding_id: int) -> builtins.list[Segment]:
        """The coded segments behind a finding, with text and attribution."""
        ids = set(self.get(finding_id).evidence)
        if not ids:
            return []
        with self._p.store.reading() as conn:
            docs = sorted({r.document for r in analysis.evidence(conn, [finding_id])})
        return [s for s in self._p.segments.retrieve(documents=docs) if s.coding_id in ids]


    def candidates(self, finding_id: int, codes: builtins.list[str] | None = None,
                   cases: builtins.list[str] | None = None,
                   coders: builtins.list[str] | None = None,
                   attributes: dict[str, Any] | None = None, text: str = "",
                   limit: int = 500) -> builtins.list[Candidate]:
        """Segments to choose evidence from, retrieved as ``segments.retrieve`` does (by code,
        case, coder and attribute) and containing ``text`` (any case); each says whether the
        finding already holds it. At most ``limit``."""
        linked = set(self.get(finding_id).evidence)
        needle = " ".join(text.split()).casefold()
        found = self._p.segments.retrieve(codes or None, cases, coders, None, attributes)
        if needle:
            found = [s for s in found if needle in " ".join(s.text.split()).casefold()]
        return [Candidate(s, s.coding_id in linked) for s in found[:limit]]


def _build(conn: Any, rows: list[fs.FindingRow]) -> list[Finding]:
    """Findings with strength and category, from a few queries for all rows together."""
    evidence = analysis.evidence(conn, [r.id for r in rows])
    docs = {d.name: d for d in dc.list_documents(conn)}
    names = attribute_names(conn)  # which attributes hold role and wave (settings)
    codes = cb.list_codes(conn)
    category_of = {c.name: c.category for c in codes}
    category_rank = {c.name: i for i, c in enumerate(cb.list_categories(conn))}
    by_finding: dict[int, list[analysis.EvidenceRow]] = {}
    for row in evidence:
        by_finding.setdefault(row.finding_id, []).append(row)
    built = []
    for r in rows:
        mine = by_finding.get(r.id, [])
        strength = strength_of(mine, docs, [c.name for c in codes], names)
        cats = Counter(c for e in mine if e.code and (c := category_of.get(e.code)))
        category = min(cats, key=lambda c: (-cats[c], category_rank.get(c, 0)), default=None)
        built.append(Finding(r.id, r.statement, r.kind, r.level, r.case, r.description,
                             r.author, r.evidence, strength, category))
    return built


def strength_of(rows: list[analysis.EvidenceRow], docs: dict[str, Any],
                code_order: list[str], names: AttributeNames) -> Strength:
    """Distinct segments, interviews, roles, cases and waves of some evidence (role and wave
    read from the attributes ``names`` gives)."""
    used = [docs[r.document] for r in rows if r.document in docs]
    roles = {str(v) for d in used if (v := names.first_value(d.attributes, "role")) is not None}
    waves = {label(v) for d in used
             if (v := names.first_value(d.attributes, "wave")) is not None}
    counts = Counter(r.code for r in rows)
    rank = {c: i for i, c in enumerate(code_order)}
    return Strength(
        segments=len({(r.document, r.start, r.end) for r in rows}),
        interviews=len({r.document for r in rows}),
        roles=sorted(roles), cases=sorted({d.case for d in used if d.case}),
        waves=sorted(waves), codes=sorted(counts, key=lambda c: (-counts[c], rank.get(c, 0))),
    )
