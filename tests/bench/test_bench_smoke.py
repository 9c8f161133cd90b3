"""Smoke run of the benchmarks at the smallest scale: they still work (no timings checked)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import bench_scale  # noqa: E402
import generate  # noqa: E402
import scale_ops  # noqa: E402

# The peer harness is not part of this repository: point PEER_BENCH at it to run this test.
PEER_BENCH = Path(os.environ.get("PEER_BENCH", "/nonexistent"))


def test_the_generator_is_seeded_and_gives_exactly_m_codings(tmp_path: Path) -> None:
    first = generate.write(tmp_path / "a", 6, 400, seed=3)
    second = generate.write(tmp_path / "b", 6, 400, seed=3)
    assert first["fingerprint"] == second["fingerprint"]
    assert first["codings"] == 400 and first["codes"] == 40 and first["categories"] == 9
    assert set(first["codings_per_coder"]) == {"an", "bert"}
    text = (tmp_path / "a" / "docs" / f"{first['longest_document']}.txt").read_text("utf-8")
    assert text.startswith("SYNTHETISCH TRANSCRIPT")
    assert 3000 <= len(text.split()) <= 15_300


def test_every_operation_runs_at_the_smallest_scale(tmp_path: Path) -> None:
    run = bench_scale.run_scale("small", "sqlite", tmp_path, list(scale_ops.OPERATIONS),
                                inline=True)
    failed = {op: r for op, r in run["ops"].items() if "seconds" not in r}
    assert not failed
    assert run["ops"]["import_codings"]["codings"] == 5000
    assert run["ops"]["retrieve"]["segments"] > 0
    assert run["ops"]["agreement"]["units"] > 1000
    table = bench_scale.render([run])
    assert "| retrieve |" in table and "hand-written SQL" in table


@pytest.mark.skipif(not (PEER_BENCH / "run.py").exists(),
                    reason="set PEER_BENCH to the peer harness to run it")
def test_both_peer_adapters_pass_the_harness_verification(tmp_path: Path) -> None:
    sys.path[:0] = [str(PEER_BENCH)]
    try:
        import run as harness

        code = harness.main([
            "--adapter", "peer_adapter_api:StemmenApiAdapter",
            "--adapter", "peer_adapter_http:StemmenHttpAdapter",
            "--docs", "3", "--segments", "60", "--inner", "1", "--min-words", "600",
            "--max-words", "900", "--workdir", str(tmp_path)])
    finally:
        sys.path.remove(str(PEER_BENCH))
    assert code == 0
