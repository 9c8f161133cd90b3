"""A user action killed mid-way (SIGKILL: a power cut of the process) leaves the project whole:
``PRAGMA integrity_check`` is ok and the action is applied in full or not at all.

Each action runs as a real ``stemmen`` process, killed after a range of delays chosen around
its measured running time, so most kills land inside the action's work.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import stemmen

FRACTIONS = (0.35, 0.6, 0.8, 0.95)


def stemmen_process(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "stemmen", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(*args: str) -> float:
    start = time.perf_counter()
    finished = stemmen_process(*args).wait(timeout=300)
    assert finished == 0, args
    return time.perf_counter() - start


def killed_after(delay: float, *args: str) -> bool:
    """Run the command and SIGKILL it after ``delay`` s; True if it was still running."""
    process = stemmen_process(*args)
    time.sleep(delay)
    alive = process.poll() is None
    if alive:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    return alive


def intact(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def crash_runs(base: Path, tmp: Path, args: Callable[[Path], list[str]],
               state: Callable[[Path], object], before: object, after: object | None) -> int:
    """Time one clean run, then kill copies at fractions of that time; every copy must be
    intact and in the state ``before`` or ``after`` (None: as the clean run left it), and at
    least one kill must land while the command runs."""
    clean = tmp / "clean.stemmen"
    shutil.copy(base, clean)
    seconds = timed(*args(clean))
    after = state(clean) if after is None else after
    assert after != before
    hits = 0
    for i, fraction in enumerate(FRACTIONS):
        copy = tmp / f"crash{i}.stemmen"
        shutil.copy(base, copy)
        hits += killed_after(seconds * fraction, *args(copy))
        intact(copy)
        assert state(copy) in (before, after), (fraction, state(copy))
    assert hits, "no kill landed while the command ran"
    return hits


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash-demo")
    stemmen.build_demo(folder / "demo.stemmen", folder / "files")
    return folder / "demo.stemmen"


def test_a_killed_import_of_many_transcripts_imports_all_or_nothing(demo, tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    paragraph = "Deelnemer {i}: Ik kom elke week naar de les en spreek nu meer Nederlands. " * 4
    for n in range(400):
        text = "[SYNTHETIC TEST TRANSCRIPT]\n" + "\n".join(
            paragraph.format(i=i) for i in range(60))
        (files / f"interview-{n:03d}.txt").write_text(text, encoding="utf-8")
    paths = [str(p) for p in sorted(files.iterdir())]

    def count(path: Path) -> int:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    crash_runs(demo, tmp_path, lambda p: ["documents", "import", str(p), *paths], count,
               before=31, after=431)


def test_a_killed_codebook_merge_moves_all_codings_or_none(demo, tmp_path):
    def codings(path: Path) -> tuple[int, int]:
        with sqlite3.connect(path) as conn:
            rows = dict(conn.execute(
                "SELECT c.name, count(g.id) FROM codes c LEFT JOIN codings g ON g.code_id = c.id "
                "WHERE c.name IN ('A-kinderopvang', 'A-activering') GROUP BY c.name"))
        return rows.get("A-kinderopvang", -1), rows.get("A-activering", -1)

    before = codings(demo)
    assert before[0] > 0  # after the merge A-kinderopvang is gone (duplicates collapse)
    crash_runs(demo, tmp_path,
               lambda p: ["codebook", "merge", str(p), "A-kinderopvang", "--into", "A-activering"],
               codings, before=before, after=None)


def test_a_killed_qdpx_import_leaves_no_project_or_a_whole_one(demo, tmp_path):
    qdpx = tmp_path / "demo.qdpx"
    with stemmen.open_project(demo) as project:
        project.exchange.export_qdpx(qdpx)
    seconds = timed("exchange", "import", str(tmp_path / "clean.stemmen"), str(qdpx), "--create")
    for i, fraction in enumerate(FRACTIONS):
        target = tmp_path / f"imported{i}.stemmen"
        killed_after(seconds * fraction, "exchange", "import", str(target), str(qdpx),
                     "--create")
        if target.exists():  # a project that exists is whole: stamped and with every document
            intact(target)
            with sqlite3.connect(target) as conn:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                documents = (conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                             if "documents" in tables else 0)
            assert documents in (0, 31)


def test_a_killed_report_leaves_no_half_written_file(demo, tmp_path):
    out = tmp_path / "report.docx"
    seconds = timed("report", str(demo), "--format", "docx", "-o", str(out))
    full = out.read_bytes()
    for i, fraction in enumerate(FRACTIONS[1:]):
        target = tmp_path / f"report{i}.docx"
        killed_after(seconds * fraction, "report", str(demo), "--format", "docx", "-o",
                     str(target))
        assert not target.exists() or len(target.read_bytes()) == len(full), fraction
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f"report{i}")
                     and p != target]
        assert leftovers == [], leftovers
    intact(demo)
