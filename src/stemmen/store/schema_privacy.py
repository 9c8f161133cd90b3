"""Pseudonymisation: candidates, decisions and the encrypted mapping; migration 0012.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from stemmen.store.schema import metadata  # noqa: F401
