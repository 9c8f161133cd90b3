"""Recall per kind and false positives per 1,000 words of Stemmen's identifier detection.

    python bench/bench_privacy.py            # prints a Markdown table

On the synthetic Dutch and French lines in tests/data/privacy/ (gold spans marked inline as
``{{text|kind}}``), split into two halves by line (even lines: the half looked at while
tuning; odd lines: held out). The detectors run alone: no known names from a project, the
default allow-list. A gold span counts as found when one detected span covers it whole (any
kind: it would be replaced); a detected span that touches no gold span is a false positive.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.privacy.detect import detect  # noqa: E402
from stemmen.privacy.names import prepare  # noqa: E402
from stemmen.privacy.spans import KINDS  # noqa: E402

DATA = ROOT / "tests" / "data" / "privacy"
MARK = re.compile(r"\{\{(.+?)\|(\w+)\}\}")


def parse(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """A marked line → its plain text and gold spans."""
    text, spans, pos = [], [], 0
    out_len = 0
    for m in MARK.finditer(line):
        text.append(line[pos:m.start()])
        out_len += m.start() - pos
        spans.append((out_len, out_len + len(m.group(1)), m.group(2)))
        text.append(m.group(1))
        out_len += len(m.group(1))
        pos = m.end()
    text.append(line[pos:])
    return "".join(text), spans


def load(lang: str) -> list[tuple[str, list[tuple[int, int, str]]]]:
    lines = (DATA / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [parse(line) for line in lines if line.strip() and not line.startswith("#")]


def measure(lines: list[tuple[str, list[tuple[int, int, str]]]]) -> dict[str, object]:
    text = "\n".join(t for t, _ in lines)
    gold, offset = [], 0
    for t, spans in lines:
        gold += [(offset + s, offset + e, k) for s, e, k in spans]
        offset += len(t) + 1
    found = detect(text)
    total, hit = Counter(), Counter()
    missed: list[str] = []
    for s, e, k in gold:
        total[k] += 1
        if any(f.start <= s and e <= f.end for f in found):
            hit[k] += 1
        else:
            missed.append(f"{text[s:e]!r} ({k})")
    false = [f for f in found if not any(f.start < e and s < f.end for s, e, _ in gold)]
    words = len(text.split())
    return {"total": total, "hit": hit, "false": false, "words": words, "missed": missed}


def main() -> None:
    started = time.perf_counter()
    prepare()
    print(f"models ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    rows = []
    missed: list[str] = []
    falses: list[str] = []
    for lang in ("nl", "fr"):
        lines = load(lang)
        for half, part in (("tuning", lines[0::2]), ("held out", lines[1::2]), ("all", lines)):
            t0 = time.perf_counter()
            r = measure(part)
            took = time.perf_counter() - t0
            total, hit = r["total"], r["hit"]  # type: ignore[assignment]
            cells = []
            for kind in KINDS:
                n = total[kind]  # type: ignore[index]
                cells.append(f"{hit[kind] / n:.2f} ({hit[kind]}/{n})" if n else "–")  # type: ignore[index]
            fp = len(r["false"])  # type: ignore[arg-type]
            per_k = 1000 * fp / r["words"]  # type: ignore[operator]
            rows.append(f"| {lang} | {half} | {r['words']} | " + " | ".join(cells)
                        + f" | {fp} | {per_k:.2f} | {took:.2f} |")
            if half == "all":
                missed += [f"{lang}: {m}" for m in r["missed"]]  # type: ignore[attr-defined]
                falses += [f"{lang}: {f.text!r} ({f.kind}, {f.source})"
                           for f in r["false"]]  # type: ignore[attr-defined]
    print("| lang | half | words | " + " | ".join(KINDS) + " | FP | FP/1,000 words | s |")
    print("|" + "---|" * (len(KINDS) + 6))
    print("\n".join(rows))
    if falses:
        print("\nFalse positives: " + "; ".join(falses))
    if missed:
        print("\nMissed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
