"""Inter-coder reliability on a project: compare coders, list disagreements, reconcile.

Units are paragraphs (default; as the study and NVivo's paragraph coding count them),
sentences, or characters (NVivo-compatible). Several codes per unit: each code is judged on
presence/absence per unit (``per_code``), pooled over codes (``pooled``), and each unit's set
of codes as one label (``code_sets``, with the study-style count of units that differ).
Any number of coders: all together, and with three or more every pair as well (``pairs``).
``nvivo`` gives NVivo's own figure (kappa per code per document on characters, averaged).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from stemmen import stats
from stemmen.errors import Invalid, NotFound
from stemmen.formats.decisions import Decision, read_decisions
from stemmen.formats.sheets import read_table
from stemmen.project.comparison import Comparison, NvivoComparison
from stemmen.project.rounds import Hidden, hidden
from stemmen.project.stored import stored_id
from stemmen.stats.arrays import Ints
from stemmen.stats.code_agreement import code_ratings
from stemmen.stats.nvivo import nvivo_rows, nvivo_summary
from stemmen.stats.pairs import interval_table, pair_agreement
from stemmen.stats.units import CodingArrays, index_codings, select_codings
from stemmen.stats.weights import named_weights
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import journal
from stemmen.store import presence as pr
from stemmen.store import settings as settings_store
from stemmen.store import units as su
from stemmen.store.codebook import code_ids

if TYPE_CHECKING:
    from stemmen.project import Project

UNIT_KINDS = ("paragraph", "sentence", "character")
INTERVALS = ("cohen_kappa", "percent_agreement", "gwet_ac1", "fleiss_kappa")
MANY_CODERS = ("conger_kappa",)  # with three or more coders (bootstrap intervals)
HEADLINE = ("percent_agreement", "cohen_kappa", "fleiss_kappa", "conger_kappa",
            "krippendorff_alpha", "gwet_ac1", "brennan_prediger")


def _read(path: str | Path) -> tuple[str, bytes]:
    """A file's name and bytes; a missing file or a folder is a clear error."""
    path = Path(path)
    if not path.is_file():
        raise NotFound("There is no file {path}.", path=str(path))
    return path.name, path.read_bytes()


def agreement_table(path: str | Path, level: str = "nominal", weights: str | None = None,
                    weights_by: str = "values") -> dict[str, Any]:
    """Agreement on any ``unit,coder,label`` CSV/XLSX table (the `stemmen agreement` contract).

    ``weights_by``: place numeric labels by their values or by their ranks (irr, sklearn).
    """
    return agreement_on_table(*_read(path), level=level, weights=weights,
                              weights_by=weights_by)


def agreement_on_table(name: str, data: bytes, level: str = "nominal",
                       weights: str | None = None, weights_by: str = "values") -> dict[str, Any]:
    """:func:`agreement_table` on a table's name and bytes (an upload in the workspace)."""
    rows = read_table(name, data)
    return stats.agreement_from_rows(rows, level=level, weights=named_weights(weights),
                                     weights_by=weights_by)


def _decision_rows(decisions: Any) -> list[tuple[str, int, str, str]]:
    """Decisions in any accepted shape as (document, unit, code, choice) rows ("" = the unit)."""
    if isinstance(decisions, Mapping):
        items: Iterable[Any] = ((*k, v) for k, v in decisions.items())
    else:
        items = decisions
    rows = []
    for item in items:
        if isinstance(item, Decision):
            item = (item.document, item.unit, item.code, item.choice)
        elif isinstance(item, Mapping):
            item = (item.get("document"), item.get("unit"), item.get("code"),
                    item.get("choice"))
        document, unit, code, choice = item
        try:
            number = int(unit)
        except (TypeError, ValueError):
            raise Invalid("The unit {unit} is not a number.", unit=unit) from None
        rows.append((str(document), number, str(code or ""), str(choice).strip().lower()))
    return rows


class Reliability:
    """Compare coders who coded the same documents independently."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def _presence(self, coders: list[str] | None, documents: list[str] | None,
                  cases: list[str] | None, unit: str, min_coverage: float
                  ) -> tuple[Any, CodingArrays]:
        """The presence array of the chosen coders on the chosen documents, and their codings
        (indexed as in the presence), built from integer rows and per-document unit bounds."""
        if unit not in UNIT_KINDS:
            raise Invalid("Unknown unit {unit}: use paragraph, sentence or character.",
                          unit=unit)
        with self._p.store.reading() as conn:
            listed = [d for d in dc.list_documents(conn)
                      if (not documents or d.name in documents) and (not cases or d.case in cases)]
            listed = _outside_blind_rounds(hidden(self._p, conn), listed, documents)
            code_list, coder_id = cb.list_codes(conn), cd.coder_ids(conn)
            masters = set() if coders else master_coders(conn)  # reconciled: not a coder
            pool = [c for c in dict.fromkeys(coders or sorted(coder_id))
                    if c in coder_id and c not in masters]
            every = index_codings(  # every coding of these coders on these documents, read once
                pr.coding_rows(conn, [coder_id[c] for c in pool]),
                {stored_id(d): i for i, d in enumerate(listed)},
                {stored_id(c): j for j, c in enumerate(code_list)},
                {coder_id[c]: k for k, c in enumerate(pool)})
            by_doc = _coders_by_document(every, listed, pool)
            chosen = _chosen_coders(coders, listed, by_doc)
            docs = listed
            if not documents and not cases:  # default: documents every chosen coder coded
                docs = [d for d in docs if set(chosen) <= by_doc[d.name]]
            if not docs:
                raise Invalid("No document was coded by all of {coders}.",
                              coders=", ".join(chosen))
            _same_text_versions(conn, docs, [coder_id[c] for c in chosen])
            if unit != "character":  # as before: units in name order, characters in SQL order
                docs = sorted(docs, key=lambda d: d.name)
            place = {d.id: i for i, d in enumerate(docs)}
            position = {c: k for k, c in enumerate(chosen)}
            arrays = select_codings(every, [place.get(d.id, -1) for d in listed],
                                    [position.get(c, -1) for c in pool])
            del every
            names, order = [c.name for c in code_list], [d.name for d in docs]
            if unit == "character":
                lengths = {name: n for name, (_id, n) in dc.document_refs(conn).items()}
                presence = stats.character_presence(arrays, {n: lengths[n] for n in order},
                                                    codes=names, coders=chosen)
                return presence, arrays
            bounds = _unit_bounds(conn, [stored_id(d) for d in docs], unit)
            units = {name: bounds[stored_id(d)] for name, d in zip(order, docs, strict=True)}
        presence = stats.unit_presence(units, arrays, codes=names, coders=chosen,
                                       min_coverage=min_coverage)
        return presence, arrays

    def compare(self, coders: list[str] | None = None, documents: list[str] | None = None,
                cases: list[str] | None = None, unit: str = "paragraph",
                drop_uncoded: bool = False, threshold: float = 0.60,
                min_coverage: float = 0.0, confidence: float = 0.95,
                intervals: bool = True) -> Comparison:
        """Every coefficient per code and pooled, with confidence intervals and verdicts
        (``intervals=False``: the figures alone, without the intervals and pair tables, as a
        report's one-line reliability statement needs them)."""
        presence, _codings = self._presence(coders, documents, cases, unit, min_coverage)
        report = stats.code_agreement(presence, drop_uncoded=drop_uncoded)
        kept = presence.select(presence.coded_units()) if drop_uncoded else presence
        many = MANY_CODERS if len(kept.coders) > 2 else ()
        views = {"pooled": report["pooled"], "code_sets": report["code_sets"]}
        key = "cohen_kappa" if len(presence.coders) == 2 else "fleiss_kappa"
        return Comparison(
            **report,
            documents=sorted(presence.documents),
            threshold=threshold,
            intervals=interval_table(
                code_ratings(kept), INTERVALS + ("krippendorff_alpha",) + many, confidence)
            if intervals else {},
            intervals_code_sets=interval_table(
                stats.code_set_ratings(kept), INTERVALS + many, confidence)
            if intervals else {},
            pairs=(pair_agreement(presence, drop_uncoded=drop_uncoded, confidence=confidence)
                   if len(presence.coders) > 2 and intervals else []),
            interpretation={
                view: {k: stats.interpret(k, figures.get(k), threshold)
                       for k in HEADLINE}
                for view, figures in views.items()
            },
            flagged_codes=sorted(
                code for code, entry in report["per_code"].items()
                if entry["n_units_coded"] and _under(entry.get(key), threshold)
            ),
        )

    def disagreements(self, coders: list[str] | None = None,
                      documents: list[str] | None = None, cases: list[str] | None = None,
                      unit: str = "paragraph", min_coverage: float = 0.0
                      ) -> list[dict[str, Any]]:
        """Each disagreeing (document, unit, code), classified, with the unit's text."""
        presence, _codings = self._presence(coders, documents, cases, unit, min_coverage)
        found = stats.list_disagreements(presence)
        with self._p.store.reading() as conn:
            ids = dc.document_refs(conn)
            wanted = sorted({ids[d.document][0] for d in found})
            text_of = {doc: text for doc, text in pr.texts(conn, wanted)}
        return [{**d.to_dict(), "text": text_of[ids[d.document][0]][d.start:d.end]}
                for d in found]

    def confusion(self, coders: list[str] | None = None, documents: list[str] | None = None,
                  cases: list[str] | None = None, unit: str = "paragraph"
                  ) -> list[dict[str, Any]]:
        """Which code pairs the coders swapped: overlapping definitions to fix."""
        presence, _codings = self._presence(coders, documents, cases, unit, 0.0)
        return stats.code_confusion(presence, symmetric=True)

    def reconcile(self, decisions: Mapping[tuple[str, int, str], str] | Iterable[Any],
                  coder_a: str, coder_b: str, master: str = "master",
                  documents: list[str] | None = None, cases: list[str] | None = None,
                  unit: str = "paragraph", default: str | None = None) -> int:
        """Write a master coding from two coders by decisions (a, b, both, neither).

        Decisions are keyed (document, unit, code), a code "" deciding the whole unit; they
        come as a mapping, rows, dicts or :class:`~stemmen.formats.decisions.Decision`.
        Agreed codings are kept; the decisions go to the audit log, all in one transaction.
        Returns the number of master codings written (the master's earlier codings on these
        documents go).
        """
        master = master.strip()
        if not master:
            raise Invalid("Name the coder of the master coding.")
        if master in (coder_a, coder_b):
            raise Invalid("The master coding needs its own coder name, not {coder}.",
                          coder=master)
        rows = _decision_rows(decisions)
        presence, codings = self._presence([coder_a, coder_b], documents, cases, unit, 0.0)
        master_rows = stats.reconcile(presence, codings, rows, coder_a=coder_a,
                                      coder_b=coder_b, master=master, default=default)
        with self._p.store.transaction() as tx:
            doc_ids = {n: dc.document_id(tx, n) for n in presence.documents}
            master_id = cd.coder_id(tx, master)
            for old in cd.list_codings(tx, coders_=[master]):
                if old.document in doc_ids:
                    cd.remove(tx, stored_id(old))
            ids = code_ids(tx)
            written = cd.insert_many(tx, (
                {"document_id": doc_ids[d], "code_id": ids[c], "coder_id": master_id,
                 "start": s, "end": e} for d, s, e, c, _m in master_rows))
            settings_store.write(tx, MASTERS_KEY, ", ".join(sorted(master_coders(tx) | {master})))
            journal.record(tx, self._p.actor, "reliability.reconcile", coder_a=coder_a,
                           coder_b=coder_b, master=master, codings=written, unit=unit,
                           default=default, documents=list(presence.documents),
                           decisions=[{"document": d, "unit": n, "code": c, "choice": v}
                                      for d, n, c, v in rows])
        return written

    def reconcile_file(self, path: str | Path, coder_a: str, coder_b: str,
                       master: str = "master", documents: list[str] | None = None,
                       cases: list[str] | None = None, unit: str = "paragraph",
                       default: str | None = None) -> int:
        """:meth:`reconcile` with the decisions of a ``document,unit,code,choice`` table."""
        decisions = read_decisions(*_read(path))
        return self.reconcile(decisions, coder_a, coder_b, master, documents, cases, unit,
                              default)

    def nvivo(self, coders: list[str] | None = None, documents: list[str] | None = None,
              cases: list[str] | None = None) -> NvivoComparison:
        """NVivo's coding comparison figures for each pair of coders: kappa per code per
        document on characters, and their averages (weighted by document length)."""
        presence, _codings = self._presence(coders, documents, cases, "character", 0.0)
        pairs = []
        for a, b in combinations(presence.coders, 2):
            summary = nvivo_summary(nvivo_rows(presence, a, b))
            pairs.append({"coders": [a, b], **summary})
        return NvivoComparison(list(presence.coders), sorted(presence.documents), pairs)


def _outside_blind_rounds(blind: Hidden, listed: list[Any],
                          documents: list[str] | None) -> list[Any]:
    """The documents a coder in an open round may compare: not the round's (named ones are
    refused, the others left out)."""
    if not blind:
        return listed
    inside = [d.name for d in listed if blind.covers(d.name)]
    if documents and inside:
        raise Invalid("Agreement on {documents} is shown when their blind round closes.",
                      documents=", ".join(inside))
    return [d for d in listed if not blind.covers(d.name)]


def _under(value: float | int | None, threshold: float) -> bool:
    """A figure that is missing or below the threshold flags its code."""
    return value is None or value < threshold


def _coders_by_document(codings: CodingArrays, docs: list[Any],
                        pool: list[str]) -> dict[str, set[str]]:
    """Document name → the coders (of ``pool``) with a coding there."""
    pairs = np.unique(codings.document * max(len(pool), 1) + codings.coder)
    found: dict[str, set[str]] = {d.name: set() for d in docs}
    for doc, coder in zip((pairs // max(len(pool), 1)).tolist(),
                          (pairs % max(len(pool), 1)).tolist(), strict=True):
        found[docs[doc].name].add(pool[coder])
    return found


MASTERS_KEY = "reliability.master_coders"


def master_coders(conn: Any) -> set[str]:
    """The coders that hold a reconciled master coding: left out when no coders are named,
    so that a comparison after reconciling still compares the people who coded."""
    held = settings_store.read_all(conn).get(MASTERS_KEY, "")
    return {name.strip() for name in held.split(",") if name.strip()}


def _chosen_coders(coders: list[str] | None, docs: list[Any],
                   by_doc: dict[str, set[str]]) -> list[str]:
    """The coders to compare: those asked for, or everyone on a double-coded document."""
    shared = [d for d in docs if len(by_doc[d.name]) >= 2]
    chosen = coders or sorted({c for doc in shared for c in by_doc[doc.name]})
    if len(chosen) < 2:
        found = chosen or sorted({c for d in docs for c in by_doc[d.name]})
        raise Invalid("Reliability needs at least two coders; found {coders}.",
                      coders=", ".join(found) or "none")
    return chosen


def _unit_bounds(conn: Any, ids: list[int], unit: str) -> dict[int, Ints]:
    """Document id → its stored units (``store.units``): paragraphs as (start, end) rows,
    sentences as (number, start, end) rows; no text is read or split."""
    kind = su.PARAGRAPH if unit == "paragraph" else su.SENTENCE
    stored = su.unit_spans(conn, kind, ids)
    found = {}
    for doc in ids:
        spans = np.array(stored.get(doc, []), dtype=np.int64).reshape(-1, 2)
        if unit != "paragraph":
            spans = np.column_stack((np.arange(1, len(spans) + 1, dtype=np.int64), spans))
        found[doc] = spans
    return found


def _same_text_versions(conn: Any, docs: list[Any], coder_ids: list[int]) -> None:
    """Refuse to compare coders on a document whose codings were made on different versions
    of its text: an edit flagged or detached some of them and no one has reviewed them yet
    (codings the edit carried over belong to the new version)."""
    from stemmen.store.text_versions import mixed_versions

    found = mixed_versions(conn, [stored_id(d) for d in docs], coder_ids)
    if found:
        document, coder, made_on, current = found[0]
        raise Invalid("Cannot compare coders on document {document!r}: codings by {coder} "
                      "were made on version {made_on} of its text and the text is now "
                      "version {current}. Review them first (stemmen documents review).",
                      document=document, coder=coder, made_on=made_on, current=current)
