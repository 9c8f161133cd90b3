"""Pages print stored (UTC) moments in the page's language and the server's local time, inside
``<time datetime>`` that keeps the instant."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest


@pytest.mark.parametrize(("lang", "shape"), [("nl", r"\d\d/\d\d/\d{4} \d\d:\d\d"),
                                             ("fr", r"\d\d/\d\d/\d{4} \d\d:\d\d"),
                                             ("en", r"\d{1,2} [A-Z][a-z]+ \d{4} \d\d:\d\d")])
def test_the_codebook_history_shows_local_time_in_the_pages_language(
        client: Any, project: Any, lang: str, shape: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Kathmandu")  # +05:45: minutes differ from UTC's
    time.tzset()
    try:
        project.codebook.add("Z-nieuw")
        entry = project.codebook.history()[-1]
        client.cookies.set("stemmen_lang", lang)
        html = client.get("/codebook").text
    finally:
        monkeypatch.undo()
        time.tzset()
    found = re.search(r'<time class="muted" datetime="([^"]+)">([^<]*)</time>', html)
    assert found is not None
    assert found.group(1) == entry.at.isoformat()
    assert re.fullmatch(shape, found.group(2)), found.group(2)
    local = entry.at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Kathmandu"))
    assert found.group(2).endswith(local.strftime("%H:%M"))
