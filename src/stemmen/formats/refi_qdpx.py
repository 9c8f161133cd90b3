"""REFI-QDA projects (.qdpx archives and bare project.qde files) ⇄ :class:`ProjectSnapshot`.

Read: ``read_qdpx(name, data)`` (a bare XML file is read as a .qde) and ``read_qde(name, data,
sources)``; ``data`` is bytes, a path or a binary file, and the project XML is streamed
(:mod:`refi_scan`), so its size does not decide memory. Every element the file declares is
counted, then carried over or reported in the :class:`ImportReport`; tool quirks (NVivo,
ATLAS.ti, MAXQDA, Taguette, QualCoder) are handled and listed as deviations. Hostile files raise
:class:`FormatError` and produce nothing.

Write: ``write_qdpx_to(path, snapshot, sources)`` streams ``project.qde`` plus
``sources/<guid>.txt`` (UTF-8 without BOM, LF) that validate against the bundled Project XSD
(:mod:`refi_stream`, :mod:`refi_write`); ``write_qdpx(snapshot)`` gives the same as bytes.

What goes where (the rest in refi_codes, refi_sources, refi_cases):

* ``User`` → coder name (its name, or the GUID if unnamed); ``Coding@creatingUser`` names
  the coder of each coding (else the selection's creator, else the project's creator).
* ``Note`` → :class:`Memo` attached where a ``NoteRef`` or a ``Link`` (NVivo annotations,
  ATLAS.ti memo links) puts it: the project, a document, a segment, a code, or a coding.
* ``Set`` → :class:`CodeSet` with its documents and codes.
* Links between other objects and graphs have no Stemmen equivalent and are reported.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import replace
from typing import IO

from lxml import etree

from stemmen.errors import FormatError
from stemmen.formats.refi_cases import attribute_defs, read_cases, read_variables
from stemmen.formats.refi_codes import read_codes
from stemmen.formats.refi_positions import to_lf
from stemmen.formats.refi_read import Fetch, Reading, Target
from stemmen.formats.refi_report import Counts, ImportReport
from stemmen.formats.refi_scan import Opener, Survey, survey
from stemmen.formats.refi_scan import sources as source_elements
from stemmen.formats.refi_sources import KINDS, load_text, read_sources
from stemmen.formats.refi_stream import Sources, write_qdpx_to
from stemmen.formats.refi_xml import (
    check_root,
    clean_name,
    count,
    kid,
    kid_or_empty,
    kid_text,
    kids,
    local,
    norm_guid,
    parse_datetime,
)
from stemmen.formats.refi_zip import DEFAULT_LIMITS, Archive, Data, Limits
from stemmen.model.codings import Memo
from stemmen.model.snapshot import CodeSet, ProjectSnapshot

_MB = 1024 * 1024

__all__ = ["ImportReport", "Counts", "Limits", "Sources", "read_qdpx", "read_qde", "write_qdpx",
           "write_qdpx_to"]



def write_qdpx(snapshot: ProjectSnapshot, *, utf16: bool = False,
               warnings: list[str] | None = None) -> bytes:
    """A .qdpx that validates against the Project XSD (offsets in code points, or UTF-16
    code units for NVivo with ``utf16=True``); what cannot be written goes to ``warnings``."""
    buffer = io.BytesIO()
    write_qdpx_to(buffer, snapshot, utf16=utf16, warnings=warnings)
    return buffer.getvalue()


def read_qdpx(
    name: str, data: Data, limits: Limits = DEFAULT_LIMITS
) -> tuple[ProjectSnapshot, ImportReport]:
    """A .qdpx archive (or a bare project.qde) as a snapshot, with the import report.

    ``data`` is the file's bytes, its path or a binary file; a path is read as a stream, so
    the archive is never held whole in memory."""
    if _looks_like_xml(data):
        return read_qde(name, data, limits=limits)
    with Archive(name, data, limits) as archive:
        snapshot, report = _read_project(name, "qdpx", archive.open_qde, archive.source, limits)
    report.deviations[:0] = archive.deviations
    snapshot.report = report.lines()
    return snapshot, report


def read_qde(
    name: str, data: Data, sources: Mapping[str, bytes] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[ProjectSnapshot, ImportReport]:
    """A bare project.qde; ``sources`` maps file names of sources/ to their bytes, if known."""
    files = {k.rsplit("/", 1)[-1].lower(): v for k, v in (sources or {}).items()}

    def fetch(path: str) -> bytes | None:
        return files.get(path.split("://", 1)[-1].rsplit("/", 1)[-1].lower())

    snapshot, report = _read_project(name, "qde", _opener(name, data, limits), fetch, limits)
    if not files and report.declared.sources:
        report.deviation("This is a bare project.qde: the source files are not included, so "
                         "text sources cannot become documents.")
    snapshot.report = report.lines()
    return snapshot, report


def _looks_like_xml(data: Data) -> bool:
    if isinstance(data, (bytes, bytearray)):
        head = bytes(data[:4096])
    elif isinstance(data, (str, os.PathLike)):
        with open(data, "rb") as handle:
            head = handle.read(4096)
    else:
        start = data.tell()
        head = data.read(4096)
        data.seek(start)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def _opener(name: str, data: Data, limits: Limits) -> Opener:
    """Opens the XML of a bare .qde again and again, after checking its size."""
    if isinstance(data, (bytes, bytearray)):
        size = len(data)
        opener: Opener = lambda: io.BytesIO(data)  # noqa: E731
    elif isinstance(data, (str, os.PathLike)):
        size = os.path.getsize(data)
        opener = lambda: open(data, "rb")  # noqa: E731, SIM115
    else:
        stream = data
        start = stream.tell()
        size = stream.seek(0, io.SEEK_END) - start

        def opener() -> _Borrowed:
            stream.seek(start)
            return _Borrowed(stream)
    if size > limits.max_xml:
        raise FormatError(name, f"is {size / _MB:.1f} MB, more than the limit of "
                          f"{limits.max_xml / _MB:.1f} MB.")
    return opener


class _Borrowed(io.RawIOBase):
    """A caller's stream that closing does not close."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self._stream = stream

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)


def _read_project(file: str, fmt: str, open_xml: Opener, fetch: Fetch,
                  limits: Limits) -> tuple[ProjectSnapshot, ImportReport]:
    found = survey(file, open_xml, limits, "Project", "project")
    root = found.root
    report = ImportReport(file=file, format=fmt)
    check_root(file, root, "Project", "project", report, errors=found.schema_errors)
    _declare(found, report)
    users = _users(root, report)
    book = read_codes(kid(kid_or_empty(root, "CodeBook"), "Codes"), report, found.used)
    creator = users.get(norm_guid(root.get("creatingUserGUID")))
    default = creator or (next(iter(users.values())) if len(users) == 1 else "unknown coder")
    ctx = Reading(file, report, fetch, book, users, default, coders=list(users.values()))
    for guid, node in book.nodes.items():
        ctx.targets[guid] = Target(code=node.name) if node.is_code else Target(
            label=f"category {node.name!r}")
        ctx.attach_note([etree.Element("r", targetGUID=g) for g in node.notes], ctx.targets[guid])
    _links(root, ctx)
    variables = read_variables(kid(root, "Variables"), ctx)
    read_sources(source_elements(file, open_xml), ctx)
    ctx.attach_note(list(kids(root, "NoteRef")), Target())
    if description := kid_text(root, "Description").strip():
        ctx.memos.append(Memo(description, title="Project description"))
        report.note("The project description became a memo titled 'Project description'.")
    _notes(kid_or_empty(root, "Notes"), ctx)
    cases, doc_case, case_vars = read_cases(kid(root, "Cases"), ctx, variables)
    attributes = attribute_defs(variables, ctx, case_vars)
    documents = [replace(d, case=doc_case.get(d.name), attributes=ctx.doc_attributes.get(d.name,
                 {})) for d in ctx.documents]
    sets = [_set(el, ctx) for el in kids(kid_or_empty(root, "Sets"), "Set")]
    if graphs := found.counts["Graph"]:
        report.note(f"{graphs} graph(s) (networks) have no Stemmen equivalent and were left out.")
    report.imported.codes, report.imported.sets = book.read, len(sets)
    report.imported.variables, report.imported.users = len(variables), len(users)
    snapshot = ProjectSnapshot(
        name=root.get("name", ""), coders=ctx.coders, categories=book.categories,
        codes=book.codes, attributes=attributes, cases=cases, documents=documents,
        codings=ctx.codings, memos=ctx.memos, sets=sets, files=ctx.files,
    )
    return snapshot, report


def _declare(found: Survey, report: ImportReport) -> None:
    d, counts = report.declared, found.counts
    d.sources = sum(counts[k] for k in KINDS)
    d.codes, d.notes = counts["Code"], counts["Note"]
    d.selections = sum(n for k, n in counts.items() if k.endswith("Selection"))
    d.codings, d.sets, d.cases = counts["Coding"], counts["Set"], counts["Case"]
    d.variables, d.users = counts["Variable"], counts["User"]
    if found.odd_guids:
        report.note("GUIDs were normalised to lower case without braces.")


def _users(root: etree._Element, report: ImportReport) -> dict[str, str]:
    users: dict[str, str] = {}
    for user in kids(kid_or_empty(root, "Users"), "User"):
        guid = norm_guid(user.get("guid"))
        name = clean_name(user.get("name")) or guid
        if name in users.values():
            name = f"{name} ({guid[:8]})"
            report.deviation(f"Two users share a name; one is called {name!r}.")
        users[guid] = name
    return users


def _links(root: etree._Element, ctx: Reading) -> None:
    ctx.note_guids = {norm_guid(n.get("guid")) for n in kids(kid_or_empty(root, "Notes"), "Note")}
    other = 0
    for link in kids(kid_or_empty(root, "Links"), "Link"):
        origin, target = norm_guid(link.get("originGUID")), norm_guid(link.get("targetGUID"))
        if origin in ctx.note_guids and target:
            ctx.linked.setdefault(origin, target)
            ctx.link_targets.add(target)
        elif target in ctx.note_guids and origin:
            ctx.linked.setdefault(target, origin)
            ctx.link_targets.add(origin)
        else:
            other += 1
    if other:
        ctx.report.note(f"{other} link(s) between objects other than notes have no Stemmen "
                        "equivalent and were left out.")


def _notes(notes: etree._Element, ctx: Reading) -> None:
    for note in kids(notes, "Note"):
        guid = norm_guid(note.get("guid"))
        title = note.get("name") or ""
        loaded = load_text(note, ctx)
        if loaded is None and (note.get("plainTextPath") or note.get("richTextPath")):
            ctx.report.note(f"The text of note {title!r} is not in the file; the memo is empty.")
        targets = list(ctx.note_targets.get(guid, []))
        if guid in ctx.linked:
            targets.append(ctx.targets.get(ctx.linked[guid], Target(label="an object Stemmen "
                                                                     "does not keep")))
        where = targets[0] if targets else Target()
        if where.label:
            ctx.report.note(f"Note {title!r} was attached to {where.label}; it became a project "
                            "memo.")
        if len({t for t in targets}) > 1:
            ctx.report.note(f"Note {title!r} is attached to several places; Stemmen keeps the "
                            "first.")
        if description := kid_text(note, "Description").strip():
            ctx.report.note(f"Note {title!r} has a description that a memo cannot hold: "
                            f"{description!r}.")
        _drop_note_selections(note, ctx, title)
        author_guid = norm_guid(note.get("creatingUser"))
        author = ctx.users.get(author_guid, author_guid)
        ctx.memos.append(Memo(to_lf(loaded[0]) if loaded else "", author, title, where.document,
                              where.start, where.end, where.code,
                              parse_datetime(note.get("creationDateTime")), guid))
        ctx.report.imported.notes += 1


def _drop_note_selections(note: etree._Element, ctx: Reading, title: str) -> None:
    selections = [s for s in note.iter() if isinstance(s.tag, str) and local(s).endswith(
        "Selection")]
    codings = count(note, "Coding")
    if selections or codings:
        ctx.report.dropped.selections += len(selections)
        ctx.report.dropped.codings += codings
        ctx.report.note(f"Selections and codings inside note {title!r} were left out (memos "
                        "cannot be coded in Stemmen).")


def _set(el: etree._Element, ctx: Reading) -> CodeSet:
    name = el.get("name") or ""
    docs: list[str] = []
    codes: list[str] = []
    other = 0
    for member in kids(el, "MemberSource", "MemberCode", "MemberNote"):
        guid = norm_guid(member.get("targetGUID") or member.get("guid"))
        found = (ctx.doc_by_guid.get(guid) if local(member) == "MemberSource"
                 else ctx.book.code_name(guid) if local(member) == "MemberCode" else None)
        if found is None:
            other += 1
        else:
            (docs if local(member) == "MemberSource" else codes).append(found)
    if other:
        ctx.report.note(f"Set {name!r}: {other} member(s) that are not documents or codes "
                        "(notes, media, categories) were left out of the set.")
    return CodeSet(name, norm_guid(el.get("guid")), kid_text(el, "Description"), docs, codes)
