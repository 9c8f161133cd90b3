"""Every user-facing message in the code has a Dutch and a French translation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stemmen.i18n import catalog, translate

SRC = Path(__file__).resolve().parents[2] / "src" / "stemmen"
ERRORS = {"NotFound", "AlreadyExists", "Invalid", "SchemaOutdated", "StemmenError"}
HEADER_CALLS = {"print_table"}


def messages(folders: tuple[str, ...] = ("cli", "project", "store", "model", "formats",
                                         "stats")) -> set[str]:
    """English messages: ``_("…")`` calls, error templates and table headers."""
    found: set[str] = set()
    for folder in folders:
        for path in (SRC / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                first = node.args[0]
                if (name in {"_", "translate"} | ERRORS and isinstance(first, ast.Constant)
                        and isinstance(first.value, str)):
                    found.add(first.value)
                if name in HEADER_CALLS and isinstance(first, ast.List):
                    found |= {e.value for e in first.elts if isinstance(e, ast.Constant)}
    return found


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_message_is_translated(lang):
    missing = sorted(m for m in messages() if m not in catalog(lang))
    assert not missing, f"{len(missing)} messages lack a {lang} translation: {missing[:20]}"


def test_translation_fills_placeholders_and_falls_back_to_english():
    assert translate("Imported {n} document(s).", "nl", n=3) == "3 document(en) geïmporteerd."
    assert translate("Imported {n} document(s).", "fr", n=3) == "3 document(s) importé(s)."
    assert translate("A sentence nobody translated {x}.", "nl", x=1) == (
        "A sentence nobody translated 1.")


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_translations_keep_the_placeholders(lang):
    import string

    for english, translated in catalog(lang).items():
        names = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert names == {f for _, f, _, _ in string.Formatter().parse(translated) if f}, english
