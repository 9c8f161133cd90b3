"""The report outline the researchers own: chapters and sections with narrative per language.

A section has a kind that says what the report adds under its narrative:

- ``free``: only its narrative; ``case``: the case's description, then its sections;
- ``objective``: one objective or module of a case (its description);
- ``good_practices``: the case's good-practice findings; ``across``: cross-case results;
- ``recommendations``: recommendation findings (of ``level``, or every level in turn);
- ``method``: the method chapter generated from the project; ``annexes``: interviews, codebook.

Narratives are Markdown and may hold ``{{quote N}}`` (N: the coding id of a marked quote) and
``{{finding N}}``. When a narrative is saved, what each reference says is pinned, so a render
can report a quote whose coding was removed or whose text changed since it was written.
"""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.project.labels import check_lang
from stemmen.store import journal
from stemmen.store import report_outline as ro
from stemmen.store.cases import case_id

if TYPE_CHECKING:
    from stemmen.project import Project

KINDS = ("free", "case", "objective", "good_practices", "across", "recommendations", "method",
         "annexes")
REFERENCE = re.compile(r"\{\{\s*(quote|finding)\s+#?(\d+)\s*\}\}")


def references(text: str) -> list[tuple[str, int]]:
    """The ``{{quote N}}`` and ``{{finding N}}`` references of a narrative, in order."""
    return [(m.group(1), int(m.group(2))) for m in REFERENCE.finditer(text)]


@dataclass(frozen=True)
class Section:
    """One chapter or section, numbered ("2.1") by its place in the outline."""

    id: int
    parent: int | None
    number: str
    depth: int
    kind: str
    case: str | None
    objective: str | None
    level: str
    titles: dict[str, str] = field(default_factory=dict)
    narratives: dict[str, str] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        """The title in ``lang``, else in another language, else the case or objective."""
        for text in (self.titles.get(lang), *self.titles.values()):
            if text:
                return text
        return self.objective or self.case or self.level or ""

    def narrative(self, lang: str) -> str:
        return self.narratives.get(lang, "")

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "parent": self.parent, "number": self.number,
                "depth": self.depth, "kind": self.kind, "case": self.case,
                "objective": self.objective, "level": self.level, "titles": self.titles,
                "narratives": self.narratives}


@dataclass(frozen=True)
class Objective:
    """An objective or module of a case (individual guidance, group sessions, aftercare...)."""

    case: str
    name: str
    description: str
    position: int

    def as_dict(self) -> dict[str, Any]:
        return {"case": self.case, "name": self.name, "description": self.description,
                "position": self.position}


@dataclass(frozen=True)
class Problem:
    """A reference in the outline that no longer says what it said when it was written."""

    section: str
    kind: str
    ref: int
    problem: str

    @property
    def message(self) -> str:
        return f"{self.section}: {{{{{self.kind} {self.ref}}}}} {self.problem}"

    def as_dict(self) -> dict[str, Any]:
        return {"section": self.section, "kind": self.kind, "ref": self.ref,
                "problem": self.problem}


def _numbered(rows: list[ro.SectionRow]) -> list[Section]:
    children: dict[int | None, list[ro.SectionRow]] = {}
    for r in rows:
        children.setdefault(r.parent_id, []).append(r)
    out: list[Section] = []

    def walk(parent: int | None, prefix: str, depth: int) -> None:
        for i, r in enumerate(children.get(parent, []), start=1):
            number = f"{prefix}{i}"
            out.append(Section(r.id, r.parent_id, number, depth, r.kind, r.case, r.objective,
                               r.level, r.titles, r.narratives))
            walk(r.id, number + ".", depth + 1)

    walk(None, "", 1)
    return out


class Outline:
    """Add, edit, move and remove the sections of the report; case objectives and
    descriptions; check the references of the narratives against the project."""

    def __init__(self, project: Project) -> None:
        self._p = project

    # sections -----------------------------------------------------------------------------
    def list(self) -> list[Section]:
        """Every section in reading order, numbered."""
        with self._p.store.reading() as conn:
            return _numbered(ro.sections(conn))

    def get(self, section_id: int) -> Section:
        for s in self.list():
            if s.id == section_id:
                return s
        raise NotFound("There is no report section #{id}.", id=section_id)

    def add(self, title: str, kind: str = "free", parent: int | None = None,
            case: str | None = None, objective: str | None = None, level: str = "",
            lang: str = "nl", narrative: str = "") -> Section:
        """A new section at the end of ``parent`` (None: a new chapter)."""
        if kind not in KINDS:
            raise Invalid("Unknown section kind {kind!r}: use {kinds}.", kind=kind,
                          kinds=", ".join(KINDS))
        if kind in ("case", "objective", "good_practices") and not case:
            raise Invalid("A section of kind {kind!r} needs --case.", kind=kind)
        if kind == "objective" and not objective:
            raise Invalid("A section of kind 'objective' needs --objective.")
        lang = check_lang(lang)
        with self._p.store.transaction() as tx:
            if parent is not None:
                ro.section_exists(tx, parent)
            cid = case_id(tx, case) if case else None
            oid = ro.objective_id(tx, cid, objective) if objective and cid else None
            sid = ro.add_section(tx, parent, kind, cid, oid, level.strip(), self._p.actor)
            ro.set_text(tx, sid, lang, title.strip(), narrative)
            ro.set_pins(tx, sid, self._pins(tx, narrative))
            journal.record(tx, self._p.actor, "outline.add", id=sid, kind=kind, case=case)
        return self.get(sid)

    def edit(self, section_id: int, lang: str = "nl", title: str | None = None,
             narrative: str | None = None, level: str | None = None) -> Section:
        """Change a section's title and/or narrative in ``lang`` (and its level)."""
        lang = check_lang(lang)
        with self._p.store.transaction() as tx:
            ro.section_exists(tx, section_id)
            ro.set_text(tx, section_id, lang, title.strip() if title is not None else None,
                        narrative)
            if level is not None:
                ro.update_section(tx, section_id, level=level.strip())
            if narrative is not None:
                every = "\n".join(t for (sid, _l), t in self._texts(tx).items()
                                  if sid == section_id)
                ro.set_pins(tx, section_id, self._pins(tx, every))
            journal.record(tx, self._p.actor, "outline.edit", id=section_id, lang=lang)
        return self.get(section_id)

    def move(self, section_id: int, position: int, parent: int | None | str = "same") -> Section:
        """Put a section at ``position`` (1 = first) among its siblings, or under ``parent``
        (None: make it a chapter)."""
        sections = self.list()
        me = next((s for s in sections if s.id == section_id), None)
        if me is None:
            raise NotFound("There is no report section #{id}.", id=section_id)
        target = me.parent if parent == "same" else parent
        if target is not None and not isinstance(target, int):
            raise Invalid("Unknown parent section {parent!r}.", parent=str(target))
        if target is not None:
            inside = {section_id}
            for s in sections:  # sections come parents first
                if s.parent in inside:
                    inside.add(s.id)
            if target in inside:
                raise Invalid("Section #{id} cannot move under itself.", id=section_id)
        siblings = [s.id for s in sections if s.parent == target and s.id != section_id]
        at = max(0, min(position - 1, len(siblings)))
        siblings.insert(at, section_id)
        with self._p.store.transaction() as tx:
            if target is not None:
                ro.section_exists(tx, target)
            for i, sid in enumerate(siblings, start=1):
                values: dict[str, object] = {"position": i}
                if sid == section_id:
                    values["parent_id"] = target
                ro.update_section(tx, sid, **values)
            journal.record(tx, self._p.actor, "outline.move", id=section_id, parent=target,
                           position=at + 1)
        return self.get(section_id)

    def remove(self, section_id: int) -> int:
        """Remove a section and its subsections; returns how many were removed."""
        gone = 1 + len(self._descendants(section_id))
        with self._p.store.transaction() as tx:
            ro.section_exists(tx, section_id)
            ro.delete_section(tx, section_id)
            journal.record(tx, self._p.actor, "outline.remove", id=section_id, sections=gone)
        return gone

    def _descendants(self, section_id: int) -> builtins.list[int]:
        found = {section_id}
        for s in self.list():
            if s.parent in found:
                found.add(s.id)
        return sorted(found - {section_id})

    # cases: objectives and descriptions ---------------------------------------------------
    def add_objective(self, case: str, name: str, description: str = "") -> Objective:
        if not name.strip():
            raise Invalid("An objective needs a name.")
        with self._p.store.transaction() as tx:
            cid = case_id(tx, case)
            if any(o.case == case and o.name == name.strip() for o in ro.objectives(tx)):
                from stemmen.errors import AlreadyExists

                raise AlreadyExists("Case {case!r} already has an objective {name!r}.",
                                    case=case, name=name)
            ro.add_objective(tx, cid, name.strip(), description)
            journal.record(tx, self._p.actor, "objective.add", case=case, name=name)
        return next(o for o in self.objectives(case) if o.name == name.strip())

    def remove_objective(self, case: str, name: str) -> None:
        with self._p.store.transaction() as tx:
            oid = ro.objective_id(tx, case_id(tx, case), name)
            ro.delete_objective(tx, oid)
            journal.record(tx, self._p.actor, "objective.remove", case=case, name=name)

    def objectives(self, case: str | None = None) -> builtins.list[Objective]:
        with self._p.store.reading() as conn:
            rows = ro.objectives(conn)
        return [Objective(r.case, r.name, r.description, r.position) for r in rows
                if case is None or r.case == case]

    def describe(self, case: str, lang: str, text: str) -> None:
        """The description of ``case`` in ``lang`` (its project: intake, frame, trajectory)."""
        lang = check_lang(lang)
        with self._p.store.transaction() as tx:
            ro.set_description(tx, case_id(tx, case), lang, text.strip())
            journal.record(tx, self._p.actor, "case.describe", case=case, lang=lang)

    def descriptions(self) -> dict[tuple[str, str], str]:
        """(case, lang) → description."""
        with self._p.store.reading() as conn:
            return ro.descriptions(conn)

    # references ---------------------------------------------------------------------------
    def _texts(self, conn: Any) -> dict[tuple[int, str], str]:
        return {(s.id, lang): text for s in ro.sections(conn)
                for lang, text in s.narratives.items()}

    def _pins(self, conn: Any, narrative: str) -> dict[tuple[str, int], str]:
        """What each reference of ``narrative`` says now (nothing for a reference that does
        not resolve: that is reported when the report is rendered)."""
        refs = references(narrative)
        if not refs:
            return {}
        from stemmen.store import findings as fs

        quotes = {r.coding_id: r for r in fs.list_quotes(conn)}
        findings = {r.id: r.statement for r in fs.list_findings(conn)}
        pins: dict[tuple[str, int], str] = {}
        for kind, ref in refs:
            if kind == "finding" and ref in findings:
                pins[(kind, ref)] = findings[ref]
            elif kind == "quote" and ref in quotes:
                pins[(kind, ref)] = self._quote_text(ref, quotes[ref].text)
        return pins

    def _quote_text(self, coding_id: int, trimmed: str | None) -> str:
        if trimmed:
            return trimmed
        from stemmen.project.quotes import display_text

        found = self._p.quotes._segments({coding_id})
        return display_text(found[coding_id]) if coding_id in found else ""

    def pins(self) -> dict[tuple[int, str, int], str]:
        with self._p.store.reading() as conn:
            return ro.pins(conn)

    def check(self, sections: builtins.list[Section] | None = None) -> builtins.list[Problem]:
        """References whose quote or finding is gone or changed since they were written."""
        sections = sections if sections is not None else self.list()
        pins = self.pins()
        quotes = {q.coding_id: q for q in self._p.quotes.list()}
        findings = {f.id: f.statement for f in self._p.findings.list()}
        problems: builtins.list[Problem] = []
        for s in sections:
            seen: set[tuple[str, int]] = set()
            for lang in sorted(s.narratives):
                for kind, ref in references(s.narratives[lang]):
                    if (kind, ref) in seen:
                        continue
                    seen.add((kind, ref))
                    where = f"{s.number} {s.title(lang)}".strip()
                    pinned = pins.get((s.id, kind, ref))
                    if kind == "quote":
                        q = quotes.get(ref)
                        if q is None:
                            problems.append(Problem(where, kind, ref, (
                                "is gone: its coding was removed or it is no longer "
                                "marked as a quote")))
                        elif not _still_in(q.segment.text, q.text):
                            problems.append(Problem(where, kind, ref, (
                                "is no longer in its segment: the transcript text changed")))
                        elif pinned is not None and " ".join(pinned.split()) != q.text:
                            problems.append(Problem(where, kind, ref, (
                                f"changed since the section was written: now “{q.text[:80]}”")))
                    else:
                        statement = findings.get(ref)
                        if statement is None:
                            problems.append(Problem(where, kind, ref, "is gone: no such "
                                                    "finding"))
                        elif pinned is not None and pinned != statement:
                            problems.append(Problem(where, kind, ref, (
                                f"changed since the section was written: now “{statement}”")))
        return problems


def _still_in(segment_text: str, quote_text: str) -> bool:
    from stemmen.project.quotes import check_trim

    try:
        check_trim(segment_text, quote_text)
    except Invalid:
        return False
    return True
