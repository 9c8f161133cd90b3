"""Why a file was refused (or read with a warning), in the reader's language.

The readers in :mod:`stemmen.formats` raise :class:`~stemmen.errors.FormatError` with an
English reason that may hold values (an extension, a size, a line). :func:`describe_reason`
recognises the reason's pattern, translates the pattern as a catalog message and fills in the
values; a value that is a phrase of its own ("a PDF document", "rename it to .pdf") is
translated the same way. A reason no pattern knows stays in English, so nothing is lost.
Every face (CLI, web) shows refused files through :func:`describe_file_error`, so both say the
same thing in the same words.
"""

from __future__ import annotations

import re
from functools import cache

from stemmen.errors import FormatError
from stemmen.i18n import catalog, current_language, translate

#: (pattern of the English reason, the catalog message it is translated as)
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"is a (?P<ext>\.\w+) file; open it and save it as \.docx, then import that",
     "is a {ext} file; open it and save it as .docx, then import that"),
    (r"has an extension \((?P<ext>[^)]*)\) that Stemmen cannot read as a transcript; "
     r"use one of (?P<extensions>.*)",
     "has an extension ({ext}) that Stemmen cannot read as a transcript; use one of "
     "{extensions}"),
    (r"is not a valid (?P<ext>\.\w+) file \(damaged or not (?P<what>[^)]*)\); "
     r"it looks like (?P<label>[^:]+): (?P<advice>.*)",
     "is not a valid {ext} file (damaged or not {what}); it looks like {label}: {advice}"),
    (r"is not a valid (?P<ext>\.\w+) file \(damaged or not (?P<what>[^)]*)\)",
     "is not a valid {ext} file (damaged or not {what})"),
    (r"open it in Word or LibreOffice and save it as (?P<ext>\.\w+) without a password",
     "open it in Word or LibreOffice and save it as {ext} without a password"),
    (r"rename it to (?P<ext>\.\w+)", "rename it to {ext}"),
    (r"is (?P<size>\d+) MB, more than the limit of (?P<limit>\d+) MB",
     "is {size} MB, more than the limit of {limit} MB"),
    (r"is an OpenDocument file of another kind \((?P<kind>.*)\)",
     "is an OpenDocument file of another kind ({kind})"),
    (r"is not a table; use one of (?P<extensions>.*)", "is not a table; use one of {extensions}"),
    (r"is a (?P<ext>\.\w+) spreadsheet; save it as \.xlsx or \.csv",
     "is a {ext} spreadsheet; save it as .xlsx or .csv"),
    (r"(?P<file>'.*') is named twice \(first on line (?P<first>\d+)\)",
     "{file} is named twice (first on line {first})"),
    (r"Value (?P<value>.*) is not a valid (?P<type>\w+) for attribute (?P<name>.*)\.",
     "Value {value} is not a valid {type} for attribute {name}."),
    (r"a document named (?P<name>'.*') already exists",
     "a document named {name} already exists"),
    (r"(?P<file>'.*') matches no document in the project",
     "{file} matches no document in the project"),
    (r"(?P<name>.+): in the metadata sheet but not imported",
     "{name}: in the metadata sheet but not imported"),
    (r"names the same document as line (?P<line>\d+)", "names the same document as line {line}"),
    (r"(?P<n>\d+) table\(s\) were read as one line per row, cells separated by ' \| '\.",
     "{n} table(s) were read as one line per row, cells separated by ' | '."),
    (r"(?P<empty>\d+) of (?P<total>\d+) pages have no text \(scanned\?\)\.",
     "{empty} of {total} pages have no text (scanned?)."),
)

#: Reasons without values: translated as they are.
FIXED = (
    "is empty",
    "contains no text",
    "contains no text (scanned? run OCR first)",
    "is not a text file or its encoding is unknown (save it as UTF-8)",
    "is protected with a password; save an unprotected copy and import that",
    "is not a valid .docx file (it has no document body)",
    "is not a valid .odt file (it has no text body)",
    "contains no rows",
    "this row has no file name",
    "has no 'file' column naming the transcript of each row",
    "Not UTF-8: read as Windows-1252; check accented letters.",
    "a PDF document", "a Word document", "an OpenDocument text document", "an RTF document",
    "an Excel workbook", "a PDF file", "an RTF file", "a plain text file",
    "an old Office 97-2003 file or a password-protected document",
    "a ZIP-based file of another kind", "check that it has the right extension",
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern + r"\Z"), message) for pattern, message in PATTERNS)


def describe_reason(reason: str, lang: str | None = None) -> str:
    """``reason`` (an English reason or warning of a reader) in ``lang``."""
    lang = lang or current_language()
    if lang == "en" or reason in catalog(lang):
        return translate(reason, lang)
    for pattern, message in _compiled():
        match = pattern.match(reason)
        if match:
            values = {k: describe_reason(v, lang) for k, v in match.groupdict().items()}
            return translate(message, lang, **values)
    return reason


def describe_file_error(error: FormatError, lang: str | None = None) -> str:
    """``file[:line]: reason`` in ``lang``, as both faces show a refused file."""
    where = f"{error.file}:{error.line}" if error.line else error.file
    return translate("{where}: {reason}", lang, where=where,
                     reason=describe_reason(error.reason, lang))
