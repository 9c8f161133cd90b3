"""The translation layer: user-facing text in English, Dutch (nl) and French (fr).

Messages are written in English in the code and looked up in the catalogs
``catalogs/<lang>/*.json`` (one file per face or layer, merged), keyed by the English
text. A message missing from a catalog falls back to English, so a new message never
breaks a face; ``tests/unit/test_i18n.py`` checks that the catalogs are complete.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("en", "nl", "fr")


@cache
def catalog(lang: str) -> dict[str, str]:
    """The catalog of one language (empty for English, the source language)."""
    if lang == "en" or lang not in LANGUAGES:
        return {}
    merged: dict[str, str] = {}
    folder = resources.files(__package__).joinpath("catalogs", lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


def current_language() -> str:
    """$STEMMEN_LANG if it names a known language, else English."""
    lang = os.environ.get("STEMMEN_LANG", "en").split("_")[0].lower()
    return lang if lang in LANGUAGES else "en"


def translate(message: str, lang: str | None = None, **params: Any) -> str:
    """``message`` in ``lang`` with ``{name}`` placeholders filled from ``params``."""
    text = catalog(lang or current_language()).get(message, message)
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return message.format(**params)


_ = translate
