"""The retrieve page lists the first segments and more on request ("Show more")."""

from __future__ import annotations

import re

import stemmen
from stemmen.web.routes import retrieve


def test_retrieve_lists_the_first_segments_and_shows_more(make_client, project: stemmen.Project,  # noqa: ANN001
                                                          monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(retrieve, "SHOWN", 2)
    for paragraph in (2, 3, 4, 5, 6):
        project.codings.apply("FG Gent", "S-stress", "an", paragraph=paragraph)
    client = make_client()
    page = client.get("/retrieve?code=S-stress").text
    assert len(re.findall(r'<li class="segment"', page)) == 2
    assert "5 segment(s)" in page and "2 of 5 shown." in page
    more = re.search(r'<a href="([^"]+)#seg-2" data-next="([^"]+)">Show more</a>', page)
    assert more
    page = client.get(more.group(1).replace("&amp;", "&")).text
    assert len(re.findall(r'<li class="segment"', page)) == 4
    # the page's script fetches only the next page: segments 3 and 4, numbered on
    nxt = client.get(more.group(2).replace("&amp;", "&")).text
    assert re.findall(r'<li class="segment" id="(seg-\d+)"', nxt) == ["seg-3", "seg-4"]
    assert "4 of 5 shown." in nxt and '#seg-4" data-next="' in nxt
    last = re.search(r'data-next="([^"]+)"', nxt)
    assert last
    final = client.get(last.group(1).replace("&amp;", "&")).text
    assert re.findall(r'<li class="segment" id="(seg-\d+)"', final) == ["seg-5"]
    assert "Show more" not in final
    page = client.get("/retrieve?code=S-stress&shown=6").text
    assert len(re.findall(r'<li class="segment"', page)) == 5 and "Show more" not in page
    project.codings.apply("FG Antwerpen", "S-stress", "an", paragraph=2)
    assert "6 segment(s)" in client.get("/retrieve?code=S-stress").text  # seen at once


def test_a_slow_retrieval_shows_progress_then_the_segments(make_client, project: stemmen.Project,  # noqa: ANN001
                                                           monkeypatch) -> None:  # noqa: ANN001
    from stemmen.web import background

    monkeypatch.setattr(background, "QUICK", 0.0)
    project.codings.apply("FG Gent", "S-stress", "an", paragraph=2)
    client = make_client()
    first = client.get("/retrieve?code=S-stress").text
    found = re.search(r'data-job="([0-9a-f]+)"', first)
    assert found and '<li class="segment"' not in first
    assert client.app.state.jobs.wait(found.group(1)).state == "done"
    page = client.get(f"/retrieve?code=S-stress&job={found.group(1)}").text
    assert "1 segment(s)" in page and 'data-job="' not in page


def test_the_first_page_reads_only_its_segments(make_client, project: stemmen.Project,  # noqa: ANN001
                                                monkeypatch) -> None:  # noqa: ANN001
    from stemmen.store import retrieval as store_retrieval

    monkeypatch.setattr(retrieve, "SHOWN", 2)
    for paragraph in (2, 3, 4, 5, 6):
        project.codings.apply("FG Gent", "S-stress", "an", paragraph=paragraph)
    read: list[int] = []
    real = store_retrieval.segment_ids

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        rows = real(*args, **kwargs)
        read.append(len(rows))
        return rows

    monkeypatch.setattr(store_retrieval, "segment_ids", spy)
    page = make_client().get("/retrieve?code=S-stress").text
    assert "5 segment(s)" in page and "2 of 5 shown." in page
    assert read == [2]  # two rows read, the total counted in the database
