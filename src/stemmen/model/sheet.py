"""Rows of the case, document, participant and speaker sheets, and bulk changes to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RowEdit:
    """One row's change in a bulk edit.

    ``key`` names the row as it is now: ``(case,)``, ``(document,)``, ``(pseudonym,)``, or
    ``(participant, document)`` for a speaker link; ``None`` creates a new row. ``fields``
    holds the sheet's own columns (name, description, case, pseudonym, speaker...), and
    ``attributes`` typed attribute values (raw text is parsed by the attribute's type; an
    empty value clears it). ``delete`` removes the row (used to undo a created row).
    """

    key: tuple[str, ...] | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    attributes: dict[str, Any] = field(default_factory=dict)
    delete: bool = False


@dataclass(frozen=True)
class BulkResult:
    """What a bulk change did: how many rows changed, and the edits that undo it."""

    changed: int
    undo: tuple[RowEdit, ...] = ()


@dataclass(frozen=True)
class ParticipantLink:
    """A participant speaks in a document under a label, e.g. ``Deelnemer 3``."""

    participant: str
    document: str
    speaker: str | None = None
