"""Where test projects live: SQLite files, or a fresh schema on a PostgreSQL server.

PostgreSQL runs when STEMMEN_TEST_DATABASE_URL names a server (``.ci/run`` sets it) or one
answers on 127.0.0.1:5432. With ``pytest --postgres`` (what ``.ci/run`` runs) a missing server
FAILS every PostgreSQL test instead of skipping it; without the flag they are skipped and the
summary says so. Set STEMMEN_TEST_DATABASE_URL="" to leave PostgreSQL out.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/test"
REQUIRED = {"postgres": False}  # set from ``pytest --postgres`` by conftest.py


@cache
def postgres_url() -> str:
    """$STEMMEN_TEST_DATABASE_URL, else a local server on 127.0.0.1 if one answers ("" = none)."""
    if "STEMMEN_TEST_DATABASE_URL" in os.environ:
        return os.environ["STEMMEN_TEST_DATABASE_URL"]
    try:
        import psycopg

        psycopg.connect(LOCAL_PG, connect_timeout=2).close()
    except Exception:  # noqa: BLE001 - no server: the PostgreSQL half is skipped
        return ""
    return LOCAL_PG


@contextmanager
def project_database(backend: str, folder: Path, name: str = "test.stemmen") -> Iterator[str]:
    """A fresh, empty place for a project: a SQLite path, or a PostgreSQL schema URL that is
    dropped afterwards."""
    if backend == "sqlite":
        yield str(folder / name)
        return
    url = postgres_url()
    if not url:
        if REQUIRED["postgres"]:
            pytest.fail("--postgres was given but no PostgreSQL server answers (set "
                        "STEMMEN_TEST_DATABASE_URL or start one on 127.0.0.1:5432)",
                        pytrace=False)
        pytest.skip("no PostgreSQL server for the tests (set STEMMEN_TEST_DATABASE_URL)")
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
