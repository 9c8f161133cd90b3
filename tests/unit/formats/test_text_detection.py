"""The "looks like text" rule: at most 1% control characters (tab, LF, CR and FF allowed)."""

from __future__ import annotations

import random

import pytest

from stemmen.formats.encodings import MAX_CONTROL_SHARE, looks_like_text


def by_the_rule(text: str) -> bool:
    """The rule as the module docstring states it, one character at a time."""
    allowed = "\t\n\r\x0c"
    controls = sum(1 for ch in text
                   if (ord(ch) < 0x20 and ch not in allowed) or 0x7F <= ord(ch) <= 0x9F)
    return controls <= MAX_CONTROL_SHARE * len(text)


@pytest.mark.parametrize("text,expected", [
    ("", True),
    ("Hallo\tdaar\r\n\x0cnieuwe pagina\n", True),
    ("a" * 99 + "\x01", True),      # 1 in 100: at the limit
    ("a" * 98 + "\x01\x02", False),  # 2 in 100
    ("a" * 199 + "\x85", True),     # C1 control (NEL) counts
    ("a" * 99 + "\x7f\x7f", False),  # DEL counts
    ("é" * 100 + "\xa0", True),     # no-break space is text
])
def test_limit(text: str, expected: bool) -> None:
    assert looks_like_text(text) is expected


def test_agrees_with_the_rule_on_random_texts() -> None:
    rnd = random.Random(7)
    pools = [(0, 0xA0), (0x20, 0x7E), (0x20, 0x7E), (0x100, 0x2FFF)]
    for _ in range(5_000):
        length = rnd.randint(0, 400)
        text = "".join(chr(rnd.randint(*rnd.choice(pools))) for _ in range(length))
        assert looks_like_text(text) is by_the_rule(text), repr(text)
