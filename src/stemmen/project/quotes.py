"""Quotes for reports: segments the team marks (optionally trimmed), or the most central ones.

A marked quote may shorten its segment: the kept pieces must come from the segment, in order,
joined by "[…]". Pseudonymisation placeholders such as "[Naam hulpverlener]" stay as they are.
When nobody chose a quote, :meth:`Quotes.central` picks the segments whose words are closest
to the words of all candidate segments together (cosine similarity to the centroid).
"""

from __future__ import annotations

import builtins
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.store import analysis, journal
from stemmen.store import findings as fs

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.findings import Finding
    from stemmen.project.retrieval import Segment

_GAP = re.compile(r"\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.)\s*")
_SPEAKER = re.compile(r"^[^\s:.!?\[][^:\n.!?]{0,38}:\s+")
_WORD = re.compile(r"\w{3,}")


@dataclass(frozen=True)
class Quote:
    """A segment quoted in a report: the text shown, the segment, and whether it was chosen."""

    coding_id: int
    text: str
    segment: Segment
    chosen: bool
    finding_id: int | None = None
    note: str = ""

    @property
    def attribution(self) -> str:
        return self.segment.attribution

    def as_dict(self) -> dict[str, Any]:
        return {"coding_id": self.coding_id, "text": self.text, "chosen": self.chosen,
                "finding_id": self.finding_id, "note": self.note, "code": self.segment.code,
                "document": self.segment.document, "case": self.segment.case,
                "attribution": self.attribution}


def _flat(text: str) -> str:
    return " ".join(text.split())


def check_trim(original: str, trimmed: str) -> str:
    """``trimmed`` if its pieces (between "[…]") occur in ``original`` in order, else Invalid."""
    source, pos = _flat(original), 0
    pieces = [p for p in (_flat(x) for x in _GAP.split(trimmed)) if p]
    if not pieces:
        raise Invalid("A quote text cannot be empty.")
    for piece in pieces:
        at = source.find(piece, pos)
        if at < 0:
            raise Invalid("The quote must be taken from the segment: {piece!r} is not in it "
                          "(or not in this order).", piece=piece[:60])
        pos = at + len(piece)
    return _flat(trimmed)


def display_text(segment: Segment) -> str:
    """A segment's text for a report: one paragraph loses its speaker label ("Deelnemer 2: ")."""
    text = segment.text.strip()
    if "\n" not in text:
        text = _SPEAKER.sub("", text, count=1)
    return _flat(text)


def central_order(texts: list[str]) -> list[int]:
    """Indexes of ``texts`` from most to least central (ties: original order)."""
    bags = [Counter(w.lower() for w in _WORD.findall(t)) for t in texts]
    centroid: dict[str, float] = defaultdict(float)
    for bag in bags:
        norm: float = math.sqrt(sum(v * v for v in bag.values())) or 1.0
        for word, v in bag.items():
            centroid[word] += v / norm
    c_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0

    def score(i: int) -> float:
        bag = bags[i]
        norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
        cosine = sum(v * centroid[w] for w, v in bag.items()) / (norm * c_norm)
        words = sum(bag.values())
        return cosine * (1.0 if 8 <= words <= 120 else 0.5)

    return sorted(range(len(texts)), key=lambda i: (-round(score(i), 9), i))


class Quotes:
    """Mark segments as quotes for the report, list them, and pick central ones."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def mark(self, coding_id: int, text: str | None = None, finding: int | None = None,
             note: str = "") -> Quote:
        """Mark a coded segment as a quote (again: update it), with optional trimmed text."""
        segment = self._segment(coding_id)
        trimmed = check_trim(segment.text, text) if text and text.strip() else None
        with self._p.store.transaction() as tx:
            fs.mark_quote(tx, coding_id, trimmed, finding, note, self._p.actor)
            journal.record(tx, self._p.actor, "quote.mark", coding=coding_id, finding=finding)
        return Quote(coding_id, trimmed or display_text(segment), segment, True, finding, note)

    def unmark(self, coding_id: int) -> None:
        with self._p.store.transaction() as tx:
            if not fs.unmark_quote(tx, coding_id):
                raise NotFound("Coding #{id} is not marked as a quote.", id=coding_id)
            journal.record(tx, self._p.actor, "quote.unmark", coding=coding_id)

    def list(self, finding: int | None = None, case: str | None = None,
             pool: dict[int, Segment] | None = None) -> list[Quote]:
        """The marked quotes in the order they were marked."""
        with self._p.store.reading() as conn:
            rows = fs.list_quotes(conn)
        segments = self._segments({r.coding_id for r in rows}, pool)
        found = [Quote(r.coding_id, r.text or display_text(segments[r.coding_id]),
                       segments[r.coding_id], True, r.finding_id, r.note)
                 for r in rows if r.coding_id in segments]
        return [q for q in found if (finding is None or q.finding_id == finding)
                and (case is None or q.segment.case == case)]

    def central(self, segments: builtins.list[Segment], n: int = 1) -> builtins.list[Quote]:
        """The ``n`` most central segments, preferring other interviews and other wording."""
        unique = list({(s.document, s.start, s.end): s for s in segments}.values())
        texts = [display_text(s) for s in unique]
        ranked = [unique[i] for i in central_order(texts)]
        picked: list[Segment] = []
        for strict in (True, False):
            for s in ranked:
                if len(picked) < n and s not in picked and (not strict or _distinct(s, picked)):
                    picked.append(s)
        return [Quote(s.coding_id, display_text(s), s, False) for s in picked]

    def for_finding(self, finding: Finding, n: int = 2, marked: builtins.list[Quote] | None = None,
                    pool: dict[int, Segment] | None = None) -> builtins.list[Quote]:
        """The quotes chosen for a finding, else its ``n`` most central evidence segments."""
        chosen = [q for q in (marked if marked is not None else self.list())
                  if q.finding_id == finding.id]
        if chosen:
            return _unique(chosen)
        segments = self._segments(set(finding.evidence), pool)
        return self.central(sorted(segments.values(), key=_position), n)

    def _segments(self, coding_ids: set[int],
                  pool: dict[int, Segment] | None = None) -> dict[int, Segment]:
        """Segments by coding id, from ``pool`` when given (saves a query per finding)."""
        if pool is not None:
            return {i: pool[i] for i in coding_ids if i in pool}
        if not coding_ids:
            return {}
        with self._p.store.reading() as conn:
            docs = analysis.coding_documents(conn, coding_ids)
        return {s.coding_id: s for s in self._p.segments.retrieve(documents=docs)
                if s.coding_id in coding_ids}

    def _segment(self, coding_id: int) -> Segment:
        found = self._segments({coding_id})
        if coding_id not in found:
            raise NotFound("There is no coding #{id}.", id=coding_id)
        return found[coding_id]


def _position(segment: Segment) -> tuple[str, int, int, int]:
    return (segment.document, segment.start, segment.end, segment.coding_id)


def _words(segment: Segment) -> set[str]:
    return {w.lower() for w in _WORD.findall(segment.text)}


def _distinct(segment: Segment, picked: list[Segment]) -> bool:
    """From another interview, and sharing less than half its words with each pick."""
    words = _words(segment)
    for other in picked:
        theirs = _words(other)
        if other.document == segment.document or (
                len(words & theirs) >= 0.5 * max(1, len(words | theirs))):
            return False
    return True


def _unique(quotes: list[Quote]) -> list[Quote]:
    """Quotes without repeats of the same text from the same interview, first ones kept."""
    seen: set[tuple[str, str]] = set()
    found = []
    for quote in quotes:
        if (quote.segment.document, quote.text) not in seen:
            seen.add((quote.segment.document, quote.text))
            found.append(quote)
    return found


@dataclass(frozen=True)
class Translation:
    """A quote in another language: who translated it, when, and whether a machine drafted it
    (a draft stays marked until a person accepts it)."""

    coding_id: int
    lang: str
    text: str
    translator: str
    machine: bool
    stale: bool  # the quote's text changed since it was translated
    created_at: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {"coding_id": self.coding_id, "lang": self.lang, "text": self.text,
                "translator": self.translator, "machine": self.machine, "stale": self.stale,
                "created_at": str(self.created_at) if self.created_at else None}


class QuoteTranslations:
    """Translate quotes, list translations, and tell which quotes still lack one."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def translate(self, coding_id: int, lang: str, text: str, translator: str | None = None,
                  machine: bool = False) -> Translation:
        """The quote of coding ``coding_id`` in ``lang`` (again: replace it)."""
        from stemmen.project.labels import check_lang
        from stemmen.store import report_outline as ro

        lang = check_lang(lang)
        if not text.strip():
            raise Invalid("A translation cannot be empty.")
        quote = self._quote(coding_id)
        who = translator if translator is not None else self._p.actor
        with self._p.store.transaction() as tx:
            qid = ro.quote_id(tx, coding_id)
            ro.set_translation(tx, qid, lang, _flat(text), quote.text, who, machine)
            journal.record(tx, self._p.actor, "quote.translate", coding=coding_id, lang=lang,
                           machine=machine)
        with self._p.store.reading() as conn:  # just written on the quote's current text
            row = next(r for r in ro.translations(conn)
                       if r.coding_id == coding_id and r.lang == lang)
        return Translation(row.coding_id, row.lang, row.text, row.translator, row.machine, False,
                           row.created_at)

    def accept(self, coding_id: int, lang: str) -> Translation:
        """A person accepts a machine draft: it loses its draft mark and names them."""
        found = next((t for t in self.list() if t.coding_id == coding_id and t.lang == lang),
                     None)
        if found is None:
            raise NotFound("Quote #{id} has no translation in {language}.", id=coding_id,
                           language=lang)
        return self.translate(coding_id, lang, found.text, self._p.actor, machine=False)

    def remove(self, coding_id: int, lang: str) -> None:
        from stemmen.store import report_outline as ro

        with self._p.store.transaction() as tx:
            if not ro.delete_translation(tx, ro.quote_id(tx, coding_id), lang):
                raise NotFound("Quote #{id} has no translation in {language}.", id=coding_id,
                               language=lang)
            journal.record(tx, self._p.actor, "quote.untranslate", coding=coding_id, lang=lang)

    def list(self, quotes: builtins.list[Quote] | None = None) -> builtins.list[Translation]:
        from stemmen.store import report_outline as ro

        with self._p.store.reading() as conn:
            rows = ro.translations(conn)
        current = {q.coding_id: q.text for q in (quotes if quotes is not None
                                                  else Quotes(self._p).list())}
        return [Translation(r.coding_id, r.lang, r.text, r.translator, r.machine,
                            _flat(r.source_text) != current.get(r.coding_id, r.source_text),
                            r.created_at) for r in rows]

    def languages(self) -> dict[str, str]:
        """Document name → the language of its interview ("nl", "fr"), from the setting."""
        from stemmen.project.queries import load_facts
        from stemmen.project.settings import attribute_names
        from stemmen.store.analysis import label

        found = load_facts(self._p, spans=False)
        with self._p.store.reading() as conn:
            names = attribute_names(conn)
        out = {}
        for d in found.documents:
            value = names.first_value(d.attributes, "language")
            if value is not None:
                out[d.name] = str(label(value)).strip().lower()[:2]
        return out

    def missing(self, lang: str, coding_ids: builtins.list[int] | None = None
                ) -> builtins.list[Quote]:
        """Quotes (of ``coding_ids``, else every marked quote) whose interview is in another
        language than ``lang`` and that have no translation into ``lang``."""
        quotes = Quotes(self._p).list()
        if coding_ids is not None:
            wanted = set(coding_ids)
            quotes = [q for q in quotes if q.coding_id in wanted]
        languages = self.languages()
        have = {t.coding_id for t in self.list(quotes) if t.lang == lang}
        return [q for q in quotes if q.coding_id not in have
                and languages.get(q.segment.document, lang) != lang]

    def _quote(self, coding_id: int) -> Quote:
        """The marked quote of one coding (its own document's segments only)."""
        with self._p.store.reading() as conn:
            row = next((r for r in fs.list_quotes(conn) if r.coding_id == coding_id), None)
        if row is None:
            raise NotFound("Coding #{id} is not marked as a quote.", id=coding_id)
        segment = Quotes(self._p)._segment(coding_id)
        return Quote(row.coding_id, row.text or display_text(segment), segment, True,
                     row.finding_id, row.note)
