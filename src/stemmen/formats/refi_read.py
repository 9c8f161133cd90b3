"""State shared while reading one REFI-QDA project: lookups, outputs and naming rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from stemmen.formats.refi_codes import Codebook
from stemmen.formats.refi_report import ImportReport
from stemmen.formats.refi_xml import clean_name, norm_guid
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import Document
from stemmen.model.snapshot import ExternalFile

Fetch = Callable[[str], bytes | None]


@dataclass(frozen=True)
class Target:
    """What a note or link points at: a document, a segment, a code or a coding."""

    document: str | None = None
    start: int | None = None
    end: int | None = None
    code: str | None = None
    label: str = ""  # for the report when Stemmen cannot attach a memo there


@dataclass
class Reading:
    """Everything the readers of one project share."""

    file: str
    report: ImportReport
    fetch: Fetch
    book: Codebook
    users: dict[str, str]  # user guid → coder name
    default_coder: str
    note_guids: set[str] = field(default_factory=set)
    linked: dict[str, str] = field(default_factory=dict)  # note guid → linked object guid
    link_targets: set[str] = field(default_factory=set)  # guids some note is linked to
    documents: list[Document] = field(default_factory=list)
    files: list[ExternalFile] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)
    memos: list[Memo] = field(default_factory=list)
    coders: list[str] = field(default_factory=list)
    doc_by_guid: dict[str, str] = field(default_factory=dict)  # source guid → document name
    file_by_guid: dict[str, str] = field(default_factory=dict)  # source guid → file name
    targets: dict[str, Target] = field(default_factory=dict)  # selection/source/code guid → target
    note_targets: dict[str, list[Target]] = field(default_factory=dict)  # note guid → NoteRefs
    values: list[tuple[str, str, etree._Element]] = field(default_factory=list)  # owner kind…
    doc_attributes: dict[str, dict[str, Any]] = field(default_factory=dict)
    _names: set[str] = field(default_factory=set)

    def coder(self, *user_guids: str | None) -> str:
        """The coder name for the first of ``user_guids`` that is set."""
        for raw in user_guids:
            guid = norm_guid(raw)
            if not guid:
                continue
            if guid not in self.users:
                self.report.deviation(f"User {guid} is referred to but not listed in Users; "
                                      "its GUID is used as the coder's name.")
                self.users[guid] = guid
                self.coders.append(guid)
            return self.users[guid]
        self.report.deviation("Some codings or notes name no user; they were attributed to "
                              f"{self.default_coder!r}.")
        if self.default_coder not in self.coders:
            self.coders.append(self.default_coder)
        return self.default_coder

    def unique_document_name(self, raw: str | None, fallback: str) -> str:
        """A document/file name not used yet (REFI allows duplicates; MAXQDA writes them)."""
        base = clean_name(raw) or fallback
        name, n = base, 2
        while name in self._names:
            name, n = f"{base} ({n})", n + 1
        if name != base:
            self.report.deviation(f"Two sources are named {base!r}; the second is {name!r}.")
        self._names.add(name)
        return name

    def attach_note(self, refs: list[etree._Element], target: Target) -> None:
        """Remember where the notes cited by ``NoteRef`` elements belong."""
        for ref in refs:
            guid = norm_guid(ref.get("targetGUID"))
            if guid:
                self.note_targets.setdefault(guid, []).append(target)


def parse_int(value: str | None) -> int | None:
    """An xsd:integer attribute, or None."""
    try:
        return int((value or "").strip())
    except ValueError:
        return None
