"""Labels per language in the workspace: the query matrix in a French page shows the French
labels of cases and codes (the cell buttons keep the names), its CSV export with ``lang=fr``
too, and without ``lang`` the names."""

from __future__ import annotations

import json


def _labels(project):
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4)
    project.labels.set("case", "OCMW Gent", "fr", "CPAS Gand")
    project.labels.set("code", "R-tolk", "fr", "R-interprète")
    project.labels.set("category", "Randvoorwaarden", "fr", "Conditions")


def test_matrix_page_and_export_in_french(project, client):
    _labels(project)
    client.cookies.set("stemmen_lang", "fr")
    page = client.get("/queries?kind=matrix&rows=code&columns=case")
    assert page.status_code == 200
    assert '<th scope="col" class="num">CPAS Gand</th>' in page.text
    assert '<th scope="row">R-interprète</th>' in page.text
    assert 'data-row="R-tolk" data-column="OCMW Gent"' in page.text
    assert "Conditions" in page.text and "&amp;lang=fr" in page.text
    csv = client.get("/api/queries/download?kind=matrix&format=csv&lang=fr").text
    assert "CPAS Gand" in csv and "R-interprète" in csv and "OCMW Gent" not in csv
    plain = client.get("/api/queries/download?kind=matrix&format=csv").text
    assert "OCMW Gent" in plain and "CPAS Gand" not in plain
    client.cookies.set("stemmen_lang", "nl")
    dutch = client.get("/queries?kind=matrix&rows=code&columns=case")
    assert '<th scope="col" class="num">OCMW Gent</th>' in dutch.text
    assert "CPAS Gand" not in dutch.text


def test_workspace_pages_in_french_show_the_labels(project, client):
    _labels(project)
    project.labels.set("role", "Hulpverlener", "fr", "Travailleur social")
    finding = project.findings.add("Een tolk helpt.", case="OCMW Gent")
    project.labels.set("finding", finding.statement, "fr", "Un interprète aide.")
    client.cookies.set("stemmen_lang", "fr")
    codebook = client.get("/codebook").text
    assert '<strong class="code-name">R-interprète</strong>' in codebook
    assert 'data-drop-category="Randvoorwaarden">Conditions' in codebook
    assert 'data-code="R-tolk"' in codebook  # the name stays the key
    overview = client.get("/").text
    assert "<h3>CPAS Gand" in overview and "<h3>OCMW Antwerpen" in overview
    assert "<td>Travailleur social</td>" in overview and "Conditions" in overview
    document = client.get("/documents/FG%20Gent").text
    start = document.index('id="code-labels">') + len('id="code-labels">')
    assert json.loads(document[start:document.index("</script>", start)]) == \
        {"R-tolk": "R-interprète"}
    findings = client.get("/findings").text
    start = findings.index('id="findings-data">') + len('id="findings-data">')
    initial = json.loads(findings[start:findings.index("</script>", start)])
    assert initial["labels"]["finding"] == {"Een tolk helpt.": "Un interprète aide."}
    assert initial["labels"]["case"] == {"OCMW Gent": "CPAS Gand"}
    client.cookies.set("stemmen_lang", "nl")
    assert '<strong class="code-name">R-tolk</strong>' in client.get("/codebook").text
    assert "<h3>OCMW Gent" in client.get("/").text
