"""Pseudonymisation: find identifiers, let a person decide, replace them with labels.

``scan`` finds candidates (names, places, phones, e-mails, dates, national numbers,
addresses) offline and labels them consistently across the project; ``decide`` accepts or
rejects them (one by one or by text), ``add`` marks a span the detectors missed; ``apply``
replaces the accepted spans in the stored texts in one transaction, moving every coding with
its words, and keeps the original strings only in a mapping encrypted with a key file that
stays outside the project; ``reveal`` reads that mapping back with the key.
"""

from __future__ import annotations

import builtins
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid, NotFound
from stemmen.model.text_edits import Edit, EditMap, apply_edits
from stemmen.privacy.detect import DEFAULT_ALLOW, SPEAKER_WORDS, KnownName
from stemmen.privacy.labels import canonical_role, label, person_key, same_person
from stemmen.privacy.spans import KINDS
from stemmen.project.settings import attribute_names
from stemmen.store import documents as dc
from stemmen.store import journal
from stemmen.store import privacy as ps
from stemmen.store import settings as stored_settings
from stemmen.store.schema import participant_documents as links
from stemmen.store.schema import participants as people

if TYPE_CHECKING:
    from stemmen.project import Project

ALLOW_SETTING = "privacy.allow"
NAME_KEYS = ("name", "naam", "nom", "full_name", "first_name", "voornaam", "prénom", "prenom")
DECISIONS = {"accept": ps.ACCEPTED, "accepted": ps.ACCEPTED, "reject": ps.REJECTED,
             "rejected": ps.REJECTED, "pending": ps.PENDING}
CONTEXT = 50


@dataclass(frozen=True)
class Candidate:
    """An identifier found in a document, the label that would replace it, and its state."""

    id: int
    document: str
    start: int
    end: int
    text: str | None
    kind: str
    label: str
    state: str
    source: str
    before: str = ""
    after: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The shape of ``stemmen privacy scan --json``."""
        return {"id": self.id, "document": self.document, "start": self.start,
                "end": self.end, "text": self.text, "kind": self.kind, "label": self.label}

    def as_full_dict(self) -> dict[str, Any]:
        """With its state, source and context (the review page)."""
        return {**self.as_dict(), "state": self.state, "source": self.source,
                "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Decision:
    """What a reviewer says of one candidate: accept or reject, with an optional label."""

    id: int
    decision: str
    label: str | None = None


@dataclass(frozen=True)
class DecideResult:
    accepted: int
    rejected: int
    pending: int


@dataclass(frozen=True)
class ApplyResult:
    documents: int
    replaced: int
    key_created: bool


@dataclass(frozen=True)
class MappingEntry:
    """One replaced string, its label and the document it stood in."""

    label: str
    text: str
    document: str

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "text": self.text, "document": self.document}


def _candidate(row: ps.CandidateRow, text: str | None = None) -> Candidate:
    shown = row.label or label(row.kind, row.lang, row.role, row.number)
    before = after = ""
    if text is not None:
        before = text[max(0, row.start - CONTEXT):row.start]
        after = text[row.end:row.end + CONTEXT]
    return Candidate(row.id, row.document, row.start, row.end, row.text, row.kind, shown,
                     row.state, row.source, before, after)


def scrub(value: Any, pairs: Sequence[tuple[str, str]]) -> Any:
    """Replace each original (longest first) by its label in every string inside ``value``."""
    import dataclasses
    import re

    if isinstance(value, str):
        for original, shown in pairs:
            if original in value:
                value = re.sub(rf"(?<![\w]){re.escape(original)}(?![\w])", shown, value)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: scrub(getattr(value, f.name), pairs)
                   for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [scrub(v, pairs) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(scrub(v, pairs) for v in value)
    if isinstance(value, dict):
        return {k: scrub(v, pairs) for k, v in value.items()}
    return value


def read_decisions(path: str | Path) -> builtins.list[Decision]:
    """Decisions from a CSV file with columns id, decision (accept/reject), label (optional)."""
    import csv

    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise NotFound("Cannot read {file}.", file=str(file)) from exc
    rows = list(csv.DictReader(raw.splitlines()))
    if rows and not {"id", "decision"} <= {k.strip().lower() for k in rows[0] if k}:
        raise Invalid("{file} needs the columns id and decision (and optionally label).",
                      file=file.name)
    out = []
    for n, row in enumerate(rows, start=2):
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not clean.get("id") and not clean.get("decision"):
            continue
        try:
            cid = int(clean["id"])
        except ValueError as exc:
            raise Invalid("{file}, line {line}: the id {id!r} is not a number.",
                          file=file.name, line=n, id=clean["id"]) from exc
        if clean["decision"].lower() not in DECISIONS:
            raise Invalid("{file}, line {line}: unknown decision {decision!r}: use accept or "
                          "reject.", file=file.name, line=n, decision=clean["decision"])
        out.append(Decision(cid, clean["decision"], clean.get("label") or None))
    return out


def load_key(path: str | Path, create: bool) -> tuple[bytes, bool]:
    """The Fernet key in ``path`` (created there, readable by its owner only, when absent
    and ``create``); whether it was created."""
    from cryptography.fernet import Fernet

    file = Path(path).expanduser()
    if not file.exists():
        if not create:
            raise NotFound("There is no key file {file}.", file=str(file))
        key = Fernet.generate_key()
        file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key + b"\n")
        return key, True
    key = file.read_bytes().strip()
    try:
        Fernet(key)
    except (ValueError, TypeError) as exc:
        raise Invalid("{file} is not a Stemmen key file.", file=str(file)) from exc
    return key, False


class Privacy:
    """Find identifiers, decide on them, replace them, and reveal them with the key."""

    def __init__(self, project: Project) -> None:
        self._p = project

    # -- the allow-list -------------------------------------------------------------------
    def allow_list(self) -> builtins.list[str]:
        """Names never proposed (organisations such as "OCMW Gent")."""
        with self._p.store.reading() as conn:
            held = stored_settings.read_all(conn).get(ALLOW_SETTING)
        return list(DEFAULT_ALLOW) if held is None else json.loads(held)

    def set_allow_list(self, names: Iterable[str]) -> builtins.list[str]:
        clean = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
        with self._p.store.transaction() as tx:
            stored_settings.write(tx, ALLOW_SETTING, json.dumps(clean, ensure_ascii=False))
            journal.record(tx, self._p.actor, "privacy.allow", count=len(clean))
        return clean

    # -- scanning --------------------------------------------------------------------------
    def _known(self, conn: Any) -> tuple[dict[int, builtins.list[KnownName]], builtins.list[str]]:
        """Known names per document id (-1: every document) and the pseudonyms."""
        names = attribute_names(conn)
        docs = {d.id: d for d in dc.list_documents(conn)}
        rows = conn.execute(people.select()).all()
        pseudonyms = [r.pseudonym for r in rows]
        by_pid = {r.id: r for r in rows}
        known: dict[int, builtins.list[KnownName]] = defaultdict(list)
        for pid, doc_id, speaker in conn.execute(links.select()).all():
            person = by_pid[pid]
            demo = json.loads(person.demographics or "{}")
            doc = docs.get(doc_id)
            role = names.first_value(demo, "role") or (
                names.first_value(doc.attributes, "role") if doc is not None else None)
            role = canonical_role(role)
            for key in NAME_KEYS:
                if demo.get(key):
                    known[-1].append(KnownName(str(demo[key]), role))
            if speaker and speaker != person.pseudonym and not (
                    {w.lower() for w in speaker.split()} & SPEAKER_WORDS):
                known[doc_id].append(KnownName(speaker, role))
        return known, pseudonyms

    def scan(self, document: str | None = None,
             progress: Callable[[float], None] | None = None) -> builtins.list[Candidate]:
        """Find the identifiers of one document (or all) and store them as candidates; a
        candidate already decided keeps its decision. Returns the document's candidates."""
        from stemmen.privacy.detect import detect
        from stemmen.privacy.names import prepare

        allow = self.allow_list()
        with self._p.store.reading() as conn:
            if document is not None:
                doc_ids = [dc.document_id(conn, document)]
            else:
                doc_ids = [d.id for d in dc.list_documents(conn) if d.id is not None]
            texts = dc.document_texts(conn, doc_ids)
            known, pseudonyms = self._known(conn)
        prepare(progress)
        found = {doc_id: detect(texts[doc_id], known=known[-1] + known.get(doc_id, []),
                                allow=allow, exceptions=pseudonyms)
                 for doc_id in doc_ids}
        roles = {k.text: k.role for names in known.values() for k in names}
        with self._p.store.transaction() as tx:
            people_now = ps.entities(tx)
            total = 0
            for doc_id, finds in found.items():
                ps.forget_pending(tx, doc_id)
                decided = ps.candidates(tx, document_id=doc_id)
                rows = []
                for f in finds:
                    if any(f.start < c.end and c.start < f.end for c in decided):
                        continue
                    entity_id = None
                    if f.kind == "person":
                        entity_id = self._entity(tx, people_now, f.text, roles.get(f.text))
                    rows.append(ps.NewCandidate(doc_id, f.start, f.end, f.text, f.kind,
                                                f.lang or "nl", entity_id, f.source))
                total += ps.add_candidates(tx, rows)
            journal.record(tx, self._p.actor, "privacy.scan", documents=len(doc_ids),
                           candidates=total)
        return self.candidates(document)

    @staticmethod
    def _entity(tx: Any, known: builtins.list[ps.EntityRow], text: str,
                role: str | None) -> int:
        key = person_key(text)
        for row in known:
            if row.key is not None and same_person(key, row.key):
                return row.id
        row = ps.add_entity(tx, key, role)
        known.append(row)
        return row.id

    def candidates(self, document: str | None = None, state: str | None = None,
                   text: str | None = None) -> builtins.list[Candidate]:
        """Stored candidates (of one document, in one state, with one text) with context."""
        states = None if state is None else [self._state(state)]
        with self._p.store.reading() as conn:
            doc_id = dc.document_id(conn, document) if document is not None else None
            rows = ps.candidates(conn, document_id=doc_id, states=states)
            texts = dc.document_texts(conn, sorted({r.document_id for r in rows}))
        return [_candidate(r, texts.get(r.document_id)) for r in rows
                if text is None or r.text == text]

    @staticmethod
    def _state(decision: str) -> str:
        found = DECISIONS.get(decision.strip().lower()) or (
            decision if decision == ps.APPLIED else None)
        if found is None:
            raise Invalid("Unknown decision {decision!r}: use accept or reject.",
                          decision=decision)
        return found

    # -- deciding --------------------------------------------------------------------------
    def decide(self, decisions: Sequence[Decision]) -> DecideResult:
        """Accept or reject candidates (a label given replaces the proposed one)."""
        with self._p.store.transaction() as tx:
            counts = self._decide(tx, decisions)
            journal.record(tx, self._p.actor, "privacy.decide", **counts)
        return DecideResult(counts["accepted"], counts["rejected"], counts["pending"])

    def _decide(self, tx: Any, decisions: Sequence[Decision]) -> dict[str, int]:
        counts = {"accepted": 0, "rejected": 0, "pending": 0}
        for d in decisions:
            state = self._state(d.decision)
            row = ps.get_candidate(tx, d.id)
            if row.state == ps.APPLIED:
                raise Invalid("Privacy candidate #{id} is already applied.", id=d.id)
            if d.label is not None and d.label.strip() and not d.label.strip().startswith("["):
                raise Invalid("A label is written in brackets, such as [Naam 1]: {label!r}.",
                              label=d.label)
            ps.decide(tx, d.id, state, self._p.actor,
                      None if d.label is None else d.label.strip())
            counts[state] += 1
        return counts

    def decide_text(self, text: str, decision: str, label: str | None = None) -> DecideResult:
        """The same decision for every undecided or decided candidate with this text."""
        with self._p.store.reading() as conn:
            ids = [r.id for r in ps.candidates(conn, states=[ps.PENDING, ps.ACCEPTED,
                                                             ps.REJECTED]) if r.text == text]
        if not ids:
            raise NotFound("No privacy candidate reads {text!r}.", text=text)
        return self.decide([Decision(i, decision, label) for i in ids])

    def accept_all(self) -> DecideResult:
        with self._p.store.reading() as conn:
            ids = [r.id for r in ps.candidates(conn, states=[ps.PENDING])]
        return self.decide([Decision(i, "accept") for i in ids])

    def add(self, document: str, start: int, end: int, kind: str = "person",
            label: str | None = None) -> Candidate:
        """Mark a span the detectors missed (accepted at once)."""
        if kind not in KINDS:
            raise Invalid("Unknown kind {kind!r}: use one of {kinds}.", kind=kind,
                          kinds=", ".join(KINDS))
        with self._p.store.transaction() as tx:
            doc_id = dc.document_id(tx, document)
            text = dc.document_texts(tx, [doc_id])[doc_id]
            if not 0 <= start < end <= len(text):
                raise Invalid("The span {start}-{end} is outside document {document!r}.",
                              start=start, end=end, document=document)
            for row in ps.candidates(tx, document_id=doc_id):
                if start < row.end and row.start < end and row.state != ps.REJECTED:
                    raise Invalid("The span {start}-{end} overlaps privacy candidate #{id}.",
                                  start=start, end=end, id=row.id)
            words = text[start:end]
            entity_id = (self._entity(tx, ps.entities(tx), words, None)
                         if kind == "person" else None)
            from stemmen.privacy.language import detect_language

            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            lang = detect_language(text[line_start:line_end if line_end >= 0 else len(text)])
            ps.add_candidates(tx, [ps.NewCandidate(doc_id, start, end, words, kind, lang,
                                                   entity_id, "manual", ps.ACCEPTED, label)])
            journal.record(tx, self._p.actor, "privacy.add", document=document, kind=kind)
            rows = [r for r in ps.candidates(tx, document_id=doc_id)
                    if (r.start, r.end) == (start, end) and r.source == "manual"]
        return _candidate(rows[-1], text)

    def add_text(self, document: str, words: str, kind: str = "person",
                 label: str | None = None) -> builtins.list[Candidate]:
        """Mark every place ``words`` stand in a document (not yet covered) as a span the
        detectors missed; returns the candidates added."""
        words = words.strip()
        if not words:
            raise Invalid("Give the words to mark.")
        with self._p.store.reading() as conn:
            doc_id = dc.document_id(conn, document)
            text = dc.document_texts(conn, [doc_id])[doc_id]
            taken = [(r.start, r.end) for r in ps.candidates(conn, document_id=doc_id)
                     if r.state != ps.REJECTED]
        import re

        spans = [(m.start(), m.end()) for m in re.finditer(
            rf"(?<![\w]){re.escape(words)}(?![\w])", text)]
        spans = [(s, e) for s, e in spans if not any(s < te and ts < e for ts, te in taken)]
        if not spans:
            raise NotFound("{words!r} is not in document {document!r} (or is marked already).",
                           words=words, document=document)
        return [self.add(document, s, e, kind, label) for s, e in spans]

    # -- applying and revealing ------------------------------------------------------------
    def apply(self, key_file: str | Path, decisions: Sequence[Decision] = (),
              accept_all: bool = False) -> ApplyResult:
        """Replace every accepted candidate (after ``decisions``; ``accept_all`` accepts the
        undecided ones) with its label, in one transaction; the original strings go into a
        mapping encrypted with the key in ``key_file`` (created when absent)."""
        from cryptography.fernet import Fernet, InvalidToken

        known_key = Path(key_file).expanduser().exists()
        key = load_key(key_file, create=False)[0] if known_key else None
        with self._p.store.transaction() as tx:
            if key is not None:
                for token in ps.mapping_tokens(tx):
                    try:
                        Fernet(key).decrypt(token.encode("ascii"))
                    except InvalidToken as exc:
                        raise Invalid("The key in {file} is not the key this project was "
                                      "pseudonymised with.", file=str(key_file)) from exc
            elif ps.mapping_tokens(tx):
                raise NotFound("There is no key file {file}: this project was pseudonymised "
                               "with a key; name its file.", file=str(key_file))
            self._decide(tx, decisions)
            if accept_all:
                self._decide(tx, [Decision(r.id, "accept")
                                  for r in ps.candidates(tx, states=[ps.PENDING])])
            accepted = ps.candidates(tx, states=[ps.ACCEPTED])
            if not accepted:
                raise Invalid("Nothing to apply: no candidate is accepted (scan, then accept "
                              "candidates or give --all).")
            created = key is None
            if key is None:  # made now, so no key file is left behind by a refused apply
                key = load_key(key_file, create=True)[0]
            fernet = Fernet(key)
            by_doc: dict[int, builtins.list[ps.CandidateRow]] = defaultdict(list)
            for row in accepted:
                by_doc[row.document_id].append(row)
            entries: builtins.list[MappingEntry] = []
            applied: builtins.list[int] = []
            for doc_id, rows in by_doc.items():
                text = dc.document_texts(tx, [doc_id])[doc_id]
                edits, originals = self._edits(text, rows)
                ps.replace_spans(tx, doc_id, edits, originals)
                applied += [r.id for r in rows]
                entries += [MappingEntry(originals[o], o, rows[0].document) for o in originals]
            ps.replace_in_participants(tx, {e.text: e.label for e in entries})
            ps.mark_applied(tx, applied)
            ps.forget_keys(tx)
            if entries:
                sealed = fernet.encrypt(json.dumps([e.as_dict() for e in entries],
                                                   ensure_ascii=False).encode("utf-8"))
                ps.add_mapping(tx, self._p.actor, len(applied), sealed.decode("ascii"))
            journal.record(tx, self._p.actor, "privacy.apply", documents=len(by_doc),
                           replaced=len(applied))
        return ApplyResult(len(by_doc), len(applied), created)

    @staticmethod
    def _edits(text: str, rows: Sequence[ps.CandidateRow]
               ) -> tuple[builtins.list[Edit], dict[str, str]]:
        edits: builtins.list[Edit] = []
        originals: dict[str, str] = {}
        last = 0
        for row in sorted(rows, key=lambda r: (r.start, -r.end)):
            if row.start < last:
                continue  # overlaps the one before: that one covers it
            if text[row.start:row.end] != row.text:
                raise Invalid("Document {document!r} changed since it was scanned: scan it "
                              "again before applying.", document=row.document)
            shown = _candidate(row).label
            edits.append(Edit(row.start, row.end, shown))
            originals.setdefault(text[row.start:row.end], shown)
            last = row.end
        return edits, originals

    def reveal(self, key_file: str | Path) -> builtins.list[MappingEntry]:
        """Every replaced string with its label and document (needs the key)."""
        from cryptography.fernet import Fernet, InvalidToken

        key, _ = load_key(key_file, create=False)
        fernet = Fernet(key)
        with self._p.store.reading() as conn:
            tokens = ps.mapping_tokens(conn)
        entries = []
        for token in tokens:
            try:
                data = json.loads(fernet.decrypt(token.encode("ascii")))
            except InvalidToken as exc:
                raise Invalid("The key in {file} is not the key this project was "
                              "pseudonymised with.", file=str(key_file)) from exc
            entries += [MappingEntry(e["label"], e["text"], e["document"]) for e in data]
        with self._p.store.transaction() as tx:
            journal.record(tx, self._p.actor, "privacy.reveal", entries=len(entries))
        return entries

    # -- pseudonymised copies without applying ---------------------------------------------
    def pseudonymised_texts(self) -> dict[str, tuple[str, EditMap]]:
        """Each document with accepted candidates: its text with them replaced, and the map
        of offsets from the stored text (for exports, reports and quotes made without
        applying)."""
        with self._p.store.reading() as conn:
            rows = ps.candidates(conn, states=[ps.ACCEPTED])
            texts = dc.document_texts(conn, sorted({r.document_id for r in rows}))
        by_doc: dict[int, builtins.list[ps.CandidateRow]] = defaultdict(list)
        for row in rows:
            by_doc[row.document_id].append(row)
        out = {}
        for doc_id, doc_rows in by_doc.items():
            edits, _ = self._edits(texts[doc_id], doc_rows)
            out[doc_rows[0].document] = (apply_edits(texts[doc_id], edits), EditMap(edits))
        return out

    def scrub(self, value: Any) -> Any:
        """``value`` (report data: dataclasses, lists, dicts, strings) with every accepted
        original string replaced by its label, for a pseudonymised report or quote."""
        pairs = list(self.replacements().items())
        return scrub(value, pairs) if pairs else value

    def replacements(self) -> dict[str, str]:
        """Every accepted original string and its label (longest first), to clean copies."""
        with self._p.store.reading() as conn:
            rows = ps.candidates(conn, states=[ps.ACCEPTED])
        pairs = {r.text: _candidate(r).label for r in rows if r.text}
        return dict(sorted(pairs.items(), key=lambda p: -len(p[0])))
