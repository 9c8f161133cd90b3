"""Errors of the web face: one JSON shape for API calls, a readable page for browsers.

``{"ok": false, "error": "...", "errors": [...], "status": 409}``. A StemmenError's message
is translated; anything unexpected becomes a generic 500 without a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from stemmen.errors import (
    AlreadyExists,
    Conflict,
    Forbidden,
    FormatError,
    ImportFailed,
    Invalid,
    NotFound,
    StemmenError,
)
from stemmen.i18n import translate
from stemmen.web.rendering import JSON, environment, language, render, translator

log = logging.getLogger("stemmen.web")

STATUS: tuple[tuple[type[StemmenError], int], ...] = (
    (NotFound, 404),
    (AlreadyExists, 409),
    (Conflict, 409),
    (Forbidden, 403),
    (FormatError, 422),
    (ImportFailed, 422),
    (Invalid, 400),
)
GENERIC = "Something went wrong on the server. The error has been logged."
HTTP_MESSAGES = {
    400: "The request could not be understood.",
    403: "Access denied.",
    404: "This page does not exist.",
    405: "This method is not allowed here.",
    413: "The request is too large.",
}
HTTP_OTHER = "The request could not be handled."


def describe(exc: StemmenError, lang: str) -> str:
    """The error's sentence in ``lang`` (params may use any name, even ``lang``)."""
    if isinstance(exc, FormatError):  # the reason of a refused file is translated too
        from stemmen.i18n.reasons import describe_file_error

        return describe_file_error(exc, lang)
    text = translate(exc.template, lang)
    try:
        return text.format(**exc.params)
    except (KeyError, IndexError, ValueError):
        return exc.message


def status_for(exc: StemmenError) -> int:
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def wants_json(request: Request) -> bool:
    """API paths and clients that ask for JSON get JSON; browsers navigating get a page."""
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str,
                   errors: list[str] | None = None, public: bool = False) -> Response:
    """The canonical error body, or the error page, for a message (translated here).

    ``public`` pages are for refused requests: they show nothing of the project.
    """
    message = translate(message, _lang(request))
    if wants_json(request):
        return JSON({"ok": False, "error": message, "errors": errors or [], "status": status},
                    status_code=status, headers={"Cache-Control": "no-store"})
    try:
        if public:
            page = environment().get_template("denied.html").render(
                _=translator(_lang(request)), lang=_lang(request), message=message,
                error_status=status)
            return HTMLResponse(page, status_code=status)
        return render(request, "error.html", status=status, error_status=status,
                      message=message, errors=errors or [])
    except Exception:  # noqa: BLE001 - the page itself failed: plain text, never a trace
        log.exception("error page failed")
        return Response(message, status_code=status, media_type="text/plain; charset=utf-8")


def _lang(request: Request) -> str:
    try:
        return language(request)
    except Exception:  # noqa: BLE001 - app state missing in a broken request
        return "en"


async def stemmen_error(request: Request, exc: Exception) -> Response:
    """A domain error: its status, its translated message and, for imports, each failure."""
    assert isinstance(exc, StemmenError)
    lang = _lang(request)
    status = status_for(exc)
    if status == 500:
        log.error("unmapped error: %s", exc.message)
        return error_response(request, 500, GENERIC)
    errors: list[str] = []
    if isinstance(exc, ImportFailed):
        errors = [describe(e, lang) for e in exc.errors]
    return error_response(request, status, describe(exc, lang), errors)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = HTTP_MESSAGES.get(exc.status_code, HTTP_OTHER)
    return error_response(request, exc.status_code, message)


async def server_error(request: Request, exc: Exception) -> Response:
    """Anything unexpected: generic for the user (the server prints the trace in its log)."""
    log.error("unexpected error on %s %s: %r", request.method, request.url.path, exc)
    return error_response(request, 500, GENERIC)


def handlers() -> dict[Any, Any]:
    return {StemmenError: stemmen_error, HTTPException: http_error, Exception: server_error}
