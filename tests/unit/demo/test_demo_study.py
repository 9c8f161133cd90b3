"""The built-in demo study: deterministic, faithful to the published AMIF-42 facts, synthetic."""

from __future__ import annotations

import ast
import csv
import io
import re
import time
import uuid
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

from stemmen.demo import DOUBLE_CODED, MARKER, build_demo_study, describe_demo
from stemmen.model.documents import AttributeDef
from stemmen.model.snapshot import ProjectSnapshot
from stemmen.model.text import normalise_text, paragraphs, units_touching

END_USER_TYPES = {"Focusgroep eindgebruikers", "Individueel eindgebruiker",
                  "Individueel late instapper"}


@cache
def demo() -> ProjectSnapshot:
    return build_demo_study(seed=42)


def packaged(name: str) -> list[dict[str, str]]:
    text = resources.files("stemmen.demo").joinpath("data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def paragraph_code_sets(snap: ProjectSnapshot, coder: str,
                        names: tuple[str, ...]) -> dict[tuple[str, int], set[str]]:
    """(document, paragraph) → codes a coder applied to it (a coding counts where it touches)."""
    texts = {d.name: d.text for d in snap.documents}
    found: dict[tuple[str, int], set[str]] = {}
    for coding in snap.codings:
        if coding.coder == coder and coding.document in names:
            for unit in units_touching(paragraphs(texts[coding.document]), coding.start,
                                       coding.end):
                found.setdefault((coding.document, unit.index), set()).add(coding.code)
    return found


def pooled_kappa(units: list[tuple[str, int]], codes: list[str],
                 first: dict[tuple[str, int], set[str]],
                 second: dict[tuple[str, int], set[str]]) -> float:
    """Cohen's kappa over every (paragraph, code) cell: code present or absent, pooled."""
    both = only_first = only_second = neither = 0
    for unit in units:
        for code in codes:
            a, b = code in first.get(unit, ()), code in second.get(unit, ())
            both += a and b
            only_first += a and not b
            only_second += b and not a
            neither += not a and not b
    n = both + only_first + only_second + neither
    observed = (both + neither) / n
    p_first, p_second = (both + only_first) / n, (both + only_second) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    return (observed - expected) / (1 - expected)


def test_the_same_seed_gives_an_identical_snapshot():
    assert build_demo_study(seed=42) == demo()
    other = build_demo_study(seed=7)
    assert [d.text for d in other.documents] != [d.text for d in demo().documents]


def test_the_study_has_the_published_numbers():
    snap = demo()
    assert len(snap.documents) == 31
    assert len(snap.cases) == 5
    assert len(snap.codes) == 39
    assert len(snap.categories) == 11
    assert len(snap.participants) == 54
    assert snap.coders == ["an", "bert"]
    assert [c.name for c in snap.cases] == ["OCMW Antwerpen", "OCMW Gent", "OCMW Brussel",
                                            "OCMW Charleroi", "OCMW Luik"]


def test_codebook_is_the_published_one_with_stable_guids_and_colours():
    snap = demo()
    published = packaged("codebook.csv")
    assert [(c.category, c.name, c.definition) for c in snap.codes] == [
        (r["category"], r["code"], r["definition"]) for r in published]
    guids = [c.guid for c in snap.codes] + [c.guid for c in snap.categories]
    assert len(set(guids)) == len(guids)
    assert all(uuid.UUID(g).version == 5 for g in guids)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c.colour) for c in snap.codes)
    assert {c.category for c in snap.codes} == {c.name for c in snap.categories}


def test_every_document_says_on_its_first_line_that_it_is_synthetic():
    for doc in demo().documents:
        first = doc.text.split("\n", 1)[0]
        assert first == MARKER
        assert "SYNTHETISCH" in first and "SYNTHÉTIQUE" in first


def test_documents_are_normalised_and_named_uniquely():
    docs = demo().documents
    assert len({d.name for d in docs}) == 31
    assert len({d.guid for d in docs}) == 31
    for doc in docs:
        assert normalise_text(doc.text) == doc.text
        assert "/" not in doc.name and ":" not in doc.name


def test_documents_carry_valid_attributes_and_waves():
    snap = demo()
    defs = {a.name: a for a in snap.attributes if a.applies_to == "document"}
    assert set(defs) == {"type", "role", "date", "wave", "language", "participants"}
    for doc in snap.documents:
        assert set(doc.attributes) == set(defs)
        for name, value in doc.attributes.items():
            assert defs[name].parse(value) == value
        expected_wave = 1 if doc.attributes["date"].month <= 7 else 2
        assert doc.attributes["wave"] == expected_wave
    case_defs: list[AttributeDef] = [a for a in snap.attributes if a.applies_to == "case"]
    assert {a.name for a in case_defs} == {"city", "region", "language"}
    for case in snap.cases:
        for attr in case_defs:
            assert attr.parse(case.attributes[attr.name]) == case.attributes[attr.name]
    assert "CPAS" in next(c for c in snap.cases if c.name == "OCMW Charleroi").description
    assert "CPAS" in next(c for c in snap.cases if c.name == "OCMW Luik").description


def test_languages_follow_the_cases():
    by_case: dict[str, set[str]] = {}
    for doc in demo().documents:
        by_case.setdefault(doc.case, set()).add(doc.attributes["language"])
    assert by_case == {"OCMW Antwerpen": {"nl"}, "OCMW Gent": {"nl"},
                       "OCMW Brussel": {"nl", "fr"}, "OCMW Charleroi": {"fr"},
                       "OCMW Luik": {"fr"}}


def test_transcripts_have_realistic_lengths_and_speaker_turns():
    for doc in demo().documents:
        units = paragraphs(doc.text)
        group = doc.attributes["type"].startswith("Focusgroep")
        low, high = (60, 120) if group else (30, 60)
        assert low <= len(units) <= high, (doc.name, len(units))
        lines = [doc.text[u.start:u.end] for u in units[2:]]
        assert all(re.match(r"^[A-Z][\w -]*: ", line) for line in lines), doc.name
        assert lines[0].startswith("Interviewer: ")


def test_every_published_quote_appears_verbatim_exactly_once():
    snap = demo()
    quotes = packaged("report_quotes.csv")
    assert len(quotes) == 93  # every attributed quote of the final report
    french = {int(r["quote"]): r["french"] for r in packaged("quotes_fr.csv")}
    for number, quote in enumerate(quotes, start=1):
        # a French interview holds the demo's French wording; the report's Dutch translates it
        holders = [(d, d.text.count(text)) for d in snap.documents
                   for text in {quote["quote"], french.get(number, quote["quote"])}
                   if text in d.text]
        assert sum(n for _, n in holders) == 1, quote["quote"][:60]
        doc = holders[0][0]
        spoken = french[number] if doc.attributes["language"] == "fr" else quote["quote"]
        assert spoken in doc.text, (number, doc.name)
        assert doc.case == quote["org"]
        if quote["role"] in ("Hulpverlener", "Hulpverlening"):
            assert doc.attributes["type"] == "Focusgroep hulpverleners"
        elif quote["role"].startswith("Eindgebruiker"):
            assert doc.attributes["type"] in END_USER_TYPES
        else:
            assert doc.attributes["type"] == "Bilateraal"


def test_participants_match_the_published_profile():
    people = demo().participants
    genders = Counter(p.demographics["gender"] for p in people)
    assert genders == {"man": 30, "vrouw": 24}
    for gender, mean in (("man", 34.93), ("vrouw", 32.60)):
        ages = [p.demographics["age"] for p in people
                if p.demographics["gender"] == gender and p.demographics["age"] is not None]
        assert all(isinstance(a, int) and 18 <= a <= 65 for a in ages)
        assert round(sum(ages) / len(ages), 2) == mean
    for key in ("country_of_birth", "diploma", "years_in_belgium"):
        table = [r for r in packaged("profile_tables.csv") if r["table"] == key]
        counted = Counter(str(p.demographics[key]) for p in people
                          if p.demographics[key] is not None)
        assert counted == {r["value"]: int(r["count"]) for r in table}
    known = Counter(k for p in people for k, v in p.demographics.items() if v is not None)
    assert known["country_of_birth"] == 34
    assert known["diploma"] == 13
    assert known["years_in_belgium"] == 24


def test_participants_belong_to_the_end_user_interviews_of_their_ocmw():
    snap = demo()
    docs = {d.name: d for d in snap.documents}
    assert len({p.pseudonym for p in snap.participants}) == 54
    seats: Counter[str] = Counter()
    for person in snap.participants:
        assert re.fullmatch(r"EG-(ANT|GEN|BRU|CHA|LUI)-\d\d", person.pseudonym)
        assert person.documents
        for name in person.documents:
            assert docs[name].case == person.case
            assert docs[name].attributes["type"] in END_USER_TYPES
            seats[name] += 1
    for doc in snap.documents:
        if doc.attributes["type"] in END_USER_TYPES:
            assert seats[doc.name] == doc.attributes["participants"]
    assert any(len(p.documents) > 1 for p in snap.participants)


def test_codings_lie_on_paragraph_units_except_the_deliberately_short_ones():
    snap = demo()
    texts = {d.name: d.text for d in snap.documents}
    codes = {c.name for c in snap.codes}
    short = []
    for coding in snap.codings:
        assert coding.code in codes
        assert 0 <= coding.start < coding.end <= len(texts[coding.document])
        units = paragraphs(texts[coding.document])
        if not any(u.start == coding.start and u.end == coding.end for u in units):
            short.append(coding)
            assert len(units_touching(units, coding.start, coding.end)) == 1
    assert len(short) == 4
    assert {c.coder for c in short} == {"bert"}
    assert {c.document for c in short} <= set(DOUBLE_CODED)
    assert len({c.guid for c in snap.codings}) == len(snap.codings)
    assert all(c.created_at is not None for c in snap.codings)


def test_an_codes_every_document_and_leaves_most_questions_uncoded():
    snap = demo()
    assert {c.document for c in snap.codings if c.coder == "an"} == {
        d.name for d in snap.documents}
    questions = coded_questions = 0
    for doc in snap.documents:
        coded = {c.start for c in snap.codings if c.coder == "an" and c.document == doc.name}
        for unit in paragraphs(doc.text):
            if doc.text.startswith("Interviewer:", unit.start):
                questions += 1
                coded_questions += unit.start in coded
    assert coded_questions < 0.2 * questions


def test_two_focus_groups_are_double_coded_with_a_kappa_near_the_study():
    snap = demo()
    assert {c.document for c in snap.codings if c.coder == "bert"} == set(DOUBLE_CODED)
    an = paragraph_code_sets(snap, "an", DOUBLE_CODED)
    bert = paragraph_code_sets(snap, "bert", DOUBLE_CODED)
    units = [(d.name, u.index) for d in snap.documents if d.name in DOUBLE_CODED
             for u in paragraphs(d.text)]
    coded = [u for u in units if an.get(u) or bert.get(u)]
    differing = [u for u in units if an.get(u, set()) != bert.get(u, set())]
    kappa = pooled_kappa(units, [c.name for c in snap.codes], an, bert)
    assert 100 <= len(coded) <= 104
    assert 10 <= len(differing) <= 14
    assert 0.7 <= kappa <= 0.9


def test_memos_describe_the_synthetic_project():
    snap = demo()
    assert any("SYNTHETISCH" in m.text and m.document is None for m in snap.memos)
    names = {d.name for d in snap.documents}
    assert any(m.document in names for m in snap.memos)
    assert all(m.code is None or m.code in {c.name for c in snap.codes} for m in snap.memos)
    assert len({m.guid for m in snap.memos}) == len(snap.memos)


def test_describe_demo_counts_the_snapshot():
    summary = describe_demo(demo())
    assert summary["documents"] == 31
    assert summary["codes"] == 39
    assert summary["participants"] == 54
    assert summary["double_coded"] == sorted(DOUBLE_CODED)
    assert summary["codings_by_coder"]["an"] > summary["codings_by_coder"]["bert"] > 0


def test_building_the_demo_takes_under_a_second():
    started = time.perf_counter()
    build_demo_study(seed=3)
    assert time.perf_counter() - started < 1.0


def test_the_demo_imports_only_the_standard_library_and_the_model():
    folder = Path(resources.files("stemmen.demo"))  # type: ignore[arg-type]
    allowed = ("stemmen.demo", "stemmen.model", "stemmen.errors")
    for source in folder.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if name.split(".")[0] == "stemmen":
                    assert name.startswith(allowed), (source.name, name)
                else:
                    assert name.split(".")[0] in _stdlib(), (source.name, name)
        assert "/work/shared" not in source.read_text(encoding="utf-8")


def _stdlib() -> frozenset[str]:
    import sys

    return frozenset(sys.stdlib_module_names) | {"__future__"}
