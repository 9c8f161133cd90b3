"""Agreement on any table of ratings (`stemmen agreement --table FILE.csv`): an uploaded
``unit,coder,label`` CSV/TSV/XLSX, read and measured by ``project.reliability.agreement_on_table``,
the function behind the CLI's ``--table``."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.project.reliability import agreement_on_table
from stemmen.web.rendering import call, ok
from stemmen.web.routes.uploads import form_text

FIELDS = ("file", "level", "weights", "weights_by")


async def table_api(request: Request) -> Response:
    """POST multipart/form-data: ``file`` (unit,coder,label), ``level`` (nominal, ordinal,
    interval, ratio), ``weights`` (none, linear, quadratic), ``weights_by`` (values, ranks).
    Answers the coefficients over all labels and per label, as ``stemmen agreement --json``."""
    async with request.form(max_files=1, max_fields=len(FIELDS)) as form:
        sent = form.get("file")
        if not isinstance(sent, UploadFile) or not sent.filename:
            raise Invalid("Send the table as a file in the form field {field}.", field="file")
        name, data = sent.filename, await sent.read()
        level = form_text(form.get("level")) or "nominal"
        weights = form_text(form.get("weights"))
        weights_by = form_text(form.get("weights_by")) or "values"
    if weights == "none":
        weights = None
    result = await call(agreement_on_table, name, data, level=level, weights=weights,
                        weights_by=weights_by)
    return ok(file=name, result=result)


ROUTES = [
    Route("/api/reliability/table", table_api, methods=["POST"]),
]
