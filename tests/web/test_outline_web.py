"""The report outline editor: page, add/edit/move/remove, live preview of references,
the check list and the translation form's API (in process, SQLite)."""

from __future__ import annotations


def _quote(project):
    coding = project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4).id
    project.quotes.mark(coding)
    return coding


def test_outline_page_and_actions(project, client):
    coding = _quote(project)
    page = client.get("/outline?lang=nl")
    assert page.status_code == 200 and 'href="/outline"' in page.text
    assert 'id="outline-tree"' in page.text and "/static/js/outline.js" in page.text
    made = client.post("/api/outline/add", json={"title": "Resultaten", "lang": "nl"}).json()
    assert made["ok"] and made["section"]["number"] == "1"
    case = client.post("/api/outline/add", json={"kind": "case", "case": "OCMW Gent",
                                                 "parent": made["section"]["id"]}).json()
    assert case["section"]["number"] == "1.1"
    text = f"Over tolken.\n\n{{{{quote {coding}}}}}\n\n{{{{finding 77}}}}"
    edited = client.post("/api/outline/edit", json={"id": case["section"]["id"], "lang": "nl",
                                                    "narrative": text}).json()
    assert edited["section"]["narratives"]["nl"] == text
    state = client.get("/api/outline?lang=nl").json()
    assert [s["number"] for s in state["sections"]] == ["1", "1.1"]
    assert state["problems"] == ["1.1 OCMW Gent: {{finding 77}} is gone: no such finding"]
    preview = client.post("/api/outline/preview", json={"text": text, "lang": "nl"}).json()
    kinds = [p["kind"] for p in preview["pieces"]]
    assert kinds == ["text", "quote", "missing"]
    assert preview["pieces"][1]["quote"]["attribution"] == "(Hulpverlener, OCMW Gent)"
    assert preview["problems"] == ["{{finding 77}} is gone: no such finding"]
    second = client.post("/api/outline/add", json={"title": "Aanbevelingen"}).json()
    moved = client.post("/api/outline/move", json={"id": second["section"]["id"],
                                                   "position": 1}).json()
    assert moved["section"]["number"] == "1"
    bad = client.post("/api/outline/add", json={"kind": "case"})
    assert bad.status_code == 400 and "needs --case" in bad.json()["error"]
    removed = client.post("/api/outline/remove", json={"id": made["section"]["id"]}).json()
    assert removed["removed"] == 2


def test_translation_form_api(project, client):
    coding = _quote(project)
    project.cases.define_attribute("language")
    project.documents.set_attribute("FG Gent", "language", "nl")
    client.post("/api/outline/add", json={"title": "T", "narrative": f"{{{{quote {coding}}}}}"})
    state = client.get("/api/outline?lang=fr").json()
    assert [q["coding_id"] for q in state["untranslated"]] == [coding]
    saved = client.post("/api/quotes/translate", json={"coding": coding, "lang": "fr",
                                                       "text": "Sans interprète, je ne "
                                                       "comprends rien.", "translator": "Marie"})
    assert saved.json()["translation"]["translator"] == "Marie"
    assert client.get("/api/outline?lang=fr").json()["untranslated"] == []
    preview = client.post("/api/outline/preview", json={"text": f"{{{{quote {coding}}}}}",
                                                        "lang": "fr"}).json()
    quote = preview["pieces"][0]["quote"]
    assert quote["text"].startswith("Sans interprète") and quote["original"]
