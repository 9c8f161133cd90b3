"""Versions of a document's text and the state of codings after an edit; migration 0008.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from stemmen.store.schema import metadata  # noqa: F401
