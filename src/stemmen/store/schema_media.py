"""Timed speaker turns and media linked to documents; migration 0009.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from stemmen.store.schema import metadata  # noqa: F401
