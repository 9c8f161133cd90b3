"""Shared XML parts of REFI-QDA exchange: safe parsing, names, GUIDs, dates, the bundled XSDs.

Parsing is hardened for untrusted files: the bytes must be UTF-8 (a BOM is tolerated), lxml
runs with ``resolve_entities=False``, ``no_network=True``, ``load_dtd=False`` and
``huge_tree=False``, and any document type declaration is refused, so entity bombs and external
entities never expand. Elements are matched on their local name, so the namespace variants seen
in the wild (``urn:QDA-XML:project:1:0``, ``…codebook:0:4``) read like the standard one.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Iterator
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lxml import etree

from stemmen.errors import FormatError
from stemmen.formats.refi_report import ImportReport

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
MAX_XML_BYTES = 256 * 1024 * 1024
"""Largest XML parsed whole (a .qdc; a project.qde is streamed, see refi_scan)."""

_NS_VARIANT = re.compile(r"^urn:QDA-XML:(project|codebook):[0-9]+[.:][0-9]+$")
_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})\}?$")
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
DTD_REFUSED = ("contains a document type declaration (DTD), which REFI-QDA files never have; "
                "it was not read because entities can be used to attack the reader.")
_STEMMEN_NS = uuid.UUID("6c1f4a52-3d0e-5b7a-9c1e-2f5b8d7a4e10")
_STEMMEN_NS_BYTES = _STEMMEN_NS.bytes
_MB = 1024 * 1024
_ESCAPE = re.compile(r'[&<>"\t\n\r]')


def parse_xml(file: str, data: bytes, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """The root element of untrusted XML bytes, or FormatError with a reason a person can act on."""
    if not data.strip():
        raise FormatError(file, "is empty.")
    if len(data) > max_bytes:
        raise FormatError(
            file, f"is {len(data) / _MB:.1f} MB, more than the limit of {max_bytes / _MB:.1f} MB."
        )
    data = data.removeprefix(b"\xef\xbb\xbf")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        raise FormatError(file, "is encoded as UTF-16 or UTF-32; REFI-QDA files must be UTF-8.")
    _check_utf8(file, data, final=True)
    check_prolog(file, data)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(file, f"is not well-formed XML ({exc.msg}).", exc.lineno) from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise FormatError(file, DTD_REFUSED)
    return root


def _check_utf8(file: str, data: bytes, final: bool) -> None:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(file, "is not valid UTF-8; REFI-QDA files must be UTF-8.", line) from exc


def check_prolog(file: str, head: bytes) -> None:
    """Refuse what the first bytes of an XML file show: UTF-16/32, bytes that are not UTF-8,
    another declared encoding, a DTD. ``head`` may be the start of a longer file."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:4]:
        raise FormatError(file, "is encoded as UTF-16 or UTF-32; REFI-QDA files must be UTF-8.")
    _check_utf8(file, head, final=False)
    declared = _ENCODING.match(head)
    if declared and declared.group(1).decode().lower() not in ("utf-8", "utf8"):
        raise FormatError(
            file, f"declares encoding {declared.group(1).decode()}; REFI-QDA files must be UTF-8."
        )
    if _has_doctype(head):
        raise FormatError(file, DTD_REFUSED)


def _has_doctype(data: bytes) -> bool:
    """True when the prolog (before the root element) holds a ``<!DOCTYPE``."""
    pos = 0
    while True:
        match = _PROLOG_ITEM.match(data, pos)
        if match is None:
            return data.startswith(b"<!DOCTYPE", pos)
        pos = match.end()


def local(el: etree._Element) -> str:
    """Tag without namespace."""
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def namespace(el: etree._Element) -> str:
    """Namespace URI of an element ('' if none)."""
    tag = el.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def is_refi_namespace(ns: str, kind: str) -> bool:
    """True for ``urn:QDA-XML:<kind>:<major>.<minor>`` and its colon variants."""
    match = _NS_VARIANT.match(ns)
    return bool(match and match.group(1) == kind)


def kids(el: etree._Element, *names: str) -> Iterator[etree._Element]:
    """Direct children whose local name is one of ``names`` (in any namespace or none)."""
    return el.iterchildren(*_any_namespace(names))


@lru_cache(maxsize=256)
def _any_namespace(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{{*}}{name}" for name in names)


def kid(el: etree._Element, name: str) -> etree._Element | None:
    """The first direct child named ``name``."""
    return next(kids(el, name), None)


def kid_text(el: etree._Element, name: str) -> str:
    """Text of the first child named ``name`` ('' if absent or empty)."""
    child = kid(el, name)
    return (child.text or "") if child is not None else ""


def count(root: etree._Element, *names: str) -> int:
    """Number of descendants (and root) whose local name is one of ``names``."""
    return sum(1 for el in root.iter() if isinstance(el.tag, str) and local(el) in names)


@lru_cache(maxsize=4096)  # users and codes are cited over and over
def norm_guid(value: str | None) -> str:
    """A GUID without braces, lower case; '' when ``value`` is not a GUID."""
    match = _GUID.match((value or "").strip())
    return match.group(1).lower() if match else ""


def attribute(value: str) -> str:
    """``value`` escaped as libxml2 writes an attribute value between double quotes."""
    if _ESCAPE.search(value) is None:
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
            .replace("\r", "&#13;"))


def guid_for(*parts: object) -> str:
    """A deterministic GUID for something Stemmen writes that has none yet.

    ``str(uuid.uuid5(namespace, name))``, computed without the UUID object (the writer
    derives one per selection)."""
    name = "\x1f".join([str(p) for p in parts]).encode("utf-8")
    digest = bytearray(hashlib.sha1(_STEMMEN_NS_BYTES + name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def parse_datetime(value: str | None) -> dt.datetime | None:
    """An aware datetime from xsd:dateTime (naive values are taken as UTC), or None."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def format_datetime(moment: dt.datetime) -> str:
    """xsd:dateTime in UTC with a Z, as every REFI tool writes it."""
    if moment.tzinfo is None or type(moment.tzinfo) is dt.timezone:
        return _fixed_datetime(moment)  # equal values give equal text: cached
    return _format_datetime(moment)  # equal wall times of a zone may differ by ``fold``


@lru_cache(maxsize=4096)  # codings imported together share their timestamps
def _fixed_datetime(moment: dt.datetime) -> str:
    return _format_datetime(moment)


def _format_datetime(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_name(name: str | None) -> str:
    """A name on one line with single spaces."""
    return " ".join((name or "").split())


@lru_cache(maxsize=2)
def schema(kind: str) -> etree.XMLSchema:
    """The bundled XSD: ``kind`` is "project" or "codebook"."""
    file = {"project": "Project-mrt2019.xsd", "codebook": "Codebook-mrt2019.xsd"}[kind]
    path = Path(__file__).with_name("schema") / file
    return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True)))


def schema_errors(root: etree._Element, kind: str, limit: int = 5) -> list[str]:
    """Validation errors of ``root`` against the bundled XSD ('' list when valid)."""
    xsd = schema(kind)
    if xsd.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in list(xsd.error_log)[:limit]]


def validate_qde(data: bytes) -> list[str]:
    """Schema errors of a project.qde (empty when it validates)."""
    return schema_errors(parse_xml("project.qde", data), "project", limit=50)


def validate_qdc(data: bytes) -> list[str]:
    """Schema errors of a .qdc codebook (empty when it validates)."""
    return schema_errors(parse_xml("codebook.qdc", data), "codebook", limit=50)


def tool_of(origin: str) -> tuple[str, str]:
    """The tool family and version named in an ``origin`` attribute."""
    families = ("NVivo", "ATLAS.ti", "MAXQDA", "Taguette", "QualCoder", "Stemmen", "Quirkos",
                "Transana", "f4analyse", "Dedoose")
    for family in families:
        if family.lower() in origin.lower():
            match = re.search(r"(\d+(?:\.\d+)+|\d+)", origin[origin.lower().index(family.lower()):])
            return family, match.group(1) if match else ""
    return "", ""


def origin() -> str:
    """The ``origin`` Stemmen writes: its name and version."""
    try:
        return f"Stemmen {version('stemmen')}"
    except PackageNotFoundError:
        return "Stemmen"


def check_root_kind(file: str, root: etree._Element, expected: str, kind: str) -> None:
    """FormatError unless the root is ``expected`` in a REFI-QDA namespace (or none)."""
    other = {"CodeBook": "a codebook (.qdc)", "Project": "a project (.qde/.qdpx)"}
    if local(root) != expected:
        what = other.get(local(root), f"a <{local(root)}> document")
        raise FormatError(file, f"is {what}, not a REFI-QDA {kind}.")
    ns = namespace(root)
    if ns and not (is_refi_namespace(ns, "project") or is_refi_namespace(ns, "codebook")):
        raise FormatError(file, f"uses namespace {ns!r}, which is not REFI-QDA.")


def check_root(
    file: str, root: etree._Element, expected: str, kind: str, report: ImportReport,
    errors: list[str] | None = None,
) -> None:
    """Check the root element and namespace; fill origin, tool and schema validity.

    ``errors`` are the schema errors when the file was validated as it was read (else the
    tree under ``root`` is validated here)."""
    check_root_kind(file, root, expected, kind)
    ns = namespace(root)
    report.namespace = ns
    report.origin = root.get("origin", "")
    report.tool, report.tool_version = tool_of(report.origin)
    standard = CODEBOOK_NS if kind == "codebook" else PROJECT_NS
    if ns == standard:
        report.schema_errors = schema_errors(root, kind) if errors is None else errors
        report.valid = not report.schema_errors
        if report.schema_errors:
            report.deviation("The file does not validate against the REFI-QDA schema ("
                             + report.schema_errors[0] + "); it was read anyway.")
    elif is_refi_namespace(ns, "project") or is_refi_namespace(ns, "codebook"):
        report.deviation(f"The file uses namespace {ns!r} instead of {standard!r}; "
                         "it was read as the standard one (schema not checked).")
    elif not ns:
        report.deviation("The file has no REFI-QDA namespace; it was read as the standard one.")


def kid_or_empty(root: etree._Element, name: str) -> etree._Element:
    """The child ``name`` or an empty element, to iterate over safely."""
    found = kid(root, name)
    return found if found is not None else etree.Element("none")
