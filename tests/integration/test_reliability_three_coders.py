"""Three coders on a real project (SQLite and PostgreSQL): every pair and all together, the
page's API, and a reconciliation that writes the master coding and its audit entry."""

from __future__ import annotations

import pytest

from stemmen import Invalid, NotFound
from stemmen.formats.decisions import Decision, write_decisions

TEXT = "\n".join(["[SYNTHETIC TEST TRANSCRIPT]"] + [
    f"Deelnemer {i}: Zin een van paragraaf {i}. Zin twee van paragraaf {i}." for i in range(1, 9)
])


@pytest.fixture
def three(make_project):
    """Paragraphs 2-9. an: R-tolk on 2-5; bert: R-tolk on 2-4, T-mondeling on 5;
    carla: R-tolk on 2, 3 and T-mondeling on 4, 5 (an and carla differ on 4 and 5)."""
    p = make_project(codes=["R-tolk", "T-mondeling"], documents={"FG": TEXT})
    for n in (2, 3, 4, 5):
        p.codings.apply("FG", "R-tolk", "an", paragraph=n)
    for n in (2, 3, 4):
        p.codings.apply("FG", "R-tolk", "bert", paragraph=n)
    p.codings.apply("FG", "T-mondeling", "bert", paragraph=5)
    for n in (2, 3):
        p.codings.apply("FG", "R-tolk", "carla", paragraph=n)
    for n in (4, 5):
        p.codings.apply("FG", "T-mondeling", "carla", paragraph=n)
    return p


def test_all_together_and_every_pair(three):
    report = three.reliability.compare()
    assert report.coders == ["an", "bert", "carla"]
    assert report.pooled["cohen_kappa"] is None  # two coders only
    assert report.pooled["fleiss_kappa"] is not None
    assert {"fleiss_kappa", "krippendorff_alpha", "conger_kappa"} <= set(report.intervals)
    pairs = {tuple(p["coders"]): p for p in report.pairs}
    assert set(pairs) == {("an", "bert"), ("an", "carla"), ("bert", "carla")}
    assert pairs[("an", "bert")]["n_disagreements"] == 1  # paragraph 5
    assert pairs[("an", "carla")]["n_disagreements"] == 2  # paragraphs 4 and 5
    assert pairs[("bert", "carla")]["n_disagreements"] == 1  # paragraph 4
    assert pairs[("an", "carla")]["code_sets"]["cohen_kappa"] < pairs[("an", "bert")][
        "code_sets"]["cohen_kappa"]
    assert three.reliability.confusion() == [
        {"code_a": "R-tolk", "code_b": "T-mondeling", "units": 4}]  # 1 + 2 + 1 over pairs
    two = three.reliability.compare(coders=["an", "bert"])
    assert two.pairs == [] and two.pooled["cohen_kappa"] is not None


def test_nvivo_figures_for_each_pair(three):
    result = three.reliability.nvivo()
    assert [p["coders"] for p in result.pairs] == [["an", "bert"], ["an", "carla"],
                                                      ["bert", "carla"]]
    an_bert = result.pairs[0]
    assert {r["code"] for r in an_bert["rows"]} == {"R-tolk", "T-mondeling"}
    assert -1 <= an_bert["overall"]["weighted_mean"] <= 1
    assert an_bert["per_document"]["FG"]["length"] == len(TEXT)


def test_reconcile_by_unit_writes_the_master_and_logs_each_decision(three, tmp_path):
    decisions = [{"document": "FG", "unit": 5, "code": "", "choice": "b"}]
    written = three.reliability.reconcile(decisions, "an", "bert", master="reconciled")
    master = three.codings.list(document="FG", coders=["reconciled"])
    paragraphs = three.documents.paragraphs("FG")
    by_unit = {(u.index, c.code) for c in master for u in paragraphs
               if c.start < u.end and u.start < c.end}
    assert by_unit == {(2, "R-tolk"), (3, "R-tolk"), (4, "R-tolk"), (5, "T-mondeling")}
    assert written == len(master)
    entry = [e for e in three.journal.entries() if e.action == "reliability.reconcile"][-1]
    assert entry.details["master"] == "reconciled"
    assert entry.details["decisions"] == [
        {"document": "FG", "unit": 5, "code": "", "choice": "b"}]

    path = tmp_path / "decisions.csv"  # the CLI's path: the same reconcile, read from a file
    path.write_bytes(write_decisions([Decision("FG", 5, "R-tolk", "a"),
                                      Decision("FG", 5, "T-mondeling", "neither")]))
    three.reliability.reconcile_file(path, "an", "bert", master="reconciled")
    again = {(u.index, c.code) for c in three.codings.list(document="FG", coders=["reconciled"])
             for u in paragraphs if c.start < u.end and u.start < c.end}
    assert again == {(2, "R-tolk"), (3, "R-tolk"), (4, "R-tolk"), (5, "R-tolk")}


def test_reconcile_refuses_bad_input_and_leaves_nothing(three, tmp_path):
    with pytest.raises(Invalid):  # paragraph 4: an and bert agree
        three.reliability.reconcile([("FG", 4, "", "a")], "an", "bert")
    with pytest.raises(Invalid):  # no decision for paragraph 5 and no default
        three.reliability.reconcile([], "an", "bert")
    with pytest.raises(Invalid):
        three.reliability.reconcile([("FG", 5, "", "a")], "an", "bert", master="an")
    with pytest.raises(NotFound):
        three.reliability.reconcile_file(tmp_path / "missing.csv", "an", "bert")
    assert three.codings.list(document="FG", coders=["master"]) == []
    assert not [e for e in three.journal.entries() if e.action == "reliability.reconcile"]
