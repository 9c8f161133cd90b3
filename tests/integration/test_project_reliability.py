"""Reliability on a real project: units, per-code and pooled figures, disagreements, reconcile."""

from __future__ import annotations

import pytest

from stemmen import Invalid

TEXT = "\n".join(["[SYNTHETIC TEST TRANSCRIPT]"] + [
    f"Deelnemer {i}: Zin een van paragraaf {i}. Zin twee van paragraaf {i}." for i in range(1, 11)
])


@pytest.fixture
def coded(make_project):
    """Ten answer paragraphs (2-11); an and bert code them with R-tolk and T-mondeling.

    an: R-tolk on 2, 3, 4, 5;  T-mondeling on 6-7 (one segment), 8
    bert: R-tolk on 2, 3, 4;   T-mondeling on 7, 8, 9; R-tolk on a part of 5
    """
    p = make_project(codes=["R-tolk", "T-mondeling"], documents={"FG": TEXT})
    for n in (2, 3, 4, 5):
        p.codings.apply("FG", "R-tolk", "an", paragraph=n)
    p.codings.apply("FG", "T-mondeling", "an", paragraph=6, last_paragraph=7)
    p.codings.apply("FG", "T-mondeling", "an", paragraph=8)
    for n in (2, 3, 4):
        p.codings.apply("FG", "R-tolk", "bert", paragraph=n)
    for n in (7, 8, 9):
        p.codings.apply("FG", "T-mondeling", "bert", paragraph=n)
    para5 = p.documents.paragraphs("FG")[4]
    p.codings.apply("FG", "R-tolk", "bert", start=para5.start, end=para5.start + 10)
    return p


def test_per_code_and_study_style_counts(coded):
    report = coded.reliability.compare()
    assert report["n_units"] == 11 and report["coders"] == ["an", "bert"]
    # R-tolk: agree on 2,3,4,5 (a short segment still touches 5), absent elsewhere → kappa 1
    assert report["per_code"]["R-tolk"]["cohen_kappa"] == pytest.approx(1.0)
    # T-mondeling: an {6,7,8}, bert {7,8,9}: po = 9/11, pe = (3*3 + 8*8)/121 → kappa
    po, pe = 9 / 11, (9 + 64) / 121
    assert report["per_code"]["T-mondeling"]["cohen_kappa"] == pytest.approx((po - pe) / (1 - pe))
    assert report["n_disagreements"] == 2  # paragraphs 6 and 9 differ
    assert report["intervals"]["cohen_kappa"]["ci_low"] < report["pooled"]["cohen_kappa"]


def test_coverage_rule_and_dropping_uncoded_units(coded):
    strict = coded.reliability.compare(min_coverage=0.5)
    assert strict["per_code"]["R-tolk"]["n_disagreements"] == 1  # bert's short segment on 5
    dropped = coded.reliability.compare(drop_uncoded=True)
    assert dropped["dropped_uncoded"] is True and dropped["n_units_dropped"] == 3
    assert dropped["n_units"] == 8


def test_disagreements_are_classified_and_carry_text(coded):
    rows = coded.reliability.disagreements(min_coverage=0.5)
    kinds = {(r["unit"], r["code"]): r["kind"] for r in rows}
    assert kinds[(6, "T-mondeling")] == "boundary"  # an's segment 6-7 runs on into 7
    assert kinds[(5, "R-tolk")] == "boundary"  # bert touched 5 but covered too little
    assert kinds[(9, "T-mondeling")] == "missed"
    assert rows[0]["text"].startswith("Deelnemer")


def test_sentence_and_character_units(coded):
    sentences = coded.reliability.compare(unit="sentence")
    assert sentences["n_units"] == 21  # the marker line and two sentences per answer
    characters = coded.reliability.compare(unit="character")
    assert characters["unit_kind"] == "characters"
    assert characters["n_units"] == len(coded.documents.get("FG").text)


def test_threshold_flags_codes_for_revision(coded):
    report = coded.reliability.compare(threshold=0.75)
    assert report["flagged_codes"] == ["T-mondeling"]
    assert report["interpretation"]["pooled"]["cohen_kappa"]["verdict"] in ("pass", "fail")


def test_reconcile_writes_a_master_coding_and_logs_decisions(coded):
    decisions = {("FG", 6, "T-mondeling"): "a", ("FG", 9, "T-mondeling"): "neither"}
    written = coded.reliability.reconcile(decisions, "an", "bert", master="master")
    master = coded.codings.list(coders=["master"])
    units = {(c.code, coded.documents.get("FG").text[c.start:c.end].split(":")[0])
             for c in master}
    assert ("T-mondeling", "Deelnemer 5") in units  # paragraph 6 taken from an
    assert ("T-mondeling", "Deelnemer 8") not in units  # paragraph 9 dropped
    assert written == len(master)
    entry = coded.journal.entries()[-1]
    assert entry.action == "reliability.reconcile" and len(entry.details["decisions"]) == 2
    with pytest.raises(Invalid):
        coded.reliability.reconcile({}, "an", "bert", master="m2")  # undecided


def test_one_coder_is_not_enough(make_project):
    p = make_project(codes=["X"], documents={"d": TEXT})
    p.codings.apply("d", "X", "an", paragraph=2)
    with pytest.raises(Invalid, match="two coders"):
        p.reliability.compare()


def test_by_default_only_coders_who_double_coded_are_compared(coded):
    coded.documents.add("Other", TEXT)
    coded.codings.apply("Other", "R-tolk", "carl", paragraph=2)  # carl codes alone
    report = coded.reliability.compare()
    assert report["coders"] == ["an", "bert"] and report["documents"] == ["FG"]
    assert "cohen_kappa" in report["intervals_code_sets"]
    assert report["intervals"]["krippendorff_alpha"]["method"].startswith("bootstrap")
