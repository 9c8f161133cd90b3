"""Results computed from the project, kept in memory until the project changes.

A server asks the same questions many times (the overview, a matrix, the reliability of two
coders) while the project changes only now and then. :func:`cache_of` gives each open
project one :class:`ProjectCache`:

- ``remember(key, compute)`` answers a result computed earlier if the project has not changed
  since (its *mark*: the commits of this process and the newest audit entry, coding and
  document, so another program's action is seen too), and computes it otherwise;
- ``paragraphs(conn, ids)`` gives each document's paragraph spans, read from the stored units
  (``store.units``) once per version of a text (known by its id and the fingerprint of its
  units, so an edited text is read again; coding does not read them again). It is the one
  paragraph cache: retrieval (``project.retrieval_cache.TextCache``) takes its spans here.

Results are shared between callers: treat them as read-only.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from stemmen.stats.coverage import UnitIndex
from stemmen.store import changes
from stemmen.store import units as su

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.store import Store, Tx

T = TypeVar("T")
MAX_RESULTS = 64  # results kept per project (least recently used go first)

Spans = list[tuple[int, int]]


class ProjectCache:
    """Results and paragraph splits of one project (thread-safe)."""

    def __init__(self, store: Store) -> None:
        self._store = weakref.ref(store)  # the cache must not keep a closed project alive
        self._commits = 0
        self._lock = threading.Lock()
        self._results: OrderedDict[Hashable, tuple[tuple[Any, ...], Any]] = OrderedDict()
        self._paragraphs: dict[int, tuple[tuple[str, int], Spans]] = {}
        self._keys: tuple[tuple[Any, ...], dict[int, tuple[str, int]]] | None = None
        self._index: tuple[dict[int, tuple[str, int]], UnitIndex] | None = None
        changes.watch_commits(store.engine, self._committed)

    def _committed(self) -> None:
        with self._lock:
            self._commits += 1

    def mark(self) -> tuple[Any, ...]:
        """Changes whenever the project changes (here or in another program)."""
        with self._lock:
            commits = self._commits
        store = self._store()
        if store is None:
            return (commits,)
        with store.reading() as conn:
            return (commits, *changes.change_mark(conn))

    def peek(self, key: Hashable) -> tuple[bool, Any]:
        """(True, result) if ``key`` was computed on the project as it is now."""
        mark = self.mark()
        with self._lock:
            found = self._results.get(key)
            if found is None or found[0] != mark:
                return False, None
            self._results.move_to_end(key)
            return True, found[1]

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result of ``compute()`` for ``key``, computed again only after a change."""
        mark = self.mark()  # read before computing: a change during the work moves it on
        with self._lock:
            found = self._results.get(key)
            if found is not None and found[0] == mark:
                self._results.move_to_end(key)
                return found[1]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._results[key] = (mark, value)
            self._results.move_to_end(key)
            while len(self._results) > MAX_RESULTS:
                self._results.popitem(last=False)
        return value

    def forget(self) -> None:
        """Drop every result (the paragraph splits stay: texts do not change with them)."""
        with self._lock:
            self._results.clear()

    def paragraphs(self, conn: Tx, ids: list[int] | None = None) -> dict[int, Spans]:
        """Document id → its paragraph spans (``model.text.paragraph_spans``, as stored), for
        ``ids`` or every document; only the units of texts not seen before are read."""
        keys = self._text_keys(conn)
        wanted = list(keys) if ids is None else [i for i in ids if i in keys]
        with self._lock:
            missing = [i for i in wanted
                       if i not in self._paragraphs or self._paragraphs[i][0] != keys[i]]
        if missing:
            split = su.paragraph_spans(conn, None if len(missing) == len(keys) else missing)
            with self._lock:
                for i in missing:
                    self._paragraphs[i] = (keys[i], split.get(i, []))
                for gone in set(self._paragraphs) - set(keys):
                    del self._paragraphs[gone]
        with self._lock:
            return {i: self._paragraphs[i][1] for i in wanted if i in self._paragraphs}

    def paragraph_index(self, conn: Tx) -> UnitIndex:
        """Every document's paragraphs laid end to end (``stats.coverage.UnitIndex``), built
        again only when a text is added or removed."""
        keys = self._text_keys(conn)
        with self._lock:
            if self._index is not None and self._index[0] is keys:
                return self._index[1]
        units = self.paragraphs(conn)
        index = UnitIndex.build(units, {i: length for i, (_, length) in keys.items()})
        with self._lock:
            self._index = (keys, index)
        return index

    def _text_keys(self, conn: Tx) -> dict[int, tuple[str, int]]:
        mark = self.mark()
        with self._lock:
            if self._keys is not None and self._keys[0] == mark:
                return self._keys[1]
        keys = su.unit_keys(conn)
        with self._lock:
            self._keys = (mark, keys)
        return keys


_CACHES: weakref.WeakKeyDictionary[Store, ProjectCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def cache_of(project: Project) -> ProjectCache:
    """The cache of ``project``'s database (one per open store)."""
    with _CACHES_LOCK:
        found = _CACHES.get(project.store)
        if found is None:
            found = _CACHES[project.store] = ProjectCache(project.store)
        return found
