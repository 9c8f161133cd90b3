"""What a REFI-QDA import found: counts declared by the file, what was carried over, what not."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class Counts:
    """Element counts of a REFI-QDA file (or of what became of them)."""

    sources: int = 0
    codes: int = 0
    selections: int = 0
    codings: int = 0
    notes: int = 0
    sets: int = 0
    cases: int = 0
    variables: int = 0
    users: int = 0

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class ImportReport:
    """The account of one import, for the researcher and for tests.

    ``declared`` counts the elements in the file. ``imported`` counts those carried into the
    snapshot in some form (a selection as codings, a memo or a count on an external file);
    ``dropped`` counts those that Stemmen cannot hold, each explained in ``notes``.
    ``declared == imported + dropped`` for every field. ``deviations`` lists how the file
    departs from the REFI-QDA standard and what was done about it.
    """

    file: str
    format: str  # "qdpx", "qde" or "qdc"
    origin: str = ""  # the root's origin attribute, as written by the tool
    tool: str = ""  # NVivo, ATLAS.ti, MAXQDA, Taguette, QualCoder, Stemmen… or ""
    tool_version: str = ""
    namespace: str = ""
    valid: bool | None = None  # None: not checked (namespace variant)
    schema_errors: list[str] = field(default_factory=list)
    declared: Counts = field(default_factory=Counts)
    imported: Counts = field(default_factory=Counts)
    dropped: Counts = field(default_factory=Counts)
    offsets: dict[str, str] = field(default_factory=dict)  # document → how positions counted
    deviations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def deviation(self, text: str) -> None:
        if text not in self.deviations:
            self.deviations.append(text)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def lines(self) -> list[str]:
        """The report as plain sentences (also stored in ``ProjectSnapshot.report``)."""
        who = self.origin or "an unknown tool"
        out = [f"Read {self.file} ({self.format}) written by {who}."]
        summary = ", ".join(
            f"{v} of {self.declared.as_dict()[k]} {k}"
            for k, v in self.imported.as_dict().items()
            if self.declared.as_dict()[k]
        )
        if summary:
            out.append(f"Imported {summary}.")
        lost = ", ".join(f"{v} {k}" for k, v in self.dropped.as_dict().items() if v)
        if lost:
            out.append(f"Left out (Stemmen cannot hold them; see below): {lost}.")
        out += [f"Deviation: {d}" for d in self.deviations]
        out += self.notes
        return out
