"""Edits of a text and where coded spans go (model.text_edits), checked against brute force.

Texts are synthetic: random words with emoji, combining accents and CRLF line ends.
"""

from __future__ import annotations

import random
import time
import unicodedata

import pytest

from stemmen.model.text import normalise_text
from stemmen.model.text_edits import (
    DETACHED,
    FLAGGED,
    KEPT,
    Edit,
    apply_edits,
    check_edits,
    edits_from_diff,
    map_span,
    map_spans,
    place_span,
)

PIECES = ["de", "kat", "zat", "op", "mat", "café", "e\u0301te\u0301", "naïve", "q\u0307",
          "👩\u200d💻", "👍🏽", "🇧🇪", "❤\ufe0f", "niño", "straße", "Ωμέγα", "the", "a"]


def _text(rng: random.Random, words: int) -> str:
    lines, line = [], []
    for _ in range(words):
        line.append(rng.choice(PIECES) + rng.choice(["", "", ".", ","]))
        if rng.random() < 0.12:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line) or "slot")
    return normalise_text(rng.choice(["\r\n", "\n", "\r\n\r\n"]).join(lines))


def _random_edits(rng: random.Random, text: str, count: int) -> list[Edit]:
    cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 2 * count)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        kind = rng.choice(["insert", "delete", "replace"])
        if kind == "insert":
            edits.append(Edit(a, a, " " + rng.choice(PIECES) + " "))
        elif kind == "delete":
            edits.append(Edit(a, b))
        else:
            edits.append(Edit(a, b, rng.choice(PIECES) + "\r\n" * rng.randint(0, 1)))
    return edits


def _cluster_cut(text: str, pos: int) -> bool:
    """Brute force: does a cut at pos separate a mark from its character?"""
    if not 0 < pos < len(text):
        return False
    return (unicodedata.category(text[pos]) in ("Mn", "Mc", "Me")
            or text[pos] in "\u200d\ufe0f" or "\U0001f3fb" <= text[pos] <= "\U0001f3ff"
            or text[pos - 1] == "\u200d")


@pytest.mark.parametrize("seed", range(40))
def test_random_edits_keep_the_words_of_kept_spans(seed: int) -> None:
    rng = random.Random(seed)
    old = _text(rng, rng.randint(5, 120))
    new = normalise_text(apply_edits(old, check_edits(_random_edits(rng, old, 4), len(old))))
    edits = edits_from_diff(old, new)
    assert apply_edits(old, edits) == new
    spans = []
    for _ in range(30):
        s = rng.randrange(len(old))
        spans.append((s, rng.randint(s + 1, min(len(old), s + 40))))
    mapped = map_spans(edits, spans)
    counts = {KEPT: 0, FLAGGED: 0, DETACHED: 0}
    for (s, e), m in zip(spans, mapped, strict=True):
        counts[m.state] += 1
        assert 0 <= m.start <= m.end <= len(new)
        # brute force: which old characters does some edit remove?
        removed = [any(x.start <= i < x.end for x in edits) for i in range(s, e)]
        inserted_inside = any(s < x.start < e and x.start == x.end for x in edits)
        if m.state == KEPT:
            assert new[m.start:m.end] == old[s:e]
            assert not any(removed) and not inserted_inside
            assert _cluster_cut(new, m.start) == _cluster_cut(old, s)
            assert _cluster_cut(new, m.end) == _cluster_cut(old, e)
        elif m.state == DETACHED:
            assert all(removed)
        else:
            assert any(removed) or inserted_inside
            assert not all(removed)
            assert m.start < m.end
        ps, pe = place_span(m, len(new))
        assert 0 <= ps < pe <= len(new)


def test_spans_far_from_the_edits_are_kept() -> None:
    old = "\n".join(f"Regel {i}: de kat zat op de mat {i * 7919 % 1000} 👍🏽." for i in range(200))
    new = old.replace("Regel 50:", "Regel vijftig:").replace("Regel 120: de kat", "Regel 120:")
    edits = edits_from_diff(old, new)
    for i in (0, 10, 60, 119, 121, 199):
        start = old.index(f"Regel {i}:")
        end = old.index("\n", start) if i < 199 else len(old)
        mapped = map_span(edits, start, end)
        assert mapped.state == KEPT
        assert new[mapped.start:mapped.end] == old[start:end]
    changed = old.index("Regel 50:")
    assert map_span(edits, changed, changed + 20).state == FLAGGED
    cut = old.index("de kat", old.index("Regel 120:"))
    gone = map_span(edits, cut, cut + 6)
    assert gone.state == DETACHED and gone.start == gone.end


def test_insertions_at_the_edges_stay_outside() -> None:
    old = "abc def ghi"
    edits = [Edit(4, 4, "XX "), Edit(7, 7, "!")]
    assert apply_edits(old, edits) == "abc XX def! ghi"
    assert map_span(edits, 4, 7) == map_span(edits, 4, 7)
    mapped = map_span(edits, 4, 7)
    assert (mapped.start, mapped.end, mapped.state) == (7, 10, KEPT)
    inside = map_span([Edit(5, 5, "-")], 4, 7)
    assert inside.state == FLAGGED and (inside.start, inside.end) == (4, 8)


def test_a_combining_accent_added_after_a_span_changes_its_last_letter() -> None:
    old, new = "la cafe noire", "la cafe\u0301 noire"  # not normalised: the mark stays apart
    edits = edits_from_diff(old, new)
    assert apply_edits(old, edits) == new
    assert map_span(edits, 3, 7).state == FLAGGED  # 'cafe' lost its last letter as it was


def test_widen_covers_a_replacement_without_flagging() -> None:
    old = "Ik sprak met Jan Peeters over de wachtlijst."
    name = old.index("Jan Peeters")
    edits = [Edit(name, name + len("Jan Peeters"), "[PERSOON-1]")]
    new = apply_edits(old, edits)
    # a coding from 'Peeters over de wachtlijst' starts inside the name
    mapped = map_span(edits, old.index("Peeters"), len(old) - 1, widen=True)
    assert mapped.state == KEPT and mapped.widened
    assert new[mapped.start:mapped.end] == "[PERSOON-1] over de wachtlijst"
    # without widen the same coding is flagged, and one on the name alone is detached
    assert map_span(edits, old.index("Peeters"), len(old) - 1).state == FLAGGED
    assert map_span(edits, name, name + 3).state == DETACHED
    assert map_span(edits, 0, 2) == map_span(edits, 0, 2, widen=True)


def test_check_edits_refuses_overlaps() -> None:
    with pytest.raises(ValueError, match="overlaps"):
        check_edits([Edit(0, 5, "x"), Edit(3, 6, "y")], 10)
    with pytest.raises(ValueError, match="outside"):
        check_edits([Edit(8, 12)], 10)
    assert check_edits([Edit(5, 5), Edit(1, 2, "z")], 10) == [Edit(1, 2, "z")]


def test_a_long_transcript_diffs_quickly() -> None:
    rng = random.Random(7)
    old = _text(rng, 11_000)
    assert len(old) > 50_000
    edits = _random_edits(rng, old, 40)
    new = apply_edits(old, check_edits(edits, len(old)))
    began = time.perf_counter()
    found = edits_from_diff(old, new)
    elapsed = time.perf_counter() - began
    assert apply_edits(old, found) == new
    assert elapsed < 5, elapsed


def test_a_removed_line_goes_whole_even_when_lines_end_alike() -> None:
    old = "Ann: Hallo, dit is een test.\nBob: Dag Ann.\nAnn: Tot ziens."
    new = "Ann: Goedendag, dit is een test.\nAnn: Tot ziens."
    edits = edits_from_diff(old, new)
    assert apply_edits(old, edits) == new
    first = map_span(edits, 0, old.index("\n"))
    assert new[first.start:first.end] == "Ann: Goedendag, dit is een test."
    bob = old.index("Bob")
    gone = map_span(edits, bob, bob + len("Bob: Dag Ann."))
    assert gone.state == DETACHED
    last = old.index("Ann: Tot")
    kept = map_span(edits, last, len(old))
    assert kept.state == KEPT and new[kept.start:kept.end] == "Ann: Tot ziens."
