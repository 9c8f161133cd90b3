"""Stemmen's ratio to each peer, from the JSON the peer harness wrote (run_peers.sh).

    .venv/bin/python bench/peer_table.py /tmp/stemmen-peers/results.json [more.json ...]

One row per phase: every adapter's median seconds, then each Stemmen adapter against each
peer as "peer / Stemmen" (how many times faster Stemmen is; above 1 is faster).

Several JSON files (``INTERLEAVE=3`` in run_peers.sh: rounds of one run per tool, so that
all tools see the same load) make one table: the samples of all runs of a tool are pooled,
as are those of an adapter named twice in one file (``aqda#3`` is ``aqda``).
"segments_for_code, first" is the first retrieval of each run, right after the coding phase
(nothing read or kept yet); the later ones follow the exports.
"""

from __future__ import annotations

import json
import statistics
import sys
from typing import Any

PHASES = ["create_project", "create_codes", "upload_docs", "open_docs", "code_segments",
          "segments_for_code", "export_codebook", "export_segments", "export_project"]
LATENCY = {"ms per upload p50": "upload_doc", "ms per coding p50": "code_segment",
           "ms per open p50": "open_doc"}


def _pooled(results: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """``{adapter name: its runs}`` over every file, the runs of ``name#k`` with ``name``."""
    runs: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        for name, adapter in result["adapters"].items():
            runs.setdefault(name.split("#", 1)[0], []).extend(adapter["runs"])
    return runs


def _median(runs: list[dict[str, Any]], phase: str, first: bool = False) -> float | None:
    samples = []
    for run in runs:
        rec = run["phases"].get(phase)
        if rec and rec["seconds"]:
            samples.extend(rec["seconds"][:1] if first else rec["seconds"])
    return statistics.median(samples) if samples else None


def _latency(runs: list[dict[str, Any]], key: str) -> float | None:
    p50s = [run["latency_ms"][key]["p50"] for run in runs if run["latency_ms"].get(key)]
    return statistics.median(p50s) if p50s else None


def _fmt(v: float | None) -> str:
    if v is None:
        return "n/a"
    return f"{v:.3f}" if v < 100 else f"{v:.1f}"


def table(results: dict[str, Any] | list[dict[str, Any]]) -> str:
    """A markdown table of medians and speed-up factors."""
    adapters = _pooled(results if isinstance(results, list) else [results])
    ours = [n for n in adapters if n.startswith("stemmen")]
    peers = [n for n in adapters if not n.startswith("stemmen")]
    head = ["phase", *[f"{n} s ({len(r)} runs)" for n, r in adapters.items()],
            *[f"{p}/{o}" for o in ours for p in peers]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    rows = [(ph, {n: _median(r, ph) for n, r in adapters.items()}) for ph in PHASES]
    rows.insert(PHASES.index("segments_for_code") + 1, (
        "segments_for_code, first", {n: _median(r, "segments_for_code", first=True)
                                     for n, r in adapters.items()}))
    for label, key in LATENCY.items():
        rows.append((label, {n: _latency(r, key) for n, r in adapters.items()}))
    for label, values in rows:
        cells = [_fmt(values[n]) for n in adapters]
        for o in ours:
            for p in peers:
                a, b = values[p], values[o]
                cells.append(f"{a / b:.1f}x" if a and b else "n/a")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    results = []
    for path in argv:
        with open(path, encoding="utf-8") as fp:
            results.append(json.load(fp))
    w = results[0]["workload"]
    if any(r["workload"]["fingerprint"] != w["fingerprint"] for r in results):
        raise SystemExit("The files hold different workloads.")
    print(f"\nWorkload: {w['documents']} transcripts, {w['segments']} segments "
          f"({w['codings']} codings), probe {w['probe_code']} with "
          f"{w['probe_code_segments']} segments, fingerprint {w['fingerprint'][:16]}")
    print("Speed-up of Stemmen against each peer (peer seconds / Stemmen seconds):\n")
    print(table(results))
    if len(results) > 1:
        print(f"\n{len(results)} files pooled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
