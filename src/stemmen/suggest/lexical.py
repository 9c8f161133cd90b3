"""The lexical model: TF-IDF over words (1-2 grams) and characters (3-5 grams within words),
one-vs-rest logistic regression, one column per code; probabilities by Platt scaling."""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from typing import Any

import joblib
import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

Floats = NDArray[np.float64]


def _pipeline() -> Pipeline:
    features = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                  strip_accents="unicode")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                  sublinear_tf=True, max_features=60_000)),
    ])
    classifier = OneVsRestClassifier(LogisticRegression(
        solver="liblinear", class_weight="balanced", C=4.0))
    return Pipeline([("features", features), ("classifier", classifier)])


def platt(scores: Floats, a: float, b: float) -> Floats:
    """Platt's sigmoid: the probability of a score."""
    result: Floats = 1.0 / (1.0 + np.exp(-(a * scores + b)))
    return result


class LexicalModel:
    """A fitted pipeline for ``codes`` (in column order)."""

    def __init__(self, codes: Sequence[str]) -> None:
        self.codes = list(codes)
        self.pipeline = _pipeline()

    def fit(self, texts: Sequence[str], present: NDArray[np.bool_]) -> LexicalModel:
        """Learn from unit texts and a units x codes presence matrix."""
        with warnings.catch_warnings():  # a code absent from a training fold: constant scores
            warnings.simplefilter("ignore", UserWarning)
            self.pipeline.fit(list(texts), present.astype(np.int8))
        return self

    def scores(self, texts: Sequence[str]) -> Floats:
        """Decision scores, units x codes (higher: more likely)."""
        if not texts:
            return np.zeros((0, len(self.codes)))
        raw = np.asarray(self.pipeline.decision_function(list(texts)), dtype=float)
        return raw.reshape(len(texts), len(self.codes))

    def to_bytes(self) -> bytes:
        """The fitted model as joblib (pickle) bytes: load them only from the project itself."""
        buffer = io.BytesIO()
        joblib.dump({"codes": self.codes, "pipeline": self.pipeline}, buffer, compress=3)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LexicalModel:
        """A model stored by :meth:`to_bytes` (pickle: trusted input only)."""
        loaded: dict[str, Any] = joblib.load(io.BytesIO(data))
        model = cls(loaded["codes"])
        model.pipeline = loaded["pipeline"]
        return model
