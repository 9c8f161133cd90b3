"""The id of a model object read from the store."""

from __future__ import annotations

from typing import Protocol


class Stored(Protocol):
    """A model object with an ``id`` that is None until the store has written it."""

    @property
    def id(self) -> int | None: ...


def stored_id(item: Stored) -> int:
    """``item.id`` of an object the store has read: it always has one, so None is a bug."""
    if item.id is None:
        raise RuntimeError(f"{type(item).__name__} read from the store has no id.")
    return item.id
