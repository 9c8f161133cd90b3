"""Queries for analysis: matrices, co-occurrence, waves, profiles, annexes, sampling check,
coding progress and text search; every one can be run by kind and saved under a name.

Counting units (the matrix's ``count``): a *segment* is a distinct coded span (two coders on
the same span with the same code make one segment); *words* and *characters* are those
covered by the row's spans (overlaps count once, see :mod:`stemmen.stats.coverage`); a
*document* is an interview; a *participant* is a person linked to an interview; *people* are
the participants linked to the documents where a code occurs, and a document with nobody
linked counts as one person of its own (its speakers are not known one by one), so people
are never fewer than such documents. Every figure can be opened: :meth:`Queries.segments`
gives the segments behind a cell.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from stemmen.errors import Invalid
from stemmen.model.codes import Category, Code
from stemmen.project import query_runs as runs
from stemmen.project.query_results import (
    Evolution,
    InterviewRow,
    Profiles,
    ProgressRow,
    QueryResult,
    SearchHit,
    Waves,
    plain,
)
from stemmen.project.query_runs import KINDS
from stemmen.project.rounds import blinded
from stemmen.project.settings import attribute_names
from stemmen.stats import coverage as cov
from stemmen.stats import crosstabs as ct
from stemmen.store import codebook as cb
from stemmen.store import documents as dc
from stemmen.store import journal
from stemmen.store import saved_queries as sq
from stemmen.store.analysis import (
    NONE,
    Facts,
    Tally,
    check_count,
    coding_spans,
    label,
    read_facts,
    read_tally,
)
from stemmen.store.saved_queries import SavedQuery

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.retrieval import Segment

def load_facts(project: Project, coders: list[str] | None = None,
               cases: list[str] | None = None, texts: bool = False,
               spans: bool = True) -> Facts:
    """Read the facts of a project (optionally only some coders and cases) in one connection."""
    with blinded(project) as conn:  # a blind round: the viewer's hidden codings stay out
        return read_facts(conn, coders, cases, texts, spans)


def matrix_of(facts: Facts, rows: str, columns: str, count: str,
              tally: Tally | None = None,
              spans: list[tuple[str, str, int, int]] | None = None) -> ct.CrossTab:
    """The rows x columns matrix of a set of facts; ``tally`` (:func:`read_tally`) spares
    counting the spans of ``facts`` in Python, ``spans`` (:func:`coding_spans`) reading them
    as :class:`Span` for words and characters. Only the documents of ``facts`` count."""
    column_docs = facts.column_docs(columns)
    check_count(count)
    row_names = list(facts.row_codes(rows))
    if count in ("words", "characters"):
        if spans is None:
            spans = [(s.code, s.document, s.start, s.end) for s in facts.spans]
        return _coverage_matrix(facts, rows, row_names, column_docs, count, spans)
    if tally is None:
        tally = facts.tally(rows, count == "segments")
    if count == "segments":
        return _segment_matrix(row_names, column_docs, tally)
    every = {d.name for d in facts.documents}
    found: dict[str, set[str]] = {row: set() for row in row_names}
    for row, doc in tally.cells:
        if doc in every and row in found:
            found[row].add(doc)
    if count == "documents":
        return ct.crosstab(found, column_docs, count)
    people = [(p.pseudonym, set(p.documents)) for p in facts.participants]
    alone = every - {d for _, docs in people for d in docs} if count == "people" else set()

    def linked(docs: set[str]) -> set[Any]:
        return {name for name, theirs in people if theirs & docs} | {
            ("document", d) for d in docs & alone}

    return ct.crosstab({row: linked(docs) for row, docs in found.items()},
                       {col: linked(docs) for col, docs in column_docs.items()}, count)


def _segment_matrix(row_names: list[str], column_docs: dict[str, set[str]],
                    tally: Tally) -> ct.CrossTab:
    """Distinct spans: a cell sums its column's documents, as columns partition documents."""
    column_of = {doc: j for j, docs in enumerate(column_docs.values()) for doc in docs}
    row_of = {row: i for i, row in enumerate(row_names)}
    cells = [[0] * len(column_docs) for _ in row_names]
    for (row, doc), n in tally.cells.items():
        i, j = row_of.get(row), column_of.get(doc)
        if i is not None and j is not None:
            cells[i][j] += n
    column_totals = [sum(tally.documents.get(d, 0) for d in docs)
                     for docs in column_docs.values()]
    return ct.CrossTab(row_names, list(column_docs), cells, [sum(r) for r in cells],
                       column_totals, sum(column_totals), "segments")


def _coverage_matrix(facts: Facts, rows: str, row_names: list[str],
                     column_docs: dict[str, set[str]], count: str,
                     spans: list[tuple[str, str, int, int]]) -> ct.CrossTab:
    """Words or characters under the row's spans; a column total covers every code's spans
    in the column, so it can be less than the sum of its cells (text under two codes)."""
    row_of = {code: name for name, codes in facts.row_codes(rows).items() for code in codes}
    column_of = {doc: j for j, docs in enumerate(column_docs.values()) for doc in docs}
    by_cell: dict[tuple[str, str], list[tuple[int, int]]] = {}
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for code, doc, start, end in spans:
        if doc in column_of:
            by_doc.setdefault(doc, []).append((start, end))
            if code in row_of:
                by_cell.setdefault((row_of[code], doc), []).append((start, end))

    def measure(doc: str, covered: list[tuple[int, int]]) -> int:
        if count == "characters":
            return cov.characters(covered)
        return cov.words(covered, facts.texts.get(doc, ""))

    row_of_name = {row: i for i, row in enumerate(row_names)}
    cells = [[0] * len(column_docs) for _ in row_names]
    for (row, doc), covered in by_cell.items():
        cells[row_of_name[row]][column_of[doc]] += measure(doc, covered)
    column_totals = [0] * len(column_docs)
    for doc, covered in by_doc.items():
        column_totals[column_of[doc]] += measure(doc, covered)
    return ct.CrossTab(row_names, list(column_docs), cells, [sum(r) for r in cells],
                       column_totals, sum(column_totals), count)


class Queries:
    """Analysis queries over the coded project; each reads in one connection."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def matrix(self, rows: str = "code", columns: str = "case", count: str = "segments",
               coders: list[str] | None = None, cases: list[str] | None = None) -> ct.CrossTab:
        """Codes or categories x cases, documents or an attribute, counting ``count``."""
        covers = count in ("words", "characters")
        with blinded(self._p) as conn:
            facts = read_facts(conn, coders, cases, texts=count == "words", spans=False)
            facts.column_docs(columns)  # the errors in the order matrix_of gives them
            check_count(count)
            if covers:
                return matrix_of(facts, rows, columns, count,
                                 spans=coding_spans(conn, facts, coders, cases))
            tally = read_tally(conn, facts, rows, coders, cases, count == "segments")
        return matrix_of(facts, rows, columns, count, tally)

    def segments(self, row: str, column: str, rows: str = "code", columns: str = "case",
                 coders: list[str] | None = None,
                 cases: list[str] | None = None) -> list[Segment]:
        """The segments behind one cell of :meth:`matrix` (one per distinct span)."""
        facts = load_facts(self._p, coders, cases, spans=False)
        codes, docs = facts.row_codes(rows).get(row), facts.column_docs(columns).get(column)
        if codes is None or docs is None:
            raise Invalid("There is no cell {row!r} x {column!r}.", row=row, column=column)
        if not codes or not docs:
            return []
        found = self._p.segments.retrieve(sorted(codes), coders=coders, documents=sorted(docs))
        unique = {(s.document, s.start, s.end): s for s in reversed(found)}
        return [s for s in found if unique[(s.document, s.start, s.end)] is s]

    def cooccurrence(self, unit: str = "paragraph", codes: list[str] | None = None,
                     coders: list[str] | None = None,
                     cases: list[str] | None = None) -> ct.CrossTab:
        """Codes x codes: paragraphs carrying both ("paragraph") or overlapping spans."""
        if unit == "paragraph":  # the stored paragraphs (no text is read)
            return runs.paragraph_cooccurrence(self._p, codes, coders, cases)
        facts = load_facts(self._p, coders, cases)
        used = {s.code for s in facts.spans}
        chosen = codes or [c.name for c in facts.codes if c.name in used]
        if unit == "overlap":
            return ct.overlaps([(s.code, s.document, s.start, s.end) for s in facts.spans],
                               chosen)
        raise Invalid("Co-occurrence unit is 'paragraph' or 'overlap', not {unit!r}.", unit=unit)

    def waves(self, rows: str = "code", columns: str = "case", count: str = "segments",
              attribute: str | None = None, coders: list[str] | None = None) -> Waves:
        """The matrix per wave, and what changed for people interviewed in several waves;
        ``attribute`` defaults to the project's setting ``attribute.wave``."""
        covers = count in ("words", "characters")
        with blinded(self._p) as conn:
            facts = read_facts(conn, coders, texts=count == "words", spans=False)
            if attribute is None:
                names = attribute_names(conn)
                attribute = names.first_name({a.name for a in facts.attributes}, "wave") or (
                    names.wave[0])
            by_wave = facts.column_docs(attribute)
            check_count(count)
            spans = coding_spans(conn, facts, coders) if covers else None
            tally = read_tally(conn, facts, rows, coders, None, count == "segments")
            codes = tally if rows == "code" else read_tally(conn, facts, "code", coders,
                                                            None, segments=False)
        matrices = {}
        for wave, docs in by_wave.items():
            part = replace(facts, documents=[d for d in facts.documents if d.name in docs])
            matrices[wave] = matrix_of(part, rows, columns, count, tally, spans)
        codes_in: dict[str, set[str]] = {}
        for code, doc in codes.cells:
            codes_in.setdefault(doc, set()).add(code)
        return Waves(attribute, matrices, _evolutions(facts, by_wave, codes_in))

    def profiles(self, keys: list[str] | None = None, case: str | None = None,
                 gender: str | None = None, age: str | None = None,
                 order: dict[str, list[Any]] | None = None) -> Profiles:
        """Value tables of participant demographics and counts and mean age by gender;
        ``gender`` and ``age`` default to the project's settings."""
        names = self._p.settings.attributes()
        # role, function, joined wave, replaced person, speaker: the study's structure, not a
        # profile; a participant with none of the rest (a caseworker) has no profile
        structure = {*names.person_role, *names.person_function, *names.joined_wave,
                     *names.replaces, *names.speaker}
        people = [p for p in self._p.participants.list() if (case is None or p.case == case)
                  and any(k not in structure for k in p.demographics)]
        held = {k for p in people for k in p.demographics}
        gender = gender or names.first_name(held, "gender") or names.gender[0]
        age = age or names.first_name(held, "age") or names.age[0]
        seen = [k for p in people for k in p.demographics
                if k not in (gender, age) and k not in structure]
        chosen = keys or list(dict.fromkeys(seen))
        tables = [ct.value_counts(k, [p.demographics.get(k) for p in people],
                                  (order or {}).get(k)) for k in chosen]
        ages, covered, total = ct.ages_by_group(
            [(p.demographics.get(gender), p.demographics.get(age)) for p in people])
        return Profiles(tables, ages, covered, total)

    def interviews(self, case: str | None = None) -> list[InterviewRow]:
        """Annex 1: every interview with type, who, where and when, by date."""
        with self._p.store.reading() as conn:
            docs = dc.list_documents(conn)
            people = dc.list_participants(conn)
            names = attribute_names(conn)
        rows = []
        for d in docs:
            if case is not None and d.case != case:
                continue
            size = names.first_value(d.attributes, "participants")
            linked = sum(d.name in p.documents for p in people)
            value = functools.partial(names.first_value, d.attributes)
            rows.append(InterviewRow(
                d.name, value("type"), value("role"),
                int(size) if isinstance(size, (int, float)) else (linked or None), d.case,
                value("date"), value("wave")))
        return sorted(rows, key=lambda r: (r.date is None, r.date or dt.date.min, r.document))

    def codebook(self) -> list[tuple[str, list[Code]]]:
        """Annex 2: categories in order with their codes (and "(none)" for the rest)."""
        with self._p.store.reading() as conn:
            codes, categories = cb.list_codes(conn), cb.list_categories(conn)
        groups: dict[str, list[Code]] = {c.name: [] for c in categories}
        for code in codes:
            groups.setdefault(code.category or NONE, []).append(code)
        return [(name, members) for name, members in groups.items() if members]

    def sampling(self, criteria: str | Path | Mapping[str, Any] | list[Any] | None = None,
                 text: str | None = None) -> list[ct.Check]:
        """Purposive-sampling criteria (a YAML file, data, or YAML ``text``; neither: the
        example of :meth:`sampling_example`) → pass/fail, overall and per case."""
        if criteria is None:
            criteria = _yaml(text if text is not None else self.sampling_example())
        elif isinstance(criteria, (str, Path)):
            try:
                criteria = yaml.safe_load(Path(criteria).read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError) as exc:
                raise Invalid("Cannot read sampling criteria {file}: {reason}",
                              file=str(criteria), reason=str(exc)) from exc
        facts = load_facts(self._p, spans=False)
        names = self._p.settings.attributes()
        held = {k for p in facts.participants for k in p.demographics}
        gender = names.first_name(held, "gender") or names.gender[0]
        parsed = [_with_values(c, facts) for c in ct.parse_criteria(criteria, gender)]
        units = {"participants": [(p.case, p.demographics) for p in facts.participants],
                 "documents": [(d.case, d.attributes) for d in facts.documents]}
        return ct.check_sampling(parsed, units, [c.name for c in facts.cases])


    def sampling_example(self) -> str:
        """The AMIF-42 study's sampling criteria as YAML text: a start for one's own."""
        from stemmen.demo.sources import sampling_criteria

        return sampling_criteria()

    def progress(self, coders: list[str] | None = None,
                 cases: list[str] | None = None) -> list[ProgressRow]:
        """Coding progress: per document and coder, paragraphs coded of all paragraphs."""
        return runs.progress(self._p, coders, cases)

    def search(self, text: str = "", codes: list[str] | None = None,
               cases: list[str] | None = None, coders: list[str] | None = None,
               attributes: dict[str, list[str]] | None = None,
               limit: int = 500) -> list[SearchHit]:
        """Text matches (any case) filtered by case and attribute values, and with codes or
        coders to the matches inside their segments."""
        return runs.search(self._p, text, codes, cases, coders, attributes, limit)

    # Running by kind, and saved queries -------------------------------------------------

    def run(self, kind: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a query of ``kind`` (see :data:`KINDS`) with ``params`` as its method takes
        them; the answer comes with the tables a face shows and downloads."""
        method = getattr(self, kind, None) if kind in KINDS else None
        clean = runs.checked_params(method or self.run, kind, params)
        try:
            value = method(**clean)  # type: ignore[misc]
        except TypeError as exc:  # a value of the wrong shape for its parameter
            raise Invalid("The parameters of a {kind} query do not fit: {reason}", kind=kind,
                          reason=str(exc)) from exc
        tables, groups = runs.tables_of(kind, value, clean, self._codebook)
        return QueryResult(kind, plain(clean), value, tables, groups)

    def save(self, name: str, kind: str, params: dict[str, Any] | None = None) -> SavedQuery:
        """Keep a query under ``name`` (unique, any case) to run again with :meth:`run_saved`."""
        name = " ".join(str(name or "").split())
        if not name or len(name) > 300:
            raise Invalid("A saved query needs a name of 1 to 300 characters.")
        method = getattr(self, kind, None) if kind in KINDS else None
        clean = plain(runs.checked_params(method or self.run, kind, params))
        with self._p.store.transaction() as tx:
            query_id = sq.add_saved(tx, SavedQuery(name, kind, clean, self._p.actor))
            journal.record(tx, self._p.actor, "query.save", id=query_id, name=name, kind=kind)
        return self.get_saved(name)

    def saved(self) -> list[SavedQuery]:
        """Every saved query, by name."""
        with self._p.store.reading() as conn:
            return sq.list_saved(conn)

    def get_saved(self, name: str) -> SavedQuery:
        with self._p.store.reading() as conn:
            return sq.get_saved(conn, name)

    def run_saved(self, name: str) -> QueryResult:
        """Run a saved query again, on the project as it is now."""
        found = self.get_saved(name)
        return self.run(found.kind, found.params)

    def delete_saved(self, name: str) -> SavedQuery:
        """Forget a saved query; returns what it was."""
        with self._p.store.transaction() as tx:
            found = sq.delete_saved(tx, name)
            journal.record(tx, self._p.actor, "query.delete", id=found.id, name=found.name)
        return found

    def _codebook(self) -> tuple[list[Code], list[Category]]:
        with self._p.store.reading() as conn:
            return cb.list_codes(conn), cb.list_categories(conn)


def _yaml(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise Invalid("The sampling criteria are not valid YAML: {reason}",
                      reason=str(exc)) from exc


def _with_values(criterion: ct.Criterion, facts: Facts) -> ct.Criterion:
    """A "present" criterion without values requires every choice (or every value seen)."""
    if criterion.kind != "present" or criterion.params.get("values"):
        return criterion
    choices = [c for a in facts.attributes if a.name == criterion.attribute for c in a.choices]
    pool = facts.documents if criterion.of == "documents" else []
    seen = sorted({label(d.attributes.get(criterion.attribute)) for d in pool
                   if d.attributes.get(criterion.attribute) is not None})
    params = {**criterion.params, "values": choices or seen}
    return ct.Criterion(criterion.name, criterion.kind, criterion.attribute, criterion.of, params)


def _evolutions(facts: Facts, by_wave: dict[str, set[str]],
                codes_in: dict[str, set[str]]) -> list[Evolution]:
    """Codes in a person's first-wave interviews versus their last-wave interviews."""
    waves = [w for w in by_wave if w != NONE]
    order = {c.name: i for i, c in enumerate(facts.codes)}
    found = []
    for person in facts.participants:
        mine = [w for w in waves if by_wave[w].intersection(person.documents)]
        if len(mine) < 2:
            continue
        first, last = (set().union(*(codes_in.get(d, set()) for d in by_wave[w]
                                     if d in person.documents)) for w in (mine[0], mine[-1]))
        found.append(Evolution(person.pseudonym, person.case, mine[0], mine[-1],
                               _in_order(last - first, order), _in_order(first - last, order),
                               _in_order(first & last, order)))
    return found


def _in_order(names: set[str], order: dict[str, int]) -> list[str]:
    return sorted(names, key=lambda n: (order.get(n, len(order)), n))
