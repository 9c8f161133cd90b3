"""`stemmen db status` prints what ``project.status()`` gives."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import stemmen
from stemmen.cli import app


def test_db_status_prints_revision_kind_and_location(tmp_path: Path):
    path = tmp_path / "s.stemmen"
    with stemmen.create_project(path) as p:
        revision = p.store.revision()
    result = CliRunner().invoke(app, ["db", "status", str(path)])
    assert result.exit_code == 0, result.output
    assert f"Schema revision {revision}." in result.output
    assert f"SQLite database: {path}" in result.output
