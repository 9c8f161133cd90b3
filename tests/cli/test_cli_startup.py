"""Commands start at once: the CLI imports no heavy library until a command needs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

import stemmen

HEAVY = ("scipy", "statsmodels", "pandas", "sklearn", "alembic", "docx", "pptx", "pypdfium2",
         "weasyprint", "matplotlib", "numpy", "openpyxl", "lxml")


def imported(code: str, *args: str) -> set[str]:
    """Top-level packages imported by ``python -X importtime -c code``."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *args],
                         capture_output=True, text=True, check=True)
    names = set()
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_importing_the_cli_imports_no_heavy_library():
    found = imported("import stemmen.cli")
    assert "stemmen" in found and "typer" in found  # the parse is right
    assert not found & set(HEAVY), sorted(found & set(HEAVY))


def test_listing_documents_imports_no_statistics_and_no_alembic(tmp_path):
    path = tmp_path / "p.stemmen"
    with stemmen.create_project(path) as project:
        project.documents.add("d", "Interviewer: hallo\n")
    code = ("import sys; from stemmen.cli import app; sys.argv = ['stemmen', 'documents', "
            f"'list', {str(path)!r}]\ntry:\n    app()\nexcept SystemExit:\n    pass")
    found = imported(code)
    assert "sqlalchemy" in found
    assert not found & {"scipy", "statsmodels", "pandas", "sklearn", "alembic", "matplotlib"}


@pytest.mark.parametrize("attribute", ["open_project", "create_project", "Project",
                                       "build_demo", "agreement_table"])
def test_the_public_api_still_offers_its_names(attribute):
    assert callable(getattr(stemmen, attribute))
    assert attribute in stemmen.__all__
