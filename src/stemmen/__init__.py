"""Stemmen: qualitative data analysis on your own machine.

The public library API::

    import stemmen
    project = stemmen.open_project("amif42.stemmen")
    project.codebook.merge("visie en beleid", into="impact op de OCMW-werking")
"""

from typing import TYPE_CHECKING, Any

from stemmen.errors import (
    AlreadyExists,
    FormatError,
    ImportFailed,
    Invalid,
    NotFound,
    SchemaOutdated,
    StemmenError,
)

if TYPE_CHECKING:
    from stemmen.project import Project, create_project, open_project
    from stemmen.project.demo import build_demo
    from stemmen.project.reliability import agreement_table

__version__ = "0.1.0"

# The project layer (and SQLAlchemy, NumPy, SciPy below it) is imported on first use, so that
# ``stemmen --help`` and commands that need little start at once.
_LAZY = {
    "Project": "stemmen.project",
    "create_project": "stemmen.project",
    "open_project": "stemmen.project",
    "build_demo": "stemmen.project.demo",
    "agreement_table": "stemmen.project.reliability",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stemmen' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value

__all__ = [
    "AlreadyExists",
    "FormatError",
    "ImportFailed",
    "Invalid",
    "NotFound",
    "Project",
    "SchemaOutdated",
    "StemmenError",
    "agreement_table",
    "build_demo",
    "create_project",
    "open_project",
]
