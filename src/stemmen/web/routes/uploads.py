"""Upload one transcript (multipart): read it like an import, then add it as a document.

The bytes are read and checked by ``project.documents.import_uploads`` (the readers the CLI
uses for files on disk); this module only takes the form apart and renders the answer.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.i18n.reasons import describe_reason
from stemmen.project.documents import ImportedFile, Upload
from stemmen.web.rendering import call, language, ok, project

FIELDS = ("file", "name", "case")


async def upload(request: Request) -> Response:
    """POST multipart/form-data: ``file`` (.txt .md .docx .odt .rtf .pdf), ``name``, ``case``.

    The file is read completely before anything is written, so an unreadable file leaves the
    project as it was (422 with the reason). Answers ``{ok, document: {...}, warnings}``.
    """
    async with request.form(max_files=1, max_fields=len(FIELDS)) as form:
        sent = form.get("file")
        if not isinstance(sent, UploadFile) or not sent.filename:
            raise Invalid("Send the transcript as a file in the form field {field}.",
                          field="file")
        item = Upload(sent.filename, await sent.read(), form_text(form.get("name")))
        case = form_text(form.get("case"))
    result = await call(project(request).documents.import_uploads, [item], case=case,
                        strict=True)
    done = result.files[0]
    return ok(document=document_answer(done),
              warnings=[describe_reason(w, language(request)) for w in done.warnings])


def form_text(value: Any) -> str | None:
    """A form field as stripped text (None if absent, empty or a file)."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def document_answer(done: ImportedFile) -> dict[str, Any]:
    """The API's description of an imported document."""
    return {"name": done.name, "case": done.case, "format": done.format,
            "encoding": done.encoding, "length": done.length, "paragraphs": done.paragraphs}


ROUTES = [
    Route("/api/documents", upload, methods=["POST"]),
]
