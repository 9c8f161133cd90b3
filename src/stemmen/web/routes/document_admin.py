"""Rename or delete a document, and bulk-import codings from CSV: the web face of
``stemmen documents rename|delete`` and ``stemmen codings import``.

Each handler parses the request and calls the project function the CLI calls; errors
(unknown document, name taken, bad CSV lines) come back as ``{"ok": false, ...}`` JSON.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import stemmen
from stemmen.errors import Invalid
from stemmen.web.rendering import body, call, coder, ok, project, text_field

CSV_FIELDS = ("file",)


async def rename(request: Request) -> Response:
    """POST {name, new_name}: the document gets a new name (its codings and memos follow)."""
    data = await body(request)
    name = text_field(data, "name") or ""
    new_name = text_field(data, "new_name") or ""
    await call(project(request).documents.rename, name, new_name)
    return ok(name=new_name.strip(), old=name)


async def delete(request: Request) -> Response:
    """POST {name}: the document is deleted with its codings and memos."""
    data = await body(request)
    name = text_field(data, "name") or ""
    await call(project(request).documents.delete, name)
    return ok(deleted=name)


async def import_codings(request: Request) -> Response:
    """POST multipart/form-data ``file`` (CSV: document, code, coder, paragraph | start,end).

    All or nothing: a bad line refuses the whole file (422, ``errors`` lists every line with
    its reason). Answers ``{ok, imported}``.
    """
    async with request.form(max_files=1, max_fields=len(CSV_FIELDS)) as form:
        sent = form.get("file")
        if not isinstance(sent, UploadFile) or not sent.filename:
            raise Invalid("Send the codings as a CSV file in the form field {field}.",
                          field="file")
        filename, data = sent.filename, await sent.read()
    added = await call(_import_upload, project(request), filename, data, coder(request))
    return ok(imported=added)


def _import_upload(p: stemmen.Project, filename: str, data: bytes, who: str) -> int:
    """Hand the uploaded bytes to ``project.codings.import_csv`` (the CLI's function, which
    reads a file) under the upload's own name, so every error names the user's file."""
    safe = Path(filename.replace("\\", "/")).name.strip() or "codings.csv"
    with tempfile.TemporaryDirectory(prefix="stemmen-codings-") as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        return p.codings.import_csv(path, coder=who)


ROUTES = [
    Route("/api/documents/rename", rename, methods=["POST"]),
    Route("/api/documents/delete", delete, methods=["POST"]),
    Route("/api/codings/import", import_codings, methods=["POST"]),
]
