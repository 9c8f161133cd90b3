"""The pages read the project's attribute names from its settings: the overview's first
columns and the waves query's attribute."""

from __future__ import annotations

import re
from typing import Any


def headers(html: str) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', html)


def test_the_overview_puts_the_projects_role_and_wave_first(client: Any, project: Any) -> None:
    project.cases.define_attribute("functie", "text")
    project.cases.define_attribute("ronde", "number")
    project.documents.set_attribute("FG Antwerpen", "functie", "Eindgebruiker")
    project.documents.set_attribute("FG Antwerpen", "ronde", 1)
    before = headers(client.get("/").text)
    assert "Role" in before and "functie" in before  # "functie" is an ordinary column
    project.settings.set("attribute.role", "functie")
    project.settings.set("attribute.wave", "ronde")
    after = headers(client.get("/").text)
    assert "functie" not in after and "ronde" not in after  # labelled as their parts now
    assert after.index("Role") < after.index("Wave") < after.index("role")


def test_the_waves_form_chooses_the_projects_wave_attribute(client: Any, project: Any) -> None:
    project.cases.define_attribute("ronde", "number")
    project.documents.set_attribute("FG Antwerpen", "ronde", 1)
    project.settings.set("attribute.wave", "ronde")
    html = client.get("/queries?kind=waves").text
    assert re.search(r'<option value="ronde"\s+selected', html), "ronde is not chosen"
