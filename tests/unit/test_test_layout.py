"""Test modules live in folders without __init__.py, so pytest imports them by base name:
two modules with the same name stop the whole run's collection. Keep the names unique."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_every_test_module_has_a_name_of_its_own():
    names = Counter(p.name for p in TESTS.rglob("*.py") if p.name != "conftest.py")
    assert [name for name, n in names.items() if n > 1] == []
