"""The document page's recording and speakers panel (web/routes/media_link.py): send a
recording from the browser (copied into the project folder), remove it, link one by path
where it is, and code every turn of a speaker; each checked in the project. The document is
synthetic; the tone is tests/data/media/interview_tone.wav."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

TONE = Path(__file__).resolve().parents[1] / "data" / "media" / "interview_tone.wav"
TEXT = ("Ann: Hoe ging het met de tolk?\nBob: De tolk hielp.\nAnn: En het werk?\n"
        "Bob: Dat gaat beter.\n")


def test_link_unlink_and_code_a_speakers_turns(server: Any, page: Any, axe: Any) -> None:
    p = server.project
    p.codebook.add("vraag")
    p.documents.add("Gesprek", TEXT)
    p.documents.add("Gesprek twee", "Ann: Nog een vraag?\nBob: Nee.\nAnn: Zeker?\nBob: Ja.\n")
    server.enter(page, "/documents/Gesprek")
    panel = page.locator("#doc-media")
    expect(panel.locator("#media-state")).to_have_text("No recording linked.")

    panel.locator("input[type=file]").set_input_files(str(TONE))
    panel.get_by_role("button", name="Link the recording").click()
    expect(panel.locator("#media-state")).to_contain_text("interview_tone.wav")
    link = p.media.get("Gesprek")
    assert link is not None and link.copied
    folder = p.media.folder()
    assert folder is not None and (folder / link.path).read_bytes() == TONE.read_bytes()
    expect(page.locator("#media-player")).to_be_attached()  # the player finds the link
    axe(page)

    panel.get_by_role("button", name="Remove the recording").click()
    page.locator("dialog.confirm").get_by_role("button", name="Remove the recording").click()
    expect(panel.locator("#media-state")).to_have_text("No recording linked.")
    assert p.media.get("Gesprek") is None
    assert not (folder / link.path).exists()  # the copy went with the link

    panel.get_by_label("or its path on this computer").fill(str(TONE))
    panel.get_by_label("Copy it into the project folder").uncheck()
    panel.get_by_role("button", name="Link the recording").click()
    expect(panel.locator("#media-state")).to_contain_text("where it is")
    by_path = p.media.get("Gesprek")
    assert by_path is not None and not by_path.copied and by_path.path == str(TONE.resolve())

    turns = panel.locator("#turns-code-form")
    expect(turns.locator("select[name=speaker] option")).to_have_count(2)
    turns.locator("select[name=speaker]").select_option("Ann")
    turns.get_by_label("Code").fill("vraag")
    turns.get_by_label("In every document").check()
    turns.get_by_role("button", name="Code the turns").click()
    expect(page.locator("#legend-list")).to_contain_text("vraag")
    mine = p.codings.list(document="Gesprek")
    assert [(c.code, TEXT[c.start:c.end].split(":")[0]) for c in mine] == [
        ("vraag", "Ann"), ("vraag", "Ann")]
    assert [c.code for c in p.codings.list(document="Gesprek twee")] == ["vraag", "vraag"]

    panel.get_by_label("or its path on this computer").fill(str(TONE.with_suffix(".txt")))
    panel.get_by_role("button", name="Link the recording").click()
    expect(page.locator("#toast")).to_contain_text("not an audio or video file")
