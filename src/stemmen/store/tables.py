"""Every table of a project on one MetaData: what migrations and schema checks compare with."""

from stemmen.store import (  # noqa: F401 - each registers its tables
    schema_findings,
    schema_media,
    schema_privacy,
    schema_report,
    schema_rounds,
    schema_study,
    schema_suggest,
    schema_units,
    schema_users,
    schema_versions,
)
from stemmen.store.schema import metadata

__all__ = ["metadata"]
