"""The built-in demo: the AMIF-42 study as a project, with its files written beside it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stemmen.demo import build_demo_study
from stemmen.formats.codebook_files import write_codebook_csv
from stemmen.model.snapshot import ProjectSnapshot
from stemmen.project.demo_findings import add_demo_findings
from stemmen.project.demo_study import (
    add_fieldwork,
    add_guides,
    add_people,
    add_sampling_plan,
    pilot_of,
    replay_codebook,
)


def build_demo(target: str | Path, folder: str | Path, seed: int = 42,
               progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Create the demo project at ``target`` and write its source files under ``folder``."""
    from stemmen.project import create_project

    snap = build_demo_study(seed=seed)
    total = len(snap.documents)
    done = [0]

    def step(stage: str, n: int) -> None:
        if stage == "documents":
            done[0] += n
            if progress:
                progress(done[0], total)

    files = write_demo_files(snap, Path(folder))
    pilot, added, held = pilot_of(snap)  # the study around the coding: demo_study.py
    with create_project(target, actor="stemmen-demo") as project:
        counts = project.exchange.load(pilot, source="demo", progress=step)
        counts["codebook_versions"] = len(replay_codebook(project, snap, added, held))
        counts["codes"], counts["codings"] = len(snap.codes), len(snap.codings)
        counts["staff"] = add_people(project, snap)
        counts["sampling_criteria"] = add_sampling_plan(project)
        counts["planned_interviews"] = add_fieldwork(project, snap)
        counts["guides"] = add_guides(project)
        counts["findings"] = len(add_demo_findings(project))
        coders = project.codings.coders()
    counts["coders"] = len(coders)
    return {"project": str(target), "files": str(files), "counts": counts,
            "double_coded": _double_coded(snap)}


def _double_coded(snap: ProjectSnapshot) -> list[str]:
    by_doc: dict[str, set[str]] = {}
    for coding in snap.codings:
        by_doc.setdefault(coding.document, set()).add(coding.coder)
    return sorted(doc for doc, coders in by_doc.items() if len(coders) > 1)


def write_demo_files(snap: ProjectSnapshot, folder: Path) -> Path:
    """Transcripts as .txt, the codebook as CSV and a metadata sheet, for the tour."""
    out = folder / "amif42-files"
    (out / "transcripts").mkdir(parents=True, exist_ok=True)
    for doc in snap.documents:
        (out / "transcripts" / f"{doc.name}.txt").write_text(doc.text + "\n", encoding="utf-8")
    (out / "codebook.csv").write_text(write_codebook_csv(snap.categories, snap.codes),
                                      encoding="utf-8")
    keys = [a.name for a in snap.attributes if a.applies_to == "document"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "case", *keys])
    for doc in snap.documents:
        writer.writerow([f"{doc.name}.txt", doc.case or "",
                         *[_cell(doc.attributes.get(k)) for k in keys]])
    (out / "metadata.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
