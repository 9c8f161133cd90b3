"""Typed attribute values as text in the database, and back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from stemmen.model.documents import AttributeDef, AttributeType


def encode(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def decode(attribute: AttributeDef, text: str | None) -> Any:
    if text is None:
        return None
    return attribute.parse(text)


def choices_json(attribute: AttributeDef) -> str:
    return json.dumps(list(attribute.choices), ensure_ascii=False)


def attribute_from_row(row: Any) -> AttributeDef:
    return AttributeDef(
        name=row.name,
        type=AttributeType(row.type),
        choices=tuple(json.loads(row.choices or "[]")),
        applies_to=row.applies_to,
        description=row.description or "",
    )
