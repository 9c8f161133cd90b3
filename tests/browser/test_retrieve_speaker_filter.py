"""The Retrieve page's speaker filter (``stemmen retrieve --speaker``): only the segments
that start in a turn of the named speaker are listed and counted, on the page and in
/api/retrieve. Synthetic transcript."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import expect

TEXT = ("Ann: De tolk hielp ons.\nBob: Een tolk is duur.\nAnn: Ik wil een tolk.\n"
        "Bob: Soms.\n")


def test_retrieve_only_a_speakers_turns(server: Any, page: Any, axe: Any) -> None:
    p = server.project
    p.codebook.add("tolk")
    p.documents.add("Tolken", TEXT)
    for line in TEXT.splitlines()[:3]:
        start = TEXT.index(line)
        p.codings.apply("Tolken", "tolk", "an", start, start + len(line))
    server.enter(page, "/retrieve")
    page.select_option("#rt-codes", ["tolk"])
    page.get_by_role("button", name="Retrieve").click()
    expect(page.locator("li.segment")).to_have_count(3)

    page.get_by_label("Speaker (only their turns; several separated by commas)").fill("Ann")
    page.get_by_role("button", name="Retrieve").click()
    expect(page.locator("li.segment")).to_have_count(2)
    expect(page.locator("#results-title")).to_have_text("2 segment(s)")
    # every listed quote is one of Ann's turns (expect retries until the list is drawn)
    expect(page.locator("li.segment blockquote")).to_contain_text(["Ann:", "Ann:"])
    expect(page.locator("#rt-speaker")).to_have_value("Ann")
    axe(page)

    page.get_by_label("Speaker (only their turns; several separated by commas)").fill("Bob")
    page.get_by_role("button", name="Retrieve").click()
    expect(page.locator("li.segment")).to_have_count(1)
    expect(page.locator("li.segment")).to_contain_text("duur")

    answer = json.loads(page.request.get(f"{server.url}/api/retrieve?code=tolk&speaker=Bob").text())
    assert answer["count"] == 1 and "duur" in answer["segments"][0]["text"]
    csv = page.request.get(f"{server.url}/api/export/segments.csv?code=tolk&speaker=Ann").text()
    assert "De tolk hielp" in csv and "Ik wil een tolk" in csv and "duur" not in csv
