"""A whole project as plain data: what importers produce and exporters consume."""

from __future__ import annotations

from dataclasses import dataclass, field

from stemmen.model.codes import Category, Code
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import AttributeDef, Case, Document, Participant


@dataclass
class CodeSet:
    """A named set of documents and/or codes (REFI-QDA: Set)."""

    name: str
    guid: str = ""
    description: str = ""
    documents: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


@dataclass
class ExternalFile:
    """A non-text source (PDF, picture, audio, video) kept as a file, with its selections."""

    name: str
    path: str
    kind: str
    data: bytes = b""
    guid: str = ""
    selections: int = 0


@dataclass
class ProjectSnapshot:
    """Every part of a project, by name, without database ids.

    Names link the parts: a coding names its document and code, a document its case.
    Codes are unique by name (also without regard to case); codes nest under codes through
    ``Code.parent`` (listed parents first), top-level codes sit in ``Code.category``, and
    categories nest through ``Category.parent``.
    """

    name: str = ""
    coders: list[str] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    attributes: list[AttributeDef] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)
    memos: list[Memo] = field(default_factory=list)
    sets: list[CodeSet] = field(default_factory=list)
    files: list[ExternalFile] = field(default_factory=list)
    report: list[str] = field(default_factory=list)  # notes on how the snapshot was read
