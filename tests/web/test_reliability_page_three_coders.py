"""The reliability page and API with three coders (the page once opened with an error), NVivo's
figure behind the method switch, and POST /api/reliability/reconcile."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

import stemmen


@pytest.fixture
def study(project: stemmen.Project) -> stemmen.Project:
    """FG Antwerpen ¶3: all three R-tolk; ¶4 an and bert S-stress, carla R-tolk;
    ¶6 an S-stress, bert R-tolk, carla nothing."""
    apply = project.codings.apply
    for coder in ("an", "bert", "carla"):
        apply("FG Antwerpen", "R-tolk", coder, paragraph=3)
    apply("FG Antwerpen", "S-stress", "an", paragraph=4)
    apply("FG Antwerpen", "S-stress", "bert", paragraph=4)
    apply("FG Antwerpen", "R-tolk", "carla", paragraph=4)
    apply("FG Antwerpen", "S-stress", "an", paragraph=6)
    apply("FG Antwerpen", "R-tolk", "bert", paragraph=6)
    return project


def test_three_coders_open_the_page_with_pairs_and_all_together(client: TestClient,
                                                               study: stemmen.Project) -> None:
    response = client.get("/reliability")
    assert response.status_code == 200
    page = response.text
    assert 'role="alert"' not in page
    assert "Fleiss&#39; kappa on the code sets:" in page
    assert 'data-coefficient="conger_kappa"' in page
    assert page.count('<tr data-pair="') == 3
    assert "Reconciliation works on two coders at a time" in page
    assert 'id="rc-save"' not in page
    data = client.get("/api/reliability").json()
    assert data["ok"] and data["coders"] == ["an", "bert", "carla"]
    assert [p["coders"] for p in data["pairs"]] == [["an", "bert"], ["an", "carla"],
                                                    ["bert", "carla"]]
    assert data["pairs"][0]["n_disagreements"] == 1  # an and bert differ on ¶6 only
    assert data["confusion"][0]["code_a"] == "R-tolk"


def test_the_method_switch_shows_nvivos_figure(client: TestClient,
                                               study: stemmen.Project) -> None:
    page = client.get("/reliability", params={"unit": "paragraph", "method": "nvivo"}).text
    assert "NVivo&#39;s figure: kappa per code per document" in page
    assert page.count('<table class="nvivo"') == 3
    data = client.get("/api/reliability", params={"method": "nvivo"}).json()
    assert data["nvivo"]["pairs"][0]["per_code"]["R-tolk"]["n_documents"] == 1
    assert client.get("/api/reliability", params={"method": "maxqda"}).status_code == 400


def test_reconcile_two_of_them_through_the_api(client: TestClient,
                                               study: stemmen.Project) -> None:
    page = client.get("/reliability", params=[("coder", "an"), ("coder", "bert")]).text
    assert 'id="rc-save"' in page and 'data-coder-a="an"' in page
    decision = {"document": "FG Antwerpen", "unit": 6, "code": "", "choice": "both"}
    answer = client.post("/api/reliability/reconcile", json={
        "coder_a": "an", "coder_b": "bert", "master": "master", "unit": "paragraph",
        "documents": ["FG Antwerpen"], "decisions": [decision]}).json()
    assert answer == {"ok": True, "written": 4, "master": "master"}  # ¶3, ¶4, ¶6 twice
    codes = {c.code for c in study.codings.list(document="FG Antwerpen", coders=["master"])}
    assert codes == {"R-tolk", "S-stress"}
    bad = client.post("/api/reliability/reconcile", json={
        "coder_a": "an", "coder_b": "bert", "decisions": "all"})
    assert bad.status_code == 400 and bad.json()["ok"] is False
    undecided = client.post("/api/reliability/reconcile", json={
        "coder_a": "an", "coder_b": "bert", "decisions": []})
    assert undecided.status_code == 400 and "no decision" in undecided.json()["error"]
