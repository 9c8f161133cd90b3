"""Projects opened lately, and where a new one goes: the start page's memory.

The list is a small JSON file in the user's configuration folder: ``$STEMMEN_HOME`` if set,
else ``$XDG_CONFIG_HOME/stemmen`` or ``~/.config/stemmen``, file ``recent.json``. A damaged
or unreadable list counts as empty; it is rewritten whole (atomically) on every change, and
one that cannot be written is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stemmen.errors import Invalid

MAX_RECENT = 10
SUFFIX = ".stemmen"
FILE_NAME = "recent.json"
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_BAD_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class RecentProject:
    """One project of the list: how to open it, what to show, and whether it is still there."""

    target: str  # absolute path of a SQLite file, or a database URL
    name: str
    shown: str  # the target as shown (a database password hidden)
    opened_at: str  # ISO time, UTC
    available: bool  # False when the file is gone

    def as_dict(self) -> dict[str, Any]:
        return {"target": self.target, "name": self.name, "shown": self.shown,
                "opened_at": self.opened_at, "available": self.available}


def config_folder() -> Path:
    """Where Stemmen keeps its own settings for this user."""
    if home := os.environ.get("STEMMEN_HOME"):
        return Path(home).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base).expanduser() / "stemmen"


def recent_file() -> Path:
    return config_folder() / FILE_NAME


def is_url(target: str | Path) -> bool:
    return bool(_URL.match(str(target)))


def normalise(target: str | Path) -> str:
    """A project target as the list keeps it: URLs as given, paths absolute."""
    text = str(target).strip()
    if not text:
        raise Invalid("Name a project file or a database URL.")
    return text if is_url(text) else str(Path(text).expanduser().resolve())


def display_name(target: str | Path) -> str:
    """The project's file name without .stemmen, or the database name of a URL."""
    tail = str(target).rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    return tail.removesuffix(SUFFIX) or str(target)


def hide_password(target: str) -> str:
    """``postgresql://user:secret@host/db`` shown as ``postgresql://user:***@host/db``."""
    if not is_url(target) or "@" not in target:
        return target
    scheme, rest = target.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    if ":" not in credentials:
        return target
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def readable(target: str) -> str:
    """A project target as people read it: a SQLite URL as its file path, a database URL
    without its password."""
    if target.startswith("sqlite:///"):
        return target.removeprefix("sqlite:///")
    return hide_password(target)


def recent_projects() -> list[RecentProject]:
    """The projects opened lately, the last opened first."""
    return [_entry(item) for item in _read()]


def remember(target: str | Path) -> None:
    """Put ``target`` at the top of the list (a project just created or opened)."""
    key = normalise(target)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    items = [i for i in _read() if i["target"] != key]
    _write([{"target": key, "opened_at": now}, *items][:MAX_RECENT])


def forget(target: str | Path) -> None:
    """Take ``target`` off the list (the project itself is left alone)."""
    key = normalise(target)
    _write([i for i in _read() if i["target"] != key])


def new_project_file(folder: str | Path, name: str) -> Path:
    """Where a new SQLite project named ``name`` goes in ``folder`` (``.stemmen`` added).

    Invalid for an empty or unusable name, a folder that is a file, or a file that exists."""
    name = name.strip()
    if not name or _BAD_NAME.search(name) or name in (".", ".."):
        raise Invalid("A project name needs letters or digits and none of \\ / : * ? \" < > |.")
    if not str(folder).strip():
        raise Invalid("Choose a folder for the new project.")
    base = Path(str(folder).strip()).expanduser().resolve()
    if base.exists() and not base.is_dir():
        raise Invalid("{path} is a file, not a folder.", path=str(base))
    path = base / (name if name.endswith(SUFFIX) else name + SUFFIX)
    if path.exists():
        raise Invalid("{path} already exists.", path=str(path))
    return path


def _entry(item: dict[str, str]) -> RecentProject:
    target = item["target"]
    available = is_url(target) or Path(target).is_file()
    return RecentProject(target=target, name=display_name(target), shown=readable(target),
                         opened_at=item.get("opened_at", ""), available=available)


def _read() -> list[dict[str, str]]:
    try:
        data = json.loads(recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or not isinstance(data.get("projects"), list):
        return []
    return [{"target": p["target"], "opened_at": str(p.get("opened_at", ""))}
            for p in data["projects"] if isinstance(p, dict) and isinstance(p.get("target"), str)]


def _write(items: list[dict[str, str]]) -> None:
    """Write the list atomically, readable by this user only (a URL may hold a password).
    A list that cannot be written (read-only home) is skipped: it is only a convenience."""
    try:
        _replace(items)
    except OSError:
        return


def _replace(items: list[dict[str, str]]) -> None:
    path = recent_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": 1, "projects": items}, ensure_ascii=False, indent=1)
    handle, temporary = tempfile.mkstemp(prefix=".recent-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
