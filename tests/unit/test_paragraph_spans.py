"""paragraph_spans (one regular expression) gives exactly the units of paragraphs()."""

from __future__ import annotations

import random

from stemmen.model.text import paragraph_spans, paragraphs

PIECES = ["woord", " ", "\t", "\n", "\n\n", "\u00a0", "\u2003", "\u3000", "\x1c", "é", "😀",
          "  inspringing", "\r", "\x0b", "."]


def test_spans_equal_paragraph_units_on_random_texts() -> None:
    rnd = random.Random(11)
    for _ in range(3_000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 40)))
        assert paragraph_spans(text) == [(u.start, u.end) for u in paragraphs(text)], repr(text)


def test_spans_of_a_plain_transcript() -> None:
    text = "Vraag: hoe gaat het?\n\n  Antwoord: goed.\n   \nEinde"
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "Vraag: hoe gaat het?", "Antwoord: goed.", "Einde"]
