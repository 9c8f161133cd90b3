"""The import page: transcripts in batches (one answer per file) and a metadata sheet with a
preview before anything is written.

Every action is one call of the project API: ``documents.import_uploads`` (run as a background
job, so the page shows the server reading file after file), ``documents.preview_metadata`` and
``documents.apply_metadata``. The handlers only take the forms apart and render the answers.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.i18n.reasons import describe_file_error, describe_reason
from stemmen.project.document_metadata import MetadataPreview, RowPreview, ValueChange
from stemmen.project.documents import ImportResult, Upload
from stemmen.web import security
from stemmen.web.rendering import call, language, ok, project, render
from stemmen.web.routes.jobs import jobs, started
from stemmen.web.routes.uploads import document_answer, form_text

MAX_FILES = 1000  # files in one request
MAX_ATTRIBUTES = 100


async def page(request: Request) -> Response:
    p = project(request)
    cases = await call(p.cases.list)
    attributes = await call(p.cases.attributes, "document")
    return render(request, "import.html", cases=[c.name for c in cases],
                  attributes=attributes, max_upload=security.MAX_UPLOAD,
                  max_sheet=security.MAX_BODY)


async def import_batch(request: Request) -> Response:
    """POST multipart: ``file`` (repeated), ``case``, ``attributes`` (a JSON object of
    name → value). Starts a job; its result lists every file as imported or refused."""
    async with request.form(max_files=MAX_FILES, max_fields=10) as form:
        items = [Upload(f.filename or "", await f.read()) for f in _files(form, "file")]
        case = form_text(form.get("case"))
        attributes = _attributes(form.get("attributes"))
    if not items:
        raise Invalid("Send the transcript as a file in the form field {field}.", field="file")
    lang = language(request)
    documents = project(request).documents

    def work(progress: Any) -> dict[str, Any]:
        return batch_answer(documents.import_uploads(items, case=case, attributes=attributes,
                                                     progress=progress), lang)

    return started(request, jobs(request).start("import", work))


def batch_answer(result: ImportResult, lang: str) -> dict[str, Any]:
    """Per file: the document it became, or why it was refused (in the page's language)."""
    return {
        "imported": [{"file": f.file, **document_answer(f),
                      "warnings": [describe_reason(w, lang) for w in f.warnings]}
                     for f in result.files],
        "refused": [{"file": e.file, "error": describe_file_error(e, lang)}
                    for e in result.errors],
    }


async def metadata_preview(request: Request) -> Response:
    """POST multipart ``file`` (CSV/XLSX): what the sheet would change; writes nothing."""
    name, data = await _sheet(request)
    preview = await call(project(request).documents.preview_metadata, data, name)
    return ok(preview=preview_answer(preview, language(request)))


async def metadata_apply(request: Request) -> Response:
    """POST multipart ``file``: apply the sheet in one transaction; answers what it did."""
    name, data = await _sheet(request)
    applied = await call(project(request).documents.apply_metadata, data, name)
    return ok(applied=preview_answer(applied, language(request)))


def preview_answer(plan: MetadataPreview, lang: str) -> dict[str, Any]:
    return {
        "filename": plan.filename,
        "rows": [_row(row, lang) for row in plan.rows],
        "new_attributes": [{"name": a.name, "type": a.type.value, "choices": list(a.choices)}
                           for a in plan.new_attributes],
        "new_cases": plan.new_cases,
        "new_participants": plan.new_participants,
        "problems": [describe_file_error(e, lang) for e in plan.problems],
        "matched": len(plan.matched()),
        "changes": plan.change_count(),
    }


def _row(row: RowPreview, lang: str) -> dict[str, Any]:
    return {"line": row.line, "file": row.file, "document": row.document,
            "case": _change(row.case) if row.case else None,
            "attributes": [_change(c) for c in row.attributes],
            "participants": row.participants,
            "problems": [describe_file_error(e, lang) for e in row.problems]}


def _change(change: ValueChange) -> dict[str, Any]:
    return asdict(change)


async def _sheet(request: Request) -> tuple[str, bytes]:
    async with request.form(max_files=1, max_fields=1) as form:
        files = _files(form, "file")
        if not files:
            raise Invalid("Send the sheet as a file in the form field {field}.", field="file")
        return files[0].filename or "", await files[0].read()


def _files(form: FormData, key: str) -> list[UploadFile]:
    return [f for f in form.getlist(key) if isinstance(f, UploadFile) and f.filename]


def _attributes(raw: Any) -> dict[str, str]:
    """The batch's attributes: a JSON object of names to text values."""
    if raw is None or raw == "":
        return {}
    try:
        data = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        data = None
    if (not isinstance(data, dict) or len(data) > MAX_ATTRIBUTES
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())):
        raise Invalid("The field {field} must be an object of names and text values.",
                      field="attributes")
    pairs = {k.strip(): v.strip() for k, v in data.items() if k.strip() and v.strip()}
    return pairs


ROUTES = [
    Route("/import", page, name="import"),
    Route("/api/documents/import", import_batch, methods=["POST"]),
    Route("/api/documents/metadata/preview", metadata_preview, methods=["POST"]),
    Route("/api/documents/metadata/apply", metadata_apply, methods=["POST"]),
]
