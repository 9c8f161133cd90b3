"""The reliability page and /api/reliability: two coders, known disagreements, hostile text.

The study: "an" and "bert" coded "FG Antwerpen" and a hostile document; "FG Gent" only "an".

* FG Antwerpen ¶3 S-stress (both), ¶4 R-tolk (both), ¶6 an S-stress / bert R-tolk;
* Hostile ¶1 R-tolk (both), ¶2 an S-stress / bert nothing.

Coded units 5, differing 2. R-tolk: 4/5 agree, kappa (.8 - .48) / .52 = 0.615 (passes 0.60);
S-stress: 3/5 agree, kappa (.6 - .44) / .56 = 0.286 (flagged). Code sets: 3/5 agree.
"""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

import stemmen

HOSTILE_DOC = "Hostile <b>doc</b>"
HOSTILE = (
    "Interviewer: Is de tolk er?\n"
    "Deelnemer 3: <script>alert('x')</script> & <img src=x onerror=alert(1)> stress\n"
)


@pytest.fixture
def study(project: stemmen.Project) -> stemmen.Project:
    project.documents.add(HOSTILE_DOC, HOSTILE, case="OCMW Gent")
    apply = project.codings.apply
    for coder in ("an", "bert"):
        apply("FG Antwerpen", "S-stress", coder, paragraph=3)
        apply("FG Antwerpen", "R-tolk", coder, paragraph=4)
        apply(HOSTILE_DOC, "R-tolk", coder, paragraph=1)
    apply("FG Antwerpen", "S-stress", "an", paragraph=6)
    apply("FG Antwerpen", "R-tolk", "bert", paragraph=6)
    apply(HOSTILE_DOC, "S-stress", "an", paragraph=2)
    apply("FG Gent", "R-tolk", "an", paragraph=4)
    return project


def rows(page: str, css: str) -> list[str]:
    """The <tr> elements of the table with class ``css``, as text without tags."""
    table = re.search(rf'<table class="{css}[^"]*".*?</table>', page, re.S)
    assert table, css
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tr)).strip()
            for tr in re.findall(r"<tr[^>]*>.*?</tr>", table.group(0), re.S)]


def test_the_summary_gives_units_differences_and_the_verdict(
        client: TestClient, study: stemmen.Project) -> None:
    response = client.get("/reliability")
    assert response.status_code == 200
    page = response.text
    assert "<strong>5</strong> units compared" in page
    assert "The coders differed 2 times in 5 units." in page
    assert "Cohen&#39;s kappa on the code sets:" in page
    code_sets = rows(page, "coefficients")
    assert any(r.startswith("Percent agreement 60.0%") for r in code_sets)
    # FG Gent was coded by "an" alone: left out by default, and not pre-selected
    assert '<option value="FG Antwerpen" selected>' in page
    assert '<option value="FG Gent">' in page
    assert '<option value="an" selected>' in page and '<option value="bert" selected>' in page


def test_the_per_code_table_flags_codes_under_the_threshold(
        client: TestClient, study: stemmen.Project) -> None:
    page = client.get("/reliability").text
    table = rows(page, "per-code")
    assert table[1] == "R-tolk 3 1 80.0% 0.62 0.64 0.60"  # alpha 1 - 9 * 2 / 50, AC1 .3 / .5
    assert table[2].startswith("S-stress 3 2 60.0% 0.29") and table[2].endswith("revise")
    assert '<tr data-code="S-stress" class="flagged">' in page
    assert '<tr data-code="R-tolk">' in page
    assert "1 code(s) under the threshold" in page
    assert rows(page, "confusion")[1] == "R-tolk S-stress 1"
    stricter = client.get("/reliability", params={"unit": "paragraph", "drop_uncoded": "1",
                                                  "threshold": "0.7"}).text
    assert '<tr data-code="R-tolk" class="flagged">' in stricter
    assert 'value="0.70"' in stricter


def test_disagreements_sit_side_by_side_with_the_text_and_link_to_the_paragraph(
        client: TestClient, study: stemmen.Project) -> None:
    page = client.get("/reliability").text
    table = rows(page, "disagreements")
    assert table[0] == "Text an bert Kind Decision"
    assert len(table) == 3
    antwerpen = table[1]
    buttons = " a · an b · bert both neither"  # the reconciliation choices of each row
    assert antwerpen.startswith("FG Antwerpen · paragraph 6 Deelnemer 1: Ik spreek nu beter")
    assert antwerpen.endswith(
        "S-stress R-tolk R-tolk : different code S-stress : different code" + buttons)
    assert table[2].endswith("nothing coded S-stress : missed" + buttons)
    sixth = study.documents.paragraphs("FG Antwerpen")[5]
    assert sixth.index == 6
    assert study.documents.get("FG Antwerpen").text[sixth.start:].startswith("Deelnemer 1: Ik")
    assert f'href="/documents/FG%20Antwerpen?at={sixth.start}-{sixth.end}&amp;view=all"' in page
    assert 'href="/documents/Hostile%20%3Cb%3Edoc%3C%2Fb%3E?at=' in page


def test_hostile_text_codes_and_names_are_escaped(client: TestClient,
                                                  study: stemmen.Project) -> None:
    study.codebook.add("<i>evil</i>", category="Sociaal")
    study.codings.apply(HOSTILE_DOC, "<i>evil</i>", "bert", paragraph=2)
    page = client.get("/reliability").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "<i>evil</i>" not in page and "<b>doc</b>" not in page
    assert escape("<script>alert('x')</script> & <img src=x onerror=alert(1)>") in page
    assert "&lt;i&gt;evil&lt;/i&gt;" in page
    assert "Hostile &lt;b&gt;doc&lt;/b&gt; · paragraph 2" in page
    scripts = re.findall(r"<script\b[^>]*>", page)  # the messages JSON and two modules only
    assert len(scripts) == 3 and all(' src="/static/js/' in s for s in scripts[1:])
    assert "<script>" not in page.split("</head>", 1)[1]


def test_the_api_returns_compare_disagreements_and_confusion(
        client: TestClient, study: stemmen.Project) -> None:
    data = client.get("/api/reliability").json()
    assert data["ok"] is True
    assert data["coders"] == ["an", "bert"]
    assert data["documents"] == ["FG Antwerpen", HOSTILE_DOC]
    assert data["n_units"] == 5 and data["n_disagreements"] == 2
    assert data["per_code"]["R-tolk"]["cohen_kappa"] == pytest.approx(0.32 / 0.52)
    assert data["per_code"]["S-stress"]["cohen_kappa"] == pytest.approx(0.16 / 0.56)
    assert data["code_sets"]["percent_agreement"] == pytest.approx(0.6)
    assert data["flagged_codes"] == ["S-stress"]
    assert data["interpretation"]["code_sets"]["cohen_kappa"]["band"]
    assert set(data["intervals"]) >= {"cohen_kappa", "gwet_ac1"}
    assert [(d["document"], d["unit"], d["code"], d["kind"]) for d in data["disagreements"]] == [
        ("FG Antwerpen", 6, "R-tolk", "different_code"),
        ("FG Antwerpen", 6, "S-stress", "different_code"),
        (HOSTILE_DOC, 2, "S-stress", "missed"),
    ]
    assert data["confusion"] == [{"code_a": "R-tolk", "code_b": "S-stress", "units": 1}]
    every = client.get("/api/reliability", params={"unit": "paragraph"}).json()
    assert every["n_units"] == 8 and every["dropped_uncoded"] is False  # the form's unchecked box
    chosen = client.get("/api/reliability", params=[("document", "FG Antwerpen")]).json()
    assert chosen["documents"] == ["FG Antwerpen"] and chosen["n_disagreements"] == 1


def test_the_unit_and_bad_parameters(client: TestClient, study: stemmen.Project) -> None:
    sentences = client.get("/api/reliability", params={"unit": "sentence",
                                                       "drop_uncoded": "1"}).json()
    assert sentences["ok"] and sentences["n_units"] >= 5
    assert client.get("/api/reliability", params={"threshold": "2"}).status_code == 400
    assert client.get("/api/reliability", params={"unit": "page"}).status_code == 400
    assert client.get("/reliability", params={"threshold": "x"}).status_code == 400


def test_one_coder_gets_an_explanation_not_an_error(client: TestClient,
                                                    project: stemmen.Project) -> None:
    project.codings.apply("FG Antwerpen", "R-tolk", "an", paragraph=3)
    response = client.get("/reliability")
    assert response.status_code == 200
    assert "Reliability needs at least two coders; found an." in response.text
    assert 'role="alert"' in response.text
    api = client.get("/api/reliability")
    assert api.status_code == 400 and api.json()["ok"] is False


def test_the_page_speaks_dutch_and_french(client: TestClient, study: stemmen.Project) -> None:
    client.cookies.set("stemmen_lang", "nl")
    dutch = client.get("/reliability").text
    assert "De codeurs verschilden 2 keer in 5 eenheden." in dutch
    assert 'data-kind="missed">gemist</span>' in dutch
    assert "andere code" in dutch and "paragraaf 6" in dutch and "herzien" in dutch
    client.cookies.set("stemmen_lang", "fr")
    french = client.get("/reliability").text
    assert "Les codeurs ont divergé 2 fois sur 5 unités." in french
    assert "code différent" in french and "Seuil" in french
