"""``project.status()`` (`stemmen db status`): revision, kind of database, location."""

from __future__ import annotations


def test_status_names_the_revision_kind_and_location(make_project):
    p = make_project()
    found = p.status()
    assert found.revision == p.store.revision() and found.revision
    if p.store.is_sqlite:
        assert found.kind == "SQLite"
        assert found.location == p.store.engine.url.database
    else:
        assert found.kind == "PostgreSQL"
        assert found.location.startswith("postgresql")
        password = p.store.engine.url.password
        assert not password or password not in found.location
    assert found.as_dict() == {"revision": found.revision, "kind": found.kind,
                               "location": found.location}
