"""The Outline page's title page, case descriptions/objectives and labels: each control calls
the same project function as ``stemmen outline title/describe/objective/label/labels``."""

from __future__ import annotations


def test_title_description_objectives_and_labels(project, client):
    page = client.get("/outline?lang=fr")
    assert 'id="title-page"' in page.text and 'id="case-cards"' in page.text
    assert 'id="labels-body"' in page.text
    saved = client.post("/api/outline/title", json={"lang": "fr", "title": "Évaluation",
                                                    "authors": "A. et B."}).json()
    assert saved["title_page"] == {"title": "Évaluation", "authors": "A. et B."}
    cleared = client.post("/api/outline/title", json={"lang": "fr", "authors": ""}).json()
    assert cleared["title_page"] == {"title": "Évaluation"}
    assert [(x.name, x.label) for x in project.labels.list("fr") if x.kind == "report"] == \
        [("title", "Évaluation")]

    client.post("/api/outline/describe", json={"case": "OCMW Gent", "lang": "fr",
                                               "text": "Accueil et trajet."})
    assert project.outline.descriptions()[("OCMW Gent", "fr")] == "Accueil et trajet."
    added = client.post("/api/outline/objective", json={"case": "OCMW Gent", "name": "Nazorg",
                                                        "description": "Na het traject"})
    assert added.json()["objective"]["name"] == "Nazorg"
    assert [o.name for o in project.outline.objectives("OCMW Gent")] == ["Nazorg"]
    state = client.get("/api/outline?lang=fr").json()
    assert state["descriptions"] == {"OCMW Gent": "Accueil et trajet."}
    assert state["title_page"] == {"title": "Évaluation"}
    client.post("/api/outline/objective", json={"case": "OCMW Gent", "name": "Nazorg",
                                                "remove": True})
    assert project.outline.objectives("OCMW Gent") == []

    label = client.post("/api/outline/label", json={"kind": "case", "name": "OCMW Gent",
                                                    "lang": "fr", "label": "CPAS Gand"}).json()
    assert label["label"]["label"] == "CPAS Gand"
    assert project.labels.book().of("case", "OCMW Gent", "fr") == "CPAS Gand"
    listed = client.get("/api/outline/labels?lang=fr").json()["labels"]
    assert listed == [{"kind": "case", "name": "OCMW Gent", "lang": "fr", "label": "CPAS Gand"}]
    assert client.get("/api/outline/labels?lang=nl").json()["labels"] == []
    bad = client.post("/api/outline/label", json={"kind": "planet", "name": "x", "lang": "fr",
                                                  "label": "y"})
    assert bad.status_code == 400 and "planet" in bad.json()["error"]
    client.post("/api/outline/label", json={"kind": "case", "name": "OCMW Gent", "lang": "fr",
                                            "label": ""})
    assert project.labels.list("fr") == [x for x in project.labels.list("fr")
                                         if x.kind == "report"]
