"""Blind double-coding rounds; migration 0011.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from stemmen.store.schema import metadata  # noqa: F401
