"""The sampling plan and its check: every kind of criterion met and not met, per case and
wave, targets for interviews and people (issue 20). Synthetic data."""

import pytest

from stemmen.errors import Invalid, NotFound

PLAN = """
name: small plan
roles:
  user:
    - {name: balance, kind: equal, attribute: gender, within: 10, per: case}
    - {name: origins, kind: distinct, attribute: country, at_least: 2,
       groups: {Asia: [Iran, Irak], Africa: [Eritrea]}}
    - {name: status, kind: one_of, attribute: status, values: [refugee, family]}
    - {name: ages, kind: range, attribute: age, min: 18, max: 40, spread: 10}
    - {name: per case and wave, kind: quota, per: [case, wave], at_least: 2}
  worker:
    - {name: interpreters, kind: at_least, attribute: function, values: [interpreter], at_least: 1}
    - {name: teachers, kind: at_least, attribute: function, values: [teacher], at_least: 2}
targets:
  - {name: groups wave 1, type: group, wave: 1, per_case: 1}
  - {name: single wave 2, type: single, wave: 2, per_case: 1}
  - {name: users wave 1, role: user, wave: 1, per_case: 2}
"""


@pytest.fixture
def study(make_project, tmp_path):
    p = make_project(documents={"g1": "x", "g2": "y", "s2": "z"})
    for case in ("A", "B"):
        p.cases.add(case)
    p.cases.assign("g1", "A")
    p.cases.assign("g2", "B")
    p.cases.assign("s2", "A")
    p.cases.define_attribute("type", "text")
    p.cases.define_attribute("wave", "number")
    for doc, kind, wave in (("g1", "group", 1), ("g2", "group", 1), ("s2", "single", 2)):
        p.documents.set_attribute(doc, "type", kind)
        p.documents.set_attribute(doc, "wave", wave)
    for key, kind in (("role", "text"), ("gender", "text"), ("country", "text"),
                      ("status", "text"), ("age", "number"), ("function", "text")):
        p.participants.define_attribute(key, kind)
    people = [("u1", "A", "g1", "man", "Iran", "refugee", 20),
              ("u2", "A", "g1", "woman", "Eritrea", "family", 33),
              ("u3", "B", "g2", "man", "Irak", "worker", 50),
              ("u4", "B", "g2", "man", None, "refugee", 25)]
    for name, case, doc, gender, country, status, age in people:
        p.participants.add(name, case=case, documents=[doc])
        for key, value in (("role", "user"), ("gender", gender), ("country", country),
                           ("status", status), ("age", age)):
            if value is not None:
                p.participants.set(name, key, value)
    p.participants.add("w1", case="A", documents=["g1"])
    p.participants.set("w1", "role", "worker")
    p.participants.set("w1", "function", "interpreter")
    p.participants.add("w2", case="B", documents=["g2"])
    p.participants.set("w2", "role", "worker")
    p.participants.set("w2", "function", "teacher")
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    p.sampling.set_plan(path)
    return p


def _rows(check, name):
    return {(r.case, r.wave): r for r in check.criteria if r.criterion == name}


def test_every_kind_met_and_not_met(study):
    check = study.sampling.check()
    balance = _rows(check, "balance")
    assert balance[("A", None)].met and balance[("A", None)].people == ("u1", "u2")
    assert not balance[("B", None)].met and balance[("B", None)].short == 2
    origins = _rows(check, "origins")[(None, None)]
    assert origins.met and origins.observed.startswith("2 groups")
    assert origins.unrecorded == ("u4",)
    status = _rows(check, "status")[(None, None)]
    assert not status.met and status.short == 1 and "u3" not in status.people
    ages = _rows(check, "ages")[(None, None)]
    assert not ages.met and ages.short == 1 and ages.people == ("u1", "u2", "u4")
    quota = _rows(check, "per case and wave")
    assert quota[("A", "1")].met and quota[("B", "1")].met
    assert not quota[("A", "2")].met and quota[("A", "2")].short == 2
    assert _rows(check, "interpreters")[(None, None)].met
    teachers = _rows(check, "teachers")[(None, None)]
    assert not teachers.met and teachers.short == 1 and teachers.people == ("w2",)


def test_targets_for_interviews_and_people(study):
    check = study.sampling.check()
    by = {(t.target, t.case): t for t in check.targets}
    assert by[("groups wave 1", "A")].met and by[("groups wave 1", "A")].names == ("g1",)
    assert by[("single wave 2", "A")].met
    assert not by[("single wave 2", "B")].met and by[("single wave 2", "B")].short == 1
    assert by[("users wave 1", "B")].names == ("u3", "u4")
    assert check.met < check.total
    assert "teachers (worker): met in 0 of 1, short by 1" in check.lines()


def test_meeting_a_criterion_changes_its_result(study):
    study.participants.set("u3", "status", "family")
    study.participants.set("u3", "age", 30)
    check = study.sampling.check()
    assert _rows(check, "status")[(None, None)].met
    assert _rows(check, "ages")[(None, None)].met


def test_the_plan_is_audited_and_bad_plans_are_refused(study, tmp_path):
    assert study.journal.entries()[-1].action == "sampling.plan"
    assert study.sampling.plan().name == "small plan"
    bad = tmp_path / "bad.yaml"
    bad.write_text("roles: {user: [{kind: nonsense, attribute: x}]}", encoding="utf-8")
    with pytest.raises(Invalid, match="kind is one of"):
        study.sampling.set_plan(bad)
    bad.write_text("roles: {user: [{kind: one_of, attribute: x}]}", encoding="utf-8")
    with pytest.raises(Invalid, match="needs values"):
        study.sampling.set_plan(bad)
    bad.write_text("roles: [", encoding="utf-8")
    with pytest.raises(Invalid, match="not valid YAML"):
        study.sampling.set_plan(bad)
    with pytest.raises(NotFound):
        study.sampling.set_plan(tmp_path / "missing.yaml")
    assert study.sampling.plan().name == "small plan"


def test_no_plan_names_the_command(make_project):
    with pytest.raises(NotFound, match="stemmen sampling plan"):
        make_project().sampling.check()
