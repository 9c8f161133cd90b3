"""Pages render from the project: overview, document, codebook, retrieve, search, languages."""

from __future__ import annotations

import json
import re

from starlette.testclient import TestClient

import stemmen


def page_data(html: str, element: str = "doc-data") -> dict:
    match = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', html,
                      re.S)
    assert match, element
    return json.loads(match.group(1))


def test_overview_groups_documents_by_case_with_attributes_and_progress(
        client: TestClient, project: stemmen.Project) -> None:
    project.codings.apply("FG Antwerpen", "R-tolk", "an", paragraph=2, last_paragraph=3)
    html = client.get("/").text
    assert html.index("OCMW Antwerpen") < html.index("FG Antwerpen") < html.index("OCMW Gent")
    assert "Eindgebruiker" in html and "Hulpverlener" in html
    assert 'value="0.3333"' in html  # 2 of 6 paragraphs coded by "an"
    assert "Randvoorwaarden" in html and "/codebook" in html


def test_document_page_inlines_text_paragraphs_and_codings(client: TestClient,
                                                            project: stemmen.Project) -> None:
    project.codings.apply("FG Antwerpen", "S-stress", "an", paragraph=3)
    response = client.get("/documents/FG%20Antwerpen")
    assert response.status_code == 200
    data = page_data(response.text)
    assert data["text"].startswith("[SYNTHETIC TEST TRANSCRIPT]")
    assert [p["index"] for p in data["paragraphs"]] == [1, 2, 3, 4, 5, 6]
    assert data["paragraphs"][1]["speaker"] == "Interviewer"
    assert [c["code"] for c in data["codings"]] == ["S-stress"]
    assert {c["name"] for c in data["codes"]} == {"R-tolk", "S-stress"}


def test_a_second_coder_sees_every_coding_unless_they_filter(
        client: TestClient, project: stemmen.Project) -> None:
    project.codings.apply("FG Antwerpen", "S-stress", "an", paragraph=3)
    client.post("/api/settings/coder", json={"coder": "bert"})
    first = page_data(client.get("/documents/FG%20Antwerpen").text)
    assert len(first["codings"]) == 1 and first["coder_counts"] == {"an": 1}
    assert (first["view"], first["coder"]) == ("all", "bert")
    mine = client.get("/api/documents/view", params={"name": "FG Antwerpen",
                                                      "view": "mine"}).json()
    assert mine["document"]["codings"] == []
    chosen = page_data(client.get("/documents/FG%20Antwerpen?view=coders:an").text)
    assert chosen["view"] == "coders:an"


def test_codebook_page_lists_categories_codes_and_history(client: TestClient) -> None:
    html = client.get("/codebook").text
    assert "Randvoorwaarden" in html and "Een tolk helpt." in html
    assert "/api/codebook/merge" in html and "Code added" in html


def test_retrieve_page_shows_segments_with_attribution_and_a_link_back(
        client: TestClient, project: stemmen.Project) -> None:
    coding = project.codings.apply("FG Antwerpen", "R-tolk", "an", paragraph=4)
    html = client.get("/retrieve", params={"code": "R-tolk"}).text
    assert "(Eindgebruiker, OCMW Antwerpen)" in html
    assert f"/documents/FG%20Antwerpen?at={coding.start}-{coding.end}" in html


def test_search_finds_text_in_every_document(client: TestClient) -> None:
    html = client.get("/search", params={"q": '"TOLK hielp"'}).text  # a phrase
    assert html.count("<mark>tolk hielp</mark>") == 2


def test_reliability_has_a_place_in_the_navigation(client: TestClient) -> None:
    assert 'href="/reliability"' in client.get("/").text
    assert client.get("/reliability").status_code == 200


def test_the_interface_language_is_switched_and_remembered(client: TestClient) -> None:
    assert ">Codebook<" in client.get("/").text
    response = client.post("/api/settings/language", json={"lang": "fr"})
    assert response.json() == {"ok": True, "lang": "fr"}
    assert "samesite=strict" in response.headers["set-cookie"].lower()
    html = client.get("/").text
    assert '<html lang="fr">' in html and "Livre de codes" in html
    messages = page_data(html, "messages")
    assert messages["Select text or paragraphs first."].startswith("Sélectionnez")
    client.cookies.set("stemmen_lang", "nl")
    assert "Codeboek" in client.get("/codebook").text


def test_accept_language_picks_the_first_language_without_a_cookie(
        client: TestClient) -> None:
    html = client.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9,en;q=0.5"}).text
    assert "Overzicht" in html


def test_static_assets_ship_inside_the_package(client: TestClient) -> None:
    for path in ("/static/css/app.css", "/static/js/document.js", "/static/js/common.js"):
        assert client.get(path).status_code == 200, path
    html = client.get("/documents/FG%20Antwerpen").text
    assert "http://" not in html and "https://" not in html  # nothing from a CDN
