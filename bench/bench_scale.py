"""Scale benchmark: Stemmen from 50 to 5,000 transcripts and 5,000 to 1,000,000 codings.

    .venv/bin/python bench/bench_scale.py                         # all scales, SQLite + PG middle
    .venv/bin/python bench/bench_scale.py --scales small --no-postgres --json /tmp/small.json

For each scale (small: 50 documents / 5,000 codings, middle: 500 / 100,000, large: 5,000 /
1,000,000) the seeded study of generate.py is written once (cached under --work), then every
operation of scale_ops.py runs in a fresh Python process on the same project database: import
the documents, import the codings, retrieve a code's segments with context, the code x case
matrix, agreement over all units, export and import .qdpx, the web document page, 5,000 more
codings. Each process reports its own wall time and peak RSS (ru_maxrss). Retrieval and the
matrix are also timed as hand-written SQL on the same database, in the same process. The middle
scale runs on PostgreSQL too (a fresh schema, dropped afterwards). The tables at the end give
the time at each scale and the slope of cost against the operation's size (1.0 = linear).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import scale_ops  # noqa: E402

SCALES = {"small": (50, 5_000), "middle": (500, 100_000), "large": (5_000, 1_000_000)}
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
SIZE_OF = {"import_docs": "characters", "import_codings": "codings",
           "retrieve": "segments returned", "matrix": "codings", "agreement": "units",
           "export_qdpx": ".qdpx bytes", "import_qdpx": ".qdpx bytes",
           "web_page": "codings shown", "codings_5000": "codings already there"}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def child(op: str, ctx: scale_ops.Context) -> dict[str, Any]:
    """Run one operation here and add this process's peak memory."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = scale_ops.OPERATIONS[op](ctx)
    result["rss_before_mib"] = before / 1024
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run_op(op: str, ctx: scale_ops.Context, inline: bool) -> dict[str, Any]:
    if inline:
        return child(op, ctx)
    args = [sys.executable, str(Path(__file__).resolve()), "--child", op, "--url", ctx.url,
            "--import-url", ctx.import_url, "--data", str(ctx.data), "--work", str(ctx.work)]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")]
    if done.returncode or not lines:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:] or ["failed"]}
    return json.loads(lines[-1][len("RESULT "):])


def postgres_schema(base: str, drop: str | None = None) -> str:
    """CREATE a fresh schema and return its URL (or DROP ``drop``)."""
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        if drop:
            conn.execute(f"DROP SCHEMA IF EXISTS {drop} CASCADE")
            return drop
        schema = "bench_" + uuid.uuid4().hex[:10]
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def run_scale(name: str, backend: str, work: Path, ops: list[str], inline: bool = False,
              pg_url: str = PG_URL, seed: int = 42) -> dict[str, Any]:
    """Generate (or reuse) the study of one scale and run every operation on one backend."""
    n_docs, n_codings = SCALES[name]
    data = work / f"data-{n_docs}-{n_codings}-{seed}"
    started = time.perf_counter()
    manifest = generate.write(data, n_docs, n_codings, seed)
    log(f"{name}: study ready in {time.perf_counter() - started:.1f} s "
        f"({manifest['documents']} documents, {manifest['codings']} codings)")
    run_dir = work / f"run-{name}-{backend}-{os.getpid()}"  # concurrent runs do not collide
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    schemas = []
    if backend == "postgresql":
        url, import_url = postgres_schema(pg_url), postgres_schema(pg_url)
        schemas = [u.rsplit("%3D", 1)[1] for u in (url, import_url)]
    else:
        url, import_url = str(run_dir / "bench.stemmen"), str(run_dir / "imported.stemmen")
    ctx = scale_ops.Context(url, data, run_dir, import_url, manifest)
    results: dict[str, Any] = {"scale": name, "backend": backend, "documents": n_docs,
                               "codings": n_codings, "manifest": manifest, "ops": {}}
    try:
        for op in ops:
            result = run_op(op, ctx, inline)
            results["ops"][op] = result
            log(f"{name}/{backend} {op:15} " + (f"{result['seconds']:9.3f} s  peak "
                f"{result['peak_rss_mib']:7.0f} MiB" if "seconds" in result
                else f"FAILED {result['error']}"))
    finally:
        for schema in schemas:
            postgres_schema(pg_url, drop=schema)
        shutil.rmtree(run_dir, ignore_errors=True)
    return results


def slope(t1: float, t2: float, s1: float, s2: float) -> float | None:
    """d log(time) / d log(size): 1 is linear, 2 quadratic, below 1 sublinear."""
    if min(t1, t2, s1, s2) <= 0 or s1 == s2:
        return None
    return math.log(t2 / t1) / math.log(s2 / s1)


def _s(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def render(runs: list[dict[str, Any]]) -> str:
    """Markdown tables: time per operation and scale, slopes, memory, SQL ratios."""
    sqlite = [r for r in runs if r["backend"] == "sqlite"]
    cols = [f"{r['scale']} ({r['documents']}/{r['codings']:,})" for r in sqlite]
    pg = [r for r in runs if r["backend"] == "postgresql"]
    cols += [f"PostgreSQL {r['scale']}" for r in pg]
    head = ["operation", *[f"{c} s" for c in cols], "slope (size)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    ops = list(dict.fromkeys(op for r in runs for op in r["ops"]))
    for op in ops:
        cells = [_s(r["ops"].get(op, {}).get("seconds")) for r in sqlite + pg]
        slopes = []
        for a, b in zip(sqlite, sqlite[1:], strict=False):
            ra, rb = a["ops"].get(op, {}), b["ops"].get(op, {})
            if "seconds" in ra and "seconds" in rb:
                k = slope(ra["seconds"], rb["seconds"], ra["size"], rb["size"])
                slopes.append("-" if k is None else f"{k:.2f}")
        lines.append(f"| {op} | " + " | ".join(cells) + f" | {', '.join(slopes) or '-'} "
                     f"({SIZE_OF.get(op, 'size')}) |")
    lines += ["", "| scale | peak RSS MiB (max over operations) | worst operation |",
              "|---|---|---|"]
    for r in sqlite + pg:
        peaks = {op: v.get("peak_rss_mib", 0) for op, v in r["ops"].items()}
        worst = max(peaks, key=peaks.get) if peaks else "-"
        lines.append(f"| {r['scale']} {r['backend']} | {peaks.get(worst, 0):.0f} | {worst} |")
    lines += ["", "| scale | operation | Stemmen s | hand-written SQL s | ratio |",
              "|---|---|---|---|---|"]
    for r in sqlite + pg:
        for op in ("retrieve", "matrix"):
            v = r["ops"].get(op, {})
            if "sql_s" in v:
                lines.append(f"| {r['scale']} {r['backend']} | {op} | {_s(v['seconds'])} | "
                             f"{_s(v['sql_s'])} | {v['ratio_to_sql']:.2f}x |")
                if "no_context_s" in v:
                    lines.append(f"| {r['scale']} {r['backend']} | retrieve, no context | "
                                 f"{_s(v['no_context_s'])} | {_s(v['sql_s'])} | "
                                 f"{v['no_context_ratio']:.2f}x |")
                if "sql_rows_s" in v:
                    lines.append(f"| {r['scale']} {r['backend']} | retrieve, no context, vs "
                                 f"SQL rows without text | {_s(v['no_context_s'])} | "
                                 f"{_s(v['sql_rows_s'])} | {v['rows_ratio']:.2f}x |")
    lines += ["", "| scale | 5,000 codings: insert_many s | import_csv s | 5,000 `apply` s "
              "(p50 / p95 ms) | 5,000 `apply` in one `batch()` s |", "|---|---|---|---|---|"]
    for r in sqlite + pg:
        v = r["ops"].get("codings_5000", {})
        if "apply_5000_s" in v:
            lines.append(f"| {r['scale']} {r['backend']} | {_s(v['seconds'])} | "
                         f"{_s(v['import_csv_s'])} | {_s(v['apply_5000_s'])} "
                         f"({v['apply_p50_ms']:.2f} / {v['apply_p95_ms']:.2f}) | "
                         f"{_s(v['batch_5000_s'])} |")
    return "\n".join(lines)


def machine() -> str:
    with open("/proc/meminfo") as fp:
        mem = int(fp.readline().split()[1]) / 1024 / 1024
    return (f"{os.cpu_count()} CPUs, {mem:.1f} GiB, Python {platform.python_version()}, "
            f"{platform.platform()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--scales", default="small,middle,large")
    ap.add_argument("--ops", default=",".join(scale_ops.OPERATIONS))
    ap.add_argument("--postgres", default="middle",
                    help="scales to repeat on PostgreSQL (comma-separated; '' for none)")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--pg-url", default=os.environ.get("STEMMEN_BENCH_PG_URL", PG_URL))
    ap.add_argument("--work", type=Path, default=Path("/tmp/stemmen-bench"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--inline", action="store_true", help="no process per operation")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    ap.add_argument("--import-url", help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        ctx = scale_ops.Context(args.url, args.data, args.work, args.import_url,
                                scale_ops.load_manifest(args.data))
        print("RESULT " + json.dumps(child(args.child, ctx)), flush=True)
        return 0
    ops = [o for o in args.ops.split(",") if o]
    plan = [(s, "sqlite") for s in args.scales.split(",") if s]
    if not args.no_postgres:
        plan += [(s, "postgresql") for s in args.postgres.split(",") if s]
    began = time.perf_counter()
    runs = [run_scale(s, b, args.work, ops, args.inline, args.pg_url) for s, b in plan]
    print(f"Machine: {machine()}")
    print(f"Total wall time: {time.perf_counter() - began:.0f} s\n")
    print(render(runs))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "runs": runs}, indent=2) + "\n",
                             encoding="utf-8")
    return 1 if any("error" in v for r in runs for v in r["ops"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
