"""``/login`` and ``/logout``: the login form of a team project (one with users).

The form posts ``name``, ``password`` and the page's CSRF token (field ``csrf``); a good
login sets the session cookie (HttpOnly, SameSite=Strict, Secure over https) and goes on to
``next``. A solo project (no users) has no login: these pages go to the overview.
"""

from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from stemmen.project.users import LoginRefused, LoginThrottled
from stemmen.web.rendering import call, render
from stemmen.web.security import LOGIN_COOKIE, TEAM, USER, same

CSRF_FIELDS = ("csrf", "csrf_token")
BAD_FORM = "The form has expired. Reload the page and try again."


def _next(value: str | None) -> str:
    """Where to go after the login: a path on this server only (never //other.site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def _form_csrf(request: Request, form: dict[str, str]) -> bool:
    given = next((form[f] for f in CSRF_FIELDS if form.get(f)), None)
    given = given or request.headers.get("x-csrf-token")
    return same(given, request.app.state.settings.csrf)


async def page(request: Request) -> Response:
    """The login form (logged in already, or a solo project: straight on)."""
    target = _next(request.query_params.get("next"))
    if not request.scope.get(TEAM) or request.scope.get(USER) is not None:
        return RedirectResponse(target, status_code=303)
    return render(request, "login.html", next=target, name="", error="")


async def login(request: Request) -> Response:
    """POST name, password, csrf, next: open a session, or show the form again."""
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    target = _next(form.get("next"))
    if not _form_csrf(request, form):
        return render(request, "login.html", status=403, next=target,
                      name=form.get("name", ""), error=BAD_FORM)
    if not request.scope.get(TEAM):
        return RedirectResponse(target, status_code=303)
    p = request.app.state.project
    address = request.client.host if request.client else ""
    try:
        session = await call(p.users.authenticate, form.get("name", ""),
                             form.get("password", ""), address,
                             dt.timedelta(seconds=request.app.state.settings.session_lifetime))
    except (LoginRefused, LoginThrottled) as exc:
        status = 429 if isinstance(exc, LoginThrottled) else 401
        return render(request, "login.html", status=status, next=target,
                      name=form.get("name", ""), error=exc.template, params=exc.params)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LOGIN_COOKIE, session.token, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https",
                        max_age=int(request.app.state.settings.session_lifetime))
    return response


async def logout(request: Request) -> Response:
    """POST csrf: end this browser's session and go to the login form."""
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    if not _form_csrf(request, form):
        return render(request, "login.html", status=403, next="/", name="", error=BAD_FORM)
    token = request.cookies.get(LOGIN_COOKIE, "")
    p = request.app.state.project
    if token and p is not None:
        await call(p.users.logout, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(LOGIN_COOKIE, path="/", httponly=True, samesite="strict")
    return response


ROUTES = [
    Route("/login", page, methods=["GET"], name="login"),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"], name="logout"),
]
