"""Text out of word-processor files: .docx, .odt, .rtf and .pdf, one paragraph per line.

What is kept, per format (the project's convention: every non-blank line is one paragraph):

- **.docx / .odt**: the body in reading order. Every paragraph and heading is one line; a line
  break inside a paragraph (Shift+Enter) starts a new line, because a reader sees one. A table
  row is one line with its non-empty cells joined by `` | ``. Tracked changes are read as
  accepted (insertions kept, deletions dropped). Footnotes, endnotes and comments are kept as
  lines of their own right after the paragraph they belong to: ``[Note: text]`` for a footnote
  or endnote, ``[Comment (author): text]`` for a comment (the markers stay in English in the
  text), so a transcriber's or translator's note is not lost. Page headers and footers, text
  boxes and drawings are left out. The XML is parsed here with defusedxml (see
  :mod:`stemmen.formats.safety`) rather than by python-docx/odfpy, so that both formats get the
  same hardening and the same rules.
- **.rtf**: striprtf with the file's own code page (``\\ansicpgN``, font charsets), ``\\uN``
  escapes including surrogate pairs; table cells are joined by `` | ``.
- **.pdf**: pypdfium2 text, page by page. Inside a page, a line that does not end in sentence
  punctuation (``.!?…:;`` or a closing quote) and is followed by a line starting with a
  lower-case letter is joined to it: the line was wrapped by the layout, not by the author.
  A line ending in a hyphen is joined without a space (the hyphen is kept unless pdfium marked
  it as a soft hyphen). Pages are never joined to each other.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from xml.etree.ElementTree import Element

import pypdfium2 as pdfium
from striprtf.striprtf import rtf_to_text

from stemmen.errors import FormatError
from stemmen.formats.safety import (
    check_size,
    local_name,
    not_valid,
    open_zip,
    parse_xml,
    read_member,
)

Extracted = tuple[str, list[str]]
"""Text (lines joined with LF, not yet normalised) and warnings for the researcher."""

_TABLE_NOTE = "{n} table(s) were read as one line per row, cells separated by ' | '."
_WORD = "a Word document"
_ODT = "an OpenDocument text document"


def _children(parent: Element | None, tag: str) -> Iterator[Element]:
    """The children of ``parent`` with this local name."""
    return (el for el in (parent if parent is not None else ()) if local_name(el.tag) == tag)


def _child(parent: Element | None, tag: str) -> Element | None:
    return next(_children(parent, tag), None)


@dataclass(frozen=True)
class _Dialect:
    """The element names of a word-processing XML format that the block walker needs."""

    paragraphs: set[str]
    table: str
    rows: Callable[[Element], Iterator[Element]]
    cell: str
    inline: Callable[[Element], str]
    skip: frozenset[str]
    notes: Callable[[Element], list[str]] = lambda _el: []


def _blocks(dialect: _Dialect, parent: Element, lines: list[str]) -> int:
    """Append one line per paragraph and per table row; return how many tables were met."""
    tables = 0
    for child in parent:
        tag = local_name(child.tag)
        if tag in dialect.paragraphs:
            lines.extend(line.strip() for line in dialect.inline(child).split("\n"))
            lines.extend(dialect.notes(child))
        elif tag == dialect.table:
            tables += 1
            for row in dialect.rows(child):
                cells = []
                for cell in _children(row, dialect.cell):
                    cell_lines: list[str] = []
                    tables += _blocks(dialect, cell, cell_lines)
                    cells.append(" ".join(line for line in cell_lines if line))
                lines.append(" | ".join(c for c in cells if c))
        elif tag not in dialect.skip:
            tables += _blocks(dialect, child, lines)  # sdt, list, list-item, section, ...
    return tables


# --- .docx -----------------------------------------------------------------------------

# fmt: off
_DOCX_SKIP = frozenset({
    "pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "del", "delText", "moveFrom",
    "instrText", "fldData", "drawing", "pict", "object", "AlternateContent", "commentReference",
    "footnoteReference", "endnoteReference", "sdtPr", "sdtEndPr",
})
# fmt: on
_DOCX_TEXT = {"tab": "\t", "noBreakHyphen": "-", "softHyphen": ""}


def extract_docx(name: str, data: bytes) -> Extracted:
    """Paragraphs and table rows of a .docx body, one per line."""
    archive = open_zip(name, data, ".docx", _WORD)
    with archive:
        names = set(archive.namelist())
        main = _docx_main_part(name, archive, names)
        if main not in names:
            raise not_valid(name, data, ".docx", _WORD)
        root = parse_xml(name, read_member(name, archive, main, ".docx", _WORD), ".docx")
        notes = {kind: _docx_note_texts(parse_xml(name, read_member(
                     name, archive, part, ".docx", _WORD), ".docx"), kind)
                 for kind, part in _DOCX_NOTE_PARTS.items() if part in names}
    body = _child(root, "body")
    if body is None:
        raise FormatError(name, "is not a valid .docx file (it has no document body)")
    lines: list[str] = []
    tables = _blocks(replace(_DOCX, notes=partial(_docx_notes, notes)), body, lines)
    warnings = [_TABLE_NOTE.format(n=tables)] if tables else []
    if any(local_name(el.tag) in {"ins", "del"} for el in body.iter()):
        warnings.append("Tracked changes were read as accepted (deleted text left out).")
    return "\n".join(lines), warnings


def _docx_main_part(name: str, archive: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part named by ``_rels/.rels`` (usually word/document.xml)."""
    if "_rels/.rels" not in names:
        return "word/document.xml"
    rels = parse_xml(name, read_member(name, archive, "_rels/.rels", ".docx", _WORD), ".docx")
    for rel in rels:
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


_DOCX_NOTE_PARTS = {"footnote": "word/footnotes.xml", "endnote": "word/endnotes.xml",
                    "comment": "word/comments.xml"}
_REFERENCES = {"footnoteReference": "footnote", "endnoteReference": "endnote",
               "commentReference": "comment"}


def _attr(element: Element, name: str) -> str:
    return next((v for k, v in element.attrib.items() if local_name(k) == name), "")


def _docx_note_texts(root: Element, kind: str) -> dict[str, str]:
    """The notes of a footnotes/endnotes/comments part as marked lines, by id."""
    out = {}
    for note in _children(root, kind):
        if _attr(note, "type") in {"separator", "continuationSeparator", "continuationNotice"}:
            continue
        text = " ".join(" ".join(_docx_inline(p).split()) for p in note.iter()
                        if local_name(p.tag) == "p").strip()
        if text:
            out[_attr(note, "id")] = _note_line(kind, text, _attr(note, "author"))
    return out


def _note_line(kind: str, text: str, author: str = "") -> str:
    """``[Note: text]`` for a footnote or endnote, ``[Comment (author): text]``."""
    if kind == "comment":
        return f"[Comment ({author.strip()}): {text}]" if author.strip() else f"[Comment: {text}]"
    return f"[Note: {text}]"


def _docx_notes(notes: dict[str, dict[str, str]], paragraph: Element) -> list[str]:
    """The notes a .docx paragraph refers to, in the order of their references."""
    out = []
    for el in paragraph.iter():
        kind = _REFERENCES.get(local_name(el.tag))
        if kind and (line := notes.get(kind, {}).get(_attr(el, "id"))):
            out.append(line)
    return out


def _docx_inline(parent: Element, out: list[str] | None = None) -> str:
    out = [] if out is None else out
    for child in parent:
        tag = local_name(child.tag)
        if tag == "t":
            out.append(child.text or "")
        elif tag in _DOCX_TEXT:
            out.append(_DOCX_TEXT[tag])
        elif tag in {"br", "cr"}:
            kind = next((v for k, v in child.attrib.items() if local_name(k) == "type"), "")
            out.append("" if kind in {"page", "column"} else "\n")
        elif tag not in _DOCX_SKIP:
            _docx_inline(child, out)  # r, hyperlink, ins, smartTag, sdt, fldSimple, ...
    return "".join(out)


# --- .odt ------------------------------------------------------------------------------

# fmt: off
_ODT_SKIP = frozenset({
    "note", "annotation", "annotation-end", "tracked-changes", "change", "change-start",
    "change-end", "frame", "sequence-decls", "variable-decls", "user-field-decls", "forms",
    "table-of-content", "alphabetical-index", "table-columns", "table-column",
    "covered-table-cell", "bookmark", "bookmark-start", "bookmark-end", "soft-page-break",
})
# fmt: on
_SPACES = re.compile(r"[ \t\r\n]+")


def extract_odt(name: str, data: bytes) -> Extracted:
    """Paragraphs, headings, list items and table rows of an .odt body, one per line."""
    archive = open_zip(name, data, ".odt", _ODT)
    with archive:
        names = set(archive.namelist())
        if "content.xml" not in names:
            raise not_valid(name, data, ".odt", _ODT)
        if "mimetype" in names:
            mimetype = read_member(name, archive, "mimetype", ".odt", _ODT)
            if not mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                kind = mimetype.decode("ascii", "replace")[:80]
                raise FormatError(name, f"is an OpenDocument file of another kind ({kind})")
        root = parse_xml(name, read_member(name, archive, "content.xml", ".odt", _ODT), ".odt")
    body = _child(_child(root, "body"), "text")
    if body is None:
        raise FormatError(name, "is not a valid .odt file (it has no text body)")
    lines: list[str] = []
    tables = _blocks(_ODF, body, lines)
    return "\n".join(lines), ([_TABLE_NOTE.format(n=tables)] if tables else [])


def _odt_notes(paragraph: Element) -> list[str]:
    """Footnotes, endnotes and comments (annotations) inside an .odt paragraph, as lines."""
    out = []
    for el in paragraph.iter():
        tag = local_name(el.tag)
        if tag == "note":
            body = _child(el, "note-body")
            text = " ".join(" ".join(_odt_inline(p).split()) for p in (body if body is not None
                            else ()) if local_name(p.tag) in {"p", "h"}).strip()
            if text:
                out.append(_note_line("note", text))
        elif tag == "annotation":
            creator = _child(el, "creator")
            text = " ".join(" ".join(_odt_inline(p).split()) for p in el
                            if local_name(p.tag) in {"p", "h"}).strip()
            if text:
                out.append(_note_line("comment", text,
                                      (creator.text or "") if creator is not None else ""))
    return out


def _odt_rows(parent: Element) -> Iterator[Element]:
    """Rows of a table, also inside row groups, but not the rows of tables nested in cells."""
    for child in parent:
        tag = local_name(child.tag)
        if tag == "table-row":
            yield child
        elif tag in {"table-header-rows", "table-rows", "table-row-group"}:
            yield from _odt_rows(child)


def _odt_inline(parent: Element, out: list[str] | None = None) -> str:
    out = [] if out is None else out
    out.append(_SPACES.sub(" ", parent.text or ""))
    for child in parent:
        tag = local_name(child.tag)
        if tag == "s":
            count = next((v for k, v in child.attrib.items() if local_name(k) == "c"), "1")
            out.append(" " * (int(count) if count.isdigit() else 1))
        elif tag == "tab":
            out.append("\t")
        elif tag == "line-break":
            out.append("\n")
        elif tag not in _ODT_SKIP:
            _odt_inline(child, out)  # span, a, meta, ...
        out.append(_SPACES.sub(" ", child.tail or ""))
    return "".join(out)


_DOCX = _Dialect({"p"}, "tbl", lambda t: _children(t, "tr"), "tc", _docx_inline, _DOCX_SKIP)
_ODF = _Dialect({"p", "h"}, "table", _odt_rows, "table-cell", _odt_inline, _ODT_SKIP,
                _odt_notes)


# --- .rtf ------------------------------------------------------------------------------

_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")
_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def extract_rtf(name: str, data: bytes) -> Extracted:
    """Plain text of an RTF file; table rows become lines with cells joined by ' | '."""
    check_size(name, data)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise not_valid(name, data, ".rtf", "an RTF document")
    match = _CODEPAGE.search(data[:4096])
    codepage = f"cp{match.group(1).decode()}" if match else "cp1252"
    try:
        source = data.decode("utf-8") if not data.isascii() else data.decode("ascii")
    except UnicodeDecodeError:
        source = data.decode(codepage, errors="replace")
    try:
        text = rtf_to_text(source, encoding=codepage, errors="replace")
    except (LookupError, ValueError, IndexError) as exc:
        raise not_valid(name, data, ".rtf", "an RTF document") from exc
    text = _SURROGATES.sub(
        lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"), text
    )
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    warnings = []
    if "\ufffd" in text:
        warnings.append("Some characters could not be decoded and were replaced by '\ufffd'.")
    lines = [
        " | ".join(c.strip() for c in line[:-1].split("|") if c.strip())
        if line.endswith("|")
        else line
        for line in text.split("\n")
    ]
    return "\n".join(lines), warnings


# --- .pdf ------------------------------------------------------------------------------

_SENTENCE_END = tuple(".!?…:;\"'”’»)]")


def extract_pdf(name: str, data: bytes) -> Extracted:
    """Text of a PDF, page by page, with layout-wrapped lines joined (see module notes)."""
    check_size(name, data)
    if not data.lstrip()[:1024].startswith(b"%PDF"):
        raise not_valid(name, data, ".pdf", "a PDF document")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == 4 or "password" in str(exc).lower():
            raise FormatError(
                name, "is protected with a password; save an unprotected copy and import that"
            ) from exc
        raise not_valid(name, data, ".pdf", "a PDF document") from exc
    pages: list[str] = []
    empty = 0
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            textpage.close()
            page.close()
            lines = join_wrapped_lines(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
            empty += not any(line.strip() for line in lines)
            pages.append("\n".join(lines))
    except pdfium.PdfiumError as exc:
        raise not_valid(name, data, ".pdf", "a PDF document") from exc
    finally:
        document.close()
    if empty == len(pages):
        raise FormatError(name, "contains no text (scanned? run OCR first)")
    warnings = [f"{empty} of {len(pages)} pages have no text (scanned?)."] if empty else []
    return "\n".join(pages), warnings


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Join lines that the layout wrapped inside a paragraph."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        prev = out[-1] if out else ""
        if line and prev and line[0].islower():
            if prev[-1] in "\x02\u00ad":  # soft hyphen marked by pdfium
                out[-1] = prev[:-1] + line
                continue
            if prev[-1] == "-":
                out[-1] = prev + line
                continue
            if not prev.endswith(_SENTENCE_END):
                out[-1] = f"{prev} {line}"
                continue
        out.append(line)
    return out
