"""A metadata sheet applied to documents already in the project: preview, then apply.

The sheet is the one a folder import reads (:func:`stemmen.formats.sheets.read_metadata_sheet`:
``file``, ``case``, ``pseudonyms`` and attribute columns). Each row is matched to a document
by its name, by the name of the file it was imported from, or by the file name without its
extension. The preview says, per row, which document it matches, which values would change
(case, attributes) and which participants would be linked, and what is wrong with the row;
project-wide, which attributes, cases and participants would be created. Applying writes
exactly what the preview shows, in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath, PureWindowsPath
from typing import Any

from stemmen.errors import FormatError, Invalid
from stemmen.formats.sheets import MetadataRow, MetadataSheet
from stemmen.model.documents import AttributeDef, Document
from stemmen.store import Tx
from stemmen.store import documents as dc
from stemmen.store import participants as sp


@dataclass
class ValueChange:
    """One value of a document that the sheet sets: ``old`` is None when it had none."""

    name: str
    old: Any
    new: Any


@dataclass
class RowPreview:
    """One row of the sheet: the document it matches and what it would change there."""

    line: int
    file: str
    document: str | None
    case: ValueChange | None = None
    document_case: str | None = None  # the case the document is in after applying
    attributes: list[ValueChange] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # to be linked to the document
    problems: list[FormatError] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return (self.case is not None) + len(self.attributes) + len(self.participants)


@dataclass
class MetadataPreview:
    """What applying a metadata sheet would do (or did)."""

    filename: str
    rows: list[RowPreview]
    new_attributes: list[AttributeDef]
    new_cases: list[str]
    new_participants: list[str]
    problems: list[FormatError]  # errors that belong to no row

    def matched(self) -> list[RowPreview]:
        return [row for row in self.rows if row.document is not None]

    def change_count(self) -> int:
        return sum(row.changes for row in self.rows)

    def all_problems(self) -> list[FormatError]:
        return [*self.problems, *(p for row in self.rows for p in row.problems)]


@dataclass
class _Person:
    pseudonym: str
    documents: tuple[str, ...] = ()


def _file_keys(doc: Document) -> list[str]:
    keys = [doc.name]
    if doc.source_path:
        keys.append(PureWindowsPath(doc.source_path).name)  # also splits on "/"
    return keys


class _Matcher:
    """Finds the document a row names: exact name or source file, then without extension."""

    def __init__(self, documents: list[Document]) -> None:
        self.by_key: dict[str, Document] = {}
        for doc in documents:
            for key in _file_keys(doc):
                self.by_key.setdefault(key, doc)
                self.by_key.setdefault(key.casefold(), doc)

    def find(self, file: str) -> Document | None:
        stem = PurePath(file).stem
        for key in (file, stem, file.casefold(), stem.casefold()):
            if key in self.by_key:
                return self.by_key[key]
        return None


def preview(conn: Any, sheet_name: str, sheet: MetadataSheet) -> MetadataPreview:
    """The preview of ``sheet`` against the project as ``conn`` sees it."""
    defs = {a.name: a for a in dc.attribute_defs(conn, "document")}
    cases = {c.name.casefold(): c.name for c in dc.list_cases(conn)}
    people = {p.pseudonym.casefold(): _Person(p.pseudonym, p.documents)
              for p in dc.list_participants(conn)}
    matcher = _Matcher(dc.list_documents(conn))
    plan = MetadataPreview(filename=sheet_name, rows=[], new_cases=[], new_participants=[],
                           new_attributes=[a for a in sheet.attributes if a.name not in defs],
                           problems=sheet.sheet_errors())
    seen: dict[str, int] = {}
    for row in sheet.rows.values():
        doc = matcher.find(row.file)
        entry = RowPreview(line=row.line, file=row.file, document=doc.name if doc else None)
        plan.rows.append(entry)
        if doc is None:
            entry.problems.append(FormatError(
                sheet_name, f"{row.file!r} matches no document in the project", row.line))
            continue
        if doc.name in seen:
            entry.document = None
            entry.problems.append(FormatError(
                sheet_name, f"names the same document as line {seen[doc.name]}", row.line))
            continue
        seen[doc.name] = row.line
        entry.document_case = doc.case
        _case(entry, row, doc, cases, plan)
        _attributes(entry, row, doc, sheet, defs, sheet_name)
        _participants(entry, row, doc, people, plan)
    return plan


def _case(entry: RowPreview, row: MetadataRow, doc: Document, cases: dict[str, str],
          plan: MetadataPreview) -> None:
    if not row.case:
        return
    name = cases.get(row.case.casefold(), row.case)
    if name != doc.case:
        entry.case = ValueChange("case", doc.case, name)
        entry.document_case = name
    if row.case.casefold() not in cases:
        cases[row.case.casefold()] = name
        plan.new_cases.append(name)


def _attributes(entry: RowPreview, row: MetadataRow, doc: Document, sheet: MetadataSheet,
                defs: dict[str, AttributeDef], sheet_name: str) -> None:
    for sheet_def in sheet.attributes:
        attr = defs.get(sheet_def.name, sheet_def)  # the project's type wins
        try:
            value = attr.parse(row.raw.get(attr.name, ""))
        except Invalid as exc:
            entry.problems.append(FormatError(sheet_name, exc.message, row.line))
            continue
        if value is not None and value != doc.attributes.get(attr.name):
            entry.attributes.append(ValueChange(attr.name, doc.attributes.get(attr.name), value))


def _participants(entry: RowPreview, row: MetadataRow, doc: Document,
                  people: dict[str, _Person], plan: MetadataPreview) -> None:
    for pseudonym in row.participants:
        known = people.get(pseudonym.casefold())
        if known is None:
            plan.new_participants.append(pseudonym)
            people[pseudonym.casefold()] = known = _Person(pseudonym)
        if doc.name not in known.documents:
            entry.participants.append(known.pseudonym)
            known.documents = (*known.documents, doc.name)


def apply(tx: Tx, plan: MetadataPreview) -> None:
    """Write what ``plan`` shows, in ``tx``."""
    for attr in plan.new_attributes:
        dc.ensure_attribute(tx, attr)
    links: list[tuple[str, str, str | None]] = []
    for row in plan.matched():
        assert row.document is not None
        doc_id = dc.document_id(tx, row.document)
        if row.case is not None:
            dc.update_document(tx, row.document,
                               case_id=dc.case_id(tx, row.case.new, create=True))
        for change in row.attributes:
            dc.set_value(tx, "document", doc_id, change.name, change.new)
        links += [(row.document, person, row.document_case) for person in row.participants]
    link_participants(tx, links)


def link_participants(tx: Tx, links: list[tuple[str, str, str | None]]) -> None:
    """Link each (document, pseudonym, case) participant to the document; a pseudonym the
    project does not know yet (ignoring letter case) becomes a participant in that case."""
    if not links:
        return
    known = {p.pseudonym.casefold(): p.pseudonym for p in dc.list_participants(tx)}
    for document, pseudonym, case in links:
        name = known.get(pseudonym.casefold())
        if name is None:
            pid = sp.create(tx, pseudonym)
            if case:
                sp.set_case(tx, pid, dc.case_id(tx, case, create=True))
            known[pseudonym.casefold()] = pseudonym
        else:
            pid = sp.participant_id(tx, name)
        doc_id = dc.document_id(tx, document)
        if not sp.speaker_of(tx, pid, doc_id)[0]:
            sp.link(tx, pid, doc_id, None)
