"""Smoke run of bench/bench_team_load.py: two logged-in coders for a second against
``stemmen serve`` on SQLite lose and duplicate nothing (no timings checked)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import bench_team_load  # noqa: E402


def test_two_coders_for_a_second_lose_and_duplicate_nothing() -> None:
    result = bench_team_load.run("sqlite", 2, 1.0, 200)
    assert result["errors"] == 0, result["error_kinds"]
    assert result["confirmed"] > 0 and result["confirmed"] == result["stored"]
    assert result["lost"] == result["duplicated"] == result["unconfirmed_extra"] == 0
    assert result["wrong_coder"] == 0 and result["audit_matches"]
