"""Upload one transcript (multipart): read it like an import, then add it as a document."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.formats.transcripts import read_transcript
from stemmen.i18n import translate
from stemmen.web.rendering import call, language, ok, project

MAX_NAME = 300  # characters, as the store's document names
FIELDS = ("file", "name", "case")


async def upload(request: Request) -> Response:
    """POST multipart/form-data: ``file`` (.txt .md .docx .odt .rtf .pdf), ``name``, ``case``.

    The file is read completely before anything is written, so an unreadable file leaves the
    project as it was (422 with the reason). Answers ``{ok, document: {...}, warnings}``.
    """
    async with request.form(max_files=1, max_fields=len(FIELDS)) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise Invalid("Send the transcript as a file in the form field {field}.",
                          field="file")
        filename = PurePosixPath(upload.filename.replace("\\", "/")).name
        data = await upload.read()
        name = _text(form.get("name")) or PurePosixPath(filename).stem
        case = _text(form.get("case"))
    if not name or len(name) > MAX_NAME:
        raise Invalid("A document name needs 1 to {n} characters.", n=MAX_NAME)
    transcript = await call(read_transcript, filename, data)
    doc = await call(project(request).documents.add, name, transcript.text, case=case,
                     source_format=transcript.format)
    return ok(document={"name": doc.name, "case": doc.case, "format": transcript.format,
                        "encoding": transcript.encoding, "length": len(doc.text),
                        "paragraphs": _paragraph_count(doc.text)},
              warnings=[translate(w, language(request)) for w in transcript.warnings])


def _text(value: Any) -> str | None:
    """A form field as stripped text (None if absent, empty or a file)."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _paragraph_count(text: str) -> int:
    """Non-blank lines: the document's paragraph units."""
    return sum(1 for line in text.split("\n") if line.strip())


ROUTES = [
    Route("/api/documents", upload, methods=["POST"]),
]
