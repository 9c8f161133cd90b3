"""The id an INSERT gave its row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult


def new_id(result: CursorResult[Any]) -> int:
    """The primary key of the single row an ``insert()`` wrote (every table has an integer
    ``id``); an INSERT that reports no key is a bug, not bad input."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("The INSERT reported no primary key.")
    return int(key[0])
