"""Live updates of the document page: other coders' new codings appear without reloading.

The page polls ``/api/codings/since?document=NAME&since=MARK`` every few seconds; the answer
carries the project's change mark and, when it moved, the document's codings as the viewer
may see them (a coder in an open blind round gets only their own: ``project.rounds``)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.web.rendering import call, ok_plain, project
from stemmen.web.routes.codings import as_json


async def since_api(request: Request) -> Response:
    params = request.query_params
    document = params.get("document", "")
    if not document:
        raise Invalid("The field {field} is required.", field="document")
    mark, found = await call(project(request).codings.since, document, params.get("since", ""))
    return ok_plain(mark=mark, codings=None if found is None else [as_json(c) for c in found])


ROUTES = [Route("/api/codings/since", since_api)]
