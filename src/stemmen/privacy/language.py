"""The language of a paragraph: Dutch, French or English (lingua, offline)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

LANGUAGES = ("nl", "fr", "en")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.DUTCH, Language.FRENCH, Language.ENGLISH).build()


def detect_language(text: str, default: str = "nl") -> str:
    """``nl``, ``fr`` or ``en`` for ``text`` (``default`` when it is too short to tell)."""
    if len(text.split()) < 3:
        return default
    found = _detector().detect_language_of(text)
    if found is None:
        return default
    return {"DUTCH": "nl", "FRENCH": "fr", "ENGLISH": "en"}.get(found.name, default)
