"""Retrieval against an independent oracle: every filter and their combinations on a random
project, as Segments, as dicts (the web's JSON) and as CSV; errors for unknown names."""

from __future__ import annotations

import random
from typing import Any

import pytest

from stemmen.errors import NotFound
from stemmen.model.text import paragraphs

CODES = ["A-één", "B-twee", "C-drie", "D-vier", "E-vijf"]
CODERS = ["an", "bert", "chloé"]
CASES = ["case-a", "case-b", "case-c"]
WORDS = ["de", "tolk", "hielp", "ons", "zonder", "taal", "begrijp", "ik", "niets", "ça", "va",
         "très", "bien", "😀", "werk"]


def _text(rng: random.Random) -> str:
    lines = ["[SYNTHETIC]"]
    for _ in range(rng.randint(3, 9)):
        kind = rng.random()
        if kind < 0.15:
            lines.append("")  # a blank line: not a paragraph
        elif kind < 0.25:
            lines.append("   ")
        else:
            lead = " " * rng.choice([0, 0, 2])
            lines.append(lead + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12))))
    return "\n".join(lines) + "\n"


def random_project(make_project, seed: int = 7):  # noqa: ANN001, ANN201
    """Documents with and without a case and role attributes (one of them falsy), codings by
    three coders, some on the same span."""
    rng = random.Random(seed)
    p = make_project(codes=CODES)
    p.cases.define_attribute("role", "text")
    p.cases.define_attribute("rol", "number")  # 0 is no role: the next name is tried
    p.cases.define_attribute("rôle", "choice", ["Tolk", "Eindgebruiker"])
    p.cases.define_attribute("wave", "number")
    p.cases.define_attribute("online", "boolean")
    with p.batch():
        for k in range(8):
            attributes: dict[str, Any] = {}
            if rng.random() < 0.5:
                attributes["role"] = rng.choice(["Hulpverlener", "Coördinator"])
            if rng.random() < 0.5:
                attributes["rol"] = rng.choice([0, 3])
            if rng.random() < 0.6:
                attributes["rôle"] = rng.choice(["Tolk", "Eindgebruiker"])
            if rng.random() < 0.8:
                attributes["wave"] = rng.choice([1, 2, 3])
            if rng.random() < 0.7:
                attributes["online"] = rng.random() < 0.5
            name = f"doc-{k:02d}"
            p.documents.add(name, _text(rng), case=rng.choice([*CASES, None]))
            for attr, value in attributes.items():
                p.documents.set_attribute(name, attr, value)
        docs = {d.name: p.documents.get(d.name).text for d in p.documents.list()}
        for _ in range(90):
            name = rng.choice(sorted(docs))
            start = rng.randrange(len(docs[name]) - 1)
            end = rng.randint(start + 1, min(len(docs[name]), start + 60))
            p.codings.apply(name, rng.choice(CODES), rng.choice(CODERS), start=start, end=end)
        p.codings.apply("doc-00", CODES[0], "an", start=1, end=5)  # a span two codes share
        p.codings.apply("doc-00", CODES[1], "an", start=1, end=5)
    return p


def oracle(p, codes=None, cases=None, coders=None, documents=None,  # noqa: ANN001, ANN201
           attributes=None, context=0) -> list[dict[str, Any]]:
    """What retrieval must return, from the public API and ``model.text`` alone."""
    for code in codes or ():
        if code not in {c.name for c in p.codebook.codes()}:
            raise NotFound("unknown code")
    defs = {a.name: a for a in p.cases.attributes("document")}
    for name in attributes or {}:
        if name not in defs:
            raise NotFound("unknown attribute")
    docs = {d.name: d for d in p.documents.list()}
    texts = {name: p.documents.get(name).text for name in docs}
    roles = p.settings.attributes().role  # the project's names of its role attribute
    out = []
    for c in p.codings.list():
        doc = docs[c.document]
        if codes and c.code not in codes or coders and c.coder not in coders:
            continue
        if cases and doc.case not in cases or documents and doc.name not in documents:
            continue
        if any(doc.attributes.get(name) not in
               [defs[name].parse(v) for v in (raw if isinstance(raw, list) else [raw])]
               for name, raw in (attributes or {}).items()):
            continue
        units = paragraphs(texts[c.document])
        hit = [u.index for u in units if u.start < c.end and c.start < u.end] or [1]
        first, last = hit[0], hit[-1]
        lines = [texts[c.document][u.start:u.end] for u in units]
        role = next((str(doc.attributes[k]) for k in roles if doc.attributes.get(k)),
                    None)
        parts = [x for x in (role, doc.case) if x] or [doc.name]
        out.append({
            "coding_id": c.id, "document": c.document, "case": doc.case, "code": c.code,
            "coder": c.coder, "start": c.start, "end": c.end,
            "text": texts[c.document][c.start:c.end], "paragraphs": (first, last),
            "before": "\n".join(lines[max(0, first - 1 - context):first - 1]) if context else "",
            "after": "\n".join(lines[last:last + context]) if context else "",
            "role": role, "attribution": "(" + ", ".join(parts) + ")"})
    return out


FILTERS: dict[str, list[Any]] = {
    "codes": [None, [CODES[0]], [CODES[1], CODES[2]], [CODES[3], CODES[3], CODES[4]],
              CODES, ["nope"], [CODES[0], "nope"]],
    "cases": [None, [CASES[0]], [CASES[1], CASES[2]], ["nope"]],
    "coders": [None, ["an"], ["bert", "chloé"], ["nope"]],
    "documents": [None, ["doc-00"], ["doc-01", "doc-03", "doc-05"], ["nope"]],
    "attributes": [None, {"wave": 1}, {"wave": [1, "2"]}, {"online": True},
                   {"role": "Hulpverlener", "wave": [2, 3]}, {"rôle": ["Tolk"]}, {"wave": []},
                   {"nope": 1}],
    "context": [0, 1, 2],
}


def _combinations(count: int, seed: int = 11) -> list[dict[str, Any]]:
    """Each value of each filter alone, then ``count`` random combinations."""
    found = [{key: value} for key, values in FILTERS.items() for value in values]
    rng = random.Random(seed)
    found += [{key: rng.choice(values) for key, values in FILTERS.items()} for _ in range(count)]
    return found


def _outcome(fn, *args, **asked):  # noqa: ANN001, ANN002, ANN202
    try:
        return fn(*args, **asked)
    except NotFound:
        return NotFound


def test_retrieval_equals_the_oracle_for_every_filter(make_project):
    p = random_project(make_project)
    assert len(p.codings.list()) > 80
    matched = 0
    for asked in _combinations(60):
        expected = _outcome(oracle, p, **asked)
        got = _outcome(p.segments.retrieve, **asked)
        got_dicts = _outcome(p.segments.retrieve_dicts, **asked)
        if expected is NotFound:
            assert got is NotFound and got_dicts is NotFound, asked
            continue
        assert [s.as_dict() for s in got] == expected, asked
        assert got_dicts == expected, asked
        matched += bool(expected)
    assert matched > 25  # many combinations find something: the comparison is not empty


def test_unknown_code_is_named_before_an_unknown_attribute(make_project):
    p = random_project(make_project)
    with pytest.raises(NotFound, match="code"):
        p.segments.retrieve(codes=["nope"], attributes={"nope": 1})
    with pytest.raises(NotFound, match="attribute"):
        p.segments.retrieve(codes=[CODES[0]], attributes={"nope": 1})
    with pytest.raises(NotFound, match="nope"):
        p.segments.retrieve_dicts(codes=[CODES[0], "nope"])


def test_segment_as_dict_matches_its_fields_and_attribution(make_project):
    p = random_project(make_project)
    for segment in p.segments.retrieve():
        data = segment.as_dict()
        assert list(data) == [*segment.__dataclass_fields__, "attribution"]
        assert data["attribution"] == segment.attribution
        assert all(data[k] == getattr(segment, k) for k in segment.__dataclass_fields__)


def test_export_csv_has_the_rows_retrieve_gives(make_project, tmp_path):
    import csv

    p = random_project(make_project)
    path = tmp_path / "segments.csv"
    count = p.segments.export_csv(path, codes=CODES[:3], context=1)
    with path.open(encoding="utf-8-sig", newline="") as fp:
        rows = list(csv.DictReader(fp))
    expected = oracle(p, codes=CODES[:3], context=1)
    assert count == len(rows) == len(expected) > 10
    assert [(int(r["coding_id"]), r["text"], r["before"], r["attribution"]) for r in rows] == \
        [(e["coding_id"], e["text"], e["before"], e["attribution"]) for e in expected]


def test_many_names_in_a_filter_are_padded_not_lost(make_project):
    p = random_project(make_project)
    names = [f"doc-{k:02d}" for k in range(8)] + [f"absent-{k}" for k in range(9)]  # 17 → 32
    assert p.segments.retrieve_dicts(documents=names) == oracle(p)
    assert p.segments.retrieve_dicts(documents=names[:5]) == oracle(p, documents=names[:5])


def test_a_renamed_document_and_new_role_are_seen_at_once(make_project):
    p = random_project(make_project)
    before = p.segments.retrieve(documents=["doc-02"])
    p.documents.rename("doc-02", "doc-02b")
    p.documents.set_attribute("doc-02b", "role", "Nieuw")
    after = p.segments.retrieve(documents=["doc-02b"])
    assert before and len(after) == len(before)
    assert {s.document for s in after} == {"doc-02b"}
    assert {s.role for s in after} == {"Nieuw"}
    assert after == [s for s in p.segments.retrieve() if s.document == "doc-02b"]


def test_a_project_is_small_up_to_the_limits(make_project, monkeypatch):
    from stemmen.project import retrieval

    p = random_project(make_project)
    assert p.segments.small()
    monkeypatch.setattr(retrieval, "SMALL_DOCUMENTS", 7)  # 8 documents
    assert not p.segments.small()
    monkeypatch.setattr(retrieval, "SMALL_DOCUMENTS", 8)
    assert p.segments.small()
    monkeypatch.setattr(retrieval, "SMALL_CODINGS", len(p.codings.list()) - 1)
    assert not p.segments.small()
