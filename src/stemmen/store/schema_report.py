"""The report outline, narrative sections, quote translations and labels; migration 0014.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from stemmen.store.schema import metadata  # noqa: F401
