"""Benchmark of the web face: a 20,000-word transcript with 2,000 codings, and a code with
1,000 segments, measured on the server alone (HTTP timings) and in Chromium (Playwright).

    .venv/bin/python bench/bench_web.py            # server and browser
    .venv/bin/python bench/bench_web.py --no-browser --json

Targets: document page answered < 300 ms and interactive < 1 s; applying a code round-trips
in < 50 ms (p95); retrieval of 1,000 segments answered < 300 ms. All text is synthetic.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

import stemmen
from stemmen.cli.serve import free_port
from stemmen.web import WebSettings, create_app

PHRASES = ("de tolk hielp ons bij het eerste gesprek en daarna ging het beter met de taal",
           "ik had veel stress maar de begeleider luisterde goed naar wat wij nodig hadden",
           "werk zoeken was moeilijk zonder netwerk in België dus de groep was belangrijk")
WORDS = [word for phrase in PHRASES for word in phrase.split(" ")]
SPEAKERS = ["Interviewer", "Deelnemer 1", "Deelnemer 2", "Deelnemer 3", "Hulpverlener"]
BIG = "Bench focusgroep 20000 woorden"
RETRIEVED = "BENCH-retrieve"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def transcript(rng: random.Random, words: int) -> str:
    """A synthetic transcript: speaker turns of 40-160 words, one emoji early on."""
    lines = ["[SYNTHETIC BENCHMARK TRANSCRIPT - no real data]"]
    written = 0
    while written < words:
        n = min(rng.randint(40, 160), words - written) or 1
        body = " ".join(rng.choice(WORDS) for _ in range(n))
        lines.append(f"{SPEAKERS[len(lines) % len(SPEAKERS)]}: {body.capitalize()}.")
        written += n
    lines[2] = lines[2].replace(":", ": 😀", 1)
    return "\n".join(lines)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def coding_rows(rng: random.Random, doc: str, text: str, n: int, codes: list[str],
                coders: list[str]) -> list[list[Any]]:
    """``n`` codings: half whole paragraph ranges (as the study coded), half text spans."""
    spans = paragraph_spans(text)
    rows = []
    for i in range(n):
        first = rng.randrange(1, len(spans))
        if i % 2:
            last = min(len(spans) - 1, first + rng.randint(0, 2))
            start, end = spans[first][0], spans[last][1]
        else:
            a, b = spans[first]
            start = rng.randrange(a, max(a + 1, b - 20))
            end = min(b, start + rng.randint(10, 200))
        rows.append([doc, rng.choice(codes), rng.choice(coders), start, end])
    return rows


def build(folder: Path) -> Path:
    """The benchmark project: one big document, five with 200 segments of one code each."""
    rng = random.Random(7)
    path = folder / "bench.stemmen"
    codes = [f"C-{i:02d}" for i in range(40)]
    with stemmen.create_project(path, actor="an") as p:
        for i, code in enumerate(codes):
            p.codebook.add(code, category=f"Categorie {i // 8}", definition=f"Code {i}.")
        p.codebook.add(RETRIEVED, category="Bench")
        big = transcript(rng, 20_000)
        p.documents.add(BIG, big, case="OCMW Antwerpen", attributes={"role": "Eindgebruiker"})
        rows = coding_rows(rng, BIG, big, 2_000, codes, ["an", "bert"])
        for k in range(5):
            name = f"Bench interview {k + 1}"
            text = transcript(rng, 4_000)
            p.documents.add(name, text, case="OCMW Gent", attributes={"role": "Hulpverlener"})
            rows += coding_rows(rng, name, text, 200, [RETRIEVED], ["an"])
        sheet = folder / "codings.csv"
        with sheet.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["document", "code", "coder", "start", "end"])
            writer.writerows(rows)
        p.codings.import_csv(sheet)
    return path


class Running:
    """uvicorn serving the project in a child process (no GIL shared with the client)."""

    def __init__(self, path: Path) -> None:
        self.port = free_port()
        self.settings = WebSettings(port=self.port, coder="an")
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([
            sys.executable, __file__, "--serve", str(path), str(self.port),
            self.settings.token or "", self.settings.csrf])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url, timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the benchmark server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def serve(path: str, port: str, token: str, csrf: str) -> None:
    """The child process: serve the project as ``stemmen serve`` does."""
    import uvicorn

    settings = WebSettings(port=int(port), token=token, csrf=csrf, coder="an")
    uvicorn.run(create_app(path, settings), host="127.0.0.1", port=int(port),
                log_level="warning", access_log=False)


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1),
            "n": len(ordered)}


def timed(fn: Any, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def bench_server(run: Running) -> dict[str, Any]:
    """HTTP timings from a client on the same machine (full response received)."""
    client = httpx.Client(base_url=run.url, headers={"X-CSRF-Token": run.settings.csrf})
    client.get(f"/?token={run.settings.token}")
    client.cookies.set("stemmen_view", "all")
    doc = f"/documents/{quote(BIG)}"

    def get(url: str) -> None:
        assert client.get(url).status_code == 200, url

    get(doc)
    rng = random.Random(1)
    text = client.get("/api/documents/view", params={"name": BIG}).json()["document"]["text"]

    def apply() -> None:
        start = rng.randrange(0, len(text) - 50)
        answer = client.post("/api/codings", json={"document": BIG, "codes": ["C-01"],
                                                   "start": start, "end": start + 30})
        assert answer.status_code == 200, answer.text

    result = {
        "document_page": summary(timed(lambda: get(doc), 20)),
        "document_json": summary(timed(lambda: get(f"/api/documents/view?name={quote(BIG)}"),
                                       20)),
        "apply_code": summary(timed(apply, 200)),
        "retrieve_page_1000": summary(timed(lambda: get(f"/retrieve?code={RETRIEVED}"), 10)),
        "overview_page": summary(timed(lambda: get("/"), 10)),
    }
    client.close()
    return result


def bench_browser(run: Running) -> dict[str, Any]:
    """Chromium timings: navigation, page interactive (painted), apply round trip."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{run.url}/?token={run.settings.token}")
        page.context.add_cookies([{"name": "stemmen_view", "value": "all", "url": run.url}])
        loads = [_document_load(page, run.url) for _ in range(6)][1:]  # first warms caches
        applies, fetches = _apply_in_browser(page, 40)
        retrieval = [_navigation(page, f"{run.url}/retrieve?code={RETRIEVED}")
                     for _ in range(4)][1:]
        browser.close()
    return {
        "document_server_ms": summary([x["server"] for x in loads]),
        "document_interactive_ms": summary([x["ready"] for x in loads]),
        "document_dom_content_loaded_ms": summary([x["dcl"] for x in loads]),
        "apply_round_trip_ms": summary(applies),
        "apply_fetch_only_ms": summary(fetches),
        "retrieve_server_ms": summary([x["server"] for x in retrieval]),
        "retrieve_loaded_ms": summary([x["load"] for x in retrieval]),
        "document_spans": loads[0]["spans"],
    }


def _navigation(page: Any, url: str) -> dict[str, float]:
    page.goto(url)
    timing = page.evaluate("""() => {
        const n = performance.getEntriesByType('navigation')[0];
        return {server: n.responseEnd - n.requestStart, dcl: n.domContentLoadedEventEnd,
                load: n.loadEventEnd};
    }""")
    return timing


def _document_load(page: Any, base: str) -> dict[str, float]:
    timing = _navigation(page, f"{base}/documents/{quote(BIG)}")
    page.wait_for_selector("#paras[data-ready]", state="attached")
    timing["ready"] = page.evaluate(
        "() => performance.getEntriesByName('stemmen-ready')[0].startTime")
    timing["spans"] = page.evaluate("() => document.querySelectorAll('#paras span').length")
    return timing


def _apply_in_browser(page: Any, times: int) -> list[float]:
    """Click a paragraph number, click a code: time from request to repainted page."""
    count = page.locator("#paras .para").count()
    for i in range(times):
        page.locator(f"#paras .para[data-i='{(i * 7) % count}'] .pnum").click()
        with page.expect_response("**/api/codings"):
            page.locator("#code-list li.code-option[data-code='C-02']").click()
    return page.evaluate("() => [window.__stemmen.applyTimes, window.__stemmen.fetchTimes]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-browser", action="store_true", help="Server timings only.")
    parser.add_argument("--json", action="store_true", help="Print JSON.")
    parser.add_argument("--serve", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(*args.serve)
        return
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        path = build(Path(tmp))
        results: dict[str, Any] = {"build_s": round(time.perf_counter() - started, 1)}
        run = Running(path)
        try:
            results["server"] = bench_server(run)
            if not args.no_browser:
                results["browser"] = bench_browser(run)
        finally:
            run.stop()
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return
    print(f"project built in {results['build_s']} s")
    for side in ("server", "browser"):
        for name, value in results.get(side, {}).items():
            print(f"{side:8} {name:32} {value}")


if __name__ == "__main__":
    main()
