"""Trimmed quotes must come from their segment; default quotes are the most central ones."""

from __future__ import annotations

import pytest

from stemmen.errors import Invalid
from stemmen.project.quotes import central_order, check_trim, display_text
from stemmen.project.retrieval import Segment

TEXT = "Deelnemer 2: Ik had stress. [Naam hulpverlener] luisterde.\nDaarna ging het beter."


def _segment(text: str) -> Segment:
    return Segment(1, "doc", "OCMW A", "T", "an", 0, len(text), text, (1, 1), "", "", "Rol")


def test_a_trim_keeps_pieces_of_the_segment_in_order():
    assert check_trim(TEXT, "Ik had stress. […] Daarna ging het beter.") == (
        "Ik had stress. […] Daarna ging het beter.")
    assert check_trim(TEXT, "[Naam hulpverlener] luisterde...") == (
        "[Naam hulpverlener] luisterde...")
    with pytest.raises(Invalid, match="taken from the segment"):
        check_trim(TEXT, "Daarna […] Ik had stress.")
    with pytest.raises(Invalid):
        check_trim(TEXT, " […] ")


def test_display_text_drops_the_speaker_of_a_single_paragraph():
    assert display_text(_segment("Deelnemer 2: Ik had stress.")) == "Ik had stress."
    assert display_text(_segment("[Naam] zei: goed.")) == "[Naam] zei: goed."
    assert display_text(_segment(TEXT)).startswith("Deelnemer 2: Ik had stress.")


def test_central_order_prefers_the_text_closest_to_all_others():
    texts = ["de tolk hielp ons bij de intake met de taal en de papieren vandaag",
             "voetbal op zondag met vrienden uit de buurt en daarna samen koken thuis",
             "de tolk hielp bij de intake met de taal en veel papieren voor ons gezin",
             "de tolk hielp ons met de taal bij de intake en de papieren op het ocmw"]
    order = central_order(texts)
    assert order[-1] == 1 and sorted(order) == [0, 1, 2, 3]
    assert central_order(["a b", "a b"]) == [0, 1]  # ties keep their order
