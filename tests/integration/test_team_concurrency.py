"""Two people at once: codebook edits that race get a conflict (optimistic concurrency), and
two coders coding the same document at the same time lose nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest

import stemmen
from stemmen.errors import Conflict


def test_an_edit_on_a_stale_version_is_a_conflict_not_an_overwrite(make_project):
    p = make_project(codes=["tolk"])
    seen = p.codebook.version("tolk")
    p.codebook.edit("tolk", definition="First", expected_version=seen)
    assert p.codebook.version("tolk") > seen
    with pytest.raises(Conflict, match="changed by someone else"):
        p.codebook.edit("tolk", definition="Second", expected_version=seen)
    with pytest.raises(Conflict):
        p.codebook.rename("tolk", "interpreter", expected_version=seen)
    assert p.codebook.get("tolk").definition == "First"
    p.codebook.rename("tolk", "interpreter", expected_version=p.codebook.version("tolk"))
    assert [c.name for c in p.codebook.codes()] == ["interpreter"]


def test_racing_edits_of_one_code_let_exactly_one_win(make_project, database):
    p = make_project(codes=["tolk"])
    seen = p.codebook.version("tolk")
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def edit(n: int) -> None:
        with stemmen.open_project(database, actor=f"c{n}") as mine:
            start.wait()
            try:
                mine.codebook.edit("tolk", definition=f"by c{n}", expected_version=seen)
                outcomes.append(f"c{n}")
            except Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [o for o in outcomes if o != "conflict"]
    assert len(outcomes) == 4 and len(winners) == 1
    assert p.codebook.get("tolk").definition == f"by {winners[0]}"


def test_two_coders_coding_one_document_at_once_lose_nothing(make_project, database,
                                                             sample_text):
    p = make_project(codes=["tolk", "stress"], documents={"d": sample_text})
    spans = [(i, i + 3) for i in range(0, 120, 4)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def code(coder: str) -> None:
        try:
            with stemmen.open_project(database, actor=coder) as mine:
                start.wait()
                for s, e in spans:
                    mine.codings.apply("d", "tolk" if s % 8 else "stress", coder, s, e)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=code, args=(c,)) for c in ("an", "bo")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    found = p.codings.list("d")
    for coder in ("an", "bo"):
        assert sorted((c.start, c.end) for c in found if c.coder == coder) == spans
    assert len({c.id for c in found}) == 2 * len(spans)


def test_a_coder_changes_only_their_own_codings(make_project, sample_text):
    from stemmen.errors import Forbidden
    from stemmen.model.access import Role, Viewer

    p = make_project(codes=["tolk", "taal"], documents={"d": sample_text})
    ann = p.codings.apply("d", "tolk", "an", paragraph=1)
    bert_coding = p.codings.apply("d", "tolk", "bert", paragraph=2)
    bert = p.acting_as(Viewer("bert", Role.CODER))
    with pytest.raises(Forbidden, match="an's codings"):
        bert.codings.remove(ann.id)
    with pytest.raises(Forbidden):
        bert.codings.recode(ann.id, "taal")
    with pytest.raises(Forbidden):
        bert.codings.remove_span("d", "tolk", coder="an", paragraph=1)
    assert {c.id for c in p.codings.list()} == {ann.id, bert_coding.id}  # nothing changed
    assert bert.codings.recode(bert_coding.id, "taal").code == "taal"  # their own: allowed
    assert bert.codings.remove(bert_coding.id).id == bert_coding.id
    reviewer = p.acting_as(Viewer("rev", Role.REVIEWER))
    assert reviewer.codings.remove(ann.id).id == ann.id  # reviewers reconcile anyone's
