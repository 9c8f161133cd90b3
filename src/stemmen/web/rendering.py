"""Pages and JSON: the Jinja environment, the request's language and coder, responses."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

import orjson
from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse

import stemmen
from stemmen.errors import Invalid
from stemmen.i18n import LANGUAGES, translate
from stemmen.i18n.moments import format_moment

LANG_COOKIE = "stemmen_lang"
CODER_COOKIE = "stemmen_coder"
VIEW_COOKIE = "stemmen_view"
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands", "fr": "Français"}
_JS_MESSAGE = re.compile(r"""\bt\(\s*"((?:[^"\\]|\\.)*)\"""")


@cache
def environment() -> Environment:
    """The template environment: autoescape always on."""
    env = Environment(loader=PackageLoader("stemmen.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    env.filters["value"] = display_value
    env.filters["moment"] = _moment
    return env


@pass_context
def _moment(context: Context, value: dt.datetime | str | None) -> str:
    """``{{ at|moment }}``: a stored (UTC) moment in the page's language and the local time of
    the machine that serves it (for ``stemmen serve``, the user's own)."""
    return format_moment(value, context.get("lang", "en"))


def iso(value: dt.datetime | None) -> str | None:
    """ISO text of a timestamp; a naive one from the store is UTC and says so."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def display_value(value: Any) -> str:
    """An attribute value as text: dates as ISO, booleans as yes/no symbols, None as dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def language(request: Request) -> str:
    """The cookie's language, else the best of Accept-Language, else the server default."""
    chosen = request.cookies.get(LANG_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in LANGUAGES:
            return code
    default = request.app.state.settings.lang
    return default if default in LANGUAGES else "en"


def coder(request: Request) -> str:
    """Who is coding in this browser: the logged-in user (team mode: never a value the client
    sends), else the coder cookie, else the server's default coder."""
    user = request.scope.get("stemmen.user")
    if user is not None:
        return str(user.name)
    name = " ".join(request.cookies.get(CODER_COOKIE, "").split())[:200]
    return name or request.app.state.settings.coder or project(request).actor


def project(request: Request) -> stemmen.Project:
    """The served project as this request's user sees it (team mode), else as served."""
    return request.scope.get("stemmen.project") or request.app.state.project


def translator(lang: str) -> Callable[..., str]:
    def _(message: str, **params: Any) -> str:
        return translate(message, lang, **params)
    return _


@cache
def js_messages() -> tuple[str, ...]:
    """Every message the scripts translate with ``t("...")``."""
    found: set[str] = set()
    folder = resources.files("stemmen.web").joinpath("static", "js")
    for entry in folder.iterdir():
        if entry.name.endswith(".js"):
            found.update(json.loads(f'"{m}"') for m in _JS_MESSAGE.findall(entry.read_text(
                encoding="utf-8")))
    return tuple(sorted(found))


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's language, with the CSRF token and the scripts' messages."""
    lang = language(request)
    settings = request.app.state.settings
    page = environment().get_template(template).render(
        _=translator(lang), lang=lang, languages=LANGUAGE_NAMES, csrf=settings.csrf,
        coder=coder(request), project_name=request.app.state.project_name,
        user=request.scope.get("stemmen.user"),
        messages={m: translate(m, lang) for m in js_messages()},
        path=request.url.path, version=stemmen.__version__, **context)
    return HTMLResponse(page, status_code=status, headers={"Cache-Control": "no-store"})


class JSON(JSONResponse):
    """JSON that knows dates and dataclasses, UTF-8 unescaped."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_default,
                          separators=(",", ":")).encode("utf-8")


def ok(**data: Any) -> JSON:
    """A successful API answer: ``{"ok": true, ...}``."""
    return JSON({"ok": True, **data}, headers={"Cache-Control": "no-store"})


_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


class PlainJSON(JSON):
    """:class:`JSON` for plain data (text, numbers, lists, tuples, dicts with text keys),
    encoded by orjson in C: the same bytes, several times faster on large answers. Anything
    orjson refuses (big integers, keys that are not text) is encoded as :class:`JSON` does."""

    def render(self, content: Any) -> bytes:
        try:
            return orjson.dumps(content, default=_default, option=_ORJSON_OPTIONS)
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            return super().render(content)


def ok_plain(**data: Any) -> JSON:
    """:func:`ok` for large answers of plain data (see :class:`PlainJSON`)."""
    return PlainJSON({"ok": True, **data}, headers={"Cache-Control": "no-store"})


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(value)
    return str(value)


async def body(request: Request) -> dict[str, Any]:
    """The JSON object a request carries, or Invalid."""
    try:
        data = await request.json()
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid("The request body is not valid JSON.") from exc
    if not isinstance(data, dict):
        raise Invalid("The request body must be a JSON object.")
    return data


async def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a synchronous project action off the event loop."""
    return await run_in_threadpool(fn, *args, **kwargs)


async def quick(request: Request, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a short, bounded project action (one coding) on the event loop when the project is
    a local SQLite file: its single writer makes a worker thread useless, and the hop costs
    as much as the write. On a database server it runs in a worker thread, like ``call``.
    """
    if request.app.state.inline:
        return fn(*args, **kwargs)
    return await run_in_threadpool(fn, *args, **kwargs)


def text_field(data: dict[str, Any], key: str, required: bool = True) -> str | None:
    """A string field of a JSON body (stripped), or Invalid."""
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise Invalid("The field {field} is required.", field=key)
        return None
    if not isinstance(value, str):
        raise Invalid("The field {field} must be text.", field=key)
    return value


def int_field(data: dict[str, Any], key: str) -> int | None:
    """An optional integer field of a JSON body, or Invalid."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid("The field {field} must be a whole number.", field=key)
    return value
