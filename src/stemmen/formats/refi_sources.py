"""REFI-QDA sources and selections → Stemmen documents, codings, memos and external files.

* ``TextSource`` with its text (inline, ``plainTextPath``, or a ``.txt`` in ``richTextPath``)
  → :class:`Document`; positions converted per :mod:`stemmen.formats.refi_positions`.
* ``PlainTextSelection`` → one :class:`Coding` per ``Coding`` (NVivo's one-selection-per-coding
  and ATLAS.ti's many-codings-per-selection read alike); its ``Description`` → a :class:`Memo`
  on the segment; a selection with neither → an empty memo on the segment, so it is not lost.
* ``PDFSource`` → :class:`ExternalFile` (kind "pdf"), plus a document from its text
  ``Representation`` when there is one. PDF regions that twin a text selection (ATLAS.ti
  gives both the same GUID) are carried by the text selection.
* Picture, audio and video sources, and text sources whose text is missing, → ExternalFile
  with the count of their selections. Their codings cannot be held and are reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from stemmen.errors import FormatError
from stemmen.formats.refi_positions import Scheme, TextIndex, choose, decode_text, prior_for
from stemmen.formats.refi_read import Reading, Target, parse_int
from stemmen.formats.refi_xml import kid, kid_text, kids, local, norm_guid, parse_datetime
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import Document
from stemmen.model.snapshot import ExternalFile

KINDS = {"TextSource": "text", "PDFSource": "pdf", "PictureSource": "picture",
         "AudioSource": "audio", "VideoSource": "video"}


def read_sources(sources: Iterable[etree._Element], ctx: Reading) -> None:
    """Read every source element into ``ctx``."""
    for el in sources:
        kind = KINDS.get(local(el))
        if kind is None:
            if isinstance(el.tag, str):
                ctx.report.deviation(f"Unknown source element <{local(el)}> was skipped.")
            continue
        guid = norm_guid(el.get("guid"))
        name = ctx.unique_document_name(el.get("name"), guid or "unnamed source")
        if kind == "text":
            if text_source(el, ctx, name, guid) is None:
                _as_file(el, ctx, name, guid, "text", el.get("plainTextPath") or "")
        elif kind == "pdf":
            _pdf_source(el, ctx, name, guid)
        else:
            _as_file(el, ctx, name, guid, kind, el.get("path") or "")
        ctx.report.imported.sources += 1


def load_text(el: etree._Element, ctx: Reading) -> tuple[str, str, str] | None:
    """(raw text, encoding, path) of a TextSourceType element, or None when it has none."""
    inline = kid(el, "PlainTextContent")
    if inline is not None and inline.text:
        return inline.text, "inline", ""
    path = el.get("plainTextPath") or ""
    rich = el.get("richTextPath") or ""
    if not path and rich.lower().endswith(".txt"):
        ctx.report.deviation("A text source names its .txt in richTextPath instead of "
                             "plainTextPath.")
        path = rich
    data = ctx.fetch(path) if path else None
    if data is None:
        return None
    try:
        raw, encoding = decode_text(data)
    except UnicodeError as exc:
        raise FormatError(ctx.file, f"source text {path} is not UTF-8 (nor UTF-16 with a BOM); "
                          "REFI-QDA text sources must be UTF-8.") from exc
    return raw, encoding, path


def text_source(el: etree._Element, ctx: Reading, name: str, guid: str,
                source_format: str = "txt") -> dict[str, set[str]] | None:
    """A document from a TextSourceType; returns the code names per selection GUID."""
    loaded = load_text(el, ctx)
    if loaded is None or not loaded[0].strip():
        return None
    raw, encoding, path = loaded
    index = TextIndex(raw)
    selections = list(kids(el, "PlainTextSelection"))
    spans = []
    for sel in selections:
        start, end = parse_int(sel.get("startPosition")), parse_int(sel.get("endPosition"))
        if start is not None and end is not None:
            spans.append((start, end, sel.get("name") or ""))
    scheme, why = choose(index, spans, prior_for(ctx.report.tool, ctx.report.origin))
    ctx.report.offsets[name] = scheme.value
    if why:
        ctx.report.note(f"Document {name!r}: {why}.")
    if encoding not in ("UTF-8", "inline"):
        ctx.report.deviation(f"Source text of {name!r} is {encoding}; the BOM was removed and "
                             "does not count in positions.")
    if index.has_crlf:
        ctx.report.note(f"Document {name!r}: CRLF line endings became LF; positions adjusted.")
    ctx.documents.append(Document(name, index.text, guid, source_format=source_format,
                                  source_path=path))
    ctx.doc_by_guid[guid] = name
    ctx.targets[guid] = Target(document=name)
    codes: dict[str, set[str]] = {}
    for sel in selections:
        codes[norm_guid(sel.get("guid"))] = _selection(sel, ctx, name, index, scheme)
    for coding in kids(el, "Coding"):
        ctx.report.note("Codings on a whole source were applied to the whole document text.")
        _coding(coding, ctx, name, 0, len(index.text), None)
    _source_extras(el, ctx, Target(document=name), name)
    return codes


def _selection(sel: etree._Element, ctx: Reading, doc: str, index: TextIndex,
               scheme: Scheme) -> set[str]:
    start, end = parse_int(sel.get("startPosition")), parse_int(sel.get("endPosition"))
    a = b = -1
    if start is not None and end is not None:
        a, b = index.convert(start, scheme), index.convert(end, scheme, end=True)
    if not 0 <= a < b <= len(index.text):
        ctx.report.dropped.selections += 1
        ctx.report.dropped.codings += len(list(kids(sel, "Coding")))
        ctx.report.note(f"Document {doc!r}: a selection at {start}-{end} lies outside the text "
                        "or is empty; it and its codings were left out.")
        return set()
    guid = norm_guid(sel.get("guid"))
    ctx.targets[guid] = Target(doc, a, b)
    ctx.report.imported.selections += 1
    codings = list(kids(sel, "Coding"))
    codes = {c for c in (_coding(c, ctx, doc, a, b, sel) for c in codings) if c}
    description = kid_text(sel, "Description").strip()
    refs = list(kids(sel, "NoteRef"))
    ctx.attach_note(refs, Target(doc, a, b))
    if description or not (codings or refs or guid in ctx.link_targets):
        ctx.memos.append(Memo(description, ctx.coder(sel.get("creatingUser")),
                              sel.get("name") or "", doc, a, b, None,
                              parse_datetime(sel.get("creationDateTime")), guid))
        ctx.report.note("Selections with a comment (Description) or with no coding became "
                        "memos on their segment.")
    return codes


def _coding(el: etree._Element, ctx: Reading, doc: str, a: int, b: int,
            sel: etree._Element | None) -> str | None:
    ref = kid(el, "CodeRef")
    code = ctx.book.code_name(norm_guid(ref.get("targetGUID") if ref is not None else ""))
    if code is None:
        ctx.report.dropped.codings += 1
        ctx.report.note("Codings that refer to a code missing from the codebook were left out.")
        return None
    coder = ctx.coder(el.get("creatingUser"), sel.get("creatingUser") if sel is not None else None)
    created = parse_datetime(el.get("creationDateTime"))
    ctx.codings.append(Coding(doc, a, b, code, coder, created, norm_guid(el.get("guid"))))
    ctx.report.imported.codings += 1
    ctx.attach_note(list(kids(el, "NoteRef")), Target(doc, a, b, code))
    return code


def _source_extras(el: etree._Element, ctx: Reading, target: Target, name: str) -> None:
    """NoteRefs, Description and VariableValues of a source."""
    ctx.attach_note(list(kids(el, "NoteRef")), target)
    description = kid_text(el, "Description").strip()
    if description:
        ctx.memos.append(Memo(description, title="Description", document=target.document))
        ctx.report.note("Source descriptions became memos titled 'Description'.")
    for value in kids(el, "VariableValue"):
        if target.document:
            ctx.values.append(("document", target.document, value))
        else:
            ctx.report.note(f"Variable values of {name!r} were left out: Stemmen keeps values "
                            "only on documents and cases.")


def _pdf_source(el: etree._Element, ctx: Reading, name: str, guid: str) -> None:
    rep = kid(el, "Representation")
    twins = text_source(rep, ctx, name, guid, "pdf") if rep is not None else None
    if twins is not None:
        ctx.report.note(f"PDF {name!r} became a document from its text representation; "
                        "the PDF itself is kept as a file.")
        for region in kids(el, "PDFSelection"):
            ctx.report.imported.selections += 1  # counted on the PDF file
            twin = norm_guid(region.get("guid"))
            ctx.attach_note(list(kids(region, "NoteRef")), ctx.targets.get(twin, Target(
                label=f"a region of PDF {name!r}")))
            carried = twins.get(twin)
            if carried is None:
                _drop_codings(region, ctx, f"PDF {name!r}", "a PDF region with no text twin")
                continue
            for coding in kids(region, "Coding"):
                ref = kid(coding, "CodeRef")
                code = ctx.book.code_name(norm_guid(ref.get("targetGUID") if ref is not None
                                                    else ""))
                if code in carried:
                    ctx.report.imported.codings += 1
                else:
                    _drop_codings(coding, ctx, f"PDF {name!r}", "a PDF region")
        for coding in kids(el, "Coding"):
            _coding(coding, ctx, name, 0, len(ctx.documents[-1].text), None)
        _source_extras(el, ctx, Target(document=name), name)
    _as_file(el, ctx, name, guid, "pdf", el.get("path") or "", with_text=twins is not None)


def _as_file(el: etree._Element, ctx: Reading, name: str, guid: str, kind: str, path: str,
             with_text: bool = False) -> None:
    """Keep a source as an external file; its own selections are counted, codings reported."""
    data = b""
    if path.startswith("internal://"):
        data = ctx.fetch(path) or b""
        if not data:
            ctx.report.note(f"The file of {kind} source {name!r} ({path}) is not in the archive.")
    elif path:
        ctx.report.note(f"The {kind} source {name!r} is an external file ({path}); only its "
                        "path was kept.")
    own = 0
    if not with_text:
        label = "its text is missing" if kind == "text" else f"a {kind}"
        for sel in el.iter():
            if isinstance(sel.tag, str) and local(sel).endswith("Selection"):
                own += 1
                ctx.report.imported.selections += 1
                where = Target(label=f"a selection in {kind} source {name!r}")
                ctx.targets.setdefault(norm_guid(sel.get("guid")), where)
                ctx.attach_note(list(kids(sel, "NoteRef")), where)
        _drop_codings(el, ctx, f"{kind} source {name!r}", label)
        if kind == "text":
            ctx.report.note(f"Text source {name!r} has no text in the file; it is kept as a "
                            "file reference and its codings could not be placed.")
        _source_extras(el, ctx, Target(label=f"{kind} source {name!r}"), name)
        for transcript in kids(el, "Transcript"):
            ctx.report.note(f"Transcript {transcript.get('name')!r} of {name!r} (synchronised "
                            "text) was not imported.")
    else:
        own = len(list(kids(el, "PDFSelection")))
    ctx.files.append(ExternalFile(name, path, kind, data, guid, own))
    ctx.file_by_guid[guid] = name


def _drop_codings(el: etree._Element, ctx: Reading, where: str, why: str) -> None:
    codes = []
    for coding in el.iter():
        if isinstance(coding.tag, str) and local(coding) == "Coding":
            ref = kid(coding, "CodeRef")
            name = ctx.book.code_name(norm_guid(ref.get("targetGUID") if ref is not None else ""))
            codes.append(name or "?")
    if codes:
        ctx.report.dropped.codings += len(codes)
        ctx.report.note(f"{len(codes)} coding(s) in {where} ({why}) cannot be held by Stemmen "
                        f"and were left out: {', '.join(sorted(set(codes)))}.")
