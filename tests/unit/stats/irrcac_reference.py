"""irrCAC's figures on Gwet's data sets, kept as test data (tests/data/oracles/, written by
scripts/irrcac_reference.py) so the dev install needs neither irrCAC nor its old SciPy."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FILE = Path(__file__).resolve().parents[2] / "data" / "oracles" / "irrcac_reference.json"
DATASETS = ("raw_4raters", "raw_5observers", "raw_g1g2")


@cache
def _data() -> dict[str, Any]:
    return json.loads(FILE.read_text(encoding="utf-8"))


def dataset(name: str) -> list[list[Any]]:
    """The data set's rows of ratings (None = missing), as irrCAC ships it."""
    return [list(row) for row in _data()["datasets"][name]]


def result(name: str, method: str, weights: str) -> dict[str, float]:
    """irrCAC's coefficient, se, ci_low and ci_high for one data set, method and weighting."""
    for row in _data()["results"]:
        if (row["dataset"], row["method"], row["weights"]) == (name, method, weights):
            return row
    raise KeyError((name, method, weights))
