"""Blind double-coding rounds: what a coder in an open round may see, by every path, and
closing a round with its agreement (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json

import pytest

import stemmen
from stemmen.errors import AlreadyExists, Invalid, NotFound
from stemmen.formats.refi_qdpx import read_qdpx
from stemmen.model.access import Role, Viewer


@pytest.fixture
def team(make_project, sample_text):
    """Owner project with a round on d1 for an and bo; both coded d1 and d2."""
    p = make_project(codes=["tolk", "stress"], documents={"d1": sample_text, "d2": sample_text})
    for doc in ("d1", "d2"):
        p.codings.apply(doc, "tolk", "an", paragraph=2)
        p.codings.apply(doc, "stress", "an", paragraph=3)
        p.codings.apply(doc, "tolk", "bo", paragraph=2)
        p.codings.apply(doc, "tolk", "bo", paragraph=4)
    p.rounds.open("r1", ["d1"], ["an", "bo"])
    return p


def as_(p: stemmen.Project, name: str, role: Role) -> stemmen.Project:
    return stemmen.Project(p.store, actor=name, viewer=Viewer(name, role))


def seen(codings) -> set[tuple[str, str]]:
    return {(c["document"] if isinstance(c, dict) else c.document,
             c["coder"] if isinstance(c, dict) else c.coder) for c in codings}


def test_round_open_list_and_refusals(team):
    found = team.rounds.list()
    assert [(r.name, r.state, r.documents, r.coders) for r in found] == [
        ("r1", "open", ["d1"], ["an", "bo"])]
    with pytest.raises(AlreadyExists):
        team.rounds.open("r1", ["d2"], ["an", "bo"])
    with pytest.raises(NotFound, match="nope"):
        team.rounds.open("r2", ["nope"], ["an", "bo"])
    with pytest.raises(Invalid, match="two or more coders"):
        team.rounds.open("r2", ["d2"], ["an"])
    with pytest.raises(Invalid, match="owner"):
        as_(team, "an", Role.CODER).rounds.open("r3", ["d2"], ["an", "bo"])
    assert [e.action for e in team.journal.entries()][-1] == "round.open"


def test_a_coder_in_an_open_round_sees_only_their_own_codings(team, tmp_path):
    an = as_(team, "an", Role.CODER)
    every = seen(team.codings.list())
    assert ("d1", "bo") in every
    mine = seen(an.codings.list())
    assert mine == every - {("d1", "bo")}
    view = an.workspace.document_view("d1")
    assert {c["coder"] for c in view["codings"]} == {"an"}
    assert set(view["coder_counts"]) == {"an"}
    assert {c["coder"] for c in an.workspace.document_view("d2")["codings"]} == {"an", "bo"}
    # retrieval, its count, its pages and its kept answers
    assert seen(an.segments.retrieve()) == mine
    assert an.segments.count() == len(an.segments.retrieve()) < team.segments.count()
    page = an.segments.page(["tolk"], limit=1, offset=0)
    assert page.total == len(an.segments.retrieve(["tolk"]))
    assert seen(s for s in an.segments.retrieve(["tolk"], documents=["d1"])) == {("d1", "an")}
    data, n = an.segments.retrieve_encoded(lambda rows: json.dumps(rows).encode())
    assert seen(json.loads(data)) == mine and n == len(mine and an.segments.retrieve())
    owner_data, _n = team.segments.retrieve_encoded(lambda rows: json.dumps(rows).encode())
    assert ("d1", "bo") in seen(json.loads(owner_data))
    # the codings CSV export
    buffer = io.StringIO()
    an.segments.export_csv(buffer)
    rows = buffer.getvalue().splitlines()[1:]
    assert rows and not any(r.split(",")[1] == "d1" and ",bo," in r for r in rows)
    # the .qdpx export
    an.exchange.export_qdpx(tmp_path / "an.qdpx")
    snap, _report = read_qdpx("an.qdpx", tmp_path / "an.qdpx")
    assert seen(snap.codings) == mine


def test_a_coder_cannot_remove_or_recode_a_hidden_coding(team):
    an = as_(team, "an", Role.CODER)
    hidden_id = next(c.id for c in team.codings.list("d1") if c.coder == "bo")
    with pytest.raises(NotFound):
        an.codings.remove(hidden_id)
    with pytest.raises(NotFound):
        an.codings.recode(hidden_id, "stress")
    assert hidden_id in {c.id for c in team.codings.list("d1")}


def test_a_coder_cannot_compute_agreement_on_an_open_round(team):
    an = as_(team, "an", Role.CODER)
    with pytest.raises(Invalid, match="d1"):
        an.reliability.compare(["an", "bo"], ["d1"])
    assert an.reliability.compare(["an", "bo"]).documents == ["d2"]
    assert team.reliability.compare(["an", "bo"]).documents == ["d1", "d2"]
    with pytest.raises(Invalid):
        an.rounds.agreement("r1")


@pytest.mark.parametrize("role", [Role.OWNER, Role.REVIEWER])
def test_owners_and_reviewers_see_every_coder(team, role):
    other = as_(team, "an", role)
    assert seen(other.codings.list()) == seen(team.codings.list())
    assert {c["coder"] for c in other.workspace.document_view("d1")["codings"]} == {"an", "bo"}
    assert seen(other.segments.retrieve()) == seen(team.segments.retrieve())


def test_a_coder_outside_the_round_is_not_blinded(team):
    cy = as_(team, "cy", Role.CODER)
    assert seen(cy.codings.list()) == seen(team.codings.list())


def test_a_copy_for_one_coder_leaves_out_the_others_in_open_rounds(team, tmp_path):
    counts = team.exchange.export_qdpx(tmp_path / "bo.qdpx", coder="bo")
    snap, _report = read_qdpx("bo.qdpx", tmp_path / "bo.qdpx")
    assert seen(snap.codings) == seen(team.codings.list()) - {("d1", "an")}
    assert counts["codings"] == len(snap.codings)
    team.exchange.export_qdpx(tmp_path / "all.qdpx")
    whole, _report = read_qdpx("all.qdpx", tmp_path / "all.qdpx")
    assert ("d1", "an") in seen(whole.codings)


def test_closing_shows_everything_and_gives_the_agreement(team):
    an = as_(team, "an", Role.CODER)
    with pytest.raises(Invalid, match="owner"):
        an.rounds.close("r1")
    outcome = team.rounds.close("r1")
    expected = team.reliability.compare(["an", "bo"], ["d1"]).as_dict()
    data = outcome.as_dict()
    assert {k: data[k] for k in expected} == expected
    assert data["round"] == "r1" and data["round_coders"] == ["an", "bo"]
    assert data["round_documents"] == ["d1"]
    assert seen(an.codings.list()) == seen(team.codings.list())
    assert team.rounds.get("r1").state == "closed"
    with pytest.raises(Invalid, match="already closed"):
        team.rounds.close("r1")
    assert an.rounds.agreement("r1").agreement is not None


def test_reconciling_a_closed_round_writes_a_master_coding(team):
    with pytest.raises(Invalid, match="Close"):
        team.rounds.reconcile("r1", [])
    team.rounds.close("r1")
    found = team.rounds.disagreements("r1")
    assert found and {d["document"] for d in found} == {"d1"}
    with pytest.raises(Invalid, match="reviewer"):
        as_(team, "an", Role.CODER).rounds.reconcile("r1", [])
    decisions = [(d["document"], d["unit"], d["code"], "a") for d in found]
    reviewer = as_(team, "rev", Role.REVIEWER)
    written = reviewer.rounds.reconcile("r1", decisions)
    master = team.codings.list("d1", coders=["master"])
    assert written == len(master) > 0
    assert {c.code for c in master} == {c.code for c in team.codings.list("d1", coders=["an"])}
    actions = [e.action for e in team.journal.entries()]
    assert "reliability.reconcile" in actions and actions[-1] == "round.reconcile"


def test_a_search_by_code_does_not_reveal_the_other_coders_paragraphs(team):
    an = as_(team, "an", Role.CODER)
    every = {(h.document, h.paragraph) for h in team.workspace.search("tolk", code="tolk")}
    assert ("d1", 4) in every and ("d2", 4) in every  # bo's tolk on paragraph 4
    mine = an.workspace.search_all("tolk", code="tolk")
    assert {(h.document, h.paragraph) for h in mine.hits} == every - {("d1", 4)}
    assert mine.total == len(mine.hits)
    assert {(h.document, h.paragraph) for h in an.workspace.search("tolk")} >= every


def test_a_coders_matrix_counts_only_what_they_may_see(team):
    an = as_(team, "an", Role.CODER)

    def cells(p: stemmen.Project, **kw) -> dict[tuple[str, str], int]:  # noqa: ANN003
        m = p.queries.matrix("code", "document", **kw)
        return {(r, c): m.cells[i][j] for i, r in enumerate(m.rows)
                for j, c in enumerate(m.columns)}

    every, mine = cells(team), cells(an)
    assert every[("tolk", "d1")] == 2  # an's and bo's spans on paragraph 2, bo's on 4
    assert mine[("tolk", "d1")] == cells(team, coders=["an"])[("tolk", "d1")] == 1
    assert mine[("tolk", "d2")] == every[("tolk", "d2")]


def test_suggestions_do_not_learn_from_codings_hidden_from_the_viewer(make_project):
    text = "[SYNTHETIC]\n" + "\n".join(
        f"Regel {i}: de tolk hielp ons, stress om te komen." for i in range(12))
    p = make_project(codes=["tolk", "stress"], documents={d: text for d in ("d1", "d2", "d3")})
    for doc in ("d1", "d2", "d3"):
        for i in range(2, 13):
            p.codings.apply(doc, "tolk" if i % 2 else "stress", "bo", paragraph=i)
    p.rounds.open("r", ["d1"], ["an", "bo"])
    assert as_(p, "an", Role.CODER).suggestions.train("bo").documents == 2
    assert p.suggestions.train("bo").documents == 3


def test_progress_and_overview_leave_out_the_other_coders_in_the_round(team):
    assert set(team.workspace.progress()["d1"]) == {"an", "bo"}
    owner_view = team.workspace.overview()  # kept: the coder must not get it as it is
    an = as_(team, "an", Role.CODER)
    assert set(an.workspace.progress()["d1"]) == {"an"}
    assert set(an.workspace.progress()["d2"]) == {"an", "bo"}
    docs = {d["name"]: d["progress"] for c in an.workspace.overview()["cases"]
            for d in c["documents"]}
    assert set(docs["d1"]) == {"an"} and set(docs["d2"]) == {"an", "bo"}
    assert {d["name"]: set(d["progress"]) for c in owner_view["cases"]
            for d in c["documents"]}["d1"] == {"an", "bo"}
