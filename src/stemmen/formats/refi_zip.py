"""Reading a .qdpx archive safely: layout variants, zip-slip, zip bombs, size limits.

Nothing is ever written to disk, but member names that would escape a folder (``../``,
absolute paths, drive letters, symbolic links) mark a hostile file and are refused. The central
directory is checked before anything is unpacked (member count, total size, ratio), and each
member is then read with a hard cap, so a lying directory cannot inflate memory either.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass

from stemmen.errors import FormatError

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits for untrusted archives; tests pass small ones."""

    max_archive: int = 2048 * _MB  # the .qdpx itself
    max_members: int = 10_000
    max_member: int = 1024 * _MB  # one unpacked member (spec: 2^31-1)
    max_total: int = 2048 * _MB  # all unpacked members
    max_ratio: int = 200  # unpacked:packed, for members above ratio_floor
    ratio_floor: int = 1 * _MB
    max_xml: int = 256 * _MB  # project.qde


DEFAULT_LIMITS = Limits()
_DRIVE = re.compile(r"^[A-Za-z]:")


class Archive:
    """A checked .qdpx: the project XML member and case-insensitive access to sources/."""

    def __init__(self, file: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
        self.file = file
        self.limits = limits
        self.deviations: list[str] = []
        self._zip = _open(file, data, limits)
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in self._zip.infolist():
            name = _clean_member(file, info)
            if name in self._infos:
                raise FormatError(file, f"holds {name} twice; it is ambiguous and was not read.")
            self._infos[name] = info
        _check_directory(file, list(self._infos.values()), len(data), limits)
        self._read_total = 0
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

    def read_qde(self) -> bytes:
        """The bytes of the project XML."""
        return self.read(self.qde, self.limits.max_xml)

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
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as handle:
                while chunk := handle.read(min(_MB, info.file_size + 1 - size)):
                    size += len(chunk)
                    if size > info.file_size:
                        raise FormatError(
                            self.file, f"has a member ({member}) that unpacks beyond its size."
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise FormatError(self.file, f"is damaged: member {member} cannot be read.") from exc
        except RuntimeError as exc:  # encrypted
            raise FormatError(self.file, f"has an encrypted member ({member}).") from exc
        self._read_total += size
        if self._read_total > self.limits.max_total:
            raise FormatError(self.file, "unpacks to more than the size limit (zip bomb?).")
        return b"".join(chunks)


def _open(file: str, data: bytes, limits: Limits) -> zipfile.ZipFile:
    if len(data) > limits.max_archive:
        raise FormatError(
            file, f"is {len(data) / _MB:.0f} MB, more than the limit of "
            f"{limits.max_archive / _MB:.0f} MB."
        )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        xml = data.lstrip()[:1] == b"<"
        hint = " (it looks like XML: read it as a .qde or .qdc)" if xml else ""
        raise FormatError(file, f"is not a .qdpx (ZIP) archive{hint}.")
    try:
        return zipfile.ZipFile(buffer)
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
