"""Stemmen: qualitative data analysis on your own machine.

The public library API::

    import stemmen
    project = stemmen.open_project("amif42.stemmen")
    project.codebook.merge("visie en beleid", into="impact op de OCMW-werking")
"""

from stemmen.errors import (
    AlreadyExists,
    FormatError,
    ImportFailed,
    Invalid,
    NotFound,
    SchemaOutdated,
    StemmenError,
)
from stemmen.project import Project, create_project, open_project
from stemmen.project.demo import build_demo
from stemmen.project.reliability import agreement_table

__version__ = "0.1.0"

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
