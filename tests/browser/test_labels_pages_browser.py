"""Pages in French show the French labels the scripts render too: the findings page (case
heading, statement, level) and the document legend (codes), in Chromium (axe)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_findings_and_legend_in_french(server: Any, page: Any, axe: Any,
                                       transcript: str) -> None:
    p = server.project
    p.documents.add("FG Namen", transcript, case="OCMW Namen",
                    attributes={"role": "Eindgebruiker"})
    p.codebook.add("W-werk")
    p.codings.apply("FG Namen", "W-werk", "an", paragraph=4)
    p.findings.add("Werk helpt bij de taal.", case="OCMW Namen", level="lokaal")
    for kind, name, label in (("case", "OCMW Namen", "CPAS Namur"),
                              ("code", "W-werk", "W-travail"),
                              ("finding", "Werk helpt bij de taal.",
                               "Le travail aide pour la langue."),
                              ("level", "lokaal", "local")):
        p.labels.set(kind, name, "fr", label)
    page.context.add_cookies([{"name": "stemmen_lang", "value": "fr", "url": server.url}])
    server.enter(page, "/findings")
    groups = page.locator("#finding-groups")
    expect(groups.locator("h2", has_text="CPAS Namur")).to_have_count(1)
    expect(groups).to_contain_text("Le travail aide pour la langue.")
    expect(groups).to_contain_text("local")
    expect(groups).not_to_contain_text("OCMW Namen")
    axe(page)
    server.enter(page, "/documents/FG%20Namen")
    expect(page.locator("#legend-list .legend-code .name")).to_have_text(["W-travail"])
    expect(page.locator('#legend-list button[data-code="W-werk"]')).to_have_count(1)
