"""Documents, cases, attributes and participants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from stemmen.errors import Invalid


class AttributeType(StrEnum):
    """The types an attribute (REFI-QDA: variable) can have."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"


@dataclass(frozen=True)
class AttributeDef:
    """A typed attribute that cases or documents carry, e.g. ``wave`` (number)."""

    name: str
    type: AttributeType = AttributeType.TEXT
    choices: tuple[str, ...] = ()
    applies_to: str = "document"  # "document" or "case"
    description: str = ""

    def parse(self, value: Any) -> Any:
        """Turn a raw value (often a string from CSV) into this attribute's type, or raise."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return _PARSERS[self.type](self, value)
        except (ValueError, TypeError) as exc:
            raise Invalid(
                "Value {value!r} is not a valid {type} for attribute {name}.",
                value=value,
                type=self.type.value,
                name=self.name,
            ) from exc


def _number(_: AttributeDef, value: Any) -> float | int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip().replace(",", ".")
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


def _date(_: AttributeDef, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _boolean(_: AttributeDef, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "ja", "oui", "1", "y", "j", "waar", "vrai"}:
        return True
    if text in {"false", "no", "nee", "non", "0", "n", "onwaar", "faux"}:
        return False
    raise ValueError(text)


def _choice(attr: AttributeDef, value: Any) -> str:
    text = str(value).strip()
    if attr.choices and text not in attr.choices:
        raise ValueError(text)
    return text


_PARSERS = {
    AttributeType.TEXT: lambda _, v: str(v).strip(),
    AttributeType.NUMBER: _number,
    AttributeType.DATE: _date,
    AttributeType.BOOLEAN: _boolean,
    AttributeType.CHOICE: _choice,
}


def infer_type(values: list[str]) -> AttributeType:
    """Guess the narrowest type that fits every non-empty value."""
    present = [v for v in values if v is not None and str(v).strip()]
    if not present:
        return AttributeType.TEXT
    for kind in (AttributeType.NUMBER, AttributeType.DATE, AttributeType.BOOLEAN):
        probe = AttributeDef("probe", kind)
        try:
            for value in present:
                probe.parse(value)
        except Invalid:
            continue
        return kind
    return AttributeType.TEXT


@dataclass(frozen=True)
class Case:
    """A unit of analysis, such as one OCMW, with typed attribute values."""

    name: str
    guid: str = ""
    description: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """An imported transcript: normalised text plus metadata."""

    name: str
    text: str
    guid: str = ""
    case: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    source_format: str = "txt"
    source_path: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Participant:
    """A person in the study under a pseudonym, with demographics (gender, age, country…)."""

    pseudonym: str
    case: str | None = None
    documents: tuple[str, ...] = ()
    demographics: dict[str, Any] = field(default_factory=dict)
