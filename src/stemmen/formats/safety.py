"""Guards for untrusted files: size limits, zip bombs, hostile XML, files with the wrong name.

Every reader calls :func:`check_size` first. Office files are zips: :func:`open_zip` checks the
central directory (member count, total unpacked size, compression ratio) before anything is
unpacked, and :func:`read_member` reads one member with a hard limit. Python's ``zipfile``
stops at the size a member declares and then fails its CRC check, so a member cannot unpack
to more than the directory says. XML is parsed with defusedxml and document type declarations
are refused outright: no office format needs one, so entity bombs and external entities never
reach the parser's expansion logic.

The limits are module constants so that a deployment (or a test) can change them.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from stemmen.errors import FormatError
from stemmen.formats.encodings import looks_like_text

MAX_FILE_BYTES = 100 * 1024 * 1024
"""Largest file any reader accepts."""

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Largest total unpacked size of a zip-based file (.docx, .odt, .xlsx)."""

MAX_ZIP_MEMBERS = 10_000
"""Most members a zip-based file may have."""

MAX_COMPRESSION_RATIO = 200
"""Largest unpacked:packed ratio of a member bigger than ``RATIO_CHECK_BYTES``."""

RATIO_CHECK_BYTES = 1024 * 1024
"""Members smaller than this are not ratio-checked (small XML compresses very well)."""

_MB = 1024 * 1024

_KINDS = (
    (b"%PDF-", "a PDF file", "rename it to .pdf"),
    (b"{\\rtf", "an RTF file", "rename it to .rtf"),
    (
        b"\xd0\xcf\x11\xe0",
        "an old Office 97-2003 file or a password-protected document",
        "open it in Word or LibreOffice and save it as {ext} without a password",
    ),
    (b"PK\x03\x04", "a ZIP-based file of another kind", "check that it has the right extension"),
)


def check_size(name: str, data: bytes) -> None:
    """Raise FormatError if the file is empty or larger than ``MAX_FILE_BYTES``."""
    if not data:
        raise FormatError(name, "is empty")
    if len(data) > MAX_FILE_BYTES:
        raise FormatError(
            name,
            f"is {len(data) / _MB:.0f} MB, more than the limit of {MAX_FILE_BYTES / _MB:.0f} MB",
        )


def sniff_kind(data: bytes) -> tuple[str, str] | None:
    """What the bytes really look like: (description, advice with ``{ext}``), or None."""
    head = data[:8]
    for magic, label, advice in _KINDS:
        if head.startswith(magic):
            return label, advice
    sample = data[:4096]
    if b"\x00" in sample:
        return None
    text = sample.decode("utf-8", errors="ignore")
    if len(text.encode("utf-8")) < len(sample) - 3:  # more than a character cut at the end
        try:
            text = sample.decode("cp1252")
        except UnicodeDecodeError:
            return None
    if looks_like_text(text):
        return "a plain text file", "rename it to .txt"
    return None


def not_valid(name: str, data: bytes, ext: str, what: str) -> FormatError:
    """The error for a file that is not the kind its extension promises, with a hint."""
    reason = f"is not a valid {ext} file (damaged or not {what})"
    found = sniff_kind(data)
    if found and not (found[0].startswith("a ZIP") and ext in {".docx", ".odt", ".xlsx"}):
        label, advice = found
        reason += f"; it looks like {label}: {advice.format(ext=ext)}"
    return FormatError(name, reason)


def open_zip(name: str, data: bytes, ext: str, what: str) -> zipfile.ZipFile:
    """Open a zip-based file after checking its directory against the limits."""
    check_size(name, data)
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise not_valid(name, data, ext, what)
    try:
        archive = zipfile.ZipFile(buffer)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise not_valid(name, data, ext, what) from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise FormatError(name, f"has {len(infos)} parts, too many for a {ext} file (zip bomb?)")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise FormatError(
            name,
            f"would unpack to {total / _MB:.0f} MB, more than the limit of "
            f"{MAX_UNZIPPED_BYTES / _MB:.0f} MB (zip bomb?)",
        )
    for info in infos:
        if info.file_size > RATIO_CHECK_BYTES and (
            info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise FormatError(
                name,
                f"has a part ({info.filename}) compressed {ratio}:1, far more than a real "
                f"{ext} file; refusing to unpack it (zip bomb?)",
            )
    return archive


def read_member(name: str, archive: zipfile.ZipFile, member: str, ext: str, what: str) -> bytes:
    """The bytes of one zip member, never more than ``MAX_UNZIPPED_BYTES``."""
    try:
        with archive.open(member) as handle:
            content = handle.read(MAX_UNZIPPED_BYTES + 1)
    except KeyError as exc:
        raise FormatError(
            name, f"is not a valid {ext} file (damaged or not {what}): it has no {member}"
        ) from exc
    except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, RuntimeError) as exc:
        raise FormatError(name, f"is not a valid {ext} file (damaged or not {what})") from exc
    if len(content) > MAX_UNZIPPED_BYTES:
        raise FormatError(name, f"has a part ({member}) larger than the unpacking limit")
    return content


def parse_xml(name: str, xml: bytes, ext: str) -> Element:
    """Parse XML from an office file with defusedxml; DTDs and entities are refused."""
    try:
        return SafeElementTree.fromstring(xml, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise FormatError(
            name,
            f"contains an XML document type declaration or entities, which a real {ext} file "
            "never has; it was not read (possibly a hostile file)",
        ) from exc
    except (ParseError, ValueError) as exc:
        raise FormatError(name, f"is not a valid {ext} file: its XML is damaged ({exc})") from exc


def local_name(tag: object) -> str:
    """The tag of an XML element without its namespace: ``{ns}p`` → ``p``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
