"""The trust report: how far the model agrees with the human coder, per code and pooled."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

TOO_FEW = ("too few examples: {positives} units in {documents} documents"
           " (needs {min_units} in {min_documents})")
UNDER_THRESHOLD = "kappa {kappa} is under the threshold {threshold}"
UNDEFINED = "kappa is undefined on the held-out units"


@dataclass(frozen=True)
class CodeTrust:
    """One code's cross-validated agreement with the coder, and whether it is suggested."""

    code: str
    n: int  # units the coder gave the code
    documents: int  # documents where the coder gave it
    kappa: float | None = None
    kappa_low: float | None = None
    kappa_high: float | None = None
    ac1: float | None = None
    ac1_low: float | None = None
    ac1_high: float | None = None
    precision: float | None = None
    recall: float | None = None
    enabled: bool = False
    reason: str = ""  # why not enabled: an English template (faces translate it) ...
    reason_params: dict[str, Any] = field(default_factory=dict)  # ... and its parameters
    # calibration (a_1, ..., a_m, b): probability = 1 / (1 + exp(-(sum a_i * score_i + b))),
    # one score per base model (Platt's sigmoid for one, stacking for two)
    platt: tuple[float, ...] = (0.0, 0.0)

    def reason_text(self) -> str:
        """Why the code gets no suggestions, in English ("" when it does)."""
        return self.reason.format(**self.reason_params)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["platt"] = list(self.platt)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodeTrust:
        values = dict(data)
        values["platt"] = tuple(values.get("platt", (0.0, 0.0)))
        return cls(**values)


@dataclass(frozen=True)
class TrustReport:
    """The whole report: per code, pooled over codes, and how it was measured."""

    coder: str
    units: int
    documents: int
    folds: int
    threshold: float
    codes: list[CodeTrust] = field(default_factory=list)
    pooled: dict[str, float | None] = field(default_factory=dict)
    seconds: float = 0.0
    model: str = "lexical: TF-IDF word 1-2 + char 3-5 n-grams, one-vs-rest logistic regression"
    kind: str = "lexical"  # lexical, semantic, combined, or hints
    unit: str = "paragraphs"  # or turns
    speaker: str | None = None  # only this speaker's turns

    @property
    def enabled(self) -> list[str]:
        return [c.code for c in self.codes if c.enabled]

    def code(self, name: str) -> CodeTrust | None:
        return next((c for c in self.codes if c.code == name), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["codes"] = [c.to_dict() for c in self.codes]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrustReport:
        values = dict(data)
        values["codes"] = [CodeTrust.from_dict(c) for c in values.get("codes", [])]
        return cls(**values)
