"""The in-memory cache of computed results (project.cache): a change is seen at once, here
and from another program, and the texts are split into paragraphs once."""

from __future__ import annotations

import stemmen
from stemmen.project.cache import cache_of

TEXT = "Eerste alinea over de tolk.\n\nTweede alinea over werk.\nDerde alinea.\n"


def _project(make_project):  # noqa: ANN001, ANN202
    project = make_project(codes=["tolk", "werk"], documents={"a": TEXT, "b": "Een.\nTwee.\n"})
    project.codings.apply("a", "tolk", "an", paragraph=1)
    return project


def test_overview_progress_sees_a_coding_at_once(make_project) -> None:  # noqa: ANN001
    project = _project(make_project)
    first = project.workspace.overview()
    assert project.workspace.overview() is first  # unchanged project: the same answer
    progress = {d["name"]: d["progress"] for c in first["cases"] for d in c["documents"]}
    assert progress == {"a": {"an": round(1 / 3, 4)}, "b": {}}
    project.codings.apply("a", "werk", "bert", paragraph=2, last_paragraph=3)
    project.codings.apply("b", "werk", "an", paragraph=2)
    after = project.workspace.overview()
    assert after is not first
    progress = {d["name"]: d["progress"] for c in after["cases"] for d in c["documents"]}
    assert progress == {"a": {"an": round(1 / 3, 4), "bert": round(2 / 3, 4)},
                        "b": {"an": 0.5}}
    assert after["totals"]["codings"] == 3


def test_a_removed_coding_and_a_new_document_are_seen(make_project) -> None:  # noqa: ANN001
    project = _project(make_project)
    assert project.workspace.progress()["a"] == {"an": round(1 / 3, 4)}
    coding = project.codings.list()[0]
    project.codings.remove(coding.id)
    assert project.workspace.progress()["a"] == {}
    project.documents.add("c", "Nieuw.\nStuk.\nDrie.\nVier.\n")
    project.codings.apply("c", "tolk", "an", paragraph=4)
    assert project.workspace.progress()["c"] == {"an": 0.25}


def test_remember_computes_again_only_after_a_change(make_project) -> None:  # noqa: ANN001
    project = _project(make_project)
    cache = cache_of(project)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(project.codings.list())

    assert cache.remember("n", compute) == 1
    assert cache.remember("n", compute) == 1
    assert len(calls) == 1
    assert cache.peek("n") == (True, 1)
    project.codings.apply("b", "tolk", "an", paragraph=1)
    assert cache.peek("n") == (False, None)
    assert cache.remember("n", compute) == 2
    assert len(calls) == 2
    cache.forget()
    assert cache.peek("n") == (False, None)


def test_a_change_by_another_program_is_seen(make_project, database) -> None:  # noqa: ANN001
    project = _project(make_project)
    before = project.workspace.progress()
    other = stemmen.open_project(database, actor="other")  # its own engine, as the CLI's
    try:
        other.codings.apply("b", "tolk", "bert", paragraph=1)
    finally:
        other.close()
    assert before["b"] == {}
    assert project.workspace.progress()["b"] == {"bert": 0.5}


def test_paragraphs_split_once_and_again_for_a_new_text(make_project) -> None:  # noqa: ANN001
    project = _project(make_project)
    cache = cache_of(project)
    with project.store.reading() as conn:
        first = cache.paragraphs(conn)
        again = cache.paragraphs(conn)
    assert [len(spans) for spans in first.values()] == [3, 2]
    assert all(again[i] is first[i] for i in first)  # not split again
    project.documents.delete("b")
    project.documents.add("b", "Een.\nTwee.\nDrie.\n")
    with project.store.reading() as conn:
        now = cache.paragraphs(conn)
    assert sorted(len(spans) for spans in now.values()) == [3, 3]
