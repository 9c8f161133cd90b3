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
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.model.codings import Coding
from stemmen.project.rounds import hidden
from stemmen.stats.bands import DEFAULT_THRESHOLD
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import journal
from stemmen.store import suggestions as sg
from stemmen.store.suggestions import Suggestion
from stemmen.suggest import LexicalModel, TrustReport, labelled_units
from stemmen.suggest import evaluate as ev
from stemmen.suggest.units import coded_spans, document_units

if TYPE_CHECKING:
    from stemmen.project import Project

MODEL_CODER = "model"
NO_MODEL = "No suggestion model is trained yet: run `stemmen suggest train` first."

__all__ = ["MODEL_CODER", "Suggestion", "Suggestions", "TrustReport"]


class Suggestions:
    """Train, measure, list, accept and reject code suggestions."""

    def __init__(self, project: Project) -> None:
        self._p = project
        self._loaded: tuple[int, LexicalModel] | None = None

    def train(self, coder: str, threshold: float = DEFAULT_THRESHOLD,
              progress: Callable[[int, int], None] | None = None) -> TrustReport:
        """Learn from ``coder``'s codings, cross-validate by document, store the model and its
        trust report (one transaction at the end); returns the report."""
        if not 0 < threshold <= 1:
            raise Invalid("The threshold must be between 0 and 1.")
        with self._p.store.reading() as conn:
            cd.coder_id(conn, coder, create=False)
            texts = {d.name: d.text for d in dc.list_documents(conn, with_text=True)}
            codes = [c.name for c in cb.list_codes(conn)]
            blind = hidden(self._p, conn)  # a blind round: no learning from hidden codings
            codings = [(c.document, c.start, c.end, c.code)
                       for c in cd.list_codings(conn, None, None, [coder])
                       if not blind.hides(c.document, coder)]
        coded = {c[0] for c in codings}
        units, labels = labelled_units({d: t for d, t in texts.items() if d in coded}, codings)
        model, report, held_out = ev.train(units, labels, codes, coder, threshold=threshold,
                                           progress=progress)
        predicted = [[u.document, u.start, u.end, code]
                     for i, u in enumerate(units) for k, code in enumerate(model.codes)
                     if held_out[i, k] >= ev.CUT]
        stored = {"report": report.to_dict(), "held_out": predicted}
        with self._p.store.transaction() as tx:
            model_id = sg.add_model(tx, coder, stored, model.to_bytes())
            journal.record(tx, self._p.actor, "suggest.train", model=model_id, coder=coder,
                           enabled=len(report.enabled), codes=len(report.codes))
        self._loaded = (model_id, model)
        return report

    def report(self) -> TrustReport | None:
        """The trust report of the newest model, or None when none was trained."""
        with self._p.store.reading() as conn:
            found = sg.latest_model(conn, with_bytes=False)
        return None if found is None else TrustReport.from_dict(found.report["report"])

    def _model(self, conn: Any) -> tuple[int, LexicalModel, TrustReport]:
        found = sg.latest_model(conn, with_bytes=self._loaded is None)
        if found is None:
            raise Invalid(NO_MODEL)
        if self._loaded is None or self._loaded[0] != found.id:
            data = found.model or sg.latest_model(conn).model  # type: ignore[union-attr]
            self._loaded = (found.id, LexicalModel.from_bytes(data))
        return found.id, self._loaded[1], TrustReport.from_dict(found.report["report"])

    def list(self, document: str, coder: str | None = None,
             top: int = 3) -> builtins.list[Suggestion]:
        """Pending suggestions on the paragraphs of ``document`` that ``coder`` (default: who
        is acting) has not coded: up to ``top`` enabled codes per paragraph, best first."""
        coder = coder or self._p.actor
        with self._p.store.transaction() as tx:
            model_id, model, report = self._model(tx)
            doc_id, _length = dc.document_ref(tx, document)
            found = sg.for_document(tx, model_id, doc_id)
            units = document_units(document, dc.get_document(tx, document).text)
            if found is None:
                ids = cb.code_ids(tx)
                guesses = ev.suggest(model, report, [u.text for u in units], top=top)
                sg.add_many(tx, model_id, doc_id, [
                    (u.start, u.end, ids[code], p) for u, best in zip(units, guesses, strict=True)
                    for code, p in best if code in ids])
                found = sg.for_document(tx, model_id, doc_id) or []
            mine = [(c.start, c.end) for c in cd.list_codings(tx, document, None, [coder])]
        taken = coded_spans(units, mine)
        return [s for s in found if s.state == "pending" and (s.start, s.end) not in taken]

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
