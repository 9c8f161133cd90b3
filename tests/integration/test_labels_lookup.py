"""``project.labels.lookup(lang)``: the names of one language for pages, matrices and exports
(SQLite and PostgreSQL): a code x case matrix and a code x role matrix labelled in fr, the
names kept where no label exists and in a language without labels."""

from __future__ import annotations

TEXT = "Interviewer: En de taal?\nDeelnemer 1: Ik spreek nu beter Nederlands.\n"


def _study(make_project):
    p = make_project(codes=["R-tolk", "S-stress"])
    p.codebook.add("T-taal", category="Taal")
    p.documents.add("FG Gent", TEXT, case="OCMW Gent", attributes={"role": "Eindgebruiker"})
    p.documents.add("FG Luik", TEXT, case="OCMW Luik", attributes={"role": "Hulpverlener"})
    p.codings.apply("FG Gent", "T-taal", "an", paragraph=2)
    p.codings.apply("FG Luik", "T-taal", "an", paragraph=2)
    p.codings.apply("FG Luik", "R-tolk", "an", paragraph=2)
    for kind, name, label in (("case", "OCMW Gent", "CPAS Gand"),
                              ("case", "OCMW Luik", "CPAS Liège"),
                              ("code", "T-taal", "T-langue"), ("category", "Taal", "Langue"),
                              ("role", "Eindgebruiker", "Bénéficiaire")):
        p.labels.set(kind, name, "fr", label)
    return p


def test_matrix_tables_in_french(make_project):
    p = _study(make_project)
    fr = p.labels.lookup("fr")
    assert fr.of("case", "OCMW Gent") == "CPAS Gand" and fr.of("case", "Elders") == "Elders"
    result = p.queries.run("matrix", {"rows": "code", "columns": "case"})
    plain = result.tables[0]
    table = fr.tables(result)[0]
    assert plain.headers[:2] == ["category", "code"] and table.headers[:2] == plain.headers[:2]
    assert table.headers[2:] == ["CPAS Gand", "CPAS Liège", "total"]
    assert plain.headers[2:] == ["OCMW Gent", "OCMW Luik", "total"]
    names = {row[1]: row for row in table.rows}
    assert names["T-langue"][0] == "Langue" and names["T-langue"][2:] == [1, 1, 2]
    assert "R-tolk" in names and "T-taal" not in names  # no label: the name itself
    assert names["total"][2:] == [row for row in plain.rows if row[1] == "total"][0][2:]

    by_role = fr.tables(p.queries.run("matrix", {"rows": "category", "columns": "role"}))[0]
    assert by_role.headers == ["category", "Bénéficiaire", "Hulpverlener", "total"]
    assert by_role.rows[0][:1] == ["Langue"] and by_role.rows[-1][0] == "total"

    nl = p.labels.lookup("nl")
    assert nl.names == {} and nl.tables(result) == result.tables
    assert p.labels.lookup("en").of("case", "OCMW Gent") == "OCMW Gent"
