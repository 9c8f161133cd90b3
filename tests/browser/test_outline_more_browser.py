"""The Outline page's title page, case description and objectives and the labels table in
Chromium: each saves through the same project function as ``stemmen outline ...`` (axe)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_title_page_case_card_and_labels(server: Any, page: Any, axe: Any, shoot: Any,
                                         transcript: str) -> None:
    p = server.project
    p.documents.add("FG Gent", transcript, case="OCMW Gent",
                    attributes={"role": "Eindgebruiker"})
    server.enter(page, "/outline?lang=fr")

    title = page.locator("#title-page")
    title.get_by_label("Title", exact=True).fill("Évaluation du projet")
    title.get_by_label("Commissioning body").fill("SPP Intégration sociale")
    title.get_by_role("button", name="Save title page").click()
    expect(page.locator("#toast")).to_contain_text("Title page saved.")
    labels = {x.name: x.label for x in p.labels.list("fr") if x.kind == "report"}
    assert labels == {"title": "Évaluation du projet", "commissioner": "SPP Intégration sociale"}

    card = page.locator('#case-cards details[data-case="OCMW Gent"]')
    card.locator("summary").click()
    card.get_by_label("Description (fr)").fill("Accueil, cadre et trajet.")
    card.get_by_role("button", name="Save description").click()
    expect(page.locator("#toast")).to_contain_text("Described OCMW Gent.")
    assert p.outline.descriptions()[("OCMW Gent", "fr")] == "Accueil, cadre et trajet."
    card = page.locator('#case-cards details[data-case="OCMW Gent"]')
    card.get_by_label("Objective or module").fill("Nazorg")
    card.get_by_role("button", name="Add objective").click()
    expect(card.locator(".objectives li")).to_contain_text("Nazorg")
    assert [o.name for o in p.outline.objectives("OCMW Gent")] == ["Nazorg"]

    add = page.locator("#add-label")
    add.get_by_label("Kind").select_option("case")
    add.get_by_label("Name").fill("OCMW Gent")
    add.get_by_label("Label").fill("CPAS Gand")
    add.get_by_role("button", name="Add label").click()
    row = page.locator("#labels-body tr")
    expect(row).to_have_count(1)
    expect(row.first.get_by_label("Label of OCMW Gent (case)")).to_have_value("CPAS Gand")
    assert p.labels.book().of("case", "OCMW Gent", "fr") == "CPAS Gand"
    expect(page.locator('#title-page input[name="title"]')).to_have_value("Évaluation du projet")
    shoot(page, "outline-more", full_page=True)
    axe(page)
    card = page.locator('#case-cards details[data-case="OCMW Gent"]')
    card.get_by_role("button", name="Remove objective Nazorg").click()
    expect(card.locator(".objectives li")).to_have_count(0)
    assert p.outline.objectives("OCMW Gent") == []
