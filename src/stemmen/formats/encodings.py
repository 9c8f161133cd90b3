"""Deterministic encoding detection for plain text files (.txt, .md, .csv).

The rule, in order:

1. A byte order mark decides: UTF-32 (LE/BE), UTF-8, UTF-16 (LE/BE). The BOM is removed.
2. Bytes with NUL in them are refused (binary, or UTF-16/32 without a BOM).
3. Strict UTF-8.
4. Windows-1252 (what Word and Excel on Western-European Windows write), strict, and only if
   the result looks like text: at most 1% control characters other than tab, LF, CR and FF.
5. Anything else is refused: "is not a text file or its encoding is unknown (save it as UTF-8)".

No statistical guessing (charset-normalizer and friends) is used: the same bytes always give
the same text, and a researcher is told to save as UTF-8 rather than handed a wrong guess.
"""

from __future__ import annotations

import re

from stemmen.errors import FormatError

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Control characters, except tab, LF, CR and FF (C0, DEL and C1)."""

UNKNOWN_ENCODING = "is not a text file or its encoding is unknown (save it as UTF-8)"

MAX_CONTROL_SHARE = 0.01
"""Largest share of control characters a decoded text may have and still count as text."""


def looks_like_text(text: str) -> bool:
    """True if at most ``MAX_CONTROL_SHARE`` of the characters are control characters."""
    if not text:
        return True
    limit = MAX_CONTROL_SHARE * len(text)
    found = enumerate(_CONTROLS.finditer(text), 1)  # lazily: stops once past the limit
    return all(count <= limit for count, _ in found)


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """Decode a text file: ``(text, encoding)``. The text keeps its original line endings.

    ``encoding`` is one of utf-8, utf-8-sig, utf-16-le, utf-16-be, utf-32-le, utf-32-be, cp1252.
    """
    if not data:
        raise FormatError(name, "is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise FormatError(name, UNKNOWN_ENCODING) from exc
            if not looks_like_text(text):
                raise FormatError(name, UNKNOWN_ENCODING)
            return text, encoding
    if b"\x00" in data:
        raise FormatError(name, UNKNOWN_ENCODING)
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text, encoding
        break
    raise FormatError(name, UNKNOWN_ENCODING)
