"""Zip files without clocks: Word and Excel files and the Markdown bundle repeat byte for byte.

python-docx and openpyxl stamp each zip member with the time of saving; :func:`stable_zip`
writes the same members again with a fixed stamp, so the same report gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile

FIXED_STAMP = (2000, 1, 1, 0, 0, 0)


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def zip_files(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` (name -> bytes) in the given order, with fixed stamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in files.items():
            archive.writestr(_member(name), data)
    return out.getvalue()


def stable_zip(data: bytes) -> bytes:
    """The zip ``data`` again, members in the same order, every stamp fixed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    return zip_files(files)
