"""Streaming a .qdpx to a file: ``project.qde`` one source at a time, then the source texts;
a codebook (.qdc) written the same way, from the same :class:`Writer`.

The caller may hand over the documents (with their text) and their codings one at a time
(:class:`Sources`) instead of holding them all in the snapshot, so memory holds one document's
part of the XML at a time. ``project.qde`` is written part by part (serialised by lxml, or as
text for selections) straight into its zip member (ZIP64 when it might pass 2 GiB); the texts
are read a second time and written as members after it. A file path is written under a
temporary name and renamed when complete, so a failed export leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from stemmen.errors import Invalid
from stemmen.formats.refi_write import INDENT, Part, Writer, lf_text
from stemmen.formats.refi_xml import CODEBOOK_NS, PROJECT_NS, origin
from stemmen.model.codes import Category, Code
from stemmen.model.codings import Coding
from stemmen.model.documents import Document
from stemmen.model.snapshot import CodeSet, ProjectSnapshot

_STAMP = (1980, 1, 1, 0, 0, 0)
_INDENT = INDENT
_ZIP64_AT = zipfile.ZIP64_LIMIT  # members that might grow past this are written as ZIP64
_PER_CODING = 2048  # generous bytes of XML per coding, to decide on ZIP64 before writing
_PER_DOCUMENT = 64 * 1024

Documents = Callable[[bool], Iterable[tuple[Document, Sequence[Coding]]]]
"""Called with ``with_codings``: every document of the snapshot, in its order, with its text
and (when asked, else an empty list) its codings ordered by start, end and id."""


@dataclass(frozen=True)
class Sources:
    """The documents of a snapshot, read on demand rather than held in it."""

    read: Documents
    codings: int  # how many codings ``read(True)`` gives in all


def from_snapshot(snap: ProjectSnapshot) -> Sources:
    """The documents and codings the snapshot itself holds."""
    by_doc: dict[str, list[Coding]] = defaultdict(list)
    for coding in snap.codings:
        by_doc[coding.document].append(coding)

    def read(with_codings: bool) -> Iterator[tuple[Document, Sequence[Coding]]]:
        for doc in snap.documents:
            yield doc, by_doc.get(doc.name, []) if with_codings else []

    return Sources(read, len(snap.codings))


def write_qdpx_to(target: str | Path | IO[bytes], snap: ProjectSnapshot,
                  sources: Sources | None = None, *, utf16: bool = False,
                  warnings: list[str] | None = None) -> None:
    """Write the .qdpx of ``snap`` to a path or a writable binary file.

    With ``sources``, the documents of ``snap`` need no text and ``snap.codings`` is not used
    for them. What cannot be written is added to ``warnings``.
    """
    if not isinstance(target, (str, os.PathLike)):
        _write(target, snap, sources, utf16, warnings)
        return
    path = Path(target)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
    try:
        with open(temp, "xb") as handle:  # the same permissions as any file written here
            _write(handle, snap, sources, utf16, warnings)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


COMPRESS_LEVEL = 1
"""zlib level of every member: level 1 deflates transcripts about 3x faster than the default 6,
for files about a fifth larger."""


def _write(handle: IO[bytes], snap: ProjectSnapshot, sources: Sources | None, utf16: bool,
           warnings: list[str] | None) -> None:
    sources = sources or from_snapshot(snap)
    writer = Writer(snap, utf16, warnings if warnings is not None else [])
    deflate = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(handle, "w", deflate, compresslevel=COMPRESS_LEVEL) as archive:
        info = _info("project.qde")
        with archive.open(info, "w", force_zip64=_big(snap, sources)) as member:
            _write_qde(member, writer, sources.read(True))
        documents = iter(sources.read(False))
        for name, data in writer.members.items():
            if isinstance(data, int):
                doc = _next_document(documents, snap, data)
                data = lf_text(doc.text).encode("utf-8")
            archive.writestr(_info(f"sources/{name}"), data)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = COMPRESS_LEVEL  # type: ignore[attr-defined]  # compress_level in 3.13
    return info


def _big(snap: ProjectSnapshot, sources: Sources) -> bool:
    """True when project.qde might pass the ZIP64 limit (an upper bound, not a measure)."""
    notes = sum(len(m.text) + len(m.title) for m in snap.memos) * 6
    guess = sources.codings * _PER_CODING + len(snap.documents) * _PER_DOCUMENT + notes
    return guess + (16 << 20) >= _ZIP64_AT


def _next_document(documents: Iterator[tuple[Document, Sequence[Coding]]],
                   snap: ProjectSnapshot, index: int) -> Document:
    """The document at ``index``, which the second reading must give in the same order."""
    doc = next(documents, (None, ()))[0]
    if doc is None or doc.name != snap.documents[index].name:
        raise RuntimeError("The documents were read in a different order the second time.")
    return doc


def write_qdc(categories: Sequence[Category], codes: Sequence[Code],
              sets: Sequence[CodeSet] = ()) -> bytes:
    """A .qdc that validates against the Codebook XSD; sets keep only their codes."""
    snap = ProjectSnapshot(categories=list(categories), codes=list(codes), sets=list(sets))
    writer = Writer(snap, False, [])
    if not writer.code_tree:
        raise Invalid("An empty codebook cannot be exported: a .qdc needs at least one code.")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": origin()},
                         nsmap={None: CODEBOOK_NS})
    buffer = io.BytesIO()
    _write_document(_Buffer(buffer), writer, root, [(None, writer.codebook())])
    return buffer.getvalue()


Section = tuple[str | None, Iterable[Part]]
"""Parts written at the root's level (None), or inside a wrapper element of that name."""


def _write_qde(member: IO[bytes], writer: Writer,
               documents: Iterable[tuple[Document, Sequence[Coding]]]) -> None:
    """project.qde: Users, CodeBook, Variables, Cases, Sources (one at a time), Notes, Sets."""
    root = etree.Element(f"{{{PROJECT_NS}}}Project", writer.root_attributes(),
                         nsmap={None: PROJECT_NS})
    head = list(writer.head())
    sections: list[Section] = []
    if head or writer.has_sources() or writer.has_tail():
        sections.append((None, head))
        if writer.has_sources():
            sections.append(("Sources", writer.sources(iter(documents))))
        sections.append((None, writer.tail()))
    _write_document(_Buffer(member), writer, root, sections)


def _write_document(out: _Buffer, writer: Writer, root: etree._Element,
                    sections: list[Section]) -> None:
    """An XML document as ``etree.tostring(..., pretty_print=True)`` of its whole tree would
    write it: the (empty) ``root`` holding the parts of each section in order."""
    out.write(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    opening = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    if not sections:
        out.write(opening + b"\n")
        out.flush()
        return
    out.write(opening.removesuffix(b"/>") + b">")
    for wrapper, parts in sections:
        if wrapper is None:
            _parts(out, writer, parts, 1)
            continue
        out.write(f"\n{_INDENT}<{wrapper}>".encode())
        _parts(out, writer, parts, 2)
        out.write(f"</{wrapper}>".encode())
    out.write(f"\n</{etree.QName(root).localname}>\n".encode())
    out.flush()


def _parts(out: _Buffer, writer: Writer, parts: Iterable[Part], level: int) -> None:
    """Write each part on its own line, indented as pretty-printing would."""
    wrote = False
    for part in parts:
        out.write(("\n" + _INDENT * level).encode())
        out.write(writer.serialise(part, level))
        wrote = True
    if wrote and level > 1:
        out.write(("\n" + _INDENT * (level - 1)).encode())


class _Buffer:
    """Collects small writes and hands them to the zip member in large pieces."""

    SIZE = 1 << 20

    def __init__(self, member: IO[bytes]) -> None:
        self.member = member
        self.pieces: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> None:
        self.pieces.append(data)
        self.size += len(data)
        if self.size >= self.SIZE:
            self.flush()

    def flush(self) -> None:
        if self.pieces:
            self.member.write(b"".join(self.pieces))
        self.pieces, self.size = [], 0
