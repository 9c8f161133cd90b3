"""Reading a .qdpx archive safely: layout variants, zip-slip, zip bombs, size limits.

Nothing is ever written to disk, but member names that would escape a folder (``../``,
absolute paths, drive letters, symbolic links) mark a hostile file and are refused. The central
directory is checked before anything is unpacked (member count, total size, ratio), and each
member is then read with a hard cap, so a lying directory cannot inflate memory either.

The archive is read from its file (never loaded whole). Source files are read into memory one
at a time (``max_member``); the project XML is only streamed (:meth:`Archive.open_qde`), so it
may be much larger (``max_xml``): what the XML reader holds at once is capped separately
(``max_xml_part``, see :mod:`refi_scan`).
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from stemmen.errors import FormatError

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits for untrusted archives; tests pass small ones."""

    max_archive: int = 8192 * _MB  # the .qdpx itself
    max_members: int = 100_000
    max_member: int = 1024 * _MB  # one unpacked member read into memory (a source file)
    max_total: int = 16384 * _MB  # all unpacked members
    max_ratio: int = 200  # unpacked:packed, for members above ratio_floor
    ratio_floor: int = 1 * _MB
    max_xml: int = 8192 * _MB  # project.qde, streamed, never held whole
    max_xml_part: int = 256 * _MB  # XML held at once: one source, or all outside Sources


DEFAULT_LIMITS = Limits()
Data = bytes | str | Path | IO[bytes]
"""An archive's bytes, its path, or a binary file open for reading."""
_DRIVE = re.compile(r"^[A-Za-z]:")


class Archive:
    """A checked .qdpx: the project XML member and case-insensitive access to sources/."""

    def __init__(self, file: str, data: Data, limits: Limits = DEFAULT_LIMITS) -> None:
        self.file = file
        self.limits = limits
        self.deviations: list[str] = []
        self._zip, packed = _open(file, data, limits)
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in self._zip.infolist():
            name = _clean_member(file, info)
            if name in self._infos:
                raise FormatError(file, f"holds {name} twice; it is ambiguous and was not read.")
            self._infos[name] = info
        _check_directory(file, list(self._infos.values()), packed, limits)
        self._read_total = 0
        self.counted: dict[str, int] = {}  # bytes of each member counted in the total
        self._by_base: dict[str, str] | None = None
        self.qde, self.base = self._find_qde()
        self._sources = self._index_sources()

    def _find_qde(self) -> tuple[str, str]:
        names = [n for n in self._infos if n.lower().endswith(".qde")]
        rooted = [n for n in names if "/" not in n]
        pick = rooted or names
        if not pick:
            raise FormatError(self.file, "has no project.qde inside; it is not a REFI-QDA project.")
        if len(pick) > 1:
            exact = [n for n in pick if n.lower().rsplit("/", 1)[-1] == "project.qde"]
            if len(exact) != 1:
                raise FormatError(
                    self.file, f"holds several project files ({', '.join(sorted(pick)[:5])})."
                )
            pick = exact
        name = pick[0]
        base = name.rpartition("/")[0]
        if name.rsplit("/", 1)[-1] != "project.qde":
            self.deviations.append(f"The project XML is named {name!r} instead of 'project.qde'.")
        if base:
            self.deviations.append(f"The project sits in a folder ({base}/) inside the archive.")
        return name, base + "/" if base else ""

    def _index_sources(self) -> dict[str, str]:
        index: dict[str, str] = {}
        folders: set[str] = set()
        for name, info in self._infos.items():
            if info.is_dir() or not name.startswith(self.base):
                continue
            rest = name[len(self.base):]
            folder, _, file = rest.partition("/")
            if file and folder.lower() == "sources":
                folders.add(folder)
                index.setdefault(file.lower(), name)
        if any(f != "sources" for f in folders):
            self.deviations.append(
                f"The sources folder is named {'/'.join(sorted(folders))}/ instead of 'sources/'."
            )
        return index

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def open_qde(self) -> MemberStream:
        """A fresh stream of the project XML (it may be read more than once)."""
        info = self._infos[self.qde]
        if info.file_size > self.limits.max_xml:
            raise FormatError(
                self.file, f"has a project XML ({self.qde}) of {info.file_size / _MB:.0f} MB, "
                f"more than the limit of {self.limits.max_xml / _MB:.0f} MB."
            )
        return MemberStream(self, info)

    def source(self, path: str) -> bytes | None:
        """The bytes of ``internal://<file>``, found case-insensitively in sources/."""
        file = path.split("://", 1)[-1].lstrip("/")
        member = self._sources.get(file.lower())
        if member is None:
            if self._by_base is None:
                self._by_base = {}
                for name in self._infos:
                    self._by_base.setdefault(name.rsplit("/", 1)[-1].lower(), name)
            member = self._by_base.get(file.rsplit("/", 1)[-1].lower())
            if member is None or member == self.qde:
                return None
            self.deviations.append(f"Source file {file} was found outside sources/ ({member}).")
        return self.read(member)

    def read(self, member: str, cap: int | None = None) -> bytes:
        """One member, never more than it declares nor more than the limits."""
        info = self._infos[member]
        limit = min(cap or self.limits.max_member, self.limits.max_member)
        if info.file_size > limit:
            raise FormatError(self.file, f"has a member ({member}) larger than the limit.")
        with MemberStream(self, info) as handle:
            return handle.read()

    def count(self, size: int) -> None:
        """Add ``size`` unpacked bytes to the total read so far (zip bombs)."""
        self._read_total += size
        if self._read_total > self.limits.max_total:
            raise FormatError(self.file, "unpacks to more than the size limit (zip bomb?).")


class MemberStream(io.RawIOBase):
    """A member read in chunks, never beyond the size it declares; ``pos`` counts bytes read.

    Damage and encryption become FormatError; the bytes count towards the archive's total the
    first time the member is read.
    """

    def __init__(self, archive: Archive, info: zipfile.ZipInfo) -> None:
        super().__init__()
        self._archive, self._info = archive, info
        self.pos = 0
        try:
            self._handle: IO[bytes] = archive._zip.open(info)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise self._damaged() from exc
        except RuntimeError as exc:  # encrypted
            raise FormatError(archive.file, f"has an encrypted member ({info.filename}).") from exc
        self._counted = archive.counted.get(info.filename, 0)

    def _damaged(self) -> FormatError:
        return FormatError(self._archive.file,
                           f"is damaged: member {self._info.filename} cannot be read.")

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        left = self._info.file_size + 1 - self.pos  # one byte more shows a lying directory
        want = left if size is None or size < 0 else min(size, left)
        chunks = []
        while want > 0:
            try:
                chunk = self._handle.read(min(want, _MB))
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
                raise self._damaged() from exc
            if not chunk:
                break
            chunks.append(chunk)
            want -= len(chunk)
            if size is not None and size >= 0:
                break
        data = b"".join(chunks)
        self.pos += len(data)
        if self.pos > self._info.file_size:
            raise FormatError(self._archive.file, f"has a member ({self._info.filename}) that "
                              "unpacks beyond its size.")
        if self.pos > self._counted:  # a second reading of the same bytes is not counted
            self._archive.count(self.pos - self._counted)
            self._counted = self._archive.counted[self._info.filename] = self.pos
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._handle.close()
        super().close()


def _open(file: str, data: Data, limits: Limits) -> tuple[zipfile.ZipFile, int]:
    """The zip and its size in bytes; ``data`` is the bytes, a path or a binary file."""
    if isinstance(data, (str, os.PathLike)):
        try:
            size = os.path.getsize(data)
            with open(data, "rb") as probe:
                head = probe.read(4096)
        except OSError as exc:
            raise FormatError(file, f"cannot be opened ({exc.strerror}).") from exc
        source: Any = data
    else:
        source = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
        size = source.seek(0, io.SEEK_END)
        source.seek(0)
        head = source.read(4096)
        source.seek(0)
    if size > limits.max_archive:
        raise FormatError(
            file, f"is {size / _MB:.0f} MB, more than the limit of "
            f"{limits.max_archive / _MB:.0f} MB."
        )
    if size <= len(head) and not head.strip():
        raise FormatError(file, "is empty.")
    if not zipfile.is_zipfile(source):
        if head[:2] == b"PK":
            raise FormatError(file, "is not a .qdpx (ZIP) archive: it starts as one but is damaged "
                              "or incomplete.")
        xml = head.lstrip()[:1] == b"<"
        hint = " (it looks like XML: read it as a .qde or .qdc)" if xml else ""
        raise FormatError(file, f"is not a .qdpx (ZIP) archive{hint}.")
    try:
        return zipfile.ZipFile(source), size
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise FormatError(file, "is a damaged ZIP archive.") from exc


def _clean_member(file: str, info: zipfile.ZipInfo) -> str:
    name = info.filename.replace("\\", "/")
    parts = name.split("/")
    if (
        name.startswith("/")
        or _DRIVE.match(name)
        or ".." in parts
        or "\x00" in name
        or stat.S_ISLNK(info.external_attr >> 16)
    ):
        raise FormatError(
            file, f"contains an unsafe path ({info.filename!r}); it was not read (zip-slip)."
        )
    if info.flag_bits & 0x1:
        raise FormatError(file, f"has an encrypted member ({info.filename}).")
    return name


def _check_directory(file: str, infos: list[zipfile.ZipInfo], packed: int, limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise FormatError(file, f"has {len(infos)} members, more than {limits.max_members}.")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_member:
            raise FormatError(
                file, f"has a member ({info.filename}) of {info.file_size / _MB:.0f} MB, more "
                f"than the limit of {limits.max_member / _MB:.0f} MB."
            )
        if info.file_size > limits.ratio_floor and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise FormatError(
                file, f"has a member ({info.filename}) compressed "
                f"{info.file_size // max(info.compress_size, 1)}:1; refusing it (zip bomb?)."
            )
    if total > limits.max_total:
        raise FormatError(
            file, f"would unpack to {total / _MB:.0f} MB, more than the limit of "
            f"{limits.max_total / _MB:.0f} MB (zip bomb?)."
        )
    if total > limits.ratio_floor and total > limits.max_ratio * max(packed, 1):
        raise FormatError(file, "is compressed far more than real files are (zip bomb?).")
