"""`stemmen suggest as-coder`: the model's held-out predictions written as a coder's codings
(``project.suggestions.as_coder``), to compare with a person on the reliability page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.project.suggestions import MODEL_CODER
from stemmen.web.rendering import body, call, ok, project, text_field


async def as_coder_api(request: Request) -> Response:
    """POST {name}: write the newest model's held-out predictions as coder ``name`` (default
    "model"), replacing that coder's codings; answers how many codings were written."""
    name = " ".join((text_field(await body(request), "name", required=False)
                     or MODEL_CODER).split())
    written = await call(project(request).suggestions.as_coder, name)
    return ok(name=name, codings=written)


ROUTES = [
    Route("/api/suggestions/as_coder", as_coder_api, methods=["POST"]),
]
