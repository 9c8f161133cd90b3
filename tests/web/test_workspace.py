"""The workspace read models behind the web pages (project.workspace)."""

from __future__ import annotations

import pytest

import stemmen
from stemmen.errors import Invalid


def test_document_view_gathers_everything_a_page_paints(project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=4)
    project.codings.apply("FG Gent", "S-stress", "bert", paragraph=3)
    view = project.workspace.document_view("FG Gent", coders=["an"])
    assert [c["code"] for c in view["codings"]] == ["R-tolk"]
    assert view["coder_counts"] == {"an": 1, "bert": 1}
    assert view["case"] == "OCMW Gent" and view["attributes"]["wave"] == 2
    assert view["codings"][0]["at"].endswith("+00:00")
    speaker = view["paragraphs"][2]
    assert speaker["speaker"] == "Deelnemer 1"
    assert view["text"][speaker["start"]:speaker["label_end"]] == "Deelnemer 1:"
    assert view["paragraphs"][0]["speaker"] is None  # "[SYNTHETIC TEST TRANSCRIPT]"


def test_a_colon_in_a_sentence_is_not_a_speaker(tmp_path) -> None:  # noqa: ANN001
    with stemmen.create_project(tmp_path / "p.stemmen") as p:
        p.documents.add("d", "Ik zei: ja.\nToen: niets.\nAn: hallo\nAn: dag")
        speakers = [u["speaker"] for u in p.workspace.document_view("d")["paragraphs"]]
    assert speakers == [None, None, "An", "An"]


def test_progress_is_the_share_of_paragraphs_each_coder_coded(
        project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=2, last_paragraph=4)
    project.codings.apply("FG Gent", "S-stress", "bert", paragraph=6)
    assert project.workspace.progress()["FG Gent"] == {"an": 0.5, "bert": round(1 / 6, 4)}
    assert project.workspace.progress()["FG Antwerpen"] == {}


def test_overview_groups_by_case_and_summarises_the_codebook(
        project: stemmen.Project) -> None:
    overview = project.workspace.overview()
    assert [c["name"] for c in overview["cases"]] == ["OCMW Antwerpen", "OCMW Gent"]
    assert overview["attributes"] == ["role", "wave"]
    assert {r["name"]: r["codes"] for r in overview["codebook"]} == {
        "Randvoorwaarden": 1, "Sociaal": 1}
    assert overview["totals"]["documents"] == 2


def test_search_is_case_insensitive_and_limited(project: stemmen.Project) -> None:
    hits = project.workspace.search("DEELNEMER", limit=3)
    assert len(hits) == 3 and hits[0].match == "Deelnemer"
    assert project.workspace.search("   ") == []


def test_retrieve_combined_and_needs_overlap_in_the_same_document(
        project: stemmen.Project) -> None:
    project.codings.apply("FG Gent", "R-tolk", "an", paragraph=3)
    project.codings.apply("FG Antwerpen", "S-stress", "an", paragraph=3)
    assert project.workspace.retrieve_combined(["R-tolk", "S-stress"], "and") == []
    project.codings.apply("FG Gent", "S-stress", "an", start=10, end=12)
    assert project.workspace.retrieve_combined(["R-tolk", "S-stress"], "and") == []
    project.codings.apply("FG Gent", "S-stress", "bert", paragraph=3)
    found = project.workspace.retrieve_combined(["R-tolk", "S-stress"], "and")
    assert [(s.document, s.code) for s in found] == [("FG Gent", "R-tolk")]
    assert project.workspace.retrieve_combined(["R-tolk", "S-stress"], "and",
                                               coders=["an"]) == []
    with pytest.raises(Invalid):
        project.workspace.retrieve_combined(["R-tolk"], "xor")
