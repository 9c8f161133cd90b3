"""Printing for the CLI: Rich tables for people, JSON for programs, progress bars."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from stemmen.i18n import _


def _width(stream: Any) -> int | None:
    """A terminal's own width (Rich reads it); piped or redirected output is not cut at 80
    columns: tables keep their natural width."""
    if os.environ.get("COLUMNS") or (hasattr(stream, "isatty") and stream.isatty()):
        return None
    return 4000


console = Console(width=_width(sys.stdout))
errors = Console(stderr=True, width=_width(sys.stderr))


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, tuple)):
        return list(value)
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(value)
    return str(value)


def print_json(data: Any) -> None:
    """One JSON document on stdout (UTF-8, not escaped)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


NOTHING = "Nothing matches: the project holds no such rows, or the filters exclude them all."


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "",
                empty: str = NOTHING) -> None:
    """A table for people; with no rows, one sentence saying so instead of an empty frame."""
    if not rows:
        console.print(_(empty), markup=False, highlight=False)
        return
    table = Table(title=_(title) if title else None, show_lines=False)
    for header in headers:
        table.add_column(_(header), overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)


@contextmanager
def progress_bar(label: str, total: int | None = None) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr; yields ``update(done, total)``. Silent when not a terminal."""
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=errors, transient=True, disable=not errors.is_terminal,
    ) as bar:
        task = bar.add_task(_(label), total=total)

        def update(done: int, total_: int) -> None:
            bar.update(task, completed=done, total=total_)

        yield update
