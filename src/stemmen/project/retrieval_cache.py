"""What retrieval keeps between calls: the last encoded answers of the JSON API, and the
documents' texts with their paragraph bounds (see :mod:`stemmen.project.retrieval`). The
bounds are the stored units, taken from the project's one paragraph cache
(:meth:`stemmen.project.cache.ProjectCache.paragraphs`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from stemmen.project.cache import cache_of
from stemmen.store import documents as dc
from stemmen.store import units as su

if TYPE_CHECKING:
    from stemmen.project import Project

KEPT_ANSWERS = 8  # Segments.retrieve_encoded: the last answers kept, at most
KEPT_BYTES = 16_000_000  # ... and at most this many bytes of them in all

Encoder = Callable[[list[dict[str, Any]]], bytes]
"""Turns the rows of :meth:`Segments.retrieve_dicts` into bytes (e.g. a JSON array)."""


class Answers:
    """The last few encoded answers of ``retrieve_encoded``, each with what it was made from
    (rows, names, document facts, fields) and its encoder; one is reused only when all are
    equal."""

    def __init__(self, limit: int = KEPT_ANSWERS, max_bytes: int = KEPT_BYTES) -> None:
        self.limit = limit
        self.max_bytes = max_bytes
        self.kept: list[tuple[Encoder, Any, bytes]] = []  # newest first
        self.lock = threading.Lock()

    def get(self, encode: Encoder, inputs: tuple[Any, ...]) -> bytes | None:
        rows = inputs[0]
        with self.lock:
            for k, (used, made_from, data) in enumerate(self.kept):
                # cheap checks first: most answers differ in their number of rows
                if (used is encode and len(made_from[0]) == len(rows)
                        and made_from == inputs):
                    self.kept.insert(0, self.kept.pop(k))
                    return data
        return None

    def put(self, encode: Encoder, inputs: tuple[Any, ...], data: bytes) -> None:
        if len(data) > self.max_bytes // 4:
            return
        with self.lock:
            self.kept.insert(0, (encode, inputs, data))
            del self.kept[self.limit:]
            while sum(len(kept[2]) for kept in self.kept) > self.max_bytes:
                self.kept.pop()


class Paragraphs:
    """A document's text and its paragraph units (the stored ones, as ``model.text.paragraphs``
    gives them) as two lists of bounds, searched by bisection (no Unit per paragraph)."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def joined(self, lo: int, hi: int) -> str:
        """The text of units[lo:hi] (0-based), one per line."""
        return "\n".join(self.text[s:e] for s, e in zip(self.starts[lo:hi], self.ends[lo:hi],
                                                        strict=True))


class TextCache:
    """Documents' texts with their paragraph bounds, kept between calls (least recently used
    first out, at most ``limit`` code points in all).

    An entry is keyed by the document's id *and* the fingerprint of its stored units
    (``store.units.unit_keys``): an edited text, or a document added again, has another key,
    so a stale entry is never used. The bounds come from ``project``'s paragraph cache.
    """

    def __init__(self, project: Project, limit: int = 32_000_000) -> None:
        self.project = project
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict[tuple[int, str], Paragraphs] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, conn: Any, wanted: dict[int, str]) -> dict[int, Paragraphs]:
        """``{document id: paragraphs}`` for the documents of ``{document id: guid}``; missing
        texts are read."""
        keys = {doc_id: key for doc_id, (key, _) in su.unit_keys(conn, list(wanted)).items()}
        found: dict[int, Paragraphs] = {}
        with self.lock:
            for doc_id, key in keys.items():
                entry = self.entries.get((doc_id, key))
                if entry is not None:
                    self.entries.move_to_end((doc_id, key))
                    found[doc_id] = entry
        missing = [doc_id for doc_id in wanted if doc_id not in found]
        if missing:
            spans = cache_of(self.project).paragraphs(conn, missing)
            fresh = {doc_id: Paragraphs(text, spans.get(doc_id, []))
                     for doc_id, text in dc.document_texts(conn, missing).items()}
            found.update(fresh)
            with self.lock:
                for doc_id, units in fresh.items():
                    if doc_id in keys:
                        self._put((doc_id, keys[doc_id]), units)
        return found

    def _put(self, key: tuple[int, str], units: Paragraphs) -> None:
        if not key[1] or len(units.text) > self.limit // 4 or key in self.entries:
            return
        self.entries[key] = units
        self.size += len(units.text)
        while self.size > self.limit:
            _, old = self.entries.popitem(last=False)
            self.size -= len(old.text)
