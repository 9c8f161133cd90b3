"""REFI-QDA projects (.qdpx archives and bare project.qde files) ⇄ :class:`ProjectSnapshot`.

Read: ``read_qdpx(name, data)`` (a bare XML file is read as a .qde) and ``read_qde(name, data,
sources)``. Every element the file declares is counted, then carried over or reported in the
:class:`ImportReport`; tool quirks (NVivo, ATLAS.ti, MAXQDA, Taguette, QualCoder) are handled
and listed as deviations. Hostile files raise :class:`FormatError` and produce nothing.

Write: ``write_qdpx(snapshot)`` gives ``project.qde`` plus ``sources/<guid>.txt`` (UTF-8
without BOM, LF) that validate against the bundled Project XSD; see :mod:`refi_write`.

What goes where (the rest in refi_codes, refi_sources, refi_cases):

* ``User`` → coder name (its name, or the GUID if unnamed); ``Coding@creatingUser`` names
  the coder of each coding (else the selection's creator, else the project's creator).
* ``Note`` → :class:`Memo` attached where a ``NoteRef`` or a ``Link`` (NVivo annotations,
  ATLAS.ti memo links) puts it: the project, a document, a segment, a code, or a coding.
* ``Set`` → :class:`CodeSet` with its documents and codes.
* Links between other objects and graphs have no Stemmen equivalent and are reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from lxml import etree

from stemmen.formats.refi_cases import attribute_defs, read_cases, read_variables
from stemmen.formats.refi_codes import read_codes
from stemmen.formats.refi_positions import to_lf
from stemmen.formats.refi_read import Fetch, Reading, Target
from stemmen.formats.refi_report import Counts, ImportReport
from stemmen.formats.refi_sources import KINDS, load_text, read_sources
from stemmen.formats.refi_write import build_qdpx
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
    parse_xml,
)
from stemmen.formats.refi_zip import DEFAULT_LIMITS, Archive, Limits
from stemmen.model.codings import Memo
from stemmen.model.snapshot import CodeSet, ProjectSnapshot

__all__ = ["ImportReport", "Counts", "Limits", "read_qdpx", "read_qde", "write_qdpx"]



def write_qdpx(snapshot: ProjectSnapshot, *, utf16: bool = False,
               warnings: list[str] | None = None) -> bytes:
    """A .qdpx that validates against the Project XSD (offsets in code points, or UTF-16
    code units for NVivo with ``utf16=True``); what cannot be written goes to ``warnings``."""
    return build_qdpx(snapshot, utf16=utf16, warnings=warnings)


def read_qdpx(
    name: str, data: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[ProjectSnapshot, ImportReport]:
    """A .qdpx archive (or a bare project.qde) as a snapshot, with the import report."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return read_qde(name, data)
    archive = Archive(name, data, limits)
    snapshot, report = _read_project(name, "qdpx", archive.read_qde(), archive.source,
                                     limits.max_xml)
    report.deviations[:0] = archive.deviations
    snapshot.report = report.lines()
    return snapshot, report


def read_qde(
    name: str, data: bytes, sources: Mapping[str, bytes] | None = None
) -> tuple[ProjectSnapshot, ImportReport]:
    """A bare project.qde; ``sources`` maps file names of sources/ to their bytes, if known."""
    files = {k.rsplit("/", 1)[-1].lower(): v for k, v in (sources or {}).items()}

    def fetch(path: str) -> bytes | None:
        return files.get(path.split("://", 1)[-1].rsplit("/", 1)[-1].lower())

    snapshot, report = _read_project(name, "qde", data, fetch, DEFAULT_LIMITS.max_xml)
    if not files and report.declared.sources:
        report.deviation("This is a bare project.qde: the source files are not included, so "
                         "text sources cannot become documents.")
    snapshot.report = report.lines()
    return snapshot, report


def _read_project(file: str, fmt: str, xml: bytes, fetch: Fetch,
                  max_xml: int) -> tuple[ProjectSnapshot, ImportReport]:
    root = parse_xml(file, xml, max_xml)
    report = ImportReport(file=file, format=fmt)
    check_root(file, root, "Project", "project", report)
    _declare(root, report)
    users = _users(root, report)
    used = {norm_guid(r.get("targetGUID")) for r in kid_or_empty(root, "Sources").iter()
            if isinstance(r.tag, str) and local(r) == "CodeRef"}
    book = read_codes(kid(kid_or_empty(root, "CodeBook"), "Codes"), report, used)
    creator = users.get(norm_guid(root.get("creatingUserGUID")))
    default = creator or (next(iter(users.values())) if len(users) == 1 else "unknown coder")
    ctx = Reading(file, report, fetch, book, users, default, coders=list(users.values()))
    for guid, node in book.nodes.items():
        ctx.targets[guid] = Target(code=node.name) if node.is_code else Target(
            label=f"category {node.name!r}")
        ctx.attach_note([etree.Element("r", targetGUID=g) for g in node.notes], ctx.targets[guid])
    _links(root, ctx)
    variables = read_variables(kid(root, "Variables"), ctx)
    read_sources(kid_or_empty(root, "Sources"), ctx)
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
    if graphs := count(root, "Graph"):
        report.note(f"{graphs} graph(s) (networks) have no Stemmen equivalent and were left out.")
    report.imported.codes, report.imported.sets = book.read, len(sets)
    report.imported.variables, report.imported.users = len(variables), len(users)
    snapshot = ProjectSnapshot(
        name=root.get("name", ""), coders=ctx.coders, categories=book.categories,
        codes=book.codes, attributes=attributes, cases=cases, documents=documents,
        codings=ctx.codings, memos=ctx.memos, sets=sets, files=ctx.files,
    )
    return snapshot, report


def _declare(root: etree._Element, report: ImportReport) -> None:
    d = report.declared
    d.sources, d.codes, d.notes = count(root, *KINDS), count(root, "Code"), count(root, "Note")
    d.selections = sum(1 for el in root.iter()
                       if isinstance(el.tag, str) and local(el).endswith("Selection"))
    d.codings, d.sets, d.cases = count(root, "Coding"), count(root, "Set"), count(root, "Case")
    d.variables, d.users = count(root, "Variable"), count(root, "User")
    for el in root.iter():
        for attr in ("guid", "targetGUID"):
            raw = el.get(attr) if isinstance(el.tag, str) else None
            if raw and norm_guid(raw) and raw != norm_guid(raw):
                report.note("GUIDs were normalised to lower case without braces.")
                return


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
    docs, codes, other = [], [], 0
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
