"""Agreement weights between categories (Gwet 2014, ch. 3): 1 on the diagonal, 0 = no credit."""

from __future__ import annotations

from typing import Literal

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.arrays import Floats
from stemmen.stats.ratings import Ratings

WeightsName = Literal["linear", "quadratic"]
Weights = WeightsName | Literal["identity"] | Floats | None
WEIGHTS_BY: tuple[str, ...] = ("values", "ranks")


def category_positions(ratings: Ratings, weights_by: str = "values") -> Floats:
    """Where each category sits on the scale.

    ``"values"`` (Stemmen's default, as Gwet 2014): its value if every category is a number,
    else its rank 1..q. ``"ranks"`` (irr's kappa2, scikit-learn's cohen_kappa_score): its rank
    among the categories that occur in the ratings, 1..m, whatever the labels say; categories
    that never occur sit between their neighbours (they carry no weight anyway).
    """
    if weights_by not in WEIGHTS_BY:
        raise Invalid("Unknown weights_by {by}: use values or ranks.", by=weights_by)
    values = ratings.values
    if weights_by == "values" and values is not None:
        return values
    if weights_by == "values" or ratings.n_categories == 0:
        return np.arange(1.0, ratings.n_categories + 1)
    used = np.zeros(ratings.n_categories, dtype=bool)
    codes = ratings.codes[ratings.codes >= 0]
    used[codes] = True
    if not used.any():
        return np.arange(1.0, ratings.n_categories + 1)
    at = np.nonzero(used)[0]
    return np.asarray(np.interp(np.arange(ratings.n_categories), at, np.arange(1.0, at.size + 1)),
                      dtype=np.float64)


def named_weights(name: str | None) -> Weights:
    """Weights given by name, as a face or a file passes them (None: exact agreement)."""
    match name:
        case None | "linear" | "quadratic" | "identity":
            return name
    raise Invalid("Unknown weights {weights}: use linear or quadratic.", weights=name)


def resolve_weights(weights: Weights, ratings: Ratings, weights_by: str = "values") -> Weights:
    """Named weights as the matrix they mean under ``weights_by`` (anything else unchanged), so
    every coefficient of one table uses the same scale."""
    if isinstance(weights, str) and weights != "identity":
        return weight_matrix(weights, ratings, weights_by)
    if weights_by not in WEIGHTS_BY:
        raise Invalid("Unknown weights_by {by}: use values or ranks.", by=weights_by)
    return weights


def weight_matrix(weights: Weights, ratings: Ratings,
                  weights_by: str = "values") -> Floats | None:
    """The q x q agreement-weight matrix for ``weights``; None for exact agreement (identity),
    which the coefficients handle without building a q x q matrix.

    Linear: 1 - |x_k - x_l| / (max - min); quadratic: 1 - (x_k - x_l)^2 / (max - min)^2, where
    x are the positions of :func:`category_positions` (values or ranks, see ``weights_by``).
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
    x = category_positions(ratings, weights_by)
    if q < 2:
        return np.ones((q, q))
    span = float(x.max() - x.min()) or 1.0
    diff = np.abs(x[:, None] - x[None, :]) / span
    matrix: Floats = 1.0 - (diff if weights == "linear" else diff**2)
    return matrix


def weights_name(weights: Weights) -> str | None:
    """How the weights are reported in JSON: None, "linear", "quadratic" or "custom"."""
    if weights is None or isinstance(weights, str):
        return weights
    return "custom"
