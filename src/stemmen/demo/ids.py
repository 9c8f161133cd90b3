"""Stable identifiers for the demo: uuid5 from a fixed namespace, the same on every run."""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f1c2a4e-3b7d-5e8a-9c0f-a42a42a42a42")


def guid(kind: str, *parts: object) -> str:
    """A uuid5 for ``kind`` ("code", "document"…) and the parts that name the object."""
    return str(uuid.uuid5(NAMESPACE, "|".join([kind, *(str(p) for p in parts)])))
