"""The search page and ``/api/search`` over the full-text index (SYNTHETIC texts)."""

from __future__ import annotations

import html as html_lib

from starlette.testclient import TestClient

import stemmen


def test_search_api_gives_paragraphs_with_snippets_and_filters(
        client: TestClient, project: stemmen.Project, transcript: str) -> None:
    data = client.get("/api/search", params={"q": "TOLK"}).json()
    assert data["total"] == 2
    first = data["hits"][0]
    assert (first["document"], first["paragraph"], first["case"]) == (
        "FG Antwerpen", 4, "OCMW Antwerpen")
    assert [t for t, marked in first["snippet"] if marked] == ["tolk", "tolk"]
    text = project.documents.get("FG Antwerpen").text
    assert text[first["start"]:first["end"]] == "tolk"
    only = client.get("/api/search", params={"q": "tolk", "case": "OCMW Gent"}).json()
    assert [h["document"] for h in only["hits"]] == ["FG Gent"]
    project.codings.apply("FG Gent", "S-stress", "an", paragraph=3)
    coded = client.get("/api/search", params={"q": "stress", "code": "S-stress"}).json()
    assert [(h["document"], h["paragraph"]) for h in coded["hits"]] == [("FG Gent", 3)]
    missing = client.get("/api/search", params={"q": "tolk", "code": "Nope"})
    assert missing.status_code == 404 and "Nope" in missing.text


def test_search_page_marks_matches_links_to_the_paragraph_and_keeps_filters(
        client: TestClient, project: stemmen.Project) -> None:
    page = client.get("/search", params={"q": "begeleider", "case": "OCMW Gent"}).text
    assert "1 paragraph(s) match" in html_lib.unescape(page)
    assert "<mark>begeleider</mark>" in page
    [hit] = project.workspace.search("begeleider", case="OCMW Gent")
    assert f'href="/documents/FG%20Gent?at={hit.start}-{hit.end}"' in page
    assert "<option selected>OCMW Gent</option>" in page
    assert client.get("/search", params={"q": '"stress om"'}).text.count(
        "<mark>stress om</mark>") == 2
