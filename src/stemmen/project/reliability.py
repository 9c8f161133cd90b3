"""Inter-coder reliability on a project (filled in with the stats layer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stemmen.project import Project


class Reliability:
    """Compare coders on the same documents."""

    def __init__(self, project: Project) -> None:
        self._p = project
