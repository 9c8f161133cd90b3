"""Agreement weights between categories (Gwet 2014, ch. 3): 1 on the diagonal, 0 = no credit."""

from __future__ import annotations

from typing import Literal

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.ratings import Ratings

WeightsName = Literal["linear", "quadratic"]
Weights = WeightsName | np.ndarray | None


def category_positions(ratings: Ratings) -> np.ndarray:
    """Where each category sits on the scale: its value if all are numbers, else 1..q."""
    values = ratings.values
    return values if values is not None else np.arange(1.0, ratings.n_categories + 1)


def weight_matrix(weights: Weights, ratings: Ratings) -> np.ndarray | None:
    """The q x q agreement-weight matrix for ``weights``; None for exact agreement (identity),
    which the coefficients handle without building a q x q matrix.

    Linear: 1 - |x_k - x_l| / (max - min); quadratic: 1 - (x_k - x_l)^2 / (max - min)^2, where
    x are the category values (numbers) or ranks (labels sorted as text), as in Gwet (2014).
    """
    q = ratings.n_categories
    if weights is None or (isinstance(weights, str) and weights == "identity"):
        return None
    if isinstance(weights, np.ndarray):
        if weights.shape != (q, q):
            raise Invalid("The weight matrix must be {q} x {q}.", q=q)
        return weights.astype(float)
    if weights not in ("linear", "quadratic"):
        raise Invalid("Unknown weights {weights}: use linear or quadratic.", weights=weights)
    x = category_positions(ratings)
    if q < 2:
        return np.ones((q, q))
    span = float(x.max() - x.min())
    diff = np.abs(x[:, None] - x[None, :]) / span
    return 1.0 - (diff if weights == "linear" else diff**2)


def weights_name(weights: Weights) -> str | None:
    """How the weights are reported in JSON: None, "linear", "quadratic" or "custom"."""
    if weights is None or isinstance(weights, str):
        return weights
    return "custom"
