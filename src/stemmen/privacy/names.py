"""Names and places: deduce for Dutch and English, spaCy's French model for French.

Both load from the installed packages only. deduce builds its lookup structures from the
lists it ships (about a minute, once); :func:`prepare` does it with a progress callback and
keeps the result in the user's cache directory (``$STEMMEN_CACHE_DIR``, else
``$XDG_CACHE_HOME/stemmen`` or ``~/.cache/stemmen``), never in the installed package.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from stemmen.privacy.spans import Found

Progress = Callable[[float], None]
"""Told the share done (0 to 1) while a model is prepared."""

_BUILD_SECONDS = 70.0  # deduce's own estimate is "1-2 minutes"; measured 64 s on one core
_DEDUCE_KINDS = {"persoon": "person", "patient": "person", "locatie": "place"}
_SPACY_KINDS = {"PER": "person", "LOC": "place"}

TITLES = (
    "mevrouw", "mevr.", "mevr", "mw.", "meneer", "mijnheer", "mnr.", "dhr.", "dhr", "juffrouw",
    "dokter", "dr.", "dr", "madame", "mme", "mme.", "monsieur", "m.", "mademoiselle", "mlle",
    "mlle.", "docteur", "maître", "maitre", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss",
    "meester", "zuster", "soeur", "sœur",
)


def cache_dir() -> Path:
    """Where Stemmen keeps what it builds once (never inside the installed package)."""
    chosen = os.environ.get("STEMMEN_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stemmen"


def _deduce_cache() -> Path:
    import deduce  # type: ignore[import-untyped]

    return cache_dir() / f"deduce-{deduce.__version__}"


def deduce_ready() -> bool:
    """Whether deduce's lookup structures are already built in the cache."""
    return (_deduce_cache() / "cache" / "lookup_structs.pickle").exists()


def prepare(progress: Progress | None = None) -> None:
    """Load (building once, if needed) deduce and the French model; ``progress`` is told the
    share done while deduce's lookup structures are built."""
    if progress is not None and not deduce_ready():
        done = threading.Event()
        started = time.monotonic()

        def tick() -> None:
            while not done.wait(0.5):
                progress(min(0.99, (time.monotonic() - started) / _BUILD_SECONDS))

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        try:
            _deduce()
        finally:
            done.set()
            ticker.join()
        progress(1.0)
    _deduce()
    _french()


@lru_cache(maxsize=1)
def _deduce() -> Any:
    import logging

    import deduce

    path = _deduce_cache()
    path.mkdir(parents=True, exist_ok=True)
    quiet = logging.getLogger().level
    logging.getLogger().setLevel(max(quiet, logging.WARNING))
    try:
        return deduce.Deduce(cache_path=path)
    finally:
        logging.getLogger().setLevel(quiet)


@lru_cache(maxsize=1)
def _french() -> Any:
    import spacy

    return spacy.load("fr_core_news_md", exclude=[
        "parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter"])


def dutch_names(paragraphs: Iterable[tuple[int, str]]) -> list[Found]:
    """Persons and places that deduce sees in ``(offset, text)`` paragraphs."""
    model = _deduce()
    found = []
    for offset, text in paragraphs:
        for a in model.deidentify(text).annotations:
            kind = _DEDUCE_KINDS.get(a.tag)
            if kind is not None:
                found.append(Found(offset + a.start_char, offset + a.end_char, a.text, kind,
                                   "deduce"))
    return found


def french_names(paragraphs: Iterable[tuple[int, str]]) -> list[Found]:
    """Persons and places that spaCy's French model sees in ``(offset, text)`` paragraphs."""
    items = list(paragraphs)
    found = []
    for (offset, _), doc in zip(items, _french().pipe(t for _, t in items), strict=True):
        for ent in doc.ents:
            kind = _SPACY_KINDS.get(ent.label_)
            if kind is not None:
                found.append(Found(offset + ent.start_char, offset + ent.end_char, ent.text,
                                   kind, "spacy"))
    return found
