"""What a detector finds: a span of text and its kind."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("person", "place", "phone", "email", "date", "id", "address")
"""Every kind of identifier, in the order a listing shows them."""

PRIORITY = {"email": 0, "id": 1, "phone": 2, "address": 3, "date": 4, "person": 5, "place": 6}
"""When two finds overlap, the lower number wins (then the longer span)."""


@dataclass(frozen=True)
class Found:
    """``text[start:end]`` looks like an identifier of ``kind``; ``source`` says who saw it."""

    start: int
    end: int
    text: str
    kind: str
    source: str = "rules"
    lang: str = ""


def resolve(found: list[Found]) -> list[Found]:
    """Overlapping finds reduced to one each: the stronger kind, then the longer span."""
    found = _merge_same_kind(found)
    ordered = sorted(found, key=lambda f: (PRIORITY[f.kind], -(f.end - f.start), f.start))
    kept: list[Found] = []
    for f in ordered:
        if any(f.start < k.end and k.start < f.end for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _merge_same_kind(found: list[Found]) -> list[Found]:
    """Overlapping finds of one kind joined into one span (two rules saw parts of it)."""
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.kind, f.start, -f.end)):
        last = out[-1] if out else None
        if last is not None and last.kind == f.kind and f.start < last.end:
            if f.end > last.end:
                text = last.text + f.text[last.end - f.start:]
                out[-1] = Found(last.start, f.end, text, last.kind, last.source)
            continue
        out.append(f)
    return out
