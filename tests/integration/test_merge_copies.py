"""Coders' copies: a copy exported for one coder, coded offline (here: in another project)
and merged back with `exchange import --merge` (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

import stemmen
from stemmen.project.exchange import import_into
from stemmen.project.merge import merge_snapshot

SAMPLES = Path(__file__).parents[1] / "data" / "refi-qda"
NVIVO = SAMPLES / "NVivo-Win-12.6__oltas.qdpx"


def essence(p: stemmen.Project) -> tuple[list, list, list]:
    return (sorted((c.document, c.code, c.coder, c.start, c.end) for c in p.codings.list()),
            sorted(c.name for c in p.codebook.codes()),
            sorted((m.title, m.text, m.document, m.code) for m in p.memos.list()))


@pytest.fixture
def master(make_project, sample_text):
    p = make_project(codes=["tolk", "stress"], documents={"d1": sample_text, "d2": sample_text})
    p.codebook.add("tolk-kind", parent="tolk")
    p.codings.apply("d1", "tolk", "an", paragraph=2)
    p.codings.apply("d1", "stress", "bo", paragraph=3)
    return p


def offline_copy(master: stemmen.Project, tmp_path: Path, coder: str,
                 change=None) -> Path:  # noqa: ANN001
    """The master's copy for ``coder``, coded in a project of its own, exported again."""
    out = tmp_path / f"{coder}.qdpx"
    master.exchange.export_qdpx(out, coder=coder)
    with stemmen.create_project(tmp_path / f"{coder}.stemmen", actor=coder) as copy:
        copy.exchange.import_qdpx(out)
        copy.codings.apply("d1", "tolk-kind", coder, paragraph=4)
        copy.codings.apply("d2", "stress", coder, paragraph=5)
        copy.codebook.add("nieuw", definition="A code made offline")
        copy.codings.apply("d2", "nieuw", coder, paragraph=2)
        copy.memos.add("Offline note", title="Why", document="d2", start=0, end=5)
        if change:
            change(copy)
        back = tmp_path / f"{coder}-back.qdpx"
        copy.exchange.export_qdpx(back)
    return back


def test_a_stemmen_copy_merges_back_once(master, tmp_path):
    before = essence(master)
    copy = offline_copy(master, tmp_path, "cy")
    merged, _report = master.exchange.merge_copy(copy)
    after = essence(master)
    new = set(after[0]) - set(before[0])
    assert len(new) == 3
    assert {(d, c, coder) for d, c, coder, _s, _e in new} == {
        ("d1", "tolk-kind", "cy"), ("d2", "stress", "cy"), ("d2", "nieuw", "cy")}
    assert set(after[0]) >= set(before[0])
    assert merged.added == {"documents": 0, "codes": 1, "codings": 3, "memos": 1}
    assert merged.present["documents"] == 2 and merged.refused == []
    assert "nieuw" in after[1] and len(after[1]) == len(before[1]) + 1
    assert ("Why", "Offline note", "d2", None) in after[2]
    again, _report = master.exchange.merge_copy(copy)
    assert sum(again.added.values()) == 0
    assert essence(master) == after
    assert master.journal.entries()[-1].action == "exchange.merge"


def test_a_document_whose_text_differs_is_refused_and_the_rest_merges(master, tmp_path):
    def edit(copy: stemmen.Project) -> None:
        copy.documents.delete("d2")
        copy.documents.add("d2", "[SYNTHETIC] Another text altogether.\nSecond line.")
        copy.codings.apply("d2", "tolk", "cy", paragraph=1)

    copy = offline_copy(master, tmp_path, "cy", edit)
    merged, _report = master.exchange.merge_copy(copy)
    assert [(r.kind, r.name) for r in merged.refused] == [("documents", "d2")]
    assert "differs" in merged.refused[0].reason
    assert {(c.document, c.coder) for c in master.codings.list(coders=["cy"])} == {("d1", "cy")}


def test_a_renamed_code_is_matched_by_its_guid(master, tmp_path):
    copy = offline_copy(master, tmp_path, "cy",
                        lambda c: c.codebook.rename("stress", "spanning"))
    merged, _report = master.exchange.merge_copy(copy)
    names = [c.name for c in master.codebook.codes()]
    assert "spanning" not in names and "stress" in names
    assert ("d2", "stress", "cy") in {(c.document, c.code, c.coder)
                                      for c in master.codings.list()}
    assert merged.added["codes"] == 1  # only "nieuw"


def test_a_copy_from_another_tool_adds_only_what_is_missing(make_project):
    p = make_project()
    p.exchange.import_qdpx(NVIVO)
    every = essence(p)
    assert len(every[0]) > 10
    gone = p.codings.list()[::3]
    p.codings.remove_many([c.id for c in gone])
    snap, report = stemmen.project.exchange.read_refi(NVIVO)
    merged = merge_snapshot(p, snap, report.file)
    assert merged.added["codings"] == len(gone)
    assert merged.added["codes"] == merged.added["documents"] == 0
    assert essence(p) == every
    assert sum(merge_snapshot(p, snap, report.file).added.values()) == 0


def test_the_cli_merge_prints_what_it_added_and_refused(master, tmp_path, database):
    copy = offline_copy(master, tmp_path, "cy")
    outcome = import_into(database, copy, merge=True)
    assert outcome.merged is not None and outcome.written == outcome.merged.added
    assert outcome.as_dict()["merged"]["added"]["codings"] == 3
