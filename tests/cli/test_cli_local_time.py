"""The CLI prints moments in local time, dates in the language ($STEMMEN_LANG); --json keeps
ISO 8601 in UTC for programs."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

import stemmen
from stemmen.cli import app

RUNNER = CliRunner()
KATHMANDU = ZoneInfo("Asia/Kathmandu")  # +05:45: the minutes differ from UTC's


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("TZ", "Asia/Kathmandu")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(("lang", "shape"), [
    ("nl", r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d"), ("en", r"\d{1,2} [A-Z][a-z]+ \d{4} \d\d:\d\d:\d\d")])
def test_the_audit_log_shows_local_time_in_the_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, local_zone: None, lang: str,
        shape: str) -> None:
    project = str(tmp_path / "p.stemmen")
    with stemmen.create_project(project) as p:
        p.codebook.add("R-tolk")
        at = p.journal.entries()[-1].at
    monkeypatch.setenv("STEMMEN_LANG", lang)
    monkeypatch.setenv("COLUMNS", "200")
    result = RUNNER.invoke(app, ["cases", "log", project])
    assert result.exit_code == 0, result.output
    shown = re.findall(shape, result.output)
    assert shown and shown[-1].endswith(at.astimezone(KATHMANDU).strftime("%H:%M:%S"))
    raw = RUNNER.invoke(app, ["cases", "log", project, "--json"])
    stamp = json.loads(raw.output)[-1]["at"]
    assert dt.datetime.fromisoformat(stamp) == at and stamp.endswith("+00:00")
