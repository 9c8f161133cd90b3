"""Project settings: the names of the attributes that hold role, type, date, wave..., read from
the project (the study's names by default), changed in one audited transaction, and used by
quote attribution, the annex of interviews, the waves query and the profile tables."""

from __future__ import annotations

import datetime as dt

import pytest

from stemmen.errors import Invalid
from stemmen.project.settings import ATTRIBUTE_SETTINGS


def study(make_project, sample_text):  # noqa: ANN001, ANN201
    """One interview whose attributes are named in Dutch, not as the study named them."""
    p = make_project(codes=["R-tolk"])
    p.cases.add("OCMW Antwerpen")
    p.documents.add("FG1", sample_text, case="OCMW Antwerpen")
    for name, kind in (("functie", "text"), ("soort_gesprek", "text"), ("ronde", "number"),
                       ("afgenomen", "date")):
        p.cases.define_attribute(name, kind)
    for name, value in (("functie", "Eindgebruiker"), ("soort_gesprek", "Focusgroep"),
                        ("ronde", 2), ("afgenomen", dt.date(2021, 6, 21))):
        p.documents.set_attribute("FG1", name, value)
    p.codings.apply("FG1", "R-tolk", "an", paragraph=2)
    return p


def test_the_defaults_are_the_studys_names(make_project) -> None:
    p = make_project()
    found = {s.key: s for s in p.settings.list()}
    assert list(found) == list(ATTRIBUTE_SETTINGS)
    assert all(s.is_default for s in found.values())
    names = p.settings.attributes()
    assert names.role[0] == "role" and names.wave[0] == "wave" and names.date[0] == "date"
    assert names.type[0] == "type" and names.gender[0] == "gender" and names.age[0] == "age"


def test_set_and_reset_are_one_audited_transaction_each(make_project) -> None:
    p = make_project()
    setting = p.settings.set("attribute.role", "  functie ,rol,, functie ")
    assert setting.value == "functie, rol" and not setting.is_default
    assert p.settings.get("attribute.role").value == "functie, rol"
    assert p.settings.attributes().role == ("functie", "rol")
    last = p.journal.entries()[-1]
    assert last.action == "settings.set"
    assert last.details == {"key": "attribute.role", "old": "role, rol, rôle",
                            "new": "functie, rol"}
    again = p.settings.reset("attribute.role")
    assert again.is_default and p.settings.attributes().role[0] == "role"
    assert p.journal.entries()[-1].action == "settings.reset"
    assert p.settings.set("attribute.wave", "ronde").value == "ronde"
    with p.store.reading() as conn:  # only the changed setting is stored
        from stemmen.store import settings as stored

        assert stored.read_all(conn) == {"attribute.wave": "ronde"}


@pytest.mark.parametrize(("key", "value", "message"), [
    ("attribute.bogus", "x", "no setting 'attribute.bogus'"),
    ("attribute.role", " , ", "at least one attribute name"),
    ("attribute.role", "x" * 1001, "longer than 1000"),
])
def test_bad_settings_are_refused_and_change_nothing(make_project, key: str, value: str,
                                                     message: str) -> None:
    p = make_project()
    before = len(p.journal.entries())
    with pytest.raises(Invalid, match=message):
        p.settings.set(key, value)
    assert len(p.journal.entries()) == before
    assert all(s.is_default for s in p.settings.list())


def test_quote_attribution_follows_the_role_setting(make_project, sample_text) -> None:
    p = study(make_project, sample_text)
    (segment,) = p.segments.retrieve(codes=["R-tolk"])
    assert segment.attribution == "(OCMW Antwerpen)"  # "functie" is not a role name yet
    p.settings.set("attribute.role", "functie")
    (segment,) = p.segments.retrieve(codes=["R-tolk"])
    assert segment.role == "Eindgebruiker"
    assert segment.attribution == "(Eindgebruiker, OCMW Antwerpen)"


def test_the_interview_annex_and_waves_follow_the_settings(make_project, sample_text) -> None:
    p = study(make_project, sample_text)
    (row,) = p.queries.interviews()
    assert (row.type, row.role, row.date, row.wave) == (None, None, None, None)
    p.settings.set("attribute.type", "soort_gesprek")
    p.settings.set("attribute.role", "functie")
    p.settings.set("attribute.date", "afgenomen")
    p.settings.set("attribute.wave", "ronde")
    (row,) = p.queries.interviews()
    assert (row.type, row.role, row.date, row.wave) == ("Focusgroep", "Eindgebruiker",
                                                        dt.date(2021, 6, 21), 2)
    waves = p.queries.waves()
    assert waves.attribute == "ronde" and list(waves.matrices) == ["2"]


def test_profiles_read_gender_and_age_from_the_settings(make_project) -> None:
    p = make_project()
    p.cases.add("OCMW Gent")
    for name, sex, years in (("P1", "man", 30), ("P2", "vrouw", 40), ("P3", "vrouw", 20)):
        p.participants.add(name, "OCMW Gent", sekse=sex, jaren=years)
    before = p.queries.profiles()  # the default names find neither
    assert {a.group for a in before.ages} <= {None, "None", ""} and len(before.tables) == 2
    p.settings.set("attribute.gender", "sekse")
    p.settings.set("attribute.age", "jaren")
    profiles = p.queries.profiles()
    assert {(a.group, a.people, a.mean_age) for a in profiles.ages} == {
        ("man", 1, 30.0), ("vrouw", 2, 30.0)}
    assert [t.key for t in profiles.tables] == []  # gender and age are not value tables


def test_a_balance_criterion_balances_the_projects_gender_attribute(make_project) -> None:
    p = make_project()
    p.cases.add("OCMW Gent")
    for name, sex in (("P1", "man"), ("P2", "vrouw")):
        p.participants.add(name, "OCMW Gent", sekse=sex)
    assert p.queries.sampling([{"kind": "balance"}])[0].criterion == "balance gender"
    p.settings.set("attribute.gender", "sekse")
    checks = p.queries.sampling([{"kind": "balance"}])
    assert checks[0].criterion == "balance sekse" and checks[0].passed


def test_findings_and_reports_follow_the_settings(make_project, sample_text) -> None:
    p = study(make_project, sample_text)
    finding = p.findings.add("The interpreter helps.")
    p.findings.link(finding.id, [c.id for c in p.codings.list()])
    assert p.findings.get(finding.id).strength.roles == []
    assert p.reports.build(reliability=False).interview_types == []
    p.settings.set("attribute.role", "functie")
    p.settings.set("attribute.type", "soort_gesprek")
    p.settings.set("attribute.date", "afgenomen")
    p.settings.set("attribute.wave", "ronde")
    assert p.findings.get(finding.id).strength.roles == ["Eindgebruiker"]
    assert p.findings.get(finding.id).strength.waves == ["2"]
    data = p.reports.build(reliability=False)
    assert data.interview_types == [("Focusgroep", 1)]
    assert (data.first_date, data.last_date, data.waves) == ("2021-06-21", "2021-06-21", ["2"])
