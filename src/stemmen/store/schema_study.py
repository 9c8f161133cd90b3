"""The study around the coding: sampling plan, guides, fieldwork, consent, codebook versions.

Migration 0013 creates them.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.
"""

from __future__ import annotations

from stemmen.store.schema import metadata  # noqa: F401
