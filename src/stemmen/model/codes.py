"""Categories, codes and the rules of a codebook."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stemmen.errors import Invalid

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#17becf",
)


@dataclass(frozen=True)
class Category:
    """A group of codes, e.g. "Randvoorwaarden OCMW's"."""

    name: str
    guid: str = ""
    description: str = ""
    parent: str | None = None


@dataclass(frozen=True)
class Code:
    """A code with its definition and colour; ``category`` is a category name or None."""

    name: str
    guid: str = ""
    category: str | None = None
    definition: str = ""
    colour: str = ""
    id: int | None = None


def check_code_name(name: str) -> str:
    """A stripped, non-empty name without line breaks, or Invalid."""
    clean = " ".join(name.split()) if name else ""
    if not clean:
        raise Invalid("A code name cannot be empty.")
    if len(clean) > 200:
        raise Invalid("Code name {name!r} is longer than 200 characters.", name=clean[:40])
    return clean


def check_colour(colour: str | None) -> str:
    """A #rrggbb colour in lower case, or '' for none."""
    if not colour:
        return ""
    if not _COLOUR.match(colour):
        raise Invalid("Colour {colour!r} is not of the form #rrggbb.", colour=colour)
    return colour.lower()


def colour_for(index: int) -> str:
    """A default colour from a palette that people with colour-blindness can tell apart."""
    return PALETTE[index % len(PALETTE)]


def prefix_of(code_name: str) -> str | None:
    """The category prefix of a code name such as ``R-tolk`` (→ ``R``), if it has one."""
    match = re.match(r"^([A-Z]{1,3})-", code_name)
    return match.group(1) if match else None
