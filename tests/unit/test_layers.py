"""The layer contracts in pyproject.toml are enforced: a forbidden import in a copy of the tree
makes ``lint-imports`` fail, and the tree as it is keeps every contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run([str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "src", tree / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


@pytest.mark.parametrize("module,line,contract", [
    ("web/app.py", "import stemmen.store.schema", "Faces use the project"),
    ("cli/output.py", "import stemmen.formats", "Faces use the project"),
    ("stats/bands.py", "import stemmen.store", "Layers"),
    ("store/values.py", "import stemmen.project", "Layers"),
    ("model/codes.py", "import numpy", "standard library only"),
    ("project/findings.py", "import sqlalchemy", "Only store talks SQL"),
    ("privacy/rules.py", "import stemmen.store", "Privacy detection reads plain text"),
])
def test_a_forbidden_import_breaks_a_contract(copy, module, line, contract):
    path = copy / "src" / "stemmen" / module
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + f"\n{line}  # noqa\n", encoding="utf-8")
        result = lint(copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout


def test_the_tree_keeps_every_contract(copy):
    result = lint(copy)
    assert result.returncode == 0, result.stdout[-2000:]
