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
    assert report.n_units == 11 and report.coders == ["an", "bert"]
    # R-tolk: agree on 2,3,4,5 (a short segment still touches 5), absent elsewhere → kappa 1
    assert report.per_code["R-tolk"]["cohen_kappa"] == pytest.approx(1.0)
    # T-mondeling: an {6,7,8}, bert {7,8,9}: po = 9/11, pe = (3*3 + 8*8)/121 → kappa
    po, pe = 9 / 11, (9 + 64) / 121
    assert report.per_code["T-mondeling"]["cohen_kappa"] == pytest.approx((po - pe) / (1 - pe))
    assert report.n_disagreements == 2  # paragraphs 6 and 9 differ
    assert report.intervals["cohen_kappa"]["ci_low"] < report.pooled["cohen_kappa"]


def test_coverage_rule_and_dropping_uncoded_units(coded):
    strict = coded.reliability.compare(min_coverage=0.5)
    assert strict.per_code["R-tolk"]["n_disagreements"] == 1  # bert's short segment on 5
    dropped = coded.reliability.compare(drop_uncoded=True)
    assert dropped.dropped_uncoded is True and dropped.n_units_dropped == 3
    assert dropped.n_units == 8


def test_disagreements_are_classified_and_carry_text(coded):
    rows = coded.reliability.disagreements(min_coverage=0.5)
    kinds = {(r["unit"], r["code"]): r["kind"] for r in rows}
    assert kinds[(6, "T-mondeling")] == "boundary"  # an's segment 6-7 runs on into 7
    assert kinds[(5, "R-tolk")] == "boundary"  # bert touched 5 but covered too little
    assert kinds[(9, "T-mondeling")] == "missed"
    assert rows[0]["text"].startswith("Deelnemer")


def test_sentence_and_character_units(coded):
    sentences = coded.reliability.compare(unit="sentence")
    assert sentences.n_units == 21  # the marker line and two sentences per answer
    characters = coded.reliability.compare(unit="character")
    assert characters.unit_kind == "characters"
    assert characters.n_units == len(coded.documents.get("FG").text)


def test_threshold_flags_codes_for_revision(coded):
    report = coded.reliability.compare(threshold=0.75)
    assert report.flagged_codes == ["T-mondeling"]
    assert report.interpretation["pooled"]["cohen_kappa"].verdict in ("pass", "fail")


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
    assert report.coders == ["an", "bert"] and report.documents == ["FG"]
    assert "cohen_kappa" in report.intervals_code_sets
    assert report.intervals["krippendorff_alpha"]["method"].startswith("bootstrap")


# The presence used to be built from every coding as a Coding and every unit as a Unit; it is
# now built from integer rows and unit bounds. The old way, kept here, must give the same.

def _old_presence(p, coders, documents, unit, min_coverage):
    from stemmen import stats
    from stemmen.model.text import paragraphs, sentences

    docs = [d for d in p.documents.list() if not documents or d.name in documents]
    codings = p.codings.list(coders=coders)
    by_doc: dict[str, set[str]] = {}
    for coding in codings:
        by_doc.setdefault(coding.document, set()).add(coding.coder)
    shared = [d for d in docs if len(by_doc.get(d.name, ())) >= 2]
    chosen = coders or sorted({c for d in shared for c in by_doc[d.name]})
    if not documents:
        docs = [d for d in docs if set(chosen) <= by_doc.get(d.name, set())]
    text_of = {d.name: p.documents.get(d.name).text for d in docs}
    mine = [c for c in codings if c.document in text_of and c.coder in chosen]
    codes = [c.name for c in p.codebook.codes()]
    if unit == "character":
        return stats.character_presence(mine, {n: len(t) for n, t in text_of.items()},
                                        codes=codes, coders=chosen), mine, text_of
    cut = {"paragraph": paragraphs, "sentence": sentences}[unit]
    units = {n: cut(t) for n, t in sorted(text_of.items())}
    return stats.unit_presence(units, mine, codes=codes, coders=chosen,
                               min_coverage=min_coverage), mine, text_of


def _same_presence(new, old):
    assert (new.codes, new.coders, new.documents) == (old.codes, old.coders, old.documents)
    assert (new.kind, new.min_coverage) == (old.kind, old.min_coverage)
    for name in ("array", "unit_document", "unit_index", "unit_start", "unit_end",
                 "multiplicity", "touched", "linked"):
        a, b = getattr(new, name), getattr(old, name)
        assert (a is None) == (b is None), name
        if a is not None:
            assert a.shape == b.shape and (a == b).all(), name


def _random_project(make_project, seed):
    import random

    rng = random.Random(seed)
    words = ["tolk", "taal", "werk", "Zin.", "Ja!", "nee?", "école", "wachten", "\u00a0"]
    codes = ["R-tolk", "T-mondeling", "S-sociaal", "W-werk"]
    texts = {}
    for d in range(4):
        lines = []
        for _ in range(rng.randint(3, 12)):
            kind = rng.random()
            if kind < 0.15:
                lines.append(rng.choice(["", "   "]))
            else:
                lead = " " * rng.choice([0, 0, 2])
                lines.append(lead + " ".join(rng.choice(words) for _ in range(rng.randint(1, 9))))
        lines.insert(0, "[SYNTHETIC TEST TRANSCRIPT]")
        texts[f"doc {d}"] = "\n".join(lines)
    p = make_project(codes=codes, documents=texts)
    texts = {name: p.documents.get(name).text for name in texts}
    for name, text in texts.items():
        coders = ["an", "bert"] if name != "doc 3" else ["carl"]
        for _ in range(rng.randint(4, 14)):
            start = rng.randrange(len(text) - 1)
            end = min(len(text), start + rng.randint(1, 60))
            code = rng.choice(codes)
            for coder in coders:
                if coder == coders[0] or rng.random() < 0.7:  # the second coder mostly agrees
                    shift = rng.choice([0, 0, 0, rng.randint(-5, 5)])
                    s, e = max(0, start + shift), min(len(text), end + shift)
                    if s < e:
                        p.codings.apply(name, code, coder, start=s, end=e)
    p.codings.apply("doc 1", "W-werk", "carl", start=0, end=5)
    return p


@pytest.mark.parametrize("seed", [1, 2])
def test_presence_from_rows_equals_presence_from_objects(make_project, seed):
    from stemmen import stats

    p = _random_project(make_project, seed)
    cases = [(None, None, "paragraph", 0.0), (None, None, "paragraph", 0.5),
             (None, None, "sentence", 0.0), (None, None, "character", 0.0),
             (["bert", "an"], None, "paragraph", 0.0),
             (["an", "carl"], ["doc 1", "doc 3"], "paragraph", 0.0),
             (["an", "bert", "carl"], ["doc 0", "doc 1", "doc 2", "doc 3"], "sentence", 0.3)]
    for coders, documents, unit, cover in cases:
        new, _ = p.reliability._presence(coders, documents, None, unit, cover)
        old, _, text_of = _old_presence(p, coders, documents, unit, cover)
        _same_presence(new, old)
        report = p.reliability.compare(coders, documents, unit=unit, min_coverage=cover)
        want = stats.code_agreement(old)
        for key in ("per_code", "pooled", "code_sets", "n_units", "n_disagreements"):
            # repr: None and nan compare too
            assert repr(getattr(report, key)) == repr(want[key]), key
        assert report.documents == sorted(text_of)
        rows = p.reliability.disagreements(coders, documents, unit=unit, min_coverage=cover)
        assert rows == [{**d.to_dict(), "text": text_of[d.document][d.start:d.end]}
                        for d in stats.list_disagreements(old)]
    old, mine, _ = _old_presence(p, ["an", "bert"], None, "paragraph", 0.0)
    want = stats.reconcile(old, mine, {}, coder_a="an", coder_b="bert", master="m",
                           default="a")
    written = p.reliability.reconcile({}, "an", "bert", master="m", default="a")
    assert written == len(want)
    got = sorted((c.document, c.start, c.end, c.code) for c in p.codings.list(coders=["m"]))
    assert got == sorted((d, s, e, c) for d, s, e, c, _m in want)


def test_compare_without_intervals_gives_the_same_figures(make_project, sample_text):
    p = make_project(codes=["R-tolk", "S-stress"], documents={"d": sample_text})
    for coder, code in (("an", "R-tolk"), ("bert", "R-tolk"), ("an", "S-stress")):
        p.codings.apply("d", code, coder, paragraph=2)
    p.codings.apply("d", "S-stress", "bert", paragraph=3)
    full = p.reliability.compare(["an", "bert"])
    bare = p.reliability.compare(["an", "bert"], intervals=False)
    assert bare.pooled == full.pooled and bare.code_sets == full.code_sets
    assert full.intervals and bare.intervals == {} and bare.intervals_code_sets == {}


def test_after_reconciling_the_master_coder_is_left_out_unless_named(coded):
    before = coded.reliability.compare()
    coded.reliability.reconcile({("FG", 6, "T-mondeling"): "a", ("FG", 9, "T-mondeling"): "b"},
                                "an", "bert", master="master", default="both")
    assert "master" in coded.codings.coders()
    after = coded.reliability.compare()
    assert list(after.coders) == list(before.coders) == ["an", "bert"]
    assert after.pooled == before.pooled
    named = coded.reliability.compare(coders=["an", "master"])
    assert list(named.coders) == ["an", "master"]
