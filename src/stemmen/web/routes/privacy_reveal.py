"""Reveal the originals behind the labels on the pseudonymisation page: the owner names a key
file on the server's disk (as for applying), and the page shows the decrypted mapping
(``project.privacy.reveal``, recorded in the audit log). Only a POST: the key path never
goes into a URL, and the originals are not kept anywhere by the page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.web.rendering import body, call, ok, project, text_field


async def reveal_api(request: Request) -> Response:
    """The mapping (label, original text, document), decrypted with the key file."""
    data = await body(request)
    entries = await call(project(request).privacy.reveal, text_field(data, "key_file"))
    response = ok(entries=[{"label": e.label, "text": e.text, "document": e.document}
                           for e in entries])
    response.headers["Cache-Control"] = "no-store"
    return response


ROUTES = [
    Route("/api/privacy/reveal", reveal_api, methods=["POST"]),
]
