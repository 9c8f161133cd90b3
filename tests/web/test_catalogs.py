"""Every message the web face shows (templates, scripts, handlers) has a Dutch and French entry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import stemmen.web
from stemmen.cli import serve
from stemmen.i18n import catalog
from stemmen.web import errors, security
from stemmen.web.rendering import js_messages
from stemmen.web.routes import codebook, overview

WEB = Path(stemmen.web.__file__).parent
PROJECT = WEB.parent / "project"
TEMPLATE_CALL = re.compile(r"""_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
ERROR_CALL = re.compile(r"""(?:Invalid|NotFound|AlreadyExists)\(\s*"((?:[^"\\]|\\.)*)\"""")


def template_messages() -> set[str]:
    found: set[str] = set()
    for path in (WEB / "templates").glob("*.html"):
        for double, single in TEMPLATE_CALL.findall(path.read_text(encoding="utf-8")):
            found.add(double or single)
    return found


def python_messages() -> set[str]:
    found: set[str] = set()
    for path in [*(WEB.rglob("*.py")), PROJECT / "workspace.py"]:
        found.update(ERROR_CALL.findall(path.read_text(encoding="utf-8")))
    found.update([errors.GENERIC, errors.HTTP_OTHER, *errors.HTTP_MESSAGES.values()])
    found.update([security.BAD_HOST, security.NO_TOKEN, security.BAD_CSRF, security.CROSS_SITE])
    found.update(overview.LABELS.values())
    found.update(codebook.KINDS.values())
    found.update([serve.EXPOSED, serve.SERVING, serve.STOP])
    return found


def all_messages() -> set[str]:
    return template_messages() | set(js_messages()) | python_messages()


def test_the_extractors_find_the_messages_of_every_source() -> None:
    assert "Codebook" in template_messages()
    assert "Select text or paragraphs first." in js_messages()
    assert "Access denied." in python_messages()
    assert len(all_messages()) > 150


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_web_message_has_a_translation(lang: str) -> None:
    missing = sorted(m for m in all_messages() if not catalog(lang).get(m, "").strip())
    assert missing == [], f"{len(missing)} messages lack a {lang} translation"


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_translations_keep_their_placeholders(lang: str) -> None:
    holes = re.compile(r"\{([^{}]+)\}")
    for message in all_messages():
        translated = catalog(lang).get(message, message)
        assert set(holes.findall(translated)) == set(holes.findall(message)), message


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_web_catalog_is_valid_json_with_text_values(lang: str) -> None:
    path = WEB.parent / "i18n" / "catalogs" / lang / "web.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in data.items())
