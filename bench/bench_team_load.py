"""Load test of team mode: N logged-in coders for S seconds against ``stemmen serve`` on
loopback, coding and reading at once, on SQLite and on PostgreSQL.

    python bench/bench_team_load.py                      # 20 coders, 60 s, both backends
    python bench/bench_team_load.py --coders 3 --seconds 3 --backend sqlite   # smoke

Each simulated coder is a user (role coder) with their own session: they log in through the
form, then, until the time is up, apply codes to paragraphs of the documents (each coder
codes each (document, paragraph, code) at most once), read the document view of a document,
and now and then the overview. The server is the real CLI (``stemmen serve --no-browser``)
in its own process. Afterwards the project is read back: every coding the server confirmed
must be there once, with its coder, and nothing else (no lost, no duplicated coding); the
audit log must hold one ``coding.apply`` per confirmed coding, by that coder. Printed: the
requests, errors, and p50/p95 latency per kind of request. All text is synthetic.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

import stemmen
from stemmen.cli.serve import free_port

PASSWORD = "bench-team-password"
CODES = [f"BENCH-{i:02d}" for i in range(12)]
DOCUMENTS = [f"Bench focusgroep {i}" for i in range(1, 6)]
PARAGRAPHS = 40  # per document
PHRASE = ("de tolk hielp ons bij het eerste gesprek en daarna ging het beter met de taal ik "
          "had veel stress maar de begeleider luisterde goed naar wat wij nodig hadden")
WORDS = PHRASE.split(" ")
LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/test"


def transcript(rng: random.Random) -> str:
    lines = ["[SYNTHETIC BENCHMARK TRANSCRIPT - no real data]"]
    for i in range(PARAGRAPHS - 1):
        speaker = "Interviewer" if i % 3 == 0 else f"Deelnemer {i % 4 + 1}"
        lines.append(f"{speaker}: " + " ".join(rng.choice(WORDS) for _ in range(30)) + ".")
    return "\n".join(lines)


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh schema on PostgreSQL (dropped afterwards)."""
    if backend == "sqlite":
        yield str(folder / "team.stemmen")
        return
    import psycopg

    url = os.environ.get("STEMMEN_BENCH_DATABASE_URL") or os.environ.get(
        "STEMMEN_TEST_DATABASE_URL") or LOCAL_PG
    schema = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def build(target: str, coders: int) -> list[str]:
    rng = random.Random(7)
    names = [f"coder{i:02d}" for i in range(1, coders + 1)]
    with stemmen.create_project(target, actor="bench") as p:
        for code in CODES:
            p.codebook.add(code)
        for name in DOCUMENTS:
            p.documents.add(name, transcript(rng))
        p.users.add("owner", "owner", PASSWORD)
        for name in names:
            p.users.add(name, "coder", PASSWORD)
    return names


@contextmanager
def server(target: str) -> Iterator[str]:
    port = free_port()
    command = [str(Path(sys.executable).with_name("stemmen")), "serve", target, "--port",
               str(port), "--no-browser"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{url}/login", timeout=1)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("stemmen serve did not start: " + (
                    process.stderr.read().decode() if process.stderr else "")) from None
            time.sleep(0.1)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


class Coder(threading.Thread):
    """One person: logs in, waits for the others (logins are not in the timed run: argon2
    takes its time on purpose), then codes and reads for ``seconds``."""

    def __init__(self, url: str, name: str, seed: int, seconds: float, max_requests: int,
                 ready: threading.Barrier) -> None:
        super().__init__(daemon=True)
        self.url, self.name = url, name
        self.rng = random.Random(seed)
        self.seconds, self.max_requests, self.ready = seconds, max_requests, ready
        self.deadline = 0.0
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.confirmed: list[dict[str, Any]] = []
        self.todo = [(d, p, c) for d in DOCUMENTS for p in range(2, PARAGRAPHS + 1)
                     for c in CODES]
        self.rng.shuffle(self.todo)

    def timed(self, kind: str, client: httpx.Client, method: str, path: str,
              **kwargs: Any) -> httpx.Response | None:
        began = time.perf_counter()
        try:
            answer = client.request(method, self.url + path, **kwargs)
        except httpx.HTTPError as exc:
            self.errors[f"{kind}: {type(exc).__name__}"] += 1
            return None
        self.timings[kind].append((time.perf_counter() - began) * 1000)
        if answer.status_code >= 400:
            self.errors[f"{kind}: {answer.status_code}"] += 1
            return None
        return answer

    def run(self) -> None:
        with httpx.Client(timeout=30, follow_redirects=False) as client:
            form = self.timed("login form", client, "GET", "/login")
            csrf = re.search(r'name="csrf" value="([^"]+)"', form.text if form else "")
            if not csrf:
                self.errors["login form: no csrf"] += 1
                self.ready.abort()
                return
            done = self.timed("login", client, "POST", "/login", data={
                "name": self.name, "password": PASSWORD, "csrf": csrf.group(1)})
            if done is None or done.status_code != 303:
                self.errors["login: refused"] += 1
                self.ready.abort()
                return
            client.headers["X-CSRF-Token"] = csrf.group(1)
            self.ready.wait()
            self.deadline = time.monotonic() + self.seconds
            sent = 0
            while time.monotonic() < self.deadline and sent < self.max_requests and self.todo:
                sent += 1
                roll = self.rng.random()
                if roll < 0.55:
                    document, paragraph, code = self.todo.pop()
                    answer = self.timed("apply coding", client, "POST", "/api/codings", json={
                        "document": document, "codes": [code], "paragraph": paragraph})
                    if answer is not None:
                        self.confirmed.extend(answer.json()["codings"])
                elif roll < 0.9:
                    document = self.rng.choice(DOCUMENTS)
                    self.timed("document view", client, "GET",
                               f"/api/documents/view?name={quote(document)}&view=all")
                else:
                    self.timed("overview", client, "GET", "/api/overview")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def check(target: str, coders: list[Coder]) -> dict[str, Any]:
    """Every confirmed coding is stored once, by its coder, with one audit entry; no other."""
    with stemmen.open_project(target) as p:
        stored = p.codings.list()
        applies = Counter(e.actor for e in p.journal.entries()
                          if e.action == "coding.apply")
    confirmed = [c for coder in coders for c in coder.confirmed]
    by_id = {c.id: c for c in stored}
    lost = [c for c in confirmed if c["id"] not in by_id
            or by_id[c["id"]].coder != c["coder"] or by_id[c["id"]].code != c["code"]]
    keys = Counter((c.document, c.code, c.coder, c.start, c.end) for c in stored)
    duplicated = sum(n - 1 for n in keys.values() if n > 1)
    unconfirmed = len(stored) - len({c["id"] for c in confirmed})
    wrong_coder = [c for coder in coders for c in coder.confirmed if c["coder"] != coder.name]
    audit_ok = all(applies[c.name] == len({x["id"] for x in c.confirmed}) for c in coders)
    return {"confirmed": len(confirmed), "stored": len(stored), "lost": len(lost),
            "duplicated": duplicated, "unconfirmed_extra": unconfirmed,
            "wrong_coder": len(wrong_coder), "audit_matches": audit_ok}


def run(backend: str, n_coders: int, seconds: float, max_requests: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder, database(backend, Path(folder)) as target:
        names = build(target, n_coders)
        with server(target) as url:
            ready = threading.Barrier(len(names) + 1)
            coders = [Coder(url, name, i, seconds, max_requests, ready)
                      for i, name in enumerate(names)]
            for coder in coders:
                coder.start()
            ready.wait(timeout=600)  # everyone logged in: the timed run begins
            began = time.monotonic()
            for coder in coders:
                coder.join()
            elapsed = time.monotonic() - began
        result = check(target, coders)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    for coder in coders:
        for kind, values in coder.timings.items():
            timings[kind].extend(values)
        errors.update(coder.errors)
    every = [v for kind, values in timings.items() if not kind.startswith("login")
             for v in values]
    result.update({
        "backend": backend, "coders": n_coders, "seconds": round(elapsed, 1),
        "requests": len(every), "errors": sum(errors.values()), "error_kinds": dict(errors),
        "per_second": round(len(every) / elapsed, 1) if elapsed else 0,
        "latency_ms": {kind: {"n": len(v), "p50": round(statistics.median(v), 1),
                              "p95": round(percentile(v, 0.95), 1)}
                       for kind, v in sorted(timings.items()) if v},
        "all_ms": {"p50": round(statistics.median(every), 1) if every else None,
                   "p95": round(percentile(every, 0.95), 1) if every else None},
    })
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coders", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=100_000,
                        help="per coder: a bound on the count besides the time")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    results = [run(b, args.coders, args.seconds, args.max_requests) for b in backends]
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for r in results:
        print(f"\n{r['backend']}: {r['coders']} coders, {r['seconds']} s, {r['requests']} "
              f"requests ({r['per_second']}/s), {r['errors']} errors {r['error_kinds'] or ''}")
        print(f"  codings confirmed {r['confirmed']}, stored {r['stored']}, lost {r['lost']}, "
              f"duplicated {r['duplicated']}, extra {r['unconfirmed_extra']}, "
              f"wrong coder {r['wrong_coder']}, audit matches {r['audit_matches']}")
        print(f"  {'request':<16}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}")
        for kind, t in r["latency_ms"].items():
            print(f"  {kind:<16}{t['n']:>7}{t['p50']:>9}{t['p95']:>9}")
        print(f"  {'all (no login)':<16}{r['requests']:>7}{r['all_ms']['p50']:>9}"
              f"{r['all_ms']['p95']:>9}")
    bad = [r for r in results if r["lost"] or r["duplicated"] or r["unconfirmed_extra"]
           or r["wrong_coder"] or not r["audit_matches"]]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
