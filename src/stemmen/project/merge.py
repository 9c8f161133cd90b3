"""Merge a coder's copy (.qdpx written by Stemmen or another REFI-QDA tool) back into the
master project: add what the copy has that the master lacks, never a duplicate.

- Codes are matched by GUID, then by path (the names from the top-level code down); a code
  matched neither way is added (under its matched parent, in its category), unless its name
  is taken by another code of the master, which refuses it and its codings.
- Documents are matched by name; a matched document's text must be identical to the
  master's (after the normalisation Stemmen applies on import), otherwise the document is
  refused with the reason and the rest merges. A document the master lacks is added.
- Codings (with their coder) are added unless the master holds the same code on the same
  span by the same coder; memos unless the master holds one with the same GUID or the same
  text, title, author and anchor.

Everything is written in one transaction and recorded in the audit log; merging the same
copy twice adds nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from stemmen.model.codes import Code, colour_for
from stemmen.model.codings import Memo
from stemmen.model.snapshot import ProjectSnapshot
from stemmen.model.text import normalise_text
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import journal, snapshots

if TYPE_CHECKING:
    from stemmen.project import Project

KINDS = ("documents", "codes", "codings", "memos")
DIFFERS = ("Its text differs from the master's from character {at} on (copy: {copy} "
           "characters, master: {master}); its codings and memos are left out.")
NAME_TAKEN = ("The master has another code with this name elsewhere in the codebook; its "
              "codings are left out.")
NO_PARENT = "Its parent code was not merged."


@dataclass(frozen=True)
class Refusal:
    """Something of the copy that was not merged, and why (an English sentence)."""

    kind: str
    name: str
    template: str  # an English sentence with {placeholders}, translated by the faces
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def reason(self) -> str:
        return self.template.format(**dict(self.params))

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "reason": self.reason}


@dataclass(frozen=True)
class MergeOutcome:
    """What a merge added per kind, what it found already there, and what it refused."""

    file: str
    added: dict[str, int]
    present: dict[str, int]
    refused: list[Refusal]

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "added": dict(self.added), "present": dict(self.present),
                "refused": [r.as_dict() for r in self.refused]}


def _paths(codes: list[Code]) -> dict[str, tuple[str, ...]]:
    """Code name → its path of names from the top-level code down."""
    parent = {c.name: c.parent for c in codes}
    found: dict[str, tuple[str, ...]] = {}
    for code in codes:
        path, name, seen = [code.name], code.parent, {code.name}
        while name and name in parent and name not in seen:
            path.append(name)
            seen.add(name)
            name = parent[name]
        found[code.name] = tuple(reversed(path))
    return found


def merge_snapshot(project: Project, snap: ProjectSnapshot, file: str) -> MergeOutcome:
    """Merge ``snap`` (a coder's copy read from ``file``) into ``project``: one transaction."""
    added: Counter[str] = Counter({k: 0 for k in KINDS})
    present: Counter[str] = Counter({k: 0 for k in KINDS})
    refused: list[Refusal] = []
    with project.store.transaction() as tx:
        code_of = _merge_codes(tx, snap, added, present, refused)
        doc_ids = _merge_documents(tx, snap, added, present, refused)
        _merge_codings(tx, snap, doc_ids, code_of, added, present)
        _merge_memos(tx, snap, doc_ids, code_of, added, present)
        journal.record(tx, project.actor, "exchange.merge", file=file, added=dict(added),
                       refused=[r.as_dict() for r in refused])
    return MergeOutcome(file, dict(added), dict(present), refused)


def _merge_codes(tx: Any, snap: ProjectSnapshot, added: Counter[str], present: Counter[str],
                 refused: list[Refusal]) -> dict[str, str]:
    """Copy code name → master code name, adding the codes the master lacks."""
    master = cb.list_codes(tx)
    by_guid = {c.guid.lower(): c.name for c in master if c.guid}
    by_path = {path: name for name, path in _paths(master).items()}
    names = {c.name.casefold() for c in master}
    categories = set(cb.category_ids(tx))
    copy_paths = _paths(snap.codes)
    code_of: dict[str, str] = {}
    for i, code in enumerate(snap.codes):  # parents first, as a snapshot lists them
        found = by_guid.get(code.guid.lower()) if code.guid else None
        if found is None:
            parent_path = tuple(code_of.get(n, n) for n in copy_paths[code.name][:-1])
            found = by_path.get((*parent_path, code.name))
        if found is not None:
            code_of[code.name] = found
            present["codes"] += 1
            continue
        if code.name.casefold() in names:
            refused.append(Refusal("codes", code.name, NAME_TAKEN))
            continue
        if code.parent and code.parent not in code_of:
            refused.append(Refusal("codes", code.name, NO_PARENT))
            continue
        category = code.category if code.category in categories else None
        if code.category and category is None and not code.parent:
            cb.add_category(tx, _category(snap, code.category))
            categories.add(code.category)
            category = code.category
        new = replace(code, parent=code_of.get(code.parent) if code.parent else None,
                      category=category, colour=code.colour or colour_for(len(master) + i),
                      id=None)
        cb.add_code(tx, new)
        names.add(code.name.casefold())
        code_of[code.name] = code.name
        added["codes"] += 1
    return code_of


def _category(snap: ProjectSnapshot, name: str) -> Any:
    from stemmen.model.codes import Category

    found = next((c for c in snap.categories if c.name == name), None)
    return replace(found, parent=None) if found is not None else Category(name=name)


def _merge_documents(tx: Any, snap: ProjectSnapshot, added: Counter[str],
                     present: Counter[str], refused: list[Refusal]) -> dict[str, int]:
    """Copy document name → master document id, for the documents that merge."""
    refs = dc.document_refs(tx)
    texts = dc.document_texts(tx, [i for i, _n in refs.values()]) if snap.documents else {}
    for attr in snap.attributes:
        dc.ensure_attribute(tx, attr)
    doc_ids: dict[str, int] = {}
    for doc in snap.documents:
        if doc.name in refs:
            doc_id = refs[doc.name][0]
            mine = texts[doc_id]
            if doc.text != mine and normalise_text(doc.text) != mine:
                at = next((i for i, (a, b) in enumerate(zip(doc.text, mine, strict=False))
                           if a != b), min(len(doc.text), len(mine)))
                refused.append(Refusal("documents", doc.name, DIFFERS, (
                    ("at", at), ("copy", len(doc.text)), ("master", len(mine)))))
                continue
            doc_ids[doc.name] = doc_id
            present["documents"] += 1
            continue
        doc_ids[doc.name] = dc.add_document(tx, replace(doc, id=None, attributes={}))
        for name, value in doc.attributes.items():
            dc.set_value(tx, "document", doc_ids[doc.name], name, value)
        added["documents"] += 1
    return doc_ids


def _merge_codings(tx: Any, snap: ProjectSnapshot, doc_ids: dict[str, int],
                   code_of: dict[str, str], added: Counter[str], present: Counter[str]) -> None:
    codes = cb.code_ids(tx)
    lengths = {i: n for i, n in dc.document_refs(tx).values()}
    coders: dict[str, int] = {}
    held = {(c.document, c.code, c.coder, c.start, c.end)
            for c in cd.list_codings(tx) if c.document in doc_ids}
    rows = []
    for c in snap.codings:
        if c.document not in doc_ids or c.code not in code_of:
            continue  # refused above, with its reason
        doc_id, code = doc_ids[c.document], code_of[c.code]
        key = (c.document, code, c.coder, c.start, c.end)
        if key in held:
            present["codings"] += 1
            continue
        if not 0 <= c.start < c.end <= lengths[doc_id]:
            continue
        held.add(key)
        if c.coder not in coders:
            coders[c.coder] = cd.coder_id(tx, c.coder)
        rows.append({"document_id": doc_id, "code_id": codes[code],
                     "coder_id": coders[c.coder], "start": c.start, "end": c.end,
                     **({"created_at": c.created_at} if c.created_at else {})})
    added["codings"] += cd.insert_many(tx, rows)


def _memo_key(m: Memo) -> tuple[Any, ...]:
    return (m.title, m.text.strip(), m.author, m.document, m.start, m.end, m.code)


def _merge_memos(tx: Any, snap: ProjectSnapshot, doc_ids: dict[str, int],
                 code_of: dict[str, str], added: Counter[str], present: Counter[str]) -> None:
    held = snapshots.list_memos(tx)
    guids = {m.guid.lower() for m in held if m.guid}
    keys = {_memo_key(m) for m in held}
    for memo in snap.memos:
        if memo.document and memo.document not in doc_ids:
            continue
        if memo.code and memo.code not in code_of:
            continue
        memo = replace(memo, code=code_of[memo.code] if memo.code else None, id=None)
        if (memo.guid and memo.guid.lower() in guids) or _memo_key(memo) in keys:
            present["memos"] += 1
            continue
        snapshots.add_memo(tx, memo)
        keys.add(_memo_key(memo))
        if memo.guid:
            guids.add(memo.guid.lower())
        added["memos"] += 1
