"""The project's database at a glance: schema revision, kind and location (`stemmen db status`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stemmen.project import Project

KIND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class ProjectStatus:
    """Where a project lives and which schema revision it has."""

    revision: str | None
    kind: str
    """The database: "SQLite" (a project file) or "PostgreSQL" (a server)."""
    location: str
    """The project file's path, or the server's address without its password."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def project_status(project: Project) -> ProjectStatus:
    """The schema revision, the kind of database and where it is (no password shown)."""
    url = project.store.engine.url
    kind = KIND_NAMES.get(url.get_backend_name(), url.get_backend_name())
    if project.store.is_sqlite:
        location = url.database or ":memory:"
    else:
        location = url.render_as_string(hide_password=True)
    return ProjectStatus(project.store.revision(), kind, location)
