"""Every table of a project on one MetaData: what migrations and schema checks compare with."""

from stemmen.store import schema_findings  # noqa: F401 - registers the analysis tables
from stemmen.store.schema import metadata

__all__ = ["metadata"]
