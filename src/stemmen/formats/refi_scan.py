"""Reading a REFI-QDA project XML as a stream, so that its size does not decide memory.

``survey`` reads the whole file once: it validates it against the XSD (while parsing), counts
its elements, notes which codes the codings cite and keeps everything outside ``Sources`` as a
tree. ``sources`` reads it again and gives the children of ``Sources`` one at a time, each
dropped once read. At no time is more than one part held: everything outside Sources, or one
source, each capped at ``Limits.max_xml_part`` bytes of XML.

The protections of :func:`refi_xml.parse_xml` are kept: UTF-8 only, no DTD (refused before the
root is read), entities never resolved, no network, lxml's ``huge_tree`` off.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol

from lxml import etree

from stemmen.errors import FormatError
from stemmen.formats.refi_xml import (
    DTD_REFUSED,
    check_prolog,
    check_root_kind,
    local,
    norm_guid,
    parse_xml,
    schema,
    schema_errors,
)
from stemmen.formats.refi_zip import Limits


class XmlStream(Protocol):
    """A binary stream of the XML used in a ``with`` block: a file, BytesIO, a zip member."""

    def read(self, size: int = -1, /) -> bytes: ...

    def __enter__(self) -> XmlStream: ...

    def __exit__(self, typ: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None, /) -> object: ...


Opener = Callable[[], XmlStream]
"""Opens a new binary stream of the XML from its first byte."""

_MB = 1024 * 1024
_HEAD = 64 * 1024
_TREE_CHECK = 16 * _MB  # invalid files up to this size are validated again as a tree
_SCHEMA = etree.ErrorDomains.SCHEMASV
_BAD_BYTES = etree.ErrorTypes.ERR_INVALID_ENCODING
_OPTIONS: dict[str, Any] = {
    "events": ("start", "end"),
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


@dataclass
class Survey:
    """What one reading of the whole project XML found."""

    root: etree._Element  # the document without the children of (the first) Sources
    counts: Counter[str] = field(default_factory=Counter)  # local names of all elements
    used: set[str] = field(default_factory=set)  # code GUIDs cited by CodeRef in Sources
    odd_guids: bool = False  # some GUID has braces or capitals
    schema_errors: list[str] = field(default_factory=list)  # empty: valid (if validated)


class _Counted:
    """A stream that counts the bytes the parser took from it."""

    def __init__(self, stream: XmlStream) -> None:
        self._stream, self.pos = stream, 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.pos += len(data)
        return data


def survey(file: str, open_xml: Opener, limits: Limits, expected: str, kind: str) -> Survey:
    """Read the whole XML once (see the module); FormatError if it is hostile or broken."""
    with open_xml() as stream:
        head = stream.read(_HEAD)
        if not head.strip() and len(head) < _HEAD:
            raise FormatError(file, "is empty.")
    check_prolog(file, head)
    etree.clear_error_log()
    try:
        return _survey(file, open_xml, limits, expected, kind, validate=True)[0]
    except etree.XMLSyntaxError as exc:  # invalid or not well-formed: the second reading tells
        streamed = [e for e in exc.error_log if e.domain == _SCHEMA]
        first = exc.msg
    try:
        found, size = _survey(file, open_xml, limits, expected, kind, validate=False)
    except etree.XMLSyntaxError as exc:
        raise _syntax(file, exc) from exc
    if size <= _TREE_CHECK:  # small enough to validate as a tree, which gives line numbers
        with open_xml() as stream:
            found.schema_errors = schema_errors(parse_xml(file, stream.read()), kind)
    if not found.schema_errors:
        found.schema_errors = [f"line {e.line}: {e.message}" if e.line else e.message
                               for e in streamed[:5]] or [first]
    return found


def _syntax(file: str, exc: etree.XMLSyntaxError) -> FormatError:
    found = [e for e in exc.error_log if e.domain != _SCHEMA]
    if not found:
        return FormatError(file, f"is not well-formed XML ({exc.msg}).", exc.lineno)
    first = found[0]
    if first.type == _BAD_BYTES:
        return FormatError(file, "is not valid UTF-8; REFI-QDA files must be UTF-8.", first.line)
    where = f", line {first.line}, column {first.column}" if first.line else ""
    return FormatError(file, f"is not well-formed XML ({first.message}{where}).", first.line)


def _survey(file: str, open_xml: Opener, limits: Limits, expected: str, kind: str,
            validate: bool) -> tuple[Survey, int]:
    """The survey and the size of the XML in bytes."""
    with open_xml() as raw:
        stream = _Counted(raw)
        options = {**_OPTIONS, "schema": schema(kind)} if validate else _OPTIONS
        found: Survey | None = None
        sources: etree._Element | None = None
        depth = sources_bytes = source_from = 0
        sources_from = -1
        counts: Counter[str] = Counter()
        for event, el in etree.iterparse(stream, **options):
            if event == "start":
                depth += 1
                if depth == 1:
                    found = Survey(_checked_root(file, el, expected, kind), counts)
                elif sources is not None and depth == 3 and el.getparent() is sources:
                    source_from = stream.pos
                elif depth == 2 and sources is None and local(el) == "Sources":
                    sources, sources_from = el, stream.pos
                continue
            name = local(el)
            counts[name] += 1
            assert found is not None
            if not found.odd_guids:
                found.odd_guids = _odd_guid(el)
            inside = sources_from >= 0 and depth > 2
            if inside:
                if name == "CodeRef":
                    found.used.add(norm_guid(el.get("targetGUID")))
                if stream.pos - source_from > limits.max_xml_part:
                    raise _too_big(file, "one source", limits)
                el.clear()
                if depth == 3 and sources is not None:
                    while el.getprevious() is not None:
                        del sources[0]
            elif sources is not None and el is sources:
                sources_bytes, sources_from = stream.pos - sources_from, -1
                el.clear()
            elif stream.pos - sources_bytes > limits.max_xml_part:
                raise _too_big(file, "everything outside its sources", limits)
            depth -= 1
        if sources is not None and len(sources):
            del sources[:]
    if found is None:  # lxml gives no event and no error for a file without an element
        raise FormatError(file, "is not well-formed XML: it has no root element.")
    return found, stream.pos


def _checked_root(file: str, root: etree._Element, expected: str, kind: str) -> etree._Element:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise FormatError(file, DTD_REFUSED)
    check_root_kind(file, root, expected, kind)
    return root


def _odd_guid(el: etree._Element) -> bool:
    """True when a GUID of ``el`` has braces, capitals or spaces."""
    for attr in ("guid", "targetGUID"):
        raw = el.get(attr)
        if raw and not (len(raw) == 36 and raw == raw.lower()) and norm_guid(raw) not in (
                "", raw):
            return True
    return False


def _too_big(file: str, what: str, limits: Limits) -> FormatError:
    return FormatError(file, f"has more than {limits.max_xml_part / _MB:.0f} MB of project XML "
                       f"in {what}, more than the limit.")


def sources(file: str, open_xml: Opener) -> Iterator[etree._Element]:
    """The children of (the first) Sources, one at a time; each is cleared once the next is
    asked for. Call only after :func:`survey` accepted the same XML."""
    with open_xml() as stream:
        container: etree._Element | None = None
        depth = 0
        try:
            for event, el in etree.iterparse(stream, **_OPTIONS):
                if event == "start":
                    depth += 1
                    if depth == 2 and container is None and local(el) == "Sources":
                        container = el
                    continue
                depth -= 1
                if depth == 2 and container is not None and el.getparent() is container:
                    yield el
                    el.clear()
                    while el.getprevious() is not None:
                        del container[0]
                elif el is container:
                    return
                elif depth == 1:
                    el.clear()
        except etree.XMLSyntaxError as exc:  # the file changed since the survey
            raise _syntax(file, exc) from exc
