"""A suggestion model of one of three kinds, and its calibrated probabilities.

``lexical`` and ``semantic`` are one base model each; ``combined`` keeps both and stacks their
scores per code (see :func:`stemmen.suggest.evaluate.calibrate`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import joblib
import numpy as np
from numpy.typing import NDArray

from stemmen.suggest.lexical import Floats, LexicalModel
from stemmen.suggest.semantic import DESCRIPTION, SemanticModel, Vectors

KINDS = ("lexical", "semantic", "combined")
LEXICAL = "TF-IDF word 1-2 + char 3-5 n-grams, one-vs-rest logistic regression"


def bases(kind: str) -> tuple[str, ...]:
    """The base models of a kind, in the order of their score columns."""
    return ("lexical", "semantic") if kind == "combined" else (kind,)


def describe(kind: str) -> str:
    """The model as the trust report names it."""
    if kind == "lexical":
        return f"lexical: {LEXICAL}"
    if kind == "semantic":
        return f"semantic: {DESCRIPTION}, one-vs-rest logistic regression"
    return (f"combined: lexical ({LEXICAL}) and semantic ({DESCRIPTION}), stacked per code by "
            "a logistic regression on their held-out scores")


def probability(scores: Floats, params: Sequence[float]) -> Floats:
    """sigmoid(sum a_i * s_i + b) of scores (n x m, or n for one base model)."""
    weights = np.asarray(params[:-1], dtype=float)
    matrix = np.asarray(scores, dtype=float).reshape(-1, len(weights))
    result: Floats = 1.0 / (1.0 + np.exp(-(matrix @ weights + params[-1])))
    return result


class SuggestModel:
    """Fitted base models for ``codes``; :meth:`scores` gives units x codes x bases."""

    def __init__(self, kind: str, codes: Sequence[str]) -> None:
        self.kind = kind
        self.codes = list(codes)
        self.lexical = LexicalModel(codes) if "lexical" in bases(kind) else None
        self.semantic = SemanticModel(codes) if "semantic" in bases(kind) else None

    @property
    def needs_vectors(self) -> bool:
        return self.semantic is not None

    def fit(self, texts: Sequence[str], vectors: Vectors | None,
            present: NDArray[np.bool_]) -> SuggestModel:
        if self.lexical is not None:
            self.lexical.fit(texts, present)
        if self.semantic is not None:
            assert vectors is not None
            self.semantic.fit(vectors, present)
        return self

    def scores(self, texts: Sequence[str], vectors: Vectors | None = None) -> Floats:
        columns = []
        if self.lexical is not None:
            columns.append(self.lexical.scores(texts))
        if self.semantic is not None:
            if vectors is None:
                raise ValueError("the semantic model needs the units' vectors")
            columns.append(self.semantic.scores(vectors))
        return np.stack(columns, axis=2)

    def to_bytes(self) -> bytes:
        """The fitted models as joblib (pickle) bytes: load them only from the project."""
        buffer = io.BytesIO()
        joblib.dump({"kind": self.kind, "codes": self.codes,
                     "pipeline": self.lexical.pipeline if self.lexical else None,
                     "semantic": self.semantic.classifier if self.semantic else None},
                    buffer, compress=3)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> SuggestModel:
        """A model stored by :meth:`to_bytes`, or a lexical model stored before there were
        kinds (pickle: trusted input only)."""
        loaded: dict[str, Any] = joblib.load(io.BytesIO(data))
        model = cls(loaded.get("kind", "lexical"), loaded["codes"])
        if model.lexical is not None:
            model.lexical.pipeline = loaded["pipeline"]
        if model.semantic is not None:
            model.semantic.classifier = loaded["semantic"]
        return model
