"""Browser preferences: interface language and coder name, kept in cookies."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.errors import Invalid
from stemmen.i18n import LANGUAGES
from stemmen.web.rendering import CODER_COOKIE, LANG_COOKIE, body, ok, text_field

YEAR = 365 * 24 * 3600


async def language(request: Request) -> Response:
    """POST {lang}: remember the interface language (en, nl, fr)."""
    lang = text_field(await body(request), "lang")
    if lang not in LANGUAGES:
        raise Invalid("Unknown language {lang!r}: use en, nl or fr.", lang=lang)
    response = ok(lang=lang)
    response.set_cookie(LANG_COOKIE, lang, max_age=YEAR, samesite="strict", path="/")
    return response


async def coder(request: Request) -> Response:
    """POST {coder}: who codes in this browser."""
    name = " ".join((text_field(await body(request), "coder") or "").split())
    if not name or len(name) > 200:
        raise Invalid("A coder name needs 1 to 200 characters.")
    response = ok(coder=name)
    response.set_cookie(CODER_COOKIE, name, max_age=YEAR, samesite="strict", path="/",
                        httponly=True)
    return response


ROUTES = [
    Route("/api/settings/language", language, methods=["POST"]),
    Route("/api/settings/coder", coder, methods=["POST"]),
]
