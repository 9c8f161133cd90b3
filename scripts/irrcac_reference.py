"""Write tests/data/oracles/irrcac_reference.json: irrCAC's figures on Gwet's data sets.

irrCAC (Gwet's formulas, ported from his R package irrCAC) pins an old SciPy and pandas, so it is
not a test dependency: run this once in an environment of its own and commit the JSON::

    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install irrCAC==0.4.4
    /tmp/oracle/bin/python scripts/irrcac_reference.py

The JSON keeps the data sets themselves (as rows of ratings, null = missing) beside the
coefficient, standard error and 95% interval of each method and weighting.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pandas as pd
from irrCAC.datasets import raw_4raters, raw_5observers, raw_g1g2
from irrCAC.raw import CAC

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "oracles" / "irrcac_reference.json"
METHODS = ("gwet", "fleiss", "conger", "bp")


def rows(frame: pd.DataFrame) -> list[list[object]]:
    return [[None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row]
            for row in frame.itertuples(index=False)]


def main() -> None:
    data: dict[str, object] = {
        "source": f"irrCAC {version('irrCAC')} (pip), CAC(frame, weights, digits=12)",
        "datasets": {}, "results": []}
    for make in (raw_4raters, raw_5observers, raw_g1g2):
        frame = make()
        data["datasets"][make.__name__] = rows(frame)
        for weights in ("identity", "linear", "quadratic"):
            cac = CAC(frame, weights=weights, digits=12)
            for method in METHODS:
                est = getattr(cac, method)()["est"]
                low, high = est["confidence_interval"]
                data["results"].append({
                    "dataset": make.__name__, "weights": weights, "method": method,
                    "coefficient": float(est["coefficient_value"]), "se": float(est["se"]),
                    "ci_low": float(low), "ci_high": float(high)})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
