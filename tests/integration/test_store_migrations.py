"""Migrations: a new project is at head and matches the tables; old schemas upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import stemmen
from stemmen.store import fulltext, migrate
from stemmen.store.tables import metadata

# the full-text index is made in raw SQL (FTS5 on SQLite), outside the metadata
OUTSIDE_METADATA = {"include_name": lambda name, kind, parent: not (
    kind == "table" and fulltext.is_index_table(name))}


def test_new_project_is_at_head_and_matches_the_schema(make_project):
    p = make_project()
    assert p.store.revision() == migrate.head_revision()
    with p.store.engine.connect() as conn:
        assert compare_metadata(
            MigrationContext.configure(conn, opts=OUTSIDE_METADATA), metadata) == []


def test_old_schema_upgrades_and_keeps_data(make_project, sample_text, database):
    p = make_project(codes=["R-tolk"], documents={"d": sample_text})
    p.codings.apply("d", "R-tolk", "an", paragraph=2)
    with p.store.engine.begin() as conn:
        migrate.downgrade(conn, "0001")
    p.close()
    if database.startswith("postgresql"):
        with pytest.raises(stemmen.SchemaOutdated, match="stemmen db upgrade"):
            stemmen.open_project(database)
        upgraded = stemmen.open_project(database, auto_upgrade=True)
    else:
        upgraded = stemmen.open_project(database)
        assert Path(database + ".bak").exists()
    with upgraded:
        assert upgraded.store.revision() == migrate.head_revision()
        assert [c.code for c in upgraded.codings.list()] == ["R-tolk"]


def test_downgrade_to_nothing_and_back(make_project):
    p = make_project()
    with p.store.engine.begin() as conn:
        migrate.downgrade(conn, "base")
        assert migrate.current_revision(conn) is None
        migrate.upgrade(conn)
        assert migrate.current_revision(conn) == migrate.head_revision()


def _coding_indexes(conn) -> dict[str, list[str]]:
    return {ix["name"]: ix["column_names"] for ix in inspect(conn).get_indexes("codings")}


def test_0004_makes_the_coding_indexes_covering_and_back(make_project, sample_text):
    p = make_project(codes=["R-tolk"], documents={"d": sample_text})
    p.codings.apply("d", "R-tolk", "an", paragraph=2)
    covering = {"ix_codings_code_document": ["code_id", "document_id", "start", "end", "coder_id"],
                "ix_codings_document_start": ["document_id", "start", "end"]}
    with p.store.engine.begin() as conn:
        assert _coding_indexes(conn) == covering
        migrate.downgrade(conn, "0003")
        assert _coding_indexes(conn) == {
            "ix_codings_code_document": ["code_id", "document_id", "start"],
            "ix_codings_document_start": ["document_id", "start"]}
        migrate.upgrade(conn)
        assert _coding_indexes(conn) == covering
    assert [c.code for c in p.codings.list()] == ["R-tolk"]


def test_opening_something_that_is_not_a_project(tmp_path):
    with pytest.raises(stemmen.NotFound):
        stemmen.open_project(tmp_path / "missing.stemmen")
    empty = tmp_path / "empty.stemmen"
    empty.write_bytes(b"")
    with pytest.raises(stemmen.NotFound, match="not a Stemmen project"):
        stemmen.open_project(empty)


def test_creating_over_an_existing_project_is_refused(make_project, database):
    make_project()
    with pytest.raises(stemmen.Invalid):
        stemmen.create_project(database)


def test_0005_rebuilds_codes_without_cascading_and_keeps_foreign_keys_on(make_project,
                                                                          sample_text):
    p = make_project(codes=["R-tolk"], documents={"d": sample_text})
    p.codings.apply("d", "R-tolk", "an", paragraph=2)
    with p.store.engine.begin() as conn:
        migrate.downgrade(conn, "0004")
        migrate.upgrade(conn)
    assert [c.code for c in p.codings.list()] == ["R-tolk"]
    with p.store.engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("codes")}
        assert {"parent_id", "inclusion", "exclusion", "example"} <= columns
        assert inspect(conn).has_table("saved_queries")
        if p.store.is_sqlite:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_light_revision_reader_agrees_with_alembic(make_project):
    from stemmen.store import revisions

    p = make_project()
    assert revisions.head_revision() == migrate.head_revision()
    with p.store.engine.connect() as conn:
        assert revisions.current_revision(conn) == migrate.current_revision(conn)
