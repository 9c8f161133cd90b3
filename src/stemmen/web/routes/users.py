"""``/users``: the people who may log in and their roles (``stemmen users``), for owners.

Adding the first user turns the project into a team project: from the next request on,
everyone logs in (the page says so). A role change or a removal counts from that person's
next request.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stemmen.web.rendering import body, call, ok, project, render, text_field


async def page(request: Request) -> Response:
    p = project(request)
    people = await call(p.users.list)
    sessions = await call(p.users.sessions)
    live = {s.user: sum(1 for x in sessions if x.user == s.user) for s in sessions}
    return render(request, "users.html", people=people, live=live,
                  roles=("owner", "reviewer", "coder", "reader"))


async def add(request: Request) -> Response:
    """POST {name, role, password}."""
    data = await body(request)
    user = await call(project(request).users.add, text_field(data, "name") or "",
                      text_field(data, "role") or "", text_field(data, "password") or "")
    return ok(user=user.as_dict())


async def role(request: Request) -> Response:
    """POST {name, role}."""
    data = await body(request)
    user = await call(project(request).users.role, text_field(data, "name") or "",
                      text_field(data, "role") or "")
    return ok(user=user.as_dict())


async def remove(request: Request) -> Response:
    """POST {name}."""
    user = await call(project(request).users.remove, text_field(await body(request), "name")
                      or "")
    return ok(user=user.as_dict())


ROUTES = [
    Route("/users", page, name="users"),
    Route("/api/users/add", add, methods=["POST"]),
    Route("/api/users/role", role, methods=["POST"]),
    Route("/api/users/remove", remove, methods=["POST"]),
]
