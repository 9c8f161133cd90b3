"""Who may talk to the server: Host check, launch token, CSRF, and security headers.

1. **Host** (DNS rebinding): a request whose Host header is not a name this server serves is
   refused, so a hostile web page that rebinds its domain to 127.0.0.1 gets nothing.
2. **Launch token** (solo mode): the URL printed and opened at launch carries a random token.
   The first request with ``?token=…`` sets an HttpOnly, SameSite=Strict cookie and redirects
   to the clean URL; every request without that cookie is refused. Other local users and web
   pages do not know the token.
3. **CSRF**: every state-changing request (not GET/HEAD/OPTIONS) must carry the per-launch
   CSRF token in the ``X-CSRF-Token`` header (pages hold it in a meta tag), and a cross-site
   Origin or Sec-Fetch-Site is refused.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request, cookie_parser
from starlette.responses import RedirectResponse, Response

from stemmen.web.errors import HTTP_MESSAGES, error_response
from stemmen.web.settings import WebSettings

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_BODY = 2_000_000  # bytes: a request body larger than this is refused (413)
MAX_UPLOAD = 50 * 1024 * 1024  # bytes: the body of a transcript upload (multipart)
UPLOAD_PATHS = frozenset({"/api/documents", "/api/documents/import"})
MAX_PROJECT_UPLOAD = 1024 * 1024 * 1024  # bytes: a REFI-QDA project (.qdpx) to import
PROJECT_UPLOAD_PATHS = frozenset({"/api/exchange/import"})
TOKEN_COOKIE = "stemmen_session"
CSRF_HEADER = "x-csrf-token"
HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
BAD_HOST = "This server does not answer to that host name."
NO_TOKEN = "Open Stemmen with the link printed in the terminal where it was started."
BAD_CSRF = "The request lacks a valid CSRF token. Reload the page and try again."
CROSS_SITE = "Requests from other sites are refused."
_CHECKED = frozenset({b"host", b"content-length", b"cookie", b"origin", b"sec-fetch-site",
                      CSRF_HEADER.encode("ascii")})
_RAW_HEADERS = tuple((name.encode("latin-1"), value.encode("latin-1"))
                     for name, value in HEADERS.items())


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two secrets (False if either is missing)."""
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def limited(receive: Any, limit: int = MAX_BODY) -> Any:
    """``receive`` that refuses a body growing past ``limit`` bytes (chunked uploads)."""
    total = 0

    async def wrapped() -> Any:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > limit:
                raise HTTPException(413)
        return message

    return wrapped


def body_limit(scope: Scope) -> int:
    """The largest body a request may carry: uploads get MAX_UPLOAD, the rest MAX_BODY."""
    if scope["path"] in PROJECT_UPLOAD_PATHS and scope["method"] == "POST":
        return MAX_PROJECT_UPLOAD
    if scope["path"] in UPLOAD_PATHS and scope["method"] == "POST":
        return MAX_UPLOAD
    return MAX_BODY


def _headers(scope: Scope) -> dict[bytes, str]:
    """The few request headers the checks read (the first of each), decoded as Latin-1."""
    found: dict[bytes, str] = {}
    for name, value in scope["headers"]:
        if name in _CHECKED and name not in found:
            found[name] = value.decode("latin-1")
    return found


class SecurityMiddleware:
    """Checks every HTTP request before the app sees it, and adds security headers.

    A pure ASGI middleware: the common case (right host, cookie and CSRF header) reads the
    raw headers once and builds no Request; refusals are rendered through a Request.
    """

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings
        self.hosts = settings.hosts()

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", ()))
                present = {name.lower() for name, _ in raw}
                raw.extend(h for h in _RAW_HEADERS if h[0] not in present)
                message["headers"] = raw
            await send(message)

        limit = body_limit(scope)
        refusal = self.check(scope, limit)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, limited(receive, limit), send_with_headers)

    def check(self, scope: Scope, limit: int = MAX_BODY) -> Response | None:
        """A response that refuses the request, or None to let it through."""
        headers = _headers(scope)
        host = headers.get(b"host", "").lower()
        if host not in self.hosts:
            return self.deny(Request(scope), 400, BAD_HOST)
        length = headers.get(b"content-length", "")
        if length.isdigit() and int(length) > limit:
            return error_response(Request(scope), 413, HTTP_MESSAGES[413], public=True)
        if self.settings.token:
            if scope.get("query_string"):
                request = Request(scope)
                given = request.query_params.get("token")
                if given is not None:
                    if not same(given, self.settings.token):
                        return self.deny(request, 403, NO_TOKEN)
                    return self.enter(request)
            cookie = cookie_parser(headers.get(b"cookie", "")).get(TOKEN_COOKIE)
            if not same(cookie, self.settings.token):
                return self.deny(Request(scope), 403, NO_TOKEN)
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get(b"origin")
            if origin is not None and origin.lower() != f"http://{host}":
                return self.deny(Request(scope), 403, CROSS_SITE)
            if headers.get(b"sec-fetch-site") == "cross-site":
                return self.deny(Request(scope), 403, CROSS_SITE)
            if not same(headers.get(b"x-csrf-token"), self.settings.csrf):
                return self.deny(Request(scope), 403, BAD_CSRF)
        return None

    def enter(self, request: Request) -> Response:
        """Token accepted: set the session cookie and go to the same URL without the token."""
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        target = request.url.path + (f"?{query}" if query else "")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(TOKEN_COOKIE, self.settings.token or "", httponly=True,
                            samesite="strict", path="/")
        return response

    @staticmethod
    def deny(request: Request, status: int, message: str) -> Response:
        """A refusal that shows nothing of the project (no CSRF token, no names)."""
        return error_response(request, status, message, public=True)
