"""The recording on the document page: a timed transcript (.vtt from webvtt-py) with its
audio linked; clicking a paragraph's time plays from there, the position moves, and the
paragraph being played is highlighted (and the highlight follows the playback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"


def at(page: Any) -> float:
    return float(page.evaluate("document.getElementById('media-player').currentTime"))


def wait_for_position(page: Any, wanted: Any, seconds: float = 5) -> bool:
    """Poll the player's position (wait_for_function would need eval, which the CSP bars)."""
    for _ in range(int(seconds * 10)):
        if wanted(at(page)):
            return True
        page.wait_for_timeout(100)
    return False


def test_click_a_paragraph_time_to_play_from_there(server: Any, page: Any, axe: Any,
                                                   shoot: Any) -> None:
    p = server.project
    p.codebook.add("Q-taal", definition="Over taal.")
    p.documents.import_files([DATA / "subtitles" / "interview_webvtt.vtt"])
    p.media.link("interview_webvtt", DATA / "media" / "interview_tone.wav", copy=True)
    p.documents.add("Plain", "Ann: Ja.\nBob: Nee.\n")

    server.enter(page, "/documents/interview_webvtt")
    player = page.locator("#media-player")
    expect(player).to_be_visible()
    times = page.locator("#paras .ptime")
    expect(times).to_have_count(4)
    expect(times.nth(2)).to_have_text("00:03")
    axe(page)

    page.get_by_role("button", name="Play from 00:03").click()
    row3, row4 = page.locator("#p3"), page.locator("#p4")
    expect(row3).to_have_class("para turn playing")
    expect(row3).to_have_attribute("aria-current", "true")
    position = at(page)
    assert 3.5 <= position < 4.5
    # It plays on: the position moves, and at 4.5 s the highlight goes to paragraph 4.
    assert wait_for_position(page, lambda at: at > position + 0.3)
    expect(row4).to_have_class("para turn playing", timeout=5000)
    expect(row3).not_to_have_attribute("aria-current", "true")
    shoot(page, "document-media-player")

    # Back to the first turn: the highlight jumps there.
    page.evaluate("document.getElementById('media-player').pause()")
    times.first.click()
    expect(page.locator("#p1")).to_have_class("para turn playing")
    assert at(page) < 1.5

    # A document without times or media gets neither a player nor time buttons.
    server.enter(page, "/documents/Plain")
    expect(page.locator("#paras .para")).to_have_count(2)
    expect(page.locator("#media-player")).to_have_count(0)
    expect(page.locator(".ptime")).to_have_count(0)
