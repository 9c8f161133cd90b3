"""The `stemmen agreement --table` contract, checked against published worked examples."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stemmen.cli import app

runner = CliRunner()

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, missing values marked None. Published: nominal .743, ordinal .815,
# interval .849, ratio .797.
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def _table(tmp_path, data):
    lines = ["unit,coder,label"]
    for coder, values in data.items():
        lines += [f"u{i + 1},{coder},{v}" for i, v in enumerate(values) if v is not None]
    path = tmp_path / "table.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _agreement(*args):
    result = runner.invoke(app, ["agreement", *map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("level,expected", [
    ("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_2011_worked_example(tmp_path, level, expected):
    data = _agreement("--table", _table(tmp_path, KRIPPENDORFF_2011), "--level", level)
    assert data["n_units"] == 12 and data["n_coders"] == 4
    assert data["cohen_kappa"] is None  # four coders
    assert round(data["krippendorff_alpha"], 3) == expected


def test_contract_keys_and_cohen_1960_style_two_coder_table(tmp_path):
    # Two coders, 10 units; po = .7, pe = .5*.4 + .5*.6 = .5 → kappa = .4 (Cohen 1960 formula).
    a = ["x", "x", "x", "x", "x", "y", "y", "y", "y", "y"]
    b = ["x", "x", "x", "y", "y", "y", "y", "y", "y", "x"]
    data = _agreement("--table", _table(tmp_path, {"a": a, "b": b}))
    for key in ("n_units", "n_coders", "percent_agreement", "cohen_kappa", "scott_pi",
                "fleiss_kappa", "conger_kappa", "krippendorff_alpha", "gwet_ac1",
                "brennan_prediger"):
        assert key in data
    assert data["percent_agreement"] == pytest.approx(0.7)
    assert data["cohen_kappa"] == pytest.approx(0.4)
    assert data["brennan_prediger"] == pytest.approx(0.4)  # 2 categories: (0.7 - 0.5) / 0.5


def test_weights_follow_the_option(tmp_path):
    a = [1, 2, 3, 1, 2, 3, 1, 2]
    b = [1, 2, 2, 2, 2, 3, 1, 3]
    from sklearn.metrics import cohen_kappa_score

    for weights in ("linear", "quadratic"):
        data = _agreement("--table", _table(tmp_path, {"a": a, "b": b}), "--weights", weights)
        assert data["cohen_kappa"] == pytest.approx(cohen_kappa_score(a, b, weights=weights))


def test_multi_code_units_report_per_label(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text("unit,coder,label\n1,a,R-tolk\n1,a,T-mondeling\n1,b,R-tolk\n"
                    "2,a,T-mondeling\n2,b,T-mondeling\n3,b,R-tolk\n3,a,R-tolk\n",
                    encoding="utf-8")
    data = _agreement("--table", path)
    assert set(data["per_label"]) == {"R-tolk", "T-mondeling"}
    assert data["per_label"]["R-tolk"]["percent_agreement"] == 1.0
    assert data["per_label"]["T-mondeling"]["percent_agreement"] == pytest.approx(2 / 3)
