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
4. **Accounts** (team mode: the project has users, see ``stemmen users``): the launch token is
   not used; instead every request but ``/login`` and the assets needs a login session (an
   HttpOnly, SameSite=Strict cookie). Without one, pages redirect to ``/login`` and the API
   answers 401. The request then acts as its user: ``request.scope["stemmen.project"]`` is
   the served project seen by them (``Project.acting_as``), and :class:`RoleGuard` checks the
   least role each route declares in ``stemmen.web.routes.ROLES`` (403 below it).
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request, cookie_parser
from starlette.responses import RedirectResponse, Response

from stemmen.model.access import Role
from stemmen.web.errors import HTTP_MESSAGES, error_response, wants_json
from stemmen.web.settings import WebSettings

if TYPE_CHECKING:
    import stemmen
    from stemmen.project.users import User

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_BODY = 2_000_000  # bytes: a request body larger than this is refused (413)
MAX_UPLOAD = 50 * 1024 * 1024  # bytes: the body of a transcript upload (multipart)
UPLOAD_PATHS = frozenset({"/api/documents", "/api/documents/import"})
MAX_PROJECT_UPLOAD = 1024 * 1024 * 1024  # bytes: a REFI-QDA project (.qdpx) to import
PROJECT_UPLOAD_PATHS = frozenset({"/api/exchange/import"})
TOKEN_COOKIE = "stemmen_session"
LOGIN_COOKIE = "stemmen_login"  # team mode: the login session's token
LOGIN_PATH, LOGOUT_PATH = "/login", "/logout"
FORM_CSRF_PATHS = frozenset({LOGIN_PATH, LOGOUT_PATH})  # CSRF as a form field, checked there
PUBLIC = "public"  # a route anyone may use, logged in or not (ROLES)
RANK = {Role.READER: 0, Role.CODER: 1, Role.REVIEWER: 2, Role.OWNER: 3}
USER, PROJECT, TEAM = "stemmen.user", "stemmen.project", "stemmen.team"  # scope keys
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
LOGIN_NEEDED = "Log in to use this project."
ROLE_TOO_LOW = "Your role ({role}) does not allow this; it needs {needed} or more."
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
        refusal = self.check_host(scope, limit)
        if refusal is None:
            refusal = await self.identify(scope)
        if refusal is None:
            refusal = self.check_csrf(scope)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, limited(receive, limit), send_with_headers)

    def check(self, scope: Scope, limit: int = MAX_BODY) -> Response | None:
        """A response that refuses the request, or None to let it through (solo mode)."""
        return (self.check_host(scope, limit) or self.check_token(scope)
                or self.check_csrf(scope))

    def check_host(self, scope: Scope, limit: int = MAX_BODY) -> Response | None:
        """DNS rebinding (the Host header) and the announced body size."""
        headers = _headers(scope)
        host = headers.get(b"host", "").lower()
        if host not in self.hosts:
            return self.deny(Request(scope), 400, BAD_HOST)
        length = headers.get(b"content-length", "")
        if length.isdigit() and int(length) > limit:
            return error_response(Request(scope), 413, HTTP_MESSAGES[413], public=True)
        return None

    def check_token(self, scope: Scope) -> Response | None:
        """Solo mode: the launch token (in the URL once, then in the cookie)."""
        if not self.settings.token:
            return None
        if scope.get("query_string"):
            request = Request(scope)
            given = request.query_params.get("token")
            if given is not None:
                if not same(given, self.settings.token):
                    return self.deny(request, 403, NO_TOKEN)
                return self.enter(request)
        cookie = cookie_parser(_headers(scope).get(b"cookie", "")).get(TOKEN_COOKIE)
        if not same(cookie, self.settings.token):
            return self.deny(Request(scope), 403, NO_TOKEN)
        return None

    def check_csrf(self, scope: Scope) -> Response | None:
        """State-changing requests: same origin, and the CSRF token in the header (the login
        and logout forms carry it as a field, checked by their routes)."""
        if scope["method"] in SAFE_METHODS:
            return None
        headers = _headers(scope)
        origin = headers.get(b"origin")
        if origin == "null" and scope["path"] in FORM_CSRF_PATHS:
            origin = None  # a form posted under Referrer-Policy no-referrer: Sec-Fetch-Site says
        if origin is not None and not self.same_origin(origin, headers.get(b"host", "")):
            return self.deny(Request(scope), 403, CROSS_SITE)
        if headers.get(b"sec-fetch-site") == "cross-site":
            return self.deny(Request(scope), 403, CROSS_SITE)
        if scope["path"] in FORM_CSRF_PATHS:
            return None
        if not same(headers.get(b"x-csrf-token"), self.settings.csrf):
            return self.deny(Request(scope), 403, BAD_CSRF)
        return None

    def same_origin(self, origin: str, host: str) -> bool:
        """The page that sent the request is this server: ``http://<Host>``, or a name the
        server answers to reached over https (a TLS reverse proxy, ``--allowed-host``)."""
        origin = origin.lower()
        if origin == f"http://{host.lower()}":
            return True
        scheme, _, netloc = origin.partition("://")
        return scheme == "https" and bool(self.settings.allowed_hosts) and netloc in self.hosts

    async def identify(self, scope: Scope) -> Response | None:
        """Solo mode: the launch token. Team mode (the project has users): the login session;
        the request then carries its user and their view of the project."""
        base = scope["app"].state.project
        if base is None:
            return self.check_token(scope)
        token = cookie_parser(_headers(scope).get(b"cookie", "")).get(LOGIN_COOKIE, "")
        if scope["app"].state.inline:
            team, user = self.lookup(base, token)
        else:
            team, user = await run_in_threadpool(self.lookup, base, token)
        if not team:
            return self.check_token(scope)
        scope[TEAM] = True
        if user is not None:
            scope[USER] = user
            scope[PROJECT] = base.acting_as(user.viewer)
            return None
        path = scope["path"]
        if path in FORM_CSRF_PATHS or path.startswith("/static/"):
            return None
        request = Request(scope)
        if wants_json(request) or scope["method"] not in SAFE_METHODS:
            return self.deny(request, 401, LOGIN_NEEDED)
        raw, query = scope.get("raw_path"), scope.get("query_string") or b""
        target = (raw.decode("latin-1") if raw else path) + (
            f"?{query.decode('latin-1')}" if query else "")
        login = LOGIN_PATH + ("" if target == "/" else "?" + urlencode({"next": target}))
        return RedirectResponse(login, status_code=303)

    def lookup(self, project: stemmen.Project, token: str) -> tuple[bool, User | None]:
        """(team mode?, the session's user): one read when the session is good."""
        if token:
            user = project.users.session(
                token, dt.timedelta(seconds=self.settings.session_idle))
            if user is not None:
                return True, user
        return project.users.exist(), None

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


def required_role(rules: dict[str, Role | str], method: str, path: str) -> Role | str | None:
    """The least role a route declares for a method (HEAD as GET), or None if it declares
    none (then only owners may use it)."""
    return rules.get(f"{'GET' if method == 'HEAD' else method} {path}")


def allows(role: Role | None, needed: Role | str | None) -> bool:
    """May someone with ``role`` (None: not logged in) use a route that needs ``needed``?"""
    if needed == PUBLIC:
        return True
    if role is None:
        return False
    return RANK[role] >= RANK[Role(needed or Role.OWNER)]


class RoleGuard:
    """Wraps one route: in team mode, refuses users whose role is below the route's rule."""

    def __init__(self, app: ASGIApp, path: str, rules: dict[str, Role | str]) -> None:
        self.app = app
        self.path = path
        self.rules = rules

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get(TEAM):
            needed = required_role(self.rules, scope["method"], self.path)
            user = scope.get(USER)
            if not allows(user.role if user else None, needed):
                request = Request(scope)
                if user is None:
                    response = SecurityMiddleware.deny(request, 401, LOGIN_NEEDED)
                else:
                    from stemmen.i18n import translate
                    from stemmen.web.rendering import language

                    lang = language(request)
                    message = translate(ROLE_TOO_LOW, lang, role=translate(user.role.value, lang),
                                        needed=translate(Role(needed or Role.OWNER).value, lang))
                    response = error_response(request, 403, message)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def guard(table: list[Any], rules: dict[str, Role | str]) -> list[Any]:
    """Put a :class:`RoleGuard` in front of every route of ``table`` (Mounts: assets)."""
    from starlette.routing import Route

    for route in table:
        if isinstance(route, Route):
            route.app = RoleGuard(route.app, route.path, rules)
    return table
