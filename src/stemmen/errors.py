"""Typed errors of Stemmen: whole sentences for a researcher, translated at the face."""

from __future__ import annotations

from typing import Any


class StemmenError(Exception):
    """Base of every error Stemmen raises on purpose.

    ``template`` is an English sentence with ``{name}`` placeholders; faces translate it
    through :mod:`stemmen.i18n` and fill in ``params``.
    """

    def __init__(self, template: str, /, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template


class NotFound(StemmenError):
    """Something named does not exist in the project."""


class AlreadyExists(StemmenError):
    """Something with that name already exists."""


class Invalid(StemmenError):
    """A value breaks a rule of the domain."""


class Forbidden(Invalid):
    """The person's role does not allow this action (a coder changing another's coding)."""


class Conflict(Invalid):
    """Someone else changed the thing since it was read (optimistic concurrency)."""


class FormatError(StemmenError):
    """A file could not be read; carries the file name and, where known, the line."""

    def __init__(self, file: str, reason: str, line: int | None = None) -> None:
        self.file = file
        self.reason = reason
        self.line = line
        where = f"{file}:{line}" if line else file
        super().__init__("{where}: {reason}", where=where, reason=reason)


class ImportFailed(StemmenError):
    """Several files failed; ``errors`` lists each with its reason."""

    def __init__(self, errors: list[FormatError]) -> None:
        self.errors = errors
        super().__init__(
            "{n} file(s) could not be imported: {names}",
            n=len(errors),
            names=", ".join(e.file for e in errors),
        )


class SchemaOutdated(StemmenError):
    """The database schema is older than this version of Stemmen."""
