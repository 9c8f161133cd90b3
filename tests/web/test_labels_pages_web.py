"""Labels per language in the workspace: the query matrix in a French page shows the French
labels of cases and codes (the cell buttons keep the names), its CSV export with ``lang=fr``
too, and without ``lang`` the names."""

from __future__ import annotations


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
