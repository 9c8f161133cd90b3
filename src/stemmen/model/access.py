"""Who is looking: a person's role in a project, and what that role lets them see and do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """A person's role in a project, from most to least allowed."""

    OWNER = "owner"  # everything, including users and rounds
    REVIEWER = "reviewer"  # reads everything, reconciles
    CODER = "coder"  # codes, writes memos
    READER = "reader"  # reads only


@dataclass(frozen=True)
class Viewer:
    """The person an action is done for. Solo mode (a project without accounts) is an owner."""

    name: str
    role: Role = Role.OWNER

    @property
    def sees_all_coders(self) -> bool:
        """Owners and reviewers see every coder's codings, also inside blind rounds."""
        return self.role in (Role.OWNER, Role.REVIEWER)
