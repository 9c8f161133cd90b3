"""Writing a :class:`ProjectSnapshot` as a REFI-QDA .qdpx that validates against the XSD.

* Documents → ``TextSource`` with ``plainTextPath="internal://<guid>.txt"`` (UTF-8, no BOM,
  LF). Codings on the same span share one ``PlainTextSelection``; offsets are code points
  (or UTF-16 code units with ``utf16=True``, for NVivo).
* A document whose GUID is that of a PDF external file is written as that ``PDFSource``
  with the text as its ``Representation``; other external files become picture, audio,
  video or PDF sources with their bytes in sources/.
* Memos → ``Note`` (inline ``PlainTextContent``), referenced from the project, source,
  selection, coding or code they belong to. Coders → ``User``. Empty containers are never
  written. Missing GUIDs are derived from names, so the same snapshot gives the same file.

The archive is streamed (:mod:`refi_stream`): ``project.qde`` is written one source at a time
and the source texts follow as members, so neither the XML nor the zip is ever whole in memory.
Each part is built as a small tree without a namespace and written inside the root, which
declares the default namespace, so the parts inherit it. Selections, the bulk of a project,
are written as text rather than trees (:meth:`Writer._selection`), escaped and indented as
lxml writes them, and put in place of a slot element when the part is serialised. A codebook
(.qdc) is written by the same writer (:meth:`Writer.codebook`), so a code is written one way.
Tests compare the output with fixed expected files and validate it against the XSDs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

from lxml import etree

from stemmen.formats.refi_cases import variable_kind, write_value
from stemmen.formats.refi_codes import build_tree, write_codes
from stemmen.formats.refi_positions import UTF16_MARK, Scheme, TextIndex, to_units
from stemmen.formats.refi_xml import attribute, format_datetime, guid_for, norm_guid, origin
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import AttributeDef, Case, Document
from stemmen.model.snapshot import ExternalFile, ProjectSnapshot

_SOURCE_TAG = {"pdf": "PDFSource", "picture": "PictureSource", "audio": "AudioSource",
               "video": "VideoSource"}
_DEFAULT_EXT = {"pdf": ".pdf", "picture": ".jpg", "audio": ".m4a", "video": ".mp4"}
_EXT = re.compile(r"(\.[A-Za-z0-9]{1,8})$")

Part: TypeAlias = etree._Element
INDENT = "  "
_NAME_READ = 400  # characters of a long span read for its name
_SLOT = "stemmen-selections"  # stands for a source's selections until it is serialised
_SLOT_AT = re.compile(rb'<stemmen-selections n="([0-9]+)"/>')
_CANONICAL = re.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _e(parent: Part | None, tag: str, text: str | None = None, **attrs: str) -> Part:
    """A child of ``parent`` (or a new part when None); empty optional attributes left out."""
    values = {k: v for k, v in attrs.items() if v}
    el = etree.Element(tag, values) if parent is None else etree.SubElement(parent, tag, values)
    if text is not None:
        el.text = text
    return el


def selection_name(text: str, a: int, b: int) -> str:
    """The name of the selection ``text[a:b]``: on one line, single spaces, 100 characters at
    most, without characters XML cannot carry. Of a long span only the start is read: a prefix
    gives a prefix of the name."""
    name = _name(text, a, b)
    if _NOT_XML.search(name):  # rare: read again without the characters XML cannot carry
        name = _name(_NOT_XML.sub("", text[a:b]), 0, b - a)
    return name


def _name(text: str, a: int, b: int) -> str:
    if b - a > _NAME_READ:
        head = " ".join(text[a:a + _NAME_READ].split())
        if len(head) > 100:
            return head[:99] + "…"
    quoted = " ".join(text[a:b].split())
    return quoted if len(quoted) <= 100 else quoted[:99] + "…"


def lf_text(text: str) -> str:
    """The text as written to sources/: CR and CRLF as LF."""
    return TextIndex(text).text if "\r" in text else text


class Writer:
    """Builds the parts of ``project.qde`` in order; source texts and file bytes go to
    ``members`` (a document's text as its index in ``snap.documents``, read again later)."""

    def __init__(self, snap: ProjectSnapshot, utf16: bool, warnings: list[str]) -> None:
        self.snap, self.utf16, self.warnings = snap, utf16, warnings
        self.slots: dict[int, str] = {}  # slot number → the selections it stands for
        self.members: dict[str, bytes | int] = {}
        self.taken: set[str] = set()
        names = [*snap.coders, *(c.coder for c in snap.codings), *(m.author for m in snap.memos)]
        self.users = {n: self.guid("", "user", n) for n in dict.fromkeys(n for n in names if n)}
        self.code_tree, self.code_guids = build_tree(snap.categories, snap.codes)
        self.docs = {d.name: self.guid(d.guid, "document", d.name) for d in snap.documents}
        self.notes: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        self.memo_guids = [self.guid(m.guid, "note", i, m.title) for i, m in
                           enumerate(snap.memos)]
        for memo, guid in zip(snap.memos, self.memo_guids, strict=True):
            self.notes[self._memo_key(memo)].append(guid)
        self.span_notes: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for key in self.notes:
            if key[0] in ("span", "coding"):
                self.span_notes[key[1]].append((key[2], key[3]))
        self.pdfs = {norm_guid(f.guid): f for f in snap.files if f.kind == "pdf" and f.guid}

    def guid(self, wanted: str, *seed: object) -> str:
        guid = (wanted if _CANONICAL.fullmatch(wanted) else norm_guid(wanted)) or guid_for(*seed)
        n = 0
        while guid in self.taken:
            n += 1
            guid = guid_for(*seed, n)
        self.taken.add(guid)
        return guid

    def serialise(self, part: Part, level: int) -> bytes:
        """The part as UTF-8, indented as pretty-printing at ``level`` would, selections in."""
        etree.indent(part, INDENT, level=level)
        data = etree.tostring(part, encoding="UTF-8", xml_declaration=False)
        if not self.slots:
            return data
        slot = _SLOT_AT.search(data)
        if slot is None:
            return data
        selections = self.slots.pop(int(slot.group(1))).encode("utf-8")
        indent = data[data.rfind(b"\n", 0, slot.start()):slot.start()]
        return b"".join([data[:slot.start()], selections.replace(b"\n", indent),
                         data[slot.end():]])

    def _memo_key(self, memo: Memo) -> tuple[Any, ...]:
        doc = memo.document if memo.document in self.docs else None
        code = memo.code if memo.code in self.code_guids else None
        spanned = doc is not None and memo.start is not None and memo.end is not None
        if code and spanned:
            return ("coding", doc, memo.start, memo.end, code)
        if code:
            return ("code", code)
        if spanned:
            return ("span", doc, memo.start, memo.end)
        return ("document", doc) if doc else ("project",)

    def root_attributes(self) -> dict[str, str]:
        mark = f" {UTF16_MARK}" if self.utf16 else ""
        return {"name": self.snap.name or "Stemmen project", "origin": origin() + mark}

    def head(self) -> Iterator[Part]:
        """Users, CodeBook, Variables and Cases: the parts before Sources."""
        if self.users:
            users = _e(None, "Users")
            for name, guid in self.users.items():
                _e(users, "User", guid=guid, name=name)
            yield users
        if self.code_tree:
            code_notes = {k[1]: v for k, v in self.notes.items() if k[0] == "code"}
            book = _e(None, "CodeBook")
            write_codes(_e(book, "Codes"), "", self.code_tree, code_notes)
            yield book
        yield from self._variables_and_cases()

    def codebook(self) -> Iterator[Part]:
        """The parts of a codebook (.qdc): Codes, then the Sets that hold codes (as the
        Codebook XSD has them: ``MemberCode guid=``, codes only)."""
        codes = _e(None, "Codes")
        write_codes(codes, "", self.code_tree)
        yield codes
        code_sets = [s for s in self.snap.sets if any(c in self.code_guids for c in s.codes)]
        if not code_sets:
            return
        sets = _e(None, "Sets")
        for code_set in code_sets:
            el = etree.SubElement(sets, "Set", name=code_set.name,
                                  guid=self.guid(code_set.guid, "set", code_set.name))
            if code_set.description:
                _e(el, "Description", code_set.description)
            for code in dict.fromkeys(c for c in code_set.codes if c in self.code_guids):
                _e(el, "MemberCode", guid=self.code_guids[code])
        yield sets

    def has_sources(self) -> bool:
        return bool(self.snap.documents) or any(f.kind in _SOURCE_TAG for f in self._files())

    def sources(self, documents: Iterator[tuple[Document, Sequence[Coding]]]) -> Iterator[Part]:
        """One part per document (given with its text and codings), then the other files."""
        pdfs = dict(self.pdfs)
        for i, (doc, codings) in enumerate(documents):
            pdf = pdfs.pop(self.docs[doc.name], None)
            parent = None if pdf is None else self._file(pdf, self.docs[doc.name])
            el = self._text_source(parent, i, doc, codings,
                                   "Representation" if pdf is not None else "TextSource")
            yield el if parent is None else parent
        for file in self._files():
            part = self._file(file, self.guid(file.guid, "file", file.name))
            if part is not None:
                yield part
        lost = {c.document for c in self.snap.codings} - set(self.docs)
        for name in lost:
            self.warnings.append(f"Codings on unknown document {name!r} were not exported.")

    def _files(self) -> list[ExternalFile]:
        """External files that are not the PDF behind a document."""
        docs = set(self.docs.values())
        return [f for f in self.snap.files
                if f.kind != "pdf" or not f.guid or norm_guid(f.guid) not in docs]

    def has_tail(self) -> bool:
        return bool(self.snap.memos or self.snap.sets)

    def tail(self) -> Iterator[Part]:
        """Notes, Sets and the project's NoteRefs: the parts after Sources."""
        yield from self._notes()
        yield from self._sets()
        for guid in self.notes.get(("project",), []):
            yield _e(None, "NoteRef", targetGUID=guid)

    def _variables_and_cases(self) -> Iterator[Part]:
        values: dict[str, list[Any]] = defaultdict(list)
        owners: list[Case | Document] = [*self.snap.cases, *self.snap.documents]
        for owner in owners:
            for name, value in owner.attributes.items():
                values[name].append(value)
        defs: dict[str, AttributeDef] = {}
        for attr in self.snap.attributes:
            defs.setdefault(attr.name, attr)
        self.kinds = {n: variable_kind(defs.get(n), values.get(n, [])) for n in [*defs, *values]}
        self.var_guids = {n: self.guid("", "variable", n) for n in self.kinds}
        if self.kinds:
            variables = _e(None, "Variables")
            for name, kind in self.kinds.items():
                var = _e(variables, "Variable", guid=self.var_guids[name],
                         name=name or "(unnamed)", typeOfVariable=kind)
                if name in defs and defs[name].description:
                    _e(var, "Description", defs[name].description)
            yield variables
        case_names = list(dict.fromkeys([c.name for c in self.snap.cases] + [
            d.case for d in self.snap.documents if d.case]))
        if not case_names:
            return
        cases = {c.name: c for c in self.snap.cases}
        members: dict[str, list[str]] = defaultdict(list)
        for doc in self.snap.documents:
            if doc.case:
                members[doc.case].append(self.docs[doc.name])
        cases_el = _e(None, "Cases")
        for name in case_names:
            case = cases.get(name)
            el = _e(cases_el, "Case", guid=self.guid(case.guid if case else "", "case", name),
                    name=name or "(unnamed case)")
            if case and case.description:
                _e(el, "Description", case.description)
            self._values(el, case.attributes if case else {}, f"case {name!r}")
            for guid in members[name]:
                _e(el, "SourceRef", targetGUID=guid)
        yield cases_el

    def _values(self, parent: Part, attributes: dict[str, Any], owner: str) -> None:
        for name, value in attributes.items():
            if value is not None and not write_value(parent, "", self.var_guids[name],
                                                     self.kinds[name], value):
                self.warnings.append(f"Value {value!r} of {name!r} on {owner} does not fit "
                                     f"type {self.kinds[name]} and was not exported.")

    def _file(self, file: ExternalFile, guid: str) -> Part | None:
        tag = _SOURCE_TAG.get(file.kind)
        if tag is None:
            self.warnings.append(f"File {file.name!r} ({file.kind}) has no REFI-QDA source type; "
                                 "it was not exported.")
            return None
        path = file.path if file.path.startswith(("relative://", "absolute://")) else ""
        if file.data:
            match = _EXT.search(file.path) or _EXT.search(file.name)
            stored = guid + (match.group(1).lower() if match else _DEFAULT_EXT[file.kind])
            self.members[stored] = file.data
            path = f"internal://{stored}"
        return _e(None, tag, guid=guid, name=file.name, path=path)

    def _text_source(self, parent: Part | None, index: int, doc: Document,
                     codings: Sequence[Coding], tag: str) -> Part:
        guid = self.docs[doc.name]
        text, fix = doc.text, None
        if "\r" in text:
            fix = TextIndex(text)
            text = fix.text
            self.warnings.append(f"Document {doc.name!r} had CR line endings; written with LF.")
        own = guid if tag == "TextSource" else self.guid("", "representation", guid)
        self.members[f"{own}.txt"] = index
        el = _e(parent, tag, guid=own, name=doc.name, plainTextPath=f"internal://{own}.txt")
        spans: dict[tuple[int, int], list[Coding]] = defaultdict(list)
        for coding in codings:
            spans[(coding.start, coding.end)].append(coding)
        for key in self.span_notes.get(doc.name, []):
            spans.setdefault(key, [])
        written: list[str] = []
        for (start, end), group in sorted(spans.items()):
            a, b = (fix.convert(start, Scheme.CODEPOINT), fix.convert(end, Scheme.CODEPOINT,
                    True)) if fix else (start, end)
            if not 0 <= a < b <= len(text):
                self.warnings.append(f"Span {start}-{end} of {doc.name!r} is outside the text; "
                                     "it was not exported.")
                continue
            written.append(self._selection(doc.name, guid, (start, end), (a, b), text, group))
        if written:
            self.slots[len(self.slots)] = "\n".join(written)
            _e(el, _SLOT, n=str(len(self.slots) - 1))
        for note in self.notes.get(("document", doc.name), []):
            _e(el, "NoteRef", targetGUID=note)
        self._values(el, doc.attributes, f"document {doc.name!r}")
        return el

    def _selection(self, doc: str, doc_guid: str, key: tuple[int, int],
                   span: tuple[int, int], text: str, codings: Sequence[Coding]) -> str:
        """A ``PlainTextSelection`` with its codings and notes, as XML text indented from
        depth 0 (attributes escaped as libxml2 does, empty optional attributes left out)."""
        a, b = span
        name = selection_name(text, a, b)
        units = to_units(text, [a, b]) if self.utf16 else (a, b)
        first = min(codings, key=lambda c: (c.created_at is None, c.created_at or 0), default=None)
        out = [f'<PlainTextSelection guid="{self.guid("", "selection", doc_guid, a, b)}"'
               + (f' name="{attribute(name)}"' if name else "")
               + f' startPosition="{units[0]}" endPosition="{units[1]}"'
               + (self._creation(first.coder, first.created_at) if first is not None else "")
               + ">"]
        code_guids, creation = self.code_guids, self._creation
        noted = key in self.span_notes.get(doc, ())  # a note on this span or one of its codings
        for coding in codings:
            code = coding.code
            if code not in code_guids:
                self.warnings.append(f"A coding with unknown code {code!r} was not exported.")
                continue
            guid = self.guid(coding.guid, "coding", doc, a, b, code, coding.coder)
            out.append(f'\n  <Coding guid="{guid}"{creation(coding.coder, coding.created_at)}>'
                       f'\n    <CodeRef targetGUID="{code_guids[code]}"/>')
            if noted:
                out.extend(f'\n    <NoteRef targetGUID="{note}"/>'
                           for note in self.notes.get(("coding", doc, *key, code), ()))
            out.append("\n  </Coding>")
        if noted:
            out.extend(f'\n  <NoteRef targetGUID="{note}"/>'
                       for note in self.notes.get(("span", doc, *key), ()))
        if len(out) == 1:
            return out[0][:-1] + "/>"
        out.append("\n</PlainTextSelection>")
        return "".join(out)

    def _creation(self, coder: str, created_at: dt.datetime | None) -> str:
        """The creatingUser and creationDateTime attributes (each left out when empty)."""
        user = self.users.get(coder, "")
        moment = format_datetime(created_at) if created_at else ""  # cached there
        return ((f' creatingUser="{user}"' if user else "")
                + (f' creationDateTime="{moment}"' if moment else ""))

    def _notes(self) -> Iterator[Part]:
        if not self.snap.memos:
            return
        notes = _e(None, "Notes")
        for memo, guid in zip(self.snap.memos, self.memo_guids, strict=True):
            note = _e(notes, "Note", guid=guid, name=memo.title,
                      creatingUser=self.users.get(memo.author, ""),
                      creationDateTime=format_datetime(memo.created_at) if memo.created_at
                      else "")
            _e(note, "PlainTextContent", memo.text.replace("\r\n", "\n"))
        yield notes

    def _sets(self) -> Iterator[Part]:
        if not self.snap.sets:
            return
        sets = _e(None, "Sets")
        for code_set in self.snap.sets:
            el = _e(sets, "Set", guid=self.guid(code_set.guid, "set", code_set.name),
                    name=code_set.name or "(unnamed set)")
            if code_set.description:
                _e(el, "Description", code_set.description)
            for code in code_set.codes:
                if code in self.code_guids:
                    _e(el, "MemberCode", targetGUID=self.code_guids[code])
            for doc in code_set.documents:
                if doc in self.docs:
                    _e(el, "MemberSource", targetGUID=self.docs[doc])
        yield sets
