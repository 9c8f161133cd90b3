"""Editing a coded transcript (issue 17, part 2): the time of ``project.texts`` actions on a
50,000-character synthetic transcript with 300 codings (and 20 memos on spans), on SQLite and,
with --postgres URL, on PostgreSQL (in schemas of
its own, dropped at the end).

    .venv/bin/python bench/bench_text_edit.py
    .venv/bin/python bench/bench_text_edit.py --postgres postgresql://u:p@127.0.0.1:5432/test

Timed (median of --repeat runs, each on a fresh copy of the same project, milliseconds):
- ``edit``: the whole text replaced by a corrected one with 30 scattered changes (insertions,
  deletions, replacements; some inside codings), through the character diff;
- ``edit_paragraph``: one paragraph rewritten (the web editor's action);
- ``restore``: version 1 brought back after that edit (codings put back exactly);
- ``diff``: the changes between versions 1 and 2 (what the versions panel shows);
- ``edits_from_diff``: the pure diff of the two texts alone, without the database.
The transcript is SYNTHETIC (random Dutch-like words with accents and emoji).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import stemmen
from stemmen.model.text_edits import Edit, apply_edits, check_edits, edits_from_diff

WORDS = [
    "de", "tolk", "hielp", "ons", "zonder", "begrijp", "ik", "niets", "veel", "stress", "om",
    "te", "komen", "maar", "begeleider", "luisterde", "spreek", "nu", "beter", "Nederlands",
    "ook", "op", "het", "werk", "café", "één", "naïve", "👍🏽", "🇧🇪", "wachtlijst",
    "huisvesting", "OCMW", "gesprek",
]


def transcript(rng: random.Random, size: int = 50_000) -> str:
    lines = ["[SYNTHETIC BENCH TRANSCRIPT]"]
    length = len(lines[0])
    turn = 0
    while length < size:
        speaker = "Interviewer" if turn % 2 == 0 else f"Deelnemer {rng.randint(1, 4)}"
        line = f"{speaker}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 60)))
        lines.append(line + ".")
        length += len(line) + 2
        turn += 1
    return "\n".join(lines)[:size].rstrip()


def corrected(rng: random.Random, text: str, changes: int = 30) -> str:
    cuts = sorted(rng.sample(range(1, len(text) - 1), 2 * changes))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        b = min(b, a + 40)
        kind = rng.choice(("insert", "delete", "replace"))
        edits.append(Edit(a, a, " " + rng.choice(WORDS)) if kind == "insert" else
                     Edit(a, b) if kind == "delete" else Edit(a, b, rng.choice(WORDS)))
    return apply_edits(text, check_edits(edits, len(text)))


def build(target: str | Path, text: str, rng: random.Random) -> None:
    p = stemmen.create_project(target, actor="bench")
    for i in range(12):
        p.codebook.add(f"C{i:02d}")
    p.documents.add("long", text)
    with p.batch():
        for i in range(300):
            start = rng.randrange(len(text) - 400)
            p.codings.apply("long", f"C{i % 12:02d}", f"coder{i % 3}", start,
                            start + rng.randint(20, 400))
        for _ in range(20):
            start = rng.randrange(len(text) - 100)
            p.memos.add("memo", document="long", start=start, end=start + 50)
    p.close()


def timed(fn) -> float:  # noqa: ANN001
    began = time.perf_counter()
    fn()
    return (time.perf_counter() - began) * 1000


def run(label: str, make, repeat: int) -> None:  # noqa: ANN001
    rng = random.Random(17)
    text = transcript(rng)
    new = corrected(rng, text)
    times: dict[str, list[float]] = {k: [] for k in
                                     ("edit", "edit_paragraph", "restore", "diff")}
    result = None
    for _ in range(repeat):
        p = make(text)
        times["edit"].append(timed(lambda p=p: times.setdefault("_", []).append(
            p.texts.edit("long", new, reason="bench"))))
        result = times.pop("_")[-1]
        times["diff"].append(timed(lambda p=p: p.texts.diff("long", 1, 2)))
        para = p.documents.paragraphs("long")[len(p.documents.paragraphs("long")) // 2]
        body = p.documents.get("long").text[para.start:para.end]
        times["edit_paragraph"].append(timed(lambda p=p, para=para, body=body: p.texts
                                             .edit_paragraph("long", para.index,
                                                             body.replace(" ", "  ", 3)[::1])))
        times["restore"].append(timed(lambda p=p: p.texts.restore("long", 1)))
        p.close()
    pure = [timed(lambda: edits_from_diff(text, new)) for _ in range(repeat)]
    print(f"\n{label}: {len(text):,} characters, 300 codings, 20 memos; "
          f"edit: {result.regions} changed places, {result.codings.moved} moved, "
          f"{result.codings.unchanged} unchanged, {result.codings.flagged} flagged, "
          f"{result.codings.detached} detached")
    for key, values in times.items():
        print(f"  {key:<16} {statistics.median(values):8.1f} ms")
    print(f"  {'edits_from_diff':<16} {statistics.median(pure):8.1f} ms")


SCHEMAS: list[str] = []


def postgres(url: str, text: str) -> stemmen.Project:
    """A project in a schema of its own on the server (dropped at the end), as the tests do."""
    import uuid

    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:12]
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    SCHEMAS.append(schema)
    target = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    build(target, text, random.Random(5))
    return stemmen.open_project(target, actor="bench")


def drop_schemas(url: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                         autocommit=True) as conn:
        for schema in SCHEMAS:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", default="", help="a postgresql:// URL to time too")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="stemmen-bench-edit-"))
    try:
        seed = folder / "seed.stemmen"
        built: dict[str, Path] = {}

        def sqlite(text: str) -> stemmen.Project:
            if "seed" not in built:
                build(seed, text, random.Random(5))
                built["seed"] = seed
            copy = folder / f"copy{len(list(folder.iterdir()))}.stemmen"
            shutil.copy(seed, copy)
            return stemmen.open_project(copy, actor="bench")

        run("SQLite", sqlite, args.repeat)
        if args.postgres:
            run("PostgreSQL", lambda text: postgres(args.postgres, text), args.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if SCHEMAS:
            drop_schemas(args.postgres)


if __name__ == "__main__":
    main()
